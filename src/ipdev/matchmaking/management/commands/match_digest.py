"""`ipdev match_digest`: send the daily digests of WIPO Match notifications (run it daily)."""

from django.core.management.base import BaseCommand

from ipdev.matchmaking import notify


class Command(BaseCommand):
    help = "Send each user who chose a daily digest their waiting WIPO Match notifications."

    def handle(self, *args, **options):
        self.stdout.write(f"{notify.send_digests()} digest emails sent.")
