"""`ipdev reindex`: rebuild the search index from the database."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from ipdev.activities import indexing
from ipdev.activities.models import Activity
from ipdev.search import engine


class Command(BaseCommand):
    help = "Rebuild the activity search index."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="only when the index is empty while activities exist (after an index upgrade)",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and (engine.document_count() or not Activity.objects.exists()):
            return
        started = time.perf_counter()
        with transaction.atomic():
            count = indexing.rebuild()
        self.stdout.write(f"Indexed {count:,} activities in {time.perf_counter() - started:.1f} s.")
