"""Which countries technical assistance can go to: a new column, filled from countries.json.

153 beneficiaries (41 LDCs, 95 other developing countries, 17 in transition): UN member and
observer states that are not developed. Territories and developed countries are left out of
the pickers and facets that ask for a beneficiary country; their rows stay, so nothing that
refers to them breaks.
"""

from django.db import migrations, models


def load(apps, schema_editor):
    from ipdev.reference.loader import load_reference_data

    load_reference_data(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("reference", "0005_country_ldc_graduated")]

    operations = [
        migrations.AddField(
            model_name="country",
            name="beneficiary",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
