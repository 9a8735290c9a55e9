"""`ipdev restore DATABASE [--media ARCHIVE]`: put a backup back (stop the server first)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ipdev.core import backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `ipdev backup`: the database file (.sqlite3 or .dump) and, "
        "with --media, the uploaded files. Stop the server and the job worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("database", type=Path)
        parser.add_argument("--media", type=Path, default=None)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, database: Path, media: Path | None, yes: bool, **options):
        if not database.exists():
            raise CommandError(f"database: no file at {database}")
        if media is not None and not media.exists():
            raise CommandError(f"--media: no file at {media}")
        if not yes and input("This replaces all current data. Type 'yes': ").strip() != "yes":
            raise CommandError("not restored")
        backup.restore(database=database, media=media)
        self.stdout.write(f"restored {database}" + (f" and {media}" if media else ""))
