"""Background jobs and the scheduler: one mechanism for the whole platform, on both databases.

A task is a function registered by name in `ipdev/<app>/tasks.py` with `@task`. A one-off job is
a row in `core_job` (`enqueue`); a periodic task has a row in `core_schedule` whose next run the
scheduler advances with a compare-and-set, so two workers never start the same run. A worker
claims a queued job with a conditional UPDATE (queued -> running): on SQLite and PostgreSQL alike
exactly one claimant wins. A job runs outside any transaction of the worker's (the task opens its
own), its summary or its error is kept, and a failed job is retried with a growing delay until
its attempts are used up. A job left running by a killed worker is taken back after its timeout.
Staff retry a failed job from the back office (``retry``): a task whose job only acts on a row
of its own (an upload's import run) names the service that retries that row (``retry_with``),
and one that is not to be retried there says why (``retry_refused``).

`run_due(now=...)` does one round synchronously (tests move the clock by passing `now`);
`ipdev worker` loops over rounds (in production its own process; `ipdev serve --worker`, which
`make run` uses, starts it as a child of the web server).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from django.db import close_old_connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import Job, Schedule

log = logging.getLogger("ipdev.jobs")

RETRY_BASE = dt.timedelta(minutes=1)  # the first retry's delay; doubled at each attempt
DEFAULT_TIMEOUT = dt.timedelta(hours=2)  # a job running longer was left by a killed worker


@dataclass(frozen=True)
class Task:
    name: str
    func: Callable[..., str | None]
    every: dt.timedelta | None
    max_attempts: int
    timeout: dt.timedelta
    retry_with: Callable[..., object] | None = None
    retry_refused: str = ""  # (may be a lazy translation)


_TASKS: dict[str, Task] = {}
_discovered = False
_discover_lock = threading.Lock()


def task(
    name: str,
    *,
    every: dt.timedelta | None = None,
    max_attempts: int = 3,
    timeout: dt.timedelta = DEFAULT_TIMEOUT,
    retry_with: Callable[..., object] | None = None,
    retry_refused: str = "",
):
    """Register `func(*, now, **kwargs) -> summary` as the task `name` (periodic with `every`).

    ``retry_with(*, job, user)`` retries a failed job in the domain's own way (else the job is
    queued again); ``retry_refused`` says why a failed job is not retried by staff at all."""
    if every is not None and every <= dt.timedelta(0):
        raise ValueError("every must be positive")
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")

    def register(func):
        _TASKS[name] = Task(name, func, every, max_attempts, timeout, retry_with, retry_refused)
        return func

    return register


def tasks() -> dict[str, Task]:
    """Every registered task, after importing each installed app's `tasks` module once."""
    global _discovered
    if not _discovered:
        with _discover_lock:
            if not _discovered:
                autodiscover_modules("tasks")
                _discovered = True
    return _TASKS


def enqueue(name: str, *, run_after: dt.datetime | None = None, **kwargs) -> Job:
    """Queue one run of task `name`. In a transaction, the job exists only if it commits."""
    found = tasks().get(name)
    if found is None:
        raise KeyError(f"no task named {name!r}")
    return Job.objects.create(
        name=name,
        kwargs=kwargs,
        run_after=run_after or timezone.now(),
        max_attempts=found.max_attempts,
    )


def schedule_due(*, now: dt.datetime) -> list[Job]:
    """Queue a job for each periodic task whose time has come; advance its next run."""
    queued = []
    for found in tasks().values():
        if found.every is None:
            continue
        entry, _ = Schedule.objects.get_or_create(name=found.name, defaults={"next_run_at": now})
        if entry.next_run_at > now:
            continue
        # Compare-and-set: only the worker that moves next_run_at queues this run.
        with transaction.atomic():
            moved = Schedule.objects.filter(pk=entry.pk, next_run_at=entry.next_run_at).update(
                next_run_at=now + found.every, last_queued_at=now
            )
            if moved:
                queued.append(enqueue(found.name, run_after=now))
    return queued


def recover_stale(*, now: dt.datetime) -> int:
    """Jobs left running by a killed worker: queued again while attempts remain, else failed."""
    count = 0
    registry = tasks()
    for job in Job.objects.filter(state=Job.State.RUNNING).only(
        "id", "name", "started_at", "attempts", "max_attempts"
    ):
        found = registry.get(job.name)
        timeout = found.timeout if found else DEFAULT_TIMEOUT
        if job.started_at is None or job.started_at + timeout > now:
            continue
        message = f"interrupted: still running after {timeout} (its worker stopped)"
        if job.attempts < job.max_attempts:
            changes = {"state": Job.State.QUEUED, "run_after": now, "error": message}
        else:
            changes = {"state": Job.State.FAILED, "finished_at": now, "error": message}
        count += Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(**changes)
    return count


