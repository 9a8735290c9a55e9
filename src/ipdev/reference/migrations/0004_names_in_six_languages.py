"""Every reference row is now named in all six UN languages: reload the data files.

The loader upserts every row by primary key, so an existing database gets the new `names`
without touching anything that refers to the rows.
"""

from django.db import migrations


def load(apps, schema_editor):
    from ipdev.reference.loader import load_reference_data

    load_reference_data(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("reference", "0003_ldc_graduations_2026")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
