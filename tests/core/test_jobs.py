"""Background jobs and the scheduler: queued, claimed once, retried, recovered, scheduled."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from ipdev.core import jobs
from ipdev.core.models import AuditEntry, Job, Schedule

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
calls: list[dict] = []
ticks: list[dt.datetime] = []


@pytest.fixture(autouse=True)
def test_tasks():
    """Tasks of this module only, registered for each test and removed after it."""
    calls.clear()
    ticks.clear()
    before = dict(jobs.tasks())

    @jobs.task("test.record")
    def record(*, now, **kwargs):
        calls.append({"now": now, **kwargs})
        return f"recorded {kwargs}"

    @jobs.task("test.broken", max_attempts=2)
    def broken(*, now):
        raise RuntimeError("the mail server did not answer")

    @jobs.task("test.hourly", every=dt.timedelta(hours=1))
    def hourly(*, now):
        ticks.append(now)
        return "tick"

    yield
    jobs._TASKS.clear()
    jobs._TASKS.update(before)


def test_a_queued_job_runs_once_with_its_arguments_and_keeps_its_summary():
    job = jobs.enqueue("test.record", run_id=7)
    ran = jobs.run_due(now=timezone.now())
    assert [j.pk for j in ran if j.name == "test.record"] == [job.pk]
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.attempts == 1
    assert job.result == "recorded {'run_id': 7}" and job.finished_at is not None
    assert [c["run_id"] for c in calls] == [7]
    assert [j.name for j in jobs.run_due(now=timezone.now())] == []


def test_a_job_queued_in_a_transaction_that_rolls_back_never_exists():
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        jobs.enqueue("test.record", run_id=1)
        1 / 0  # noqa: B018
    assert not Job.objects.exists()


def test_an_unknown_task_is_refused_when_queued():
    with pytest.raises(KeyError, match=r"no task named 'test\.nothing'"):
        jobs.enqueue("test.nothing")


def test_a_job_waits_for_its_time():
    later = NOW + dt.timedelta(days=30)
    jobs.enqueue("test.record", run_after=later, survey=3)
    jobs.run_due(now=NOW)
    assert calls == []
    jobs.run_due(now=later)
    assert calls == [{"now": later, "survey": 3}]


def test_a_failing_job_is_retried_later_then_failed_with_its_error():
    job = jobs.enqueue("test.broken", run_after=NOW)
    jobs.run_due(now=NOW)
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED and job.attempts == 1
    assert "the mail server did not answer" in job.error
    assert job.run_after == NOW + jobs.RETRY_BASE  # the retry waits
    assert jobs.run_due(now=NOW + dt.timedelta(seconds=30)) == []
    jobs.run_due(now=job.run_after + dt.timedelta(seconds=1))
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.attempts == 2
    assert "RuntimeError: the mail server did not answer" in job.error


def test_only_one_claimant_takes_a_job():
    jobs.enqueue("test.record", run_after=NOW)
    first = jobs._claim(now=NOW, worker="a")
    second = jobs._claim(now=NOW, worker="b")
    assert first is not None and first.state == Job.State.RUNNING and first.worker == "a"
    assert second is None


def test_a_periodic_task_runs_once_a_period_whoever_asks():
    jobs.run_due(now=NOW)
    jobs.run_due(now=NOW + dt.timedelta(minutes=59))
    assert ticks == [NOW]
    jobs.run_due(now=NOW + dt.timedelta(hours=1))
    assert ticks == [NOW, NOW + dt.timedelta(hours=1)]
    entry = Schedule.objects.get(name="test.hourly")
    assert entry.next_run_at == NOW + dt.timedelta(hours=2)
    assert Job.objects.filter(name="test.hourly", state=Job.State.DONE).count() == 2


def test_a_job_left_running_by_a_killed_worker_is_taken_back_after_its_timeout():
    job = jobs.enqueue("test.record", run_after=NOW, n=1)
    jobs._claim(now=NOW, worker="gone")
    Job.objects.filter(pk=job.pk).update(started_at=NOW)
    jobs.run_due(now=NOW + dt.timedelta(minutes=30))
    assert Job.objects.get(pk=job.pk).state == Job.State.RUNNING
    jobs.run_due(now=NOW + jobs.DEFAULT_TIMEOUT + dt.timedelta(seconds=1))
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.attempts == 2
    assert calls == [{"now": NOW + jobs.DEFAULT_TIMEOUT + dt.timedelta(seconds=1), "n": 1}]


def test_staff_retry_a_failed_job_and_the_audit_log_says_who(staff):
    job = Job.objects.create(name="test.record", state=Job.State.FAILED, run_after=NOW, attempts=3)
    jobs.retry(job=job, user=staff)
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED and job.attempts == 0
    entry = AuditEntry.objects.get(action="job.retried")
    assert entry.actor == staff and entry.object_id == str(job.pk)
    with pytest.raises(ValueError, match="only a failed job"):
        jobs.retry(job=job, user=staff)


def test_the_worker_command_runs_one_round_and_fails_when_a_job_failed(capsys):
    jobs.enqueue("test.record", n=2)
    call_command("worker", "--once")
    assert "test.record" in capsys.readouterr().out
    Job.objects.create(name="test.nothing", run_after=timezone.now(), max_attempts=1)
    with pytest.raises(SystemExit) as exit_:
        call_command("worker", "--once")
    assert exit_.value.code == 1
    assert "no task named 'test.nothing'" in Job.objects.get(name="test.nothing").error


@pytest.mark.parametrize(
    "persona,expected",
    [("anonymous", 302), ("public_user", 302), ("focal_point", 302), ("staff", 200)],
)
def test_only_staff_see_the_jobs_in_the_back_office(client, request, persona, expected):
    failed = Job.objects.create(
        name="test.broken", state=Job.State.FAILED, run_after=NOW, error="Traceback\nBoom: no"
    )
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    for url in ["/backoffice/core/job/", f"/backoffice/core/job/{failed.pk}/change/"]:
        assert client.get(url).status_code == expected
    if expected == 200:
        assert "Boom: no" in client.get("/backoffice/core/job/").content.decode()
        assert client.get("/backoffice/core/schedule/").status_code == 200


def test_staff_retry_from_the_list(client, staff):
    failed = Job.objects.create(name="test.record", state=Job.State.FAILED, run_after=NOW)
    client.force_login(staff)
    response = client.post(
        "/backoffice/core/job/",
        {"action": "retry_failed", "_selected_action": [failed.pk]},
        follow=True,
    )
    assert "1 job queued again." in response.content.decode()
    assert Job.objects.get(pk=failed.pk).state == Job.State.QUEUED


def test_logs_can_be_one_json_object_a_line():
    import json
    import logging

    from ipdev.core.logs import JsonFormatter

    record = logging.makeLogRecord(
        {"name": "ipdev.jobs", "levelname": "INFO", "msg": "job %s done", "args": (7,)}
    )
    record.job = "evaluation.send_due_surveys"
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "job 7 done" and entry["logger"] == "ipdev.jobs"
    assert entry["job"] == "evaluation.send_due_surveys" and entry["level"] == "INFO"


def test_staff_retry_one_failed_job_with_its_own_button(client, staff):
    failed = Job.objects.create(name="test.record", state=Job.State.FAILED, run_after=NOW)
    done = Job.objects.create(name="test.record", state=Job.State.DONE, run_after=NOW)
    client.force_login(staff)
    listing = client.get("/backoffice/core/job/?state__exact=failed").content.decode()
    assert f'formaction="/backoffice/core/job/{failed.pk}/retry/"' in listing
    assert f"/backoffice/core/job/{done.pk}/retry/" not in listing
    response = client.post(
        f"/backoffice/core/job/{failed.pk}/retry/",
        HTTP_REFERER="http://testserver/backoffice/core/job/?state__exact=failed",
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/backoffice/core/job/?state__exact=failed")
    assert Job.objects.get(pk=failed.pk).state == Job.State.QUEUED
    assert AuditEntry.objects.filter(action="job.retried", object_id=str(failed.pk)).exists()
    # Twice: the job is queued now, and the second press says so instead of queueing it again.
    again = client.post(f"/backoffice/core/job/{failed.pk}/retry/", follow=True)
    assert "only a failed job is retried" in again.content.decode()
    # A referer from elsewhere is not followed.
    elsewhere = client.post(
        f"/backoffice/core/job/{done.pk}/retry/", HTTP_REFERER="https://evil.example/"
    )
    assert elsewhere["Location"] == "/backoffice/core/job/"


@pytest.mark.parametrize("persona", ["anonymous", "public_user", "focal_point"])
def test_only_staff_retry_a_job(client, request, persona):
    failed = Job.objects.create(name="test.record", state=Job.State.FAILED, run_after=NOW)
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    assert client.post(f"/backoffice/core/job/{failed.pk}/retry/").status_code in (302, 403)
    assert client.get(f"/backoffice/core/job/{failed.pk}/retry/").status_code in (302, 405)
    assert Job.objects.get(pk=failed.pk).state == Job.State.FAILED
