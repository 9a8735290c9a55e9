"""The directories' write path: staff only, errors named by field, audited, nothing half-written."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ipdev.core.models import AuditEntry
from ipdev.directories import fulltext, services, suggestions
from ipdev.directories.models import Policy, Register, Suggestion, UseCount
from tests.directories.factories import docx_upload, make_directories, pdf_upload


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


@pytest.mark.parametrize("who", ["anonymous", "public", "focal_point", "other_focal_point"])
def test_only_staff_curate_the_directories(personas, who):
    user = personas[who] or AnonymousUser()
    with pytest.raises(PermissionDenied):
        services.register_save(user=user, jurisdiction="KE", data={"office": "KIPI"})
    with pytest.raises(PermissionDenied):
        services.database_save(user=user, data={"name": "X"})
    with pytest.raises(PermissionDenied):
        services.institution_save(user=user, data={"name": "X", "country": "KE"})
    assert not Register.objects.exists()


@pytest.mark.parametrize("who", ["staff", "admin"])
def test_staff_and_admins_save_a_register_file_with_an_audit_entry(personas, who):
    register = services.register_save(
        user=personas[who],
        jurisdiction="ke",
        data={
            "office": "Kenya Industrial Property Institute",
            "legal_status": ["A", "F"],
            "resources": [{"kind": "gazette", "availability": "yes", "languages": ["en"]}],
        },
    )
    assert register.jurisdiction_id == "KE"
    assert register.last_verified == timezone.localdate()
    assert register.resources.get().kind == "gazette"
    entry = AuditEntry.objects.get(action="directories.register.created")
    assert entry.actor == personas[who]
    assert entry.changes["gazette.availability"] == [None, "yes"]


def test_regional_offices_have_st3_codes_and_an_update_is_audited_field_by_field(staff):
    services.register_save(user=staff, jurisdiction="EA", data={"office": "EAPO"})
    services.register_save(
        user=staff,
        jurisdiction="EA",
        data={"office": "Eurasian Patent Office", "legal_status": ["H"]},
    )
    entry = AuditEntry.objects.get(action="directories.register.updated")
    assert entry.changes == {
        "office": ["EAPO", "Eurasian Patent Office"],
        "legal_status": [[], ["H"]],
    }


def test_bad_register_input_is_named_by_field_and_nothing_is_written(staff):
    assert "jurisdiction" in errors_of(
        lambda: services.register_save(user=staff, jurisdiction="QQ", data={"office": "x"})
    )
    errors = errors_of(
        lambda: services.register_save(
            user=staff,
            jurisdiction="KE",
            data={
                "office": "",
                "legal_status": ["A", "Z"],
                "last_verified": "2999-01-01",
                "resources": [
                    {"kind": "register", "url": "not a url", "languages": ["xx"]},
                    {"kind": "teleport"},
                    {"kind": "gazette", "availability": "maybe", "coverage_from": "1066"},
                ],
            },
        )
    )
    assert set(errors) == {
        "office",
        "legal_status",
        "last_verified",
        "resources.0.url",
        "resources.0.languages",
        "resources.1.kind",
        "resources.2.availability",
        "resources.2.coverage_from",
    }
    assert "Z" in errors["legal_status"][0]
    assert not Register.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_database_report_needs_a_review_date_and_known_codes(staff):
    errors = errors_of(
        lambda: services.database_save(
            user=staff,
            data={
                "name": "Db",
                "provider": "P",
                "kind": "space",
                "access": "free",
                "coverage_countries": ["KE", "XX"],
                "interfaces": ["fax"],
            },
        )
    )
    assert set(errors) == {"kind", "coverage_countries", "interfaces", "reviewed_on"}


def test_a_policy_document_is_checked_and_its_text_found_by_keyword(staff):
    make_directories(staff)
    assert len(fulltext.matching("royalties")) == 1
    assert len(fulltext.matching("repository")) == 1  # from the PDF
    assert fulltext.matching("nothing-like-this") == []
    assert fulltext.matching("  ") is None
    policy = Policy.objects.get(title="Intellectual property policy")
    assert policy.document_type.endswith("wordprocessingml.document")
    assert "equal thirds" in policy.text


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("policy.exe", b"MZ\x90\x00"), "not accepted"),
        (SimpleUploadedFile("policy.pdf", b"PK\x03\x04 not a pdf"), "not a .pdf file"),
        (SimpleUploadedFile("policy.docx", b"PK\x03\x04 broken"), "could not be read"),
        (SimpleUploadedFile("policy.pdf", b""), "empty"),
    ],
)
def test_bad_policy_documents_are_refused_on_the_document_field(staff, upload, message):
    institution = services.institution_save(
        user=staff, data={"name": "U", "country": "KE", "type": "university"}
    )
    errors = errors_of(
        lambda: services.policy_save(
            user=staff,
            data={"institution": institution.pk, "title": "P", "year": 2020, "types": ["ip"],
                  "language": "en"},
            document=upload,
        )
    )  # fmt: skip
    assert message in errors["document"][0]
    assert not Policy.objects.exists()


def test_a_document_over_the_size_limit_is_refused(staff, settings):
    settings.IPDEV_UPLOAD_MAX_BYTES = 100
    institution = services.institution_save(
        user=staff, data={"name": "U", "country": "KE", "type": "university"}
    )
    errors = errors_of(
        lambda: services.policy_save(
            user=staff,
            data={"institution": institution.pk, "title": "P", "year": 2020, "types": ["ip"],
                  "language": "en"},
            document=pdf_upload("big.pdf", "x" * 500),
        )
    )  # fmt: skip
    assert "limit is 100 bytes" in errors["document"][0]


def test_a_policy_needs_a_document_or_an_address_and_known_fields(staff):
    errors = errors_of(
        lambda: services.policy_save(
            user=staff,
            data={"institution": 999, "title": "", "year": "soon", "types": ["ip", "magic"],
                  "language": "xx"},
        )
    )  # fmt: skip
    assert set(errors) == {"institution", "title", "year", "types", "language", "document"}


def test_a_policy_update_reindexes_its_text_and_a_deletion_removes_it(staff):
    make_directories(staff)
    policy = Policy.objects.get(title="Open access policy")
    services.policy_save(
        user=staff, policy=policy, data={}, document=docx_upload("new.docx", "Zebra clause.")
    )
    assert fulltext.matching("zebra") == [policy.pk]
    assert fulltext.matching("repository") == []
    services.policy_delete(user=staff, policy=policy)
    assert fulltext.matching("zebra") == []
    assert AuditEntry.objects.filter(action="directories.policy.deleted").count() == 1


def test_a_failed_policy_save_leaves_the_full_text_as_it_was(staff):
    make_directories(staff)
    policy = Policy.objects.get(title="Open access policy")
    with pytest.raises(ValidationError):
        services.policy_save(
            user=staff, policy=policy, data={"year": "never"}, document=docx_upload("x.docx", "Q")
        )
    assert fulltext.matching("repository") == [policy.pk]


def test_a_ror_identifier_is_checked(staff):
    errors = errors_of(
        lambda: services.institution_save(
            user=staff, data={"name": "U", "country": "ZZ", "type": "u", "ror": "123"}
        )
    )
    assert set(errors) == {"country", "type", "ror"}
    saved = services.institution_save(
        user=staff,
        data={
            "name": "U",
            "country": "KE",
            "type": "university",
            "ror": "https://ror.org/05gq02987",
        },
    )
    assert saved.ror == "05gq02987"


def test_entries_are_flagged_after_two_years_and_verifying_clears_the_flag(staff):
    make_directories(staff)
    register = Register.objects.get(jurisdiction="PE")
    today = timezone.localdate()
    assert register.is_stale(today)
    services.entry_verify(user=staff, entry=register)
    register.refresh_from_db()
    assert register.last_verified == today and not register.is_stale(today)
    assert not register.is_stale(today + dt.timedelta(days=730))
    assert register.is_stale(today + dt.timedelta(days=731))
    assert AuditEntry.objects.filter(action="directories.verified").count() == 1


def test_anyone_suggests_and_only_staff_decide(staff, public_user):
    errors = errors_of(
        lambda: suggestions.suggestion_submit(
            user=AnonymousUser(), data={"directory": "maps", "message": "short", "contact": "x"}
        )
    )
    assert set(errors) == {"directory", "message", "contact"}
    data = {"directory": "registers", "entry": "KE", "message": "The gazette moved."}
    suggestion = suggestions.suggestion_submit(user=AnonymousUser(), data=data)
    assert suggestion.user is None and suggestion.status == "pending"
    with pytest.raises(PermissionDenied):
        suggestions.suggestion_reject(user=public_user, suggestion=suggestion, reason="No.")
    assert "reason" in errors_of(
        lambda: suggestions.suggestion_reject(user=staff, suggestion=suggestion, reason=" ")
    )
    suggestions.suggestion_reject(user=staff, suggestion=suggestion, reason="It has not moved.")
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == (Suggestion.Status.REJECTED, staff)
    assert "status" in errors_of(
        lambda: suggestions.suggestion_reject(user=staff, suggestion=suggestion, reason="Again.")
    )


def test_use_is_summed_by_directory_kind_year_and_country(db):
    for _ in range(3):
        services.use_record(directory="policies", kinds=["view"], country="KE", year=2025)
    services.use_record(directory="policies", kinds=["view", "visitor"], country="", year=2025)
    services.use_record(directory="policies", kinds=["view"], country="K1", year=2025)
    rows = dict(
        UseCount.objects.filter(kind="view").values_list("country", "count").order_by("country")
    )
    assert rows == {"": 2, "KE": 3}
    with pytest.raises(ValueError):
        services.use_record(directory="maps", kinds=["view"], country="KE", year=2025)
