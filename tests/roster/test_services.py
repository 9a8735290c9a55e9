"""The roster's write path: validated changes, the ethics and declaration gates, audit entries."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ipdev.core.models import AuditEntry
from ipdev.roster import services
from ipdev.roster.models import Assignment, Consultant, Declaration, ProfileChange
from tests.factories import consultant_data, make_activity, make_consultant

pytestmark = pytest.mark.django_db


def test_staff_put_a_consultant_on_the_roster_with_languages_and_audit(staff):
    c = make_consultant(staff=staff)
    assert c.confirmed_on == dt.date.today()
    assert sorted(c.languages.values_list("language_id", "level")) == [
        ("en", "fluent"),
        ("fr", "native"),
    ]
    entry = AuditEntry.objects.get(action="roster.consultant_created")
    assert entry.actor == staff
    assert entry.changes["nationality"] == [None, "SN"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nationality", "XX"),
        ("gender", "robot"),
        ("ip_areas", ["no-such-area"]),
        ("languages", [{"language": "en", "level": "expert"}]),
        ("languages", [{"language": "zz", "level": "basic"}]),
        ("daily_fee", "-5"),
        ("email", "not an email"),
        ("skills", 42),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(staff, field, value):
    with pytest.raises(ValidationError) as excinfo:
        services.consultant_create(user=staff, data=consultant_data(**{field: value}))
    assert field in excinfo.value.message_dict
    assert not Consultant.objects.exists()
    assert not AuditEntry.objects.exists()


def test_only_staff_create_consultants(consultant_user):
    with pytest.raises(PermissionDenied):
        services.consultant_create(user=consultant_user, data=consultant_data())


def test_a_consultants_own_edit_waits_for_validation(consultant_user, staff):
    c = consultant_user.consultant_profile
    change = services.profile_change_submit(
        user=consultant_user, consultant=c, data={"biography": "New text", "skills": ["TISC"]}
    )
    c.refresh_from_db()
    assert c.biography != "New text"
    assert change.status == ProfileChange.Status.PENDING
    services.profile_change_approve(user=staff, change=change)
    c.refresh_from_db()
    assert c.biography == "New text"
    assert c.skills == ["TISC"]
    assert AuditEntry.objects.filter(action="roster.change_approved").exists()


def test_a_consultant_cannot_propose_staff_only_fields(consultant_user):
    c = consultant_user.consultant_profile
    with pytest.raises(ValidationError) as excinfo:
        services.profile_change_submit(user=consultant_user, consultant=c, data={"listed": True})
    assert "listed" in excinfo.value.message_dict


def test_a_consultant_cannot_edit_someone_elses_profile(consultant_user, other_consultant_user):
    other = other_consultant_user.consultant_profile
    with pytest.raises(PermissionDenied):
        services.profile_change_submit(user=consultant_user, consultant=other, data={})


def test_a_bad_proposal_is_refused_at_once_naming_the_field(consultant_user):
    c = consultant_user.consultant_profile
    with pytest.raises(ValidationError) as excinfo:
        services.profile_change_submit(user=consultant_user, consultant=c, data={"residence": "QQ"})
    assert "residence" in excinfo.value.message_dict
    assert not ProfileChange.objects.exists()


def test_a_new_proposal_replaces_the_pending_one(consultant_user):
    c = consultant_user.consultant_profile
    first = services.profile_change_submit(user=consultant_user, consultant=c, data={})
    services.profile_change_submit(user=consultant_user, consultant=c, data={"phone": "1"})
    first.refresh_from_db()
    assert first.status == ProfileChange.Status.REJECTED
    assert c.changes.filter(status="pending").count() == 1


def test_rejecting_needs_a_reason_and_keeps_the_profile(consultant_user, staff):
    c = consultant_user.consultant_profile
    change = services.profile_change_submit(
        user=consultant_user, consultant=c, data={"name": "Someone Else"}
    )
    with pytest.raises(ValidationError) as excinfo:
        services.profile_change_reject(user=staff, change=change, comment=" ")
    assert "comment" in excinfo.value.message_dict
    services.profile_change_reject(user=staff, change=change, comment="Use your legal name.")
    c.refresh_from_db()
    assert c.name == "Cora Consultant"


def test_approving_a_renewal_brings_a_stale_profile_back(consultant_user, staff):
    c = consultant_user.consultant_profile
    Consultant.objects.filter(pk=c.pk).update(confirmed_on=dt.date(2015, 1, 1))
    c.refresh_from_db()
    assert c.is_stale(dt.date.today())
    change = services.profile_change_submit(user=consultant_user, consultant=c, data={})
    services.profile_change_approve(user=staff, change=change)
    c.refresh_from_db()
    assert not c.is_stale(dt.date.today())


def test_cv_upload_is_checked_like_activity_documents(consultant_user):
    c = consultant_user.consultant_profile
    fake = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as excinfo:
        services.cv_upload(user=consultant_user, consultant=c, upload=fake)
    assert "file" in excinfo.value.message_dict
    good = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    c = services.cv_upload(user=consultant_user, consultant=c, upload=good)
    assert c.cv_content_type == "application/pdf"


def test_only_the_consultant_accepts_the_code_of_ethics(consultant_user, staff):
    c = consultant_user.consultant_profile
    with pytest.raises(PermissionDenied):
        services.ethics_accept(user=staff, consultant=c)
    c = services.ethics_accept(user=consultant_user, consultant=c)
    assert c.ethics_accepted


@pytest.fixture
def assignment(staff, consultant_user):
    activity = make_activity(user=staff)
    return services.assignment_create(
        user=staff,
        consultant=consultant_user.consultant_profile,
        activity=activity,
        data={"role": "Trainer", "start_date": dt.date(2024, 3, 4), "fee": "3000"},
    )


def test_an_assignment_cannot_start_without_a_declaration(staff, assignment):
    with pytest.raises(ValidationError) as excinfo:
        services.assignment_change_status(user=staff, assignment=assignment, status="started")
    assert "declaration" in excinfo.value.message_dict


def test_an_assignment_cannot_start_with_an_unreviewed_declaration(
    staff, consultant_user, assignment
):
    services.ethics_accept(user=consultant_user, consultant=consultant_user.consultant_profile)
    services.declaration_submit(user=consultant_user, assignment=assignment, has_conflict=False)
    with pytest.raises(ValidationError) as excinfo:
        services.assignment_change_status(user=staff, assignment=assignment, status="started")
    assert "declaration" in excinfo.value.message_dict
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.PLANNED


def test_a_refused_declaration_blocks_and_a_cleared_one_lets_it_start(
    staff, consultant_user, assignment
):
    services.ethics_accept(user=consultant_user, consultant=consultant_user.consultant_profile)
    d = services.declaration_submit(
        user=consultant_user,
        assignment=assignment,
        has_conflict=True,
        statement="I advised the office last year.",
    )
    services.declaration_review(user=staff, declaration=d, cleared=False, comment="Too close.")
    with pytest.raises(ValidationError):
        services.assignment_change_status(user=staff, assignment=assignment, status="started")
    d = services.declaration_submit(user=consultant_user, assignment=assignment, has_conflict=False)
    services.declaration_review(user=staff, declaration=d, cleared=True)
    started = services.assignment_change_status(user=staff, assignment=assignment, status="started")
    assert started.status == "started"
    assert Declaration.objects.get().review == "cleared"


def test_starting_needs_the_code_of_ethics(staff, consultant_user, assignment):
    d = services.declaration_submit(user=consultant_user, assignment=assignment, has_conflict=False)
    services.declaration_review(user=staff, declaration=d, cleared=True)
    with pytest.raises(ValidationError) as excinfo:
        services.assignment_change_status(user=staff, assignment=assignment, status="started")
    assert "ethics" in excinfo.value.message_dict


def test_a_declared_conflict_needs_a_statement(consultant_user, assignment):
    with pytest.raises(ValidationError) as excinfo:
        services.declaration_submit(user=consultant_user, assignment=assignment, has_conflict=True)
    assert "statement" in excinfo.value.message_dict


def test_only_completed_assignments_are_evaluated_from_1_to_5(staff, assignment):
    with pytest.raises(ValidationError) as excinfo:
        services.assignment_evaluate(user=staff, assignment=assignment, rating=4)
    assert "status" in excinfo.value.message_dict
    Assignment.objects.filter(pk=assignment.pk).update(status="completed")
    with pytest.raises(ValidationError) as excinfo:
        services.assignment_evaluate(user=staff, assignment=assignment, rating=9)
    assert "rating" in excinfo.value.message_dict
    done = services.assignment_evaluate(user=staff, assignment=assignment, rating=4)
    assert done.rating == 4


def test_assignment_dates_are_checked(staff, consultant_user):
    with pytest.raises(ValidationError) as excinfo:
        services.assignment_create(
            user=staff,
            consultant=consultant_user.consultant_profile,
            activity=make_activity(user=staff),
            data={
                "role": "Expert",
                "start_date": dt.date(2024, 3, 4),
                "end_date": dt.date(2024, 1, 1),
            },
        )
    assert "end_date" in excinfo.value.message_dict