def _claim(*, now: dt.datetime, worker: str) -> Job | None:
    """Take the oldest due queued job; a conditional UPDATE makes exactly one claimant win."""
    for pk in (
        Job.objects.filter(state=Job.State.QUEUED, run_after__lte=now)
        .order_by("run_after", "id")
        .values_list("pk", flat=True)[:5]
    ):
        won = Job.objects.filter(pk=pk, state=Job.State.QUEUED).update(
            state=Job.State.RUNNING,
            started_at=timezone.now(),
            worker=worker[:100],
            attempts=F("attempts") + 1,
        )
        if won:
            return Job.objects.get(pk=pk)
    return None


def _run(job: Job, *, now: dt.datetime) -> Job:
    found = tasks().get(job.name)
    try:
        if found is None:
            raise LookupError(f"no task named {job.name!r} in this version of ipdev")
        summary = found.func(now=now, **job.kwargs)
    except Exception:
        error = traceback.format_exc(limit=20)[-20000:]
        log.exception("job %s (%s) failed", job.pk, job.name)
        if found is not None and job.attempts < job.max_attempts:
            delay = RETRY_BASE * (2 ** (job.attempts - 1))
            Job.objects.filter(pk=job.pk).update(
                state=Job.State.QUEUED, run_after=now + delay, error=error
            )
        else:
            Job.objects.filter(pk=job.pk).update(
                state=Job.State.FAILED, finished_at=timezone.now(), error=error
            )
    else:
        Job.objects.filter(pk=job.pk).update(
            state=Job.State.DONE,
            finished_at=timezone.now(),
            result=str(summary or "")[:2000],
            error="",
        )
    job.refresh_from_db()
    return job


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def run_due(*, now: dt.datetime | None = None, limit: int = 100) -> list[Job]:
    """One round: queue due periodic tasks, take back stale jobs, run due jobs (at most `limit`)."""
    now = now or timezone.now()
    schedule_due(now=now)
    recover_stale(now=now)
    done = []
    name = worker_name()
    while len(done) < limit:
        job = _claim(now=now, worker=name)
        if job is None:
            break
        done.append(_run(job, now=now))
    return done


class RetryRefused(ValueError):
    """A retry that may not be made; the message says why, to the person who asked."""


def retry_refusal(job: Job) -> str:
    """Why this job may not be retried now ("" if it may)."""
    if job.state != Job.State.FAILED:
        return f"Job {job.pk} is {job.get_state_display().lower()}: only a failed job is retried."
    found = tasks().get(job.name)
    if found is None:
        return f"No task named {job.name!r} in this version of ipdev."
    return str(found.retry_refused)


def retry(*, job: Job, user):
    """Retry a failed job now (back office): the task's own retry, or the same job queued again
    with a fresh count of attempts. Raises ``RetryRefused`` with the reason otherwise."""
    from .audit import audit_log

    refused = retry_refusal(job)
    if refused:
        raise RetryRefused(refused)
    found = tasks()[job.name]
    if found.retry_with is not None:
        return found.retry_with(job=job, user=user)
    with transaction.atomic():
        updated = Job.objects.filter(pk=job.pk, state=Job.State.FAILED).update(
            state=Job.State.QUEUED, run_after=timezone.now(), attempts=0, finished_at=None
        )
        if not updated:
            raise RetryRefused(f"Job {job.pk} is no longer failed: only a failed job is retried.")
        job.refresh_from_db()
        audit_log(actor=user, action="job.retried", obj=job, message=job.name)
    return job


def run_now(*, name: str, user) -> Job:
    """Queue a periodic task to run at once (back office), without moving its schedule."""
    from .audit import audit_log

    with transaction.atomic():
        job = enqueue(name)
        audit_log(actor=user, action="job.queued", obj=job, message=name)
    return job


def loop(*, stop: threading.Event, sleep: float = 5.0) -> None:
    """Run rounds until `stop` is set; a round that failed is logged, never fatal."""
    while not stop.is_set():
        ran = []
        try:
            ran = run_due()
        except Exception:
            log.exception("the job round failed")
        finally:
            close_old_connections()
        if not ran:
            stop.wait(sleep)
