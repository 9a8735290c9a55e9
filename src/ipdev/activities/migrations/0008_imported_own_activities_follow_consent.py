"""Activities of this instance's own organisation that arrived by IATI import follow the consent
rule: they are kept as ``own``, no longer as another publisher's (``iati``, public in full)."""

from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Lower, Trim


def mark_own(apps, schema_editor):
    own = (settings.IPDEV_REPORTING_ORG_REF or "").strip().lower()
    if not own:
        return
    Activity = apps.get_model("activities", "Activity")
    imported = Activity.objects.filter(source="iati")
    by_org = imported.annotate(ref=Lower(Trim("reporting_org__ref"))).filter(ref=own)
    by_identifier = imported.annotate(ident=Lower(Trim("identifier"))).filter(
        ident__startswith=own + "-"
    )
    by_org.update(source="own")
    by_identifier.update(source="own")


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0007_updated_at_indexed"),
    ]

    operations = [
        migrations.AlterField(
            model_name="activity",
            name="source",
            field=models.CharField(
                choices=[
                    ("ipdev", "Entered in ipdev"),
                    ("iati", "Imported from IATI"),
                    ("own", "Imported from IATI, of this organisation"),
                ],
                default="ipdev",
                max_length=5,
            ),
        ),
        migrations.RunPython(mark_own, migrations.RunPython.noop),
    ]
