"""Drop the single-column activity_id index of each many-to-many table of Activity.

Django gives every foreign key of an automatic through table its own index, but the table's
unique (activity_id, other_id) index starts with activity_id and serves the same look-ups. The
extra index only cost a b-tree insert per row: an IATI import writes several through rows for
each activity. Done through introspection, so the index is found by its columns whatever its
name on either database; the reverse creates it again as Django would.
"""

from django.db import migrations

M2M = (
    "countries",
    "regions",
    "sdgs",
    "ip_areas",
    "da_recommendations",
    "expected_results",
    "partners",
    "languages",
)


def _throughs(apps):
    activity = apps.get_model("activities", "Activity")
    for name in M2M:
        yield activity._meta.get_field(name).remote_field.through


def drop(apps, schema_editor):
    connection = schema_editor.connection
    for through in _throughs(apps):
        table = through._meta.db_table
        column = through._meta.get_field("activity").column
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, table)
        for index, info in constraints.items():
            if info["index"] and not info["unique"] and info["columns"] == [column]:
                schema_editor.execute(schema_editor._delete_index_sql(through, index))


def create(apps, schema_editor):
    for through in _throughs(apps):
        field = through._meta.get_field("activity")
        schema_editor.execute(schema_editor._create_index_sql(through, fields=[field]))


class Migration(migrations.Migration):
    dependencies = [("activities", "0003_alter_activity_ip_areas")]

    operations = [migrations.RunPython(drop, create)]
