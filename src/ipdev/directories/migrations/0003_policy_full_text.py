"""The policies' full text (see ipdev.directories.fulltext): FTS5 or a tsvector, per engine."""

from django.db import migrations

from ipdev.directories.fulltext import POSTGRES_TABLE, SQLITE_TABLE


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_TABLE)
    elif vendor == "postgresql":
        for sql in POSTGRES_TABLE:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS directories_policy_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS directories_policy_text")


class Migration(migrations.Migration):
    dependencies = [
        ("directories", "0002_st3_jurisdictions"),
        ("search", "0001_initial"),  # search_fold() on PostgreSQL
    ]

    operations = [migrations.RunPython(create, drop)]
