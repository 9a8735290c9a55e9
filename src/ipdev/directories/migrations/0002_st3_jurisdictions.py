"""The ST.3 jurisdictions: the reference countries and the regional and international offices."""

from django.db import migrations


def load(apps, schema_editor):
    from ipdev.directories.loader import load as fill

    fill(
        apps.get_model("directories", "Jurisdiction"),
        apps.get_model("reference", "Country"),
        descriptions=False,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("directories", "0001_initial"),
        ("reference", "0004_names_in_six_languages"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
