"""Serving in production: gunicorn with one process per core, warmed before it forks.

Apps register what a process should load before it serves (`on_warm`: the search index); the
server runs it once in the parent and then forks its workers, which share the loaded pages
(copy-on-write, the inherited objects frozen out of the cycle collector so that collecting does
not copy them). Database connections are closed before forking: each worker opens its own.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import wait
from pathlib import Path

log = logging.getLogger("ipdev.serve")

_warmups: list[Callable[[], object]] = []


def on_warm(func: Callable[[], object]) -> Callable[[], object]:
    """Register `func` to run in the serving process before it takes requests."""
    if func not in _warmups:
        _warmups.append(func)
    return func


def warm() -> float:
    """Run every registered warm-up; returns the seconds it took."""
    from django.db import connections

    started = time.perf_counter()
    for func in _warmups:
        func()
    serve_sample_pages()
    connections.close_all()
    return time.perf_counter() - started


# The pages most visitors open first; served once per language before forking.
SAMPLE_PAGES = ("portal:home", "portal:search")


def serve_sample_pages() -> int:
    """Serve the home and search pages once in each language, through the WSGI application
    the workers will use, after the other warm-ups: what the first real request would do
    once per process is then done in the parent (the modules a request imports, the
    namespaced URL look-ups, the context processors, each language's formats). Nothing is
    written; a page that fails is logged, not raised. Returns how many answered 200."""
    from django.conf import settings
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.urls import reverse
    from django.utils import translation

    from ipdev.wsgi import application

    host, https = _address()
    answered = 0
    # A request's start and end close the database connections; these requests share the
    # caller's (as Django's test client does), and `warm` closes them all once it is done.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        for code, _name in settings.LANGUAGES:
            for name in SAMPLE_PAGES:
                with translation.override(code):
                    path = reverse(name)
                status = _get(application, path, host=host, https=https)
                if status == 200:
                    answered += 1
                else:
                    log.warning("warm-up: %s answered %s", path, status)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        translation.deactivate()
    return answered


def warm_threads(pool, threads: int, *, timeout: float = 30.0) -> int:
    """Serve the search page once in each of a worker's `threads` request threads (those of
    `pool`, or the calling thread when there is none), before the worker takes requests.

    What the parent warmed is shared, but each thread opens its own database connection, on
    which SQLite reads the schema and the compiled reads of a results page are built: about
    five times a warm page, which the first visitor of each thread would otherwise wait for.
    A barrier keeps each task on a thread of its own. Returns how many answered 200."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    from ipdev.wsgi import application

    host, https = _address()
    barrier = threading.Barrier(threads if pool is not None else 1)

    def one() -> int:
        with contextlib.suppress(threading.BrokenBarrierError):  # (then it warms what it can)
            barrier.wait(timeout)
        try:
            with translation.override(settings.LANGUAGE_CODE):
                path = reverse("portal:search")
            return _get(application, path, host=host, https=https)
        except Exception:  # a warm-up never stops a worker: its first visitor would only wait
            log.exception("warm-up of a request thread failed")
            return 0
        finally:
            translation.deactivate()

    if pool is None:
        return int(one() == 200)
    tasks = [pool.submit(one) for _ in range(threads)]
    done, _ = wait(tasks, timeout=timeout * 2)
    return sum(1 for task in done if task.result() == 200)


def _address() -> tuple[str, bool]:
    """The host name and scheme the warm-up's requests use: those the site answers to."""
    from django.conf import settings

    host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
    return host, bool(getattr(settings, "SECURE_SSL_REDIRECT", False))


def _get(application, path: str, *, host: str, https: bool) -> int:
    import io

    statuses: list[int] = []

    def start_response(status, headers, exc_info=None):
        statuses.append(int(status.split()[0]))

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443" if https else "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https" if https else "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    response = application(environ, start_response)
    try:
        for _chunk in response:
            pass
    finally:
        if hasattr(response, "close"):
            response.close()
    return statuses[0] if statuses else 0


def warm_pages() -> int:
    """What every process would otherwise do on its first request, done once before forking
    so that the processes share it: import the URL configuration (and with it every view,
    the API and its schema generator), build each language's reverse look-ups and catalogue,
    and compile the project's own templates. Returns how many templates were compiled."""
    from django.conf import settings
    from django.template import TemplateSyntaxError
    from django.template.loader import get_template
    from django.urls import get_resolver, reverse
    from django.utils import translation

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018  (imports the URL configuration)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018  (one per language, as the paths are)
            reverse("portal:search")
    compiled = 0
    for folder in sorted(Path(__file__).resolve().parents[1].glob("*/templates")):
        for path in sorted(folder.rglob("*.html")):
            try:
                get_template(path.relative_to(folder).as_posix())
            except TemplateSyntaxError:  # (a page would say so when used; not the warm-up's job)
                log.warning("template %s does not compile", path)
                continue
            compiled += 1
    return compiled


def default_workers() -> int:
    """One web process per core (at least one)."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def start_job_worker() -> subprocess.Popen:
    """`ipdev worker` as a child process of the server (the one-command production set)."""
    return subprocess.Popen([sys.executable, "-m", "ipdev.cli", "worker"])


def gunicorn_server(*, bind: str, workers: int, threads: int, job_worker: bool, options=None):
    """A gunicorn application serving ipdev, preloaded and warmed before it forks."""
    from gunicorn.app.base import BaseApplication

    children: list[subprocess.Popen] = []

    def when_ready(server):
        if job_worker:
            children.append(start_job_worker())
            log.info("background jobs: ipdev worker started (pid %s)", children[-1].pid)

    def on_exit(server):
        for child in children:
            child.terminate()
        for child in children:
            try:
                child.wait(timeout=60)
            except subprocess.TimeoutExpired:
                child.kill()

    def post_fork(server, worker):
        from django.db import connections

        connections.close_all()  # none should be inherited; make sure

    def post_worker_init(worker):
        # gthread: a pool of threads serves the requests; sync: the worker's own thread.
        warm_threads(getattr(worker, "tpool", None), worker.cfg.threads)

    class Server(BaseApplication):
        def load_config(self):
            config = {
                "bind": bind,
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread" if threads > 1 else "sync",
                "preload_app": True,
                "timeout": 120,
                "graceful_timeout": 60,
                "accesslog": "-",
                "errorlog": "-",
                "when_ready": when_ready,
                "on_exit": on_exit,
                "post_fork": post_fork,
                "post_worker_init": post_worker_init,
                "control_socket_disable": True,
                **(options or {}),
            }
            for key, value in config.items():
                self.cfg.set(key, value)

        def load(self):
            from ipdev.wsgi import application

            seconds = warm()
            log.info("warmed in %.1f s; forking %d workers", seconds, workers)
            gc.freeze()
            return application

    return Server()
