"""Bangladesh, Lao PDR and Nepal left the LDC category on 24 November 2026: reload the data.

The loader upserts every row from the data files, so this brings an existing database in step
with countries.json. Activities keep their countries; the search index's country-group facet
follows at the next `ipdev reindex`.
"""

from django.db import migrations


def load(apps, schema_editor):
    from ipdev.reference.loader import load_reference_data

    load_reference_data(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("reference", "0002_load_reference_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
