"""One small world in which every main page has something to show, made with tests/factories.

Activities in three countries (one of which consented), a copyright seminar, two consultants,
published needs and offers with an agreed match, an agreed country plan, a filed request and an
IATI import run. Returns the keys that the page addresses need and the personas' sessions.
"""

import datetime as dt

from ipdev.accounts.models import Role
from ipdev.activities import services as activity_services
from ipdev.iati.services import iati_import_files
from ipdev.matchmaking import services as match_services
from ipdev.planning import services as planning_services
from tests.browser.support import session_of
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    file_request,
    make_activity,
    make_consultant,
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
    return {"kenyan": made[0].pk, "ghanaian": made[2].pk}


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
    return {"offer": offer.pk, "need": open_need.pk, "match": match.pk}


def _iati_run(tmp_path) -> int:
    path = tmp_path / "kenya-ngo.xml"
    path.write_text(activities_file(activity_xml("XI-TEST-1-K1"), activity_xml("XI-TEST-1-K2")))
    return iati_import_files(user=None, paths=[path], schema_check=False).pk


def build_world(tmp_path) -> dict:
    staff = UserFactory(username="sam.staff", role=Role.STAFF, is_staff=True, bureau_id="africa")
    focal_point = UserFactory(username="kenya.focal", role=Role.FOCAL_POINT, countries=["KE"])
    organisation = OrganisationFactory(name="Japan Patent Office", country_id="JP")
    provider = UserFactory(username="paul.provider", role=Role.PROVIDER, organisation=organisation)
    world = _activities(staff)
    world.update(_match(staff, focal_point, provider))
    world["consultant"] = make_consultant(staff=staff, name="Amina Diallo").pk
    make_consultant(staff=staff, name="Kwame Mensah", gender="male", email="kwame@example.org")
    plan = make_plan(staff)
    planning_services.plan_agree(user=staff, plan=plan, agreed_on=dt.date(2026, 2, 1))
    world["plan"] = plan.pk
    world["request"] = file_request(focal_point).pk
    world["import_run"] = _iati_run(tmp_path)
    world["sessions"] = {
        "staff": session_of(staff),
        "focal_point": session_of(focal_point),
        "provider": session_of(provider),
    }
    return world
