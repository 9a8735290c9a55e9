"""One small world in which every main page has something to show, made with tests/factories.

Activities in three countries (one of which consented), a copyright seminar, two consultants,
published needs and offers with an agreed match, an agreed country plan, a filed request, an
IATI import run and a few entries in each knowledge directory. Returns the keys that the page
addresses need and the personas' sessions.
"""

import datetime as dt

from ipdev.accounts.models import Role
from ipdev.activities import services as activity_services
from ipdev.activities.models import ExportFile
from ipdev.directories import suggestions
from ipdev.iati.services import iati_import_files
from ipdev.matchmaking import services as match_services
from ipdev.planning import services as planning_services
from tests.browser.support import session_of
from tests.directories.factories import make_directories
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    agree_plan,
    file_request,
    make_activity,
    make_consultant,
    make_indicator,
    make_plan,
    need_fields,
    offer_fields,
    published,
)
from tests.iati.conftest import activities_file, activity_xml


def _activities(staff) -> dict:
    made = [
        make_activity(
            user=staff,
            title=f"Patent workshop {n + 1} in {code}",
            summary="Hands-on drafting and examination practice for the national office.",
            countries=[code],
            status=status,
            start_date=dt.date(2020 + n % 5, 1 + n % 12, 10),
            end_date=dt.date(2020 + n % 5, 1 + n % 12, 12) if status == "completed" else None,
        )
        for n, (code, status) in enumerate(
            [("KE", "completed"), ("PE", "ongoing"), ("GH", "ongoing")] * 4
        )
    ]
    activity_services.consent_grant(
        user=staff,
        country="GH",
        groups=["narrative", "participants", "finance", "documents"],
        granted_by="Permanent Mission of Ghana",
    )
    make_activity(
        user=staff,
        title="Copyright seminar",
        summary="Copyright basics for collective management organisations.",
        countries=["KE"],
        ip_areas=["copyright"],
    )
    return {"kenyan": made[0].pk, "ghanaian": made[2].pk, "kenyan_consented": made[3].pk}


def _consent(staff, focal_point, world) -> None:
    """A Kenyan consent expiring in a month and a visitor's open request for details."""
    from ipdev.activities.models import Activity

    activity_services.consent_grant(
        user=focal_point,
        country="KE",
        activity=Activity.objects.get(pk=world["kenyan_consented"]),
        groups=["narrative", "participants"],
        granted_by="Ministry of Trade",
        valid_until=dt.date.today() + dt.timedelta(days=30),
        reference="MIT/2026/17",
    )
    world["details_request"] = activity_services.details_request_file(
        activity=Activity.objects.get(pk=world["kenyan"]),
        groups=["narrative", "finance"],
        email="rita@example.org",
        name="Rita Researcher",
        reason="A study of patent training programmes in East Africa.",
        sender="198.51.100.7",
    ).pk


def _match(staff, seeker, provider) -> dict:
    offer = published(match_services.offer_create(user=provider, data=offer_fields()), staff)
    need = published(
        match_services.need_create(
            user=seeker, data=need_fields(title="Training our patent examiners")
        ),
        staff,
    )
    match = match_services.match_propose(user=staff, need=need, offer=offer)
    match_services.match_agree(user=seeker, match=match)
    match_services.match_agree(user=provider, match=match)
    open_need = published(match_services.need_create(user=seeker, data=need_fields()), staff)
    # Suggested to the open need too: another type of support, written in French with an
    # English translation, in a related area.
    published(
        match_services.offer_create(
            user=provider,
            data=offer_fields(
                title="Financement de la formation des examinateurs de brevets",
                description="Bourses pour former les examinateurs de brevets à la recherche.",
                text_language="fr",
                translations={
                    "en": {
                        "title": "Funds to train patent examiners",
                        "description": "Grants to train patent examiners in search and "
                        "examination.",
                    }
                },
                support_types=["financial"],
                ip_areas=["ip-information"],
            ),
        ),
        staff,
    )
    return {"offer": offer.pk, "need": open_need.pk, "match": match.pk}


def _iati_run(tmp_path) -> int:
    path = tmp_path / "kenya-ngo.xml"
    path.write_text(activities_file(activity_xml("XI-TEST-1-K1"), activity_xml("XI-TEST-1-K2")))
    return iati_import_files(user=None, paths=[path], schema_check=False).pk


