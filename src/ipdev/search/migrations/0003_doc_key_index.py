"""An index on search_doc's sort key: a query without text streams its matches in key order
straight from the table (ipdev.search.scan), e.g. an export, without loading the index."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0002_bitmap_index")]
    operations = [
        migrations.RunSQL(
            "CREATE INDEX search_doc_key ON search_doc (key)", "DROP INDEX search_doc_key"
        )
    ]
