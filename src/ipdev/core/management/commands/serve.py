"""`ipdev serve`: serve the platform with waitress (a production-grade pure-Python WSGI server)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve ipdev over HTTP (waitress). Static files are served by WhiteNoise."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host: str, port: int, threads: int, **options):
        from waitress import serve

        from ipdev.wsgi import application

        self.stdout.write(f"ipdev serving on http://{host}:{port}/ (Ctrl+C to stop)")
        serve(application, host=host, port=port, threads=threads, ident="ipdev")
