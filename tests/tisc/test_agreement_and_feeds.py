"""The service-level agreement kept as a private file with the network, and the page where
staff link a network to results-framework indicators."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ipdev.core.models import AuditEntry
from ipdev.tisc import services
from ipdev.tisc.models import IndicatorFeed
from tests.conftest import client_for
from tests.factories import make_indicator

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def _pdf(name="sla.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _url(network, tail="agreement/"):
    return f"/workspace/tisc/networks/{network.pk}/{tail}"


def test_staff_upload_the_agreement_and_the_audit_log_says_so(staff, kenya):
    services.agreement_upload(user=staff, network=kenya, upload=_pdf())
    kenya.refresh_from_db()
    assert kenya.sla_file.name.endswith("sla.pdf") and kenya.sla_file_type == "application/pdf"
    entry = AuditEntry.objects.filter(action="tisc.agreement_uploaded").get()
    assert entry.changes["sla_file"][1] == kenya.sla_file.name


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("sla.txt", b"plain words", "not accepted"),
        ("sla.pdf", b"MZ\x90\x00 not a pdf", "not a .pdf file"),
        ("sla.docx", b"%PDF-1.4 a pdf named docx", "not a .docx file"),
        ("sla.pdf", b"", "empty"),
    ],
)
def test_bad_agreement_files_are_refused_naming_the_field(staff, kenya, name, content, problem):
    with pytest.raises(Exception) as caught:
        services.agreement_upload(user=staff, network=kenya, upload=_pdf(name, content))
    assert problem in " ".join(caught.value.message_dict["sla_file"])
    kenya.refresh_from_db()
    assert not kenya.sla_file


def test_an_agreement_over_the_size_limit_is_refused(staff, kenya, settings):
    settings.IPDEV_UPLOAD_MAX_BYTES = 50
    with pytest.raises(Exception) as caught:
        services.agreement_upload(user=staff, network=kenya, upload=_pdf())
    assert "limit" in " ".join(caught.value.message_dict["sla_file"])


def test_a_coordinator_may_not_upload(coordinator, kenya):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.agreement_upload(user=coordinator, network=kenya, upload=_pdf())


def test_only_staff_and_the_networks_coordinator_download_it(staff, kenya, personas, coordinator,
                                                             other_coordinator):  # fmt: skip
    services.agreement_upload(user=staff, network=kenya, upload=_pdf())
    for user in (staff, coordinator):
        response = client_for(user).get(_url(kenya))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert "private" in response["Cache-Control"]
    assert client_for(other_coordinator).get(_url(kenya)).status_code == 403
    assert client_for(personas["public"]).get(_url(kenya)).status_code == 403
    assert client_for(None).get(_url(kenya)).status_code == 302  # to sign in
    public_page = client_for(None).get(f"/tisc/networks/{kenya.pk}/").content.decode()
    assert "agreement/" not in public_page and "sla.pdf" not in public_page


def test_staff_upload_from_the_network_page_and_errors_name_the_field(staff, kenya, coordinator):
    client = client_for(staff)
    response = client.post(_url(kenya), {"sla_file": _pdf("sla.exe", b"MZ")}, follow=True)
    assert "Service-level agreement (PDF or DOCX): Files of type" in response.content.decode()
    response = client.post(_url(kenya), {"sla_file": _pdf()}, follow=True)
    assert "Download the agreement" in response.content.decode()
    page = client_for(coordinator).get(_url(kenya, "")).content.decode()
    assert "Download the agreement" in page and 'name="sla_file"' not in page
    client.post(_url(kenya), {"remove": "1"})
    kenya.refresh_from_db()
    assert not kenya.sla_file
    assert client.get(_url(kenya)).status_code == 404
    assert client_for(coordinator).post(_url(kenya), {"sla_file": _pdf()}).status_code == 403
    kenya.refresh_from_db()
    assert not kenya.sla_file


def test_staff_link_a_network_to_an_indicator_and_the_page_shows_it(staff, kenya, coordinator):
    indicator = make_indicator(staff, name="People using TISC services")
    client = client_for(staff)
    page = client.get(_url(kenya, "")).content.decode()
    assert "People using TISC services" in page  # offered: Kenya's country plan
    response = client.post(
        _url(kenya, "do/feed/"), {"indicator": indicator.pk, "total": "inquiries"}, follow=True
    )
    body = response.content.decode()
    assert "The indicator is linked" in body
    assert "fed with: Inquiries" in body
    feed = IndicatorFeed.objects.get()
    assert AuditEntry.objects.filter(action="tisc.indicator_fed").exists()
    coordinator_page = client_for(coordinator).get(_url(kenya, "")).content.decode()
    assert "People using TISC services" in coordinator_page
    assert "Link the indicator" not in coordinator_page
    refused = client_for(coordinator).post(
        _url(kenya, "do/feed/"), {"indicator": indicator.pk, "total": "deliveries"}
    )
    assert refused.status_code == 403
    assert IndicatorFeed.objects.get().total == "inquiries"
    client.post(_url(kenya, "do/unfeed/"), {"feed": feed.pk})
    assert not IndicatorFeed.objects.exists()


def test_linking_an_unknown_indicator_names_the_field(staff, kenya):
    response = client_for(staff).post(
        _url(kenya, "do/feed/"), {"indicator": "99999", "total": "inquiries"}, follow=True
    )
    assert "Unknown indicator" in response.content.decode()
    response = client_for(staff).post(
        _url(kenya, "do/feed/"), {"indicator": "x", "total": "nothing"}, follow=True
    )
    body = response.content.decode()
    assert "Indicator:" in body and "Fed with the year" in body
