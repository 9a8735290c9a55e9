"""`ipdev demo`: load realistic, deterministic demo data."""

import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from ipdev.activities import demo
from ipdev.activities.models import Activity


class Command(BaseCommand):
    help = "Create demo activities (through the services), consents and demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--activities", type=int, default=500, help="How many activities.")
        parser.add_argument("--seed", type=int, default=2007)
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when activities already exist."
        )
        parser.add_argument(
            "--activities-only",
            action="store_true",
            help="Load the activities, consents and accounts, not the other domains' demo data.",
        )

    def handle(
        self, *args, activities: int, seed: int, if_empty: bool, activities_only: bool, **options
    ):
        if activities < 0:
            raise CommandError("--activities must be zero or more.")
        if if_empty and Activity.objects.exists():
            self.stdout.write("Activities already exist; no demo data loaded.")
            return
        started = time.perf_counter()
        count = demo.generate(activities=activities, seed=seed)
        # The domains built on the activities add theirs through a `load_demo` hook on their
        # AppConfig, in INSTALLED_APPS order, so this app does not import the apps above it.
        for config in apps.get_app_configs():
            if hasattr(config, "load_demo") and not activities_only:
                self.stdout.write(config.load_demo(seed=seed))
        self.stdout.write(
            f"Created {count:,} demo activities in {time.perf_counter() - started:.1f} s. "
            f"Demo accounts: admin, staff, focal.kenya, focal.peru, public, consultant, provider "
            f"(password {demo.DEMO_PASSWORD!r}; for local trials only)."
        )
