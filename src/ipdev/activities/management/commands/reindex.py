"""`ipdev reindex`: rebuild the search index from the database."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from ipdev.activities import indexing


class Command(BaseCommand):
    help = "Rebuild the activity search index."

    def handle(self, *args, **options):
        started = time.perf_counter()
        with transaction.atomic():
            count = indexing.rebuild()
        self.stdout.write(f"Indexed {count:,} activities in {time.perf_counter() - started:.1f} s.")
