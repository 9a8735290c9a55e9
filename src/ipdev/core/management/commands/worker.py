"""`ipdev worker`: run background jobs and the scheduler's periodic tasks."""

import signal
import threading

from django.core.management.base import BaseCommand

from ipdev.core import jobs


class Command(BaseCommand):
    help = (
        "Run background jobs and periodic tasks until stopped (SIGTERM or Ctrl+C finish the "
        "job under way first). --once runs what is due now and exits (for cron or a check)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One round, then exit.")
        parser.add_argument(
            "--sleep", type=float, default=5.0, help="Seconds between rounds when idle."
        )

    def handle(self, *args, once: bool, sleep: float, **options):
        names = sorted(jobs.tasks())
        if once:
            ran = jobs.run_due()
            for job in ran:
                self.stdout.write(f"{job.name} #{job.pk}: {job.state} {job.result or ''}".strip())
            failed = [job for job in ran if job.state == job.State.FAILED]
            if failed:
                raise SystemExit(1)
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        self.stdout.write(f"ipdev worker: {len(names)} tasks ({', '.join(names)})")
        jobs.loop(stop=stop, sleep=sleep)
        self.stdout.write("ipdev worker stopped")
