"""The search index tables, written per engine (no Django models: FTS5 and tsvector are not ORM).

SQLite: an FTS5 table whose rowid is the sort key (date ordinal << 32 | id) and whose `tags`
column holds the facet values as private-use tokens, a side table from id to key with the
document's value codes, the value table with maintained totals, and a document counter.
PostgreSQL: one row per document with a stored tsvector (GIN), the value codes as int4[] (GIN)
and the date, plus the same value table and counter. Other engines get nothing.
"""

from django.db import migrations, transaction

SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, tags, tokenize = 'unicode61 remove_diacritics 2', detail = full
    )""",
    """CREATE TABLE search_doc (
        key INTEGER PRIMARY KEY,
        id INTEGER NOT NULL UNIQUE,
        codes BLOB NOT NULL
    )""",
    """CREATE TABLE search_value (
        code INTEGER PRIMARY KEY,
        facet TEXT NOT NULL,
        value TEXT NOT NULL,
        total INTEGER NOT NULL DEFAULT 0,
        UNIQUE (facet, value)
    )""",
    "CREATE TABLE search_meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    "INSERT INTO search_meta (name, value) VALUES ('documents', 0)",
]

POSTGRES = [
    """CREATE TABLE search_document (
        id bigint PRIMARY KEY,
        date date NOT NULL,
        tsv tsvector NOT NULL,
        codes int4[] NOT NULL
    )""",
    "CREATE INDEX search_document_tsv ON search_document USING gin (tsv)",
    "CREATE INDEX search_document_codes ON search_document USING gin (codes)",
    "CREATE INDEX search_document_date ON search_document (date DESC, id DESC)",
    """CREATE TABLE search_value (
        code serial PRIMARY KEY,
        facet text NOT NULL,
        value text NOT NULL,
        total integer NOT NULL DEFAULT 0,
        UNIQUE (facet, value)
    )""",
    "CREATE TABLE search_meta (name text PRIMARY KEY, value bigint NOT NULL)",
    "INSERT INTO search_meta (name, value) VALUES ('documents', 0)",
]

DROP = [
    "DROP TABLE IF EXISTS search_fts",
    "DROP TABLE IF EXISTS search_doc",
    "DROP TABLE IF EXISTS search_document",
    "DROP TABLE IF EXISTS search_value",
    "DROP TABLE IF EXISTS search_meta",
]


def _postgres_fold_function(schema_editor):
    """search_fold(text): unaccent when the extension can be had, identity otherwise."""
    body = "SELECT $1"
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    except Exception:  # no privilege or not installed: accents then count, case still not
        pass
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
            " WHERE e.extname = 'unaccent'"
        )
        row = cursor.fetchone()
    if row:
        schema = '"' + row[0].replace('"', '""') + '"'
        # The two-argument form with a qualified dictionary is safe to declare IMMUTABLE.
        body = f"SELECT {schema}.unaccent('{row[0]}.unaccent'::regdictionary, $1)"
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION search_fold(text) RETURNS text"
        f" LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fold$ {body} $fold$"
    )


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        _postgres_fold_function(schema_editor)
        for sql in POSTGRES:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor in {"sqlite", "postgresql"}:
        for sql in DROP:
            schema_editor.execute(sql)
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("DROP FUNCTION IF EXISTS search_fold(text)")


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(forwards, backwards)]
