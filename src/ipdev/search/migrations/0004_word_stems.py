"""search_stem: each indexed word under its stems in the six languages, so that a query word
finds the other forms of its stems (``brevet``: ``brevets``; ``patente``: ``patents``) without
more postings (ipdev.search.store.word_codes). A word that is its own stem has no row: it is
found by itself. The words already indexed get their rows here."""

from django.db import migrations

from ipdev.core.stemming import stems

TABLES = {
    "sqlite": "CREATE TABLE search_stem (stem TEXT NOT NULL, code INTEGER NOT NULL,"
    " PRIMARY KEY (stem, code)) WITHOUT ROWID",
    "postgresql": 'CREATE TABLE search_stem (stem text COLLATE "C" NOT NULL, code integer NOT NULL,'
    " PRIMARY KEY (stem, code))",
}
CHUNK = 10_000


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in TABLES:
        return
    schema_editor.execute(TABLES[vendor])
    with schema_editor.connection.cursor() as cursor:
        last = 0
        while True:
            cursor.execute(
                "SELECT code, word FROM search_word WHERE code > %s ORDER BY code LIMIT %s",
                [last, CHUNK],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            pairs = [(s, code) for code, word in rows for s in stems(word) if s != word]
            cursor.executemany(
                "INSERT INTO search_stem (stem, code) VALUES (%s, %s) ON CONFLICT DO NOTHING", pairs
            )
            last = rows[-1][0]


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor in TABLES:
        schema_editor.execute("DROP TABLE IF EXISTS search_stem")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_doc_key_index")]
    operations = [migrations.RunPython(forwards, backwards)]
