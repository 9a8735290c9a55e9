"""Suggestions change entries: staff edit the proposed values and accept them (through the entry's
service, audited, verified today) or decline with a reason; the suggester is e-mailed by a
background job. The curation page, the start page's items, and the public form's throttle."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from ipdev.backoffice.waiting import waiting_for
from ipdev.core import jobs
from ipdev.core.models import AuditEntry, Job
from ipdev.directories import suggestions
from ipdev.directories.models import DatabaseReport, Register, Suggestion
from ipdev.directories.vocab import ST27, ST27_DESCRIPTIONS
from ipdev.directories.waiting import CURATED
from tests.conftest import client_for
from tests.directories.factories import make_directories


@pytest.fixture
def world(staff):
    return make_directories(staff)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def suggest(**data) -> Suggestion:
    return suggestions.suggestion_submit(user=AnonymousUser(), data=data, language="fr")


def sent() -> list:
    jobs.run_due(now=timezone.now())
    return mail.outbox


def test_a_suggestion_names_an_unknown_field_of_its_directory(db):
    with pytest.raises(ValidationError) as caught:
        suggest(directory="registers", message="Change the colour.", proposed={"colour": "red"})
    assert "colour" in caught.value.message_dict["proposed"][0]
    assert not Suggestion.objects.exists()


def test_accepting_a_correction_changes_the_entry_through_its_service(staff, world):
    suggestion = suggest(
        directory="registers",
        entry="PE",
        message="The office has a new name.",
        proposed={"office": "INDECOPI Peru"},
        contact="reader@example.org",
    )
    register = Register.objects.get(jurisdiction="PE")
    assert register.is_stale(timezone.localdate())
    suggestions.suggestion_accept(
        user=staff, suggestion=suggestion, values={"office": "INDECOPI (Peru)"}, note="Thanks."
    )
    register.refresh_from_db()
    assert register.office == "INDECOPI (Peru)"  # the staff's edit of the proposed value
    assert register.last_verified == timezone.localdate()
    update = AuditEntry.objects.filter(action="directories.register.updated").latest("pk")
    assert update.changes["office"] == ["INDECOPI", "INDECOPI (Peru)"]
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == (Suggestion.Status.ACCEPTED, staff)
    assert AuditEntry.objects.filter(action="directories.suggestion.accepted").count() == 1
    [message] = sent()
    assert message.to == ["reader@example.org"]
    assert "accept" in message.subject and "/directories/registers/PE/" in message.body
    assert "Thanks." in message.body


def test_accepting_a_new_entry_creates_it_and_bad_values_change_nothing(staff, world):
    suggestion = suggest(directory="databases", message="Add Gamma, a free database.")
    values = {"name": "Gamma Patents", "provider": "Gamma", "kind": "national"}
    with pytest.raises(ValidationError) as caught:
        suggestions.suggestion_accept(user=staff, suggestion=suggestion, values=values)
    assert {"access", "reviewed_on"} <= set(caught.value.message_dict)
    assert Suggestion.objects.get(pk=suggestion.pk).status == "pending"
    values |= {"access": "free", "reviewed_on": dt.date(2025, 3, 1)}
    entry = suggestions.suggestion_accept(user=staff, suggestion=suggestion, values=values)
    assert DatabaseReport.objects.get(name="Gamma Patents") == entry
    assert Suggestion.objects.get(pk=suggestion.pk).entry == str(entry.pk)
    assert sent() == []  # no address was left


def test_declining_needs_a_reason_which_the_suggester_is_told(staff, public_user, world):
    suggestion = suggest(
        directory="registers", entry="KE", message="The office is wrong.", contact="r@x.org"
    )
    with pytest.raises(PermissionDenied):
        suggestions.suggestion_accept(user=public_user, suggestion=suggestion, values={})
    suggestions.suggestion_reject(user=staff, suggestion=suggestion, reason="It is right.")
    [message] = sent()
    assert "It is right." in message.body
    assert Job.objects.filter(name=suggestions.MAIL, state=Job.State.DONE).count() == 1


def test_only_staff_reach_the_curation_pages(personas, world):
    suggestion = suggest(directory="registers", entry="KE", message="The gazette moved.")
    for path in (
        "/backoffice/work/directories/",
        f"/backoffice/work/directories/suggestions/{suggestion.pk}/",
    ):
        for who in ("anonymous", "public", "focal_point"):
            assert client_for(personas[who]).get(path).status_code in {302, 403}
        assert client_for(personas["staff"]).get(path).status_code == 200


def test_staff_edit_the_proposed_values_and_see_errors_by_field(staff, world):
    alpha = DatabaseReport.objects.get(name="Alpha Patents")
    suggestion = suggest(
        directory="databases",
        entry=str(alpha.pk),
        message="Alpha covers Peru too.",
        proposed={"coverage_countries": "KE, PE", "aspi_partner": "yes"},
    )
    client = client_for(staff)
    path = f"/backoffice/work/directories/suggestions/{suggestion.pk}/"
    page = client.get(path).content.decode()
    assert 'value="KE, PE"' in page and "Alpha covers Peru too." in page
    form = {
        "decision": "accept", "name": "Alpha Patents", "provider": "Alpha office",
        "kind": "national", "access": "free", "coverage_countries": "KE, QQ",
        "reviewed_on": "2025-01-02", "last_verified": timezone.localdate().isoformat(),
    }  # fmt: skip
    response = client.post(path, form)
    assert response.status_code == 400
    assert "Unknown code(s): QQ." in response.content.decode()
    response = client.post(path, {**form, "coverage_countries": "KE, PE"})
    assert response.status_code == 302
    alpha.refresh_from_db()
    assert alpha.coverage_countries == ["KE", "PE"] and alpha.provider == "Alpha office"
    assert Suggestion.objects.get(pk=suggestion.pk).status == "accepted"


def test_the_curation_page_lists_what_waits_and_marks_entries_verified(staff, world):
    suggest(directory="policies", message="Add the policy of Lima Institute.")
    client = client_for(staff)
    page = client.get("/backoffice/work/directories/").content.decode()
    assert "Add the policy of Lima Institute." in page and "INDECOPI" in page
    peru = Register.objects.get(jurisdiction="PE")
    response = client.post(
        "/backoffice/work/directories/verify/", {"kind": "register", "pk": peru.pk}
    )
    assert response.status_code == 302
    peru.refresh_from_db()
    assert peru.last_verified == timezone.localdate()
    bad = client.post("/backoffice/work/directories/verify/", {"kind": "register", "pk": "9" * 40})
    assert bad.status_code == 404


def test_the_start_page_counts_suggestions_and_entries_to_verify(staff, world):
    suggest(directory="registers", entry="KE", message="The gazette moved.")
    items = {i.key: i.count for i in waiting_for(staff)}
    cutoff = timezone.localdate() - dt.timedelta(days=730)
    stale = sum(m.objects.filter(last_verified__lt=cutoff).count() for m in CURATED.values())
    assert items["directory_suggestions"] == 1
    assert items["directory_entries_to_verify"] == stale > 0


@override_settings(IPDEV_SUGGESTIONS_PER_HOUR=2)
def test_the_public_form_is_throttled_per_address(db):
    form = {"directory": "registers", "entry": "KE", "message": "The gazette has moved."}
    client = client_for(None)
    for _ in range(2):
        assert client.post("/directories/suggest/", form).status_code == 200
    response = client.post("/directories/suggest/", form)
    assert response.status_code == 429
    assert "the most we accept" in response.content.decode()
    assert Suggestion.objects.count() == 2
    other = client_for(None)
    assert other.post("/directories/suggest/", form, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_the_public_form_takes_proposed_values_as_lines(db):
    client = client_for(None)
    form = {"directory": "registers", "entry": "KE", "message": "The office changed its name."}
    response = client.post("/directories/suggest/", {**form, "proposed": "no colon here"})
    assert response.status_code == 400 and "Line 1" in response.content.decode()
    response = client.post("/directories/suggest/", {**form, "proposed": "Office: KIPI\n\n"})
    assert response.status_code == 200
    assert Suggestion.objects.get().proposed == {"office": "KIPI"}


def test_st27_categories_follow_the_revised_standard():
    assert ST27.values == ["A", "B", "C", "D", "E", "F", "G", "H", "P", "U", "W"]
    assert ST27("G").label == "G: Protection beyond IP right term"
    assert ST27("H").label == "H: IP right cessation"
    assert ST27("U").label == "U: Payment"
    assert set(ST27_DESCRIPTIONS) == set(ST27.values)


def test_the_draft_st27_letters_move_to_the_revised_ones(world):
    migration = importlib.import_module(
        "ipdev.directories.migrations.0005_suggestion_proposed_values_st27_revised"
    )
    Register.objects.filter(jurisdiction="EP").update(legal_status=["A", "C", "D", "E", "G", "H"])
    migration.revise_st27(django_apps, None)
    # Draft C (search and examination) is now D, draft D (pre-grant challenge) E; the draft's
    # E and G have no checked letter and are dropped.
    assert Register.objects.get(jurisdiction="EP").legal_status == ["A", "D", "E", "H"]


def test_a_hostile_choice_on_the_suggestion_form_is_a_field_error(staff, world):
    suggestion = suggest(directory="policies", message="Add the policy of Lima Institute.")
    path = f"/backoffice/work/directories/suggestions/{suggestion.pk}/"
    form = {"decision": "accept", "institution": "9" * 40, "title": "Policy", "year": "2024",
            "types": ["ip"], "language": "es", "url": "https://lima.example/policy",
            "last_verified": timezone.localdate().isoformat()}  # fmt: skip
    response = client_for(staff).post(path, form)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert Suggestion.objects.get(pk=suggestion.pk).status == "pending"
    assert (
        client_for(staff).get("/backoffice/work/directories/suggestions/99999999999/").status_code
        == 404
    )