def _tisc(staff) -> dict:
    """Kenya's TISC network with two centres, an approved and a submitted report, a
    certified participant; its coordinator."""
    from ipdev.tisc import services as tisc
    from tests.tisc.conftest import CENTRE, figures, make_network

    coordinator = UserFactory(username="kim.coordinator", role=Role.PUBLIC)
    network = make_network(staff, "KE", coordinator, frequency="quarterly")
    centre = tisc.centre_create(user=staff, network=network, data=CENTRE)
    tisc.centre_create(
        user=staff,
        network=network,
        data={**CENTRE, "name": "TISC Mombasa", "city": "Mombasa", "latitude": "-4.04",
              "longitude": "39.67", "host_type": "library"},
    )  # fmt: skip
    ids = []
    for quarter in (1, 2):
        report = tisc.report_save(user=coordinator, network=network, year=2025,
                                  quarter=quarter, data=figures())  # fmt: skip
        tisc.report_submit(user=coordinator, report=report)
        ids.append(report.pk)
    tisc.report_approve(user=staff, report=report)
    participant = tisc.participant_enrol(
        user=staff, network=network, data={"name": "Amina K.", "sex": "female", "language": "en"}
    )
    for i, phase in enumerate(("distance", "instructor", "practice")):
        tisc.phase_record(user=staff, certification=participant, phase=phase,
                          status="completed", on=f"2026-0{i + 2}-01")  # fmt: skip
    return {
        "tisc_network": network.pk,
        "tisc_centre": centre.pk,
        "tisc_submitted": ids[0],
        "tisc_user": coordinator,
    }


def _feed(staff, plan, network: int) -> None:
    """The TISC network feeds an indicator of Kenya's agreed plan (shown on its public page)."""
    from ipdev.tisc import services as tisc
    from ipdev.tisc.models import Network

    indicator = make_indicator(staff, plan.lines.get(), name="People using TISC services")
    tisc.indicator_feed_set(
        user=staff, network=Network.objects.get(pk=network), indicator=indicator, total="inquiries"
    )


def _prepared_download(tmp_path) -> str:
    """A large download built for the public (its page offers the file)."""
    from django.test import override_settings
    from django.utils import timezone

    from ipdev.activities import export_files, exports
    from ipdev.search.types import Query

    with override_settings(IPDEV_JOB_FILES_DIR=tmp_path / "job-files"):
        about = exports.About(search_url="http://testserver/activities/", made_at=timezone.now())
        prepared = export_files.export_request(
            user=None, query=Query(facets=False), fmt="csv", language="en", about=about
        )
        export_files.export_build(pk=ExportFile.objects.get(token=prepared.token).pk)
    return prepared.token


def build_world(tmp_path) -> dict:
    staff = UserFactory(username="sam.staff", role=Role.STAFF, is_staff=True, bureau_id="africa")
    focal_point = UserFactory(username="kenya.focal", role=Role.FOCAL_POINT, countries=["KE"])
    organisation = OrganisationFactory(name="Japan Patent Office", country_id="JP")
    provider = UserFactory(username="paul.provider", role=Role.PROVIDER, organisation=organisation)
    world = _activities(staff)
    world.update(_match(staff, focal_point, provider))
    _consent(staff, focal_point, world)
    world["consultant"] = make_consultant(staff=staff, name="Amina Diallo").pk
    make_consultant(staff=staff, name="Kwame Mensah", gender="male", email="kwame@example.org")
    plan = make_plan(staff)
    agree_plan(staff, plan, dt.date(2026, 2, 1))
    world["plan"] = plan.pk
    world["strategy"] = planning_services.strategy_start(
        user=staff, country="KE", title="National IP strategy", started_on=dt.date(2026, 1, 5)
    ).pk
    world["request"] = file_request(focal_point).pk
    world["import_run"] = _iati_run(tmp_path)
    world["download"] = _prepared_download(tmp_path)
    directories = make_directories(staff)
    world["policy_entry"] = directories["policy"]
    world["alpha"] = directories["databases"]["Alpha Patents"]
    world["beta"] = directories["databases"]["Beta Search"]
    world["directory_suggestion"] = suggestions.suggestion_submit(
        user=None,
        data={
            "directory": "databases",
            "entry": str(world["alpha"]),
            "message": "Alpha now covers Peru as well.",
            "proposed": {"coverage_countries": "KE, PE", "semantic_search": "yes"},
            "contact": "reader@example.org",
        },
    ).pk
    world.update(_tisc(staff))
    _feed(staff, plan, world["tisc_network"])
    world["sessions"] = {
        "coordinator": session_of(world.pop("tisc_user")),
        "staff": session_of(staff),
        "focal_point": session_of(focal_point),
        "provider": session_of(provider),
    }
    return world
