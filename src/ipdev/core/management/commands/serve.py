"""`ipdev serve`: serve the platform, one gunicorn process per core (waitress as a fallback)."""

from django.core.management.base import BaseCommand

from ipdev.core import serving


class Command(BaseCommand):
    help = (
        "Serve ipdev over HTTP. gunicorn runs one process per core with threads, the search "
        "index loaded before the processes fork; static files are served by WhiteNoise."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers",
            type=int,
            default=serving.default_workers(),
            help="Web processes (default: one per core).",
        )
        parser.add_argument("--threads", type=int, default=4, help="Threads per process.")
        parser.add_argument(
            "--worker",
            action="store_true",
            help="Also run the background jobs (`ipdev worker`) as a child process.",
        )
        parser.add_argument(
            "--server",
            choices=["gunicorn", "waitress"],
            default="gunicorn",
            help="waitress: one process with threads (for systems without fork).",
        )

    def handle(self, *args, host, port, workers, threads, worker, server, **options):
        if workers < 1 or threads < 1:
            self.stderr.write("--workers and --threads must be at least 1")
            raise SystemExit(2)
        from ipdev.core.siteurl import problems

        for problem in problems(serving=f"{host}:{port}"):
            self.stderr.write(self.style.WARNING(f"Warning: {problem}"))
        if server == "waitress":
            self._waitress(host=host, port=port, threads=threads, worker=worker)
            return
        self.stdout.write(
            f"ipdev serving on http://{host}:{port}/ with {workers} processes x {threads} "
            "threads (Ctrl+C to stop)"
        )
        serving.gunicorn_server(
            bind=f"{host}:{port}", workers=workers, threads=threads, job_worker=worker
        ).run()

    def _waitress(self, *, host, port, threads, worker):
        from waitress import serve

        from ipdev.wsgi import application

        serving.warm()
        child = serving.start_job_worker() if worker else None
        self.stdout.write(f"ipdev serving on http://{host}:{port}/ (Ctrl+C to stop)")
        try:
            serve(application, host=host, port=port, threads=threads, ident="ipdev")
        finally:
            if child is not None:
                child.terminate()
                child.wait(timeout=60)
