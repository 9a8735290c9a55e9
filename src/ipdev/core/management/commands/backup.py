"""`ipdev backup FOLDER`: the database and the uploaded files, consistent while the site runs."""

from pathlib import Path

from django.core.management.base import BaseCommand

from ipdev.core import backup


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup or pg_dump) and the uploaded files."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder: Path, **options):
        for path in backup.backup(folder=folder):
            self.stdout.write(str(path))
