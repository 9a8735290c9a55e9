"""Demo data for planning: requests in every state, country plans with versions, a strategy
process, indicators with targets and actuals at each step of their review. All through services."""

from __future__ import annotations

import datetime as dt
import random

from django.core.files.base import ContentFile
from django.db import transaction

from ipdev.activities.demo import personas
from ipdev.activities.models import Activity

from . import demo_projects, services
from .demo_strategies import strategies
from .models import AssistanceRequest, CountryPlan, DAProject

CRITERIA_OK = dict.fromkeys(("formal_request", "addresses_needs", "readiness", "resources"), True)


def _letter(country: str, n: int) -> ContentFile:
    body = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
        + f"% Letter of request from {country}, no. {n}\n".encode()
        + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )
    return ContentFile(body, name=f"letter-{country.lower()}-{n}.pdf")


REQUESTS = [
    # country, filer, kind, title, type, mode, days ahead, outcome
    (
        "KE",
        "focal.kenya",
        "assistance",
        "Training of patent examiners in search and examination",
        "capacity-building",
        "workshop",
        240,
        "approved",
    ),
    (
        "KE",
        "focal.kenya",
        "assistance",
        "Review of the draft copyright bill",
        "legislative",
        "expert-mission",
        90,
        "in_review",
    ),
    (
        "KE",
        "focal.kenya",
        "project",
        "Joining the project on IP and technology transfer",
        "da-projects",
        None,
        300,
        "submitted",
    ),
    (
        "PE",
        "focal.peru",
        "assistance",
        "Seminar on geographical indications for coffee",
        "capacity-building",
        "seminar",
        200,
        "deferred",
    ),
    (
        "ET",
        "staff",
        "assistance",
        "Setting up technology and innovation support centres",
        "infrastructure",
        "expert-mission",
        180,
        "approved",
    ),
    (
        "AM",
        "staff",
        "assistance",
        "Modernisation of the IP office's filing system",
        "infrastructure",
        "on-the-job-training",
        160,
        "declined",
    ),
    (
        "BD",
        "staff",
        "assistance",
        "National IP strategy: needs assessment",
        "national-strategies",
        "expert-mission",
        120,
        "submitted",
    ),
]
REASONS = {
    "approved": "Part of the agreed country plan; the budget is earmarked for next year.",
    "deferred": "Worth doing; resources for this biennium are committed. Please re-file in June.",
    "declined": "Already covered by the regional project under way; the office can join it.",
}


def _requests(users, rng: random.Random, kenya) -> int:
    """Requests in every state. Kenya's approved one is part of its plan; Ethiopia has no plan,
    so its approval says "none" with a justification; Armenia's was declined without
    consulting anyone, and the waiver says why."""
    staff = users["staff"]
    today = dt.date.today()
    line = kenya.lines.order_by("order").first()
    for n, (country, filer, kind, title, kind_type, mode, ahead, outcome) in enumerate(REQUESTS, 1):
        data = {
            "kind": kind,
            "country": country,
            "institution": f"National IP office ({country})",
            "title": title,
            "assistance_type": kind_type,
            "delivery_mode": mode,
            "purpose": f"{title}: requested by the national authorities.",
            "development_goals": "The national development plan names innovation as a priority.",
            "expected_outcome": "Officials able to apply what they learnt in their daily work.",
            "beneficiaries_number": rng.randint(10, 60),
            "beneficiaries_profile": "Officials of the IP office and related ministries.",
            "preferred_start": today + dt.timedelta(days=ahead),
            "preferred_end": today + dt.timedelta(days=ahead + 3),
        }
        if country == "KE" and kind == "assistance":
            data["plan_line"] = line.pk
            data["needs_assessment"] = kenya.needs_assessment_id
        if kind == "project":
            data.update(
                purpose="",
                project="DA_1_10_01 Technology transfer and IP",
                rationale="Universities want to license their research results.",
                local_partners="University of Nairobi; Kenya Bureau of Standards",
                readiness="A technology transfer office opened in 2025.",
            )
        request = services.request_file(user=users[filer], data=data, letter=_letter(country, n))
        if outcome == "submitted":
            continue
        criteria = CRITERIA_OK if outcome == "approved" else {**CRITERIA_OK, "resources": False}
        services.request_review(user=staff, request=request, criteria=criteria, notes="Checked.")
        if country != "AM":
            services.consultation_record(
                user=staff,
                request=request,
                unit="legislative-advice" if kind_type == "legislative" else "academy",
                consulted_on=today,
                summary="Can contribute an expert and materials.",
            )
        if outcome != "in_review":
            services.request_decide(
                user=staff,
                request=request,
                decision=outcome,
                reason=REASONS[outcome],
                no_framework_reason=NO_PLAN.get(country, ""),
                consultation_waiver=WAIVERS.get(country, ""),
            )
    return len(REQUESTS)


# Ethiopia has no country plan or strategy: the approval says why it is approved all the same.
NO_PLAN = {
    "ET": "No country plan yet; the TISC network is a priority of the national development plan"
    " and the first step towards a plan."
}
WAIVERS = {"AM": "The same request was reviewed with the sectors concerned in March."}


LINES = [
    (
        "III.1",
        "National IP policy adopted; number of institutions consulted.",
        "Needs assessment and stakeholder forum.",
        "Validation forum and adoption.",
        "rb-africa",
    ),
    (
        "III.2",
        "Number of examiners trained (women and men); examination backlog.",
        "Two examination workshops.",
        "Mentoring of the trained examiners.",
        "academy",
    ),
    (
        "IV.2",
        "Number of TISCs offering patent searches; searches made.",
        "Opening of three TISCs.",
        "Training of TISC staff.",
        "rb-africa",
    ),
]


def _assessments(users, country: str):
    """Two versions of the country's needs assessment, the later one current."""
    staff = users["staff"]
    year = dt.date.today().year
    latest = None
    for version, (assessed_on, findings) in enumerate(
        (
            (dt.date(year - 3, 5, 12), "The IP office lacks trained examiners; no TISCs."),
            (
                dt.date(year - 1, 6, 3),
                "Examination backlog halved since the last assessment; universities ask for"
                " help with IP policies and technology transfer.",
            ),
        ),
        start=1,
    ):
        latest = services.needs_assessment_record(
            user=staff,
            data={
                "country": country,
                "assessed_on": assessed_on,
                "title": f"Needs assessment of {country}, version {version}",
                "findings": findings,
                "priorities": "Examination capacity; TISCs; IP policies of universities.",
                "risks": "Staff turnover at the IP office; budget cuts.",
                "preparedness": "A national committee meets monthly; the IP office leads.",
                "national_committee": "IP office (chair); ministries of trade, education and"
                " culture; national university; chamber of commerce",
            },
        )
    return latest


def _plan(users, country: str, agreed: bool):
    staff = users["staff"]
    assessment = _assessments(users, country) if agreed else None
    plan = services.plan_create(
        user=staff,
        data={
            "country": country,
            "biennium_start": dt.date.today().year,
            "needs_assessment": assessment.pk if assessment else None,
            "development_plan": "The medium-term development plan puts innovation and skills"
            " first.",
            "vision_statements": "Vision: a knowledge-based, industrialising economy.",
            "industrial_strategy": "Agro-processing and manufacturing clusters.",
            "needs": "Trained examiners; patent information services; IP policies.",
            "priorities": "Examination capacity first, then TISCs.",
            "objectives": "Shorter examination times; searches available in every region.",
            "resources": "Regular budget of the regional bureau; the IP office's own staff.",
            "ip_policy": "A national IP policy is being formulated with WIPO's support.",
            "science_technology_policy": "The science, technology and innovation act sets goals "
            "for research funding and technology transfer.",
            "innovation_policy": "Innovation hubs in the capital and two regional cities.",
            "culture_policy": "Support to creative industries, music and film in particular.",
        },
    )
    activities = list(
        Activity.objects.filter(countries=country)
        .order_by("-start_date")
        .values_list("pk", flat=True)[:6]
    )
    for n, (result, indicators, year1, year2, sector) in enumerate(LINES):
        services.plan_line_save(
            user=staff,
            plan=plan,
            data={
                "expected_result": result,
                "performance_indicators": indicators,
                "year1_activities": year1,
                "year2_activities": year2,
                "sector": sector,
                "national_counterparts": "National IP office; ministry of trade",
                "international_counterparts": "ARIPO" if country == "KE" else "",
                "activities": activities[n * 2 : n * 2 + 2],
                "outside_reason": "Prepared in the previous biennium; its follow-up is part of"
                " this plan.",
            },
        )
    year = plan.biennium_start
    services.plan_consultation_add(
        user=staff,
        plan=plan,
        kind="country",
        held_on=dt.date(year - 1, 10, 6),
        participants="IP office, ministries of trade, education and culture",
    )
    services.plan_consultation_add(
        user=staff,
        plan=plan,
        kind="internal",
        held_on=dt.date(year - 1, 11, 12),
        participants="Regional bureau, Academy, Division for LDCs",
    )
    if agreed:
        services.plan_validate(
            user=users["focal.kenya"],
            plan=plan,
            validated_on=dt.date(year - 1, 12, 1),
            participants="IP office, ministries of trade and education, national university",
        )
        services.plan_agree(user=staff, plan=plan, agreed_on=dt.date(year - 1, 12, 15))
        line = plan.lines.order_by("order").last()
        services.plan_line_save(
            user=staff,
            plan=plan,
            line=line,
            data={
                "year2_activities": "Training of TISC staff and a national TISC network meeting."
            },
        )
        services.plan_review(
            user=staff, plan=plan, note="Annual review: a network meeting added for year 2."
        )
    return plan


def _results(users, plan) -> None:
    staff, focal = users["staff"], users["focal.kenya"]
    year = plan.biennium_start
    project, _ = DAProject.objects.get_or_create(
        code="DA_1_10_01", defaults={"title": "Intellectual property and technology transfer"}
    )
    lines = list(plan.lines.order_by("order"))
    trained = services.indicator_create(
        user=staff,
        data={
            "name": "Examiners trained",
            "kind": "quantitative",
            "unit": "people",
            "baseline_value": "0",
            "baseline_date": dt.date(year - 1, 12, 31),
            "cumulative": True,
            "by_sex": True,
            "plan_line": lines[1],
        },
    )
    tiscs = services.indicator_create(
        user=staff,
        data={
            "name": "TISCs offering patent searches",
            "kind": "quantitative",
            "unit": "TISCs",
            "baseline_value": "1",
            "plan_line": lines[2],
        },
    )
    policy = services.indicator_create(
        user=staff,
        data={
            "name": "National IP policy",
            "kind": "qualitative",
            "baseline_narrative": "No IP policy.",
            "plan_line": lines[0],
        },
    )
    services.indicator_create(
        user=staff,
        data={
            "name": "Universities with an IP policy",
            "kind": "quantitative",
            "unit": "universities",
            "da_project": project,
            "cumulative": True,
        },
    )
    for indicator, values in ((trained, ("20", "40")), (tiscs, ("3", "5"))):
        for period, value in zip((year, year + 1), values, strict=True):
            services.target_set(user=staff, indicator=indicator, period=period, value=value)
    services.target_set(
        user=staff, indicator=policy, period=year + 1, narrative="Policy adopted by the cabinet."
    )
    # With a linked activity, its own indicator rolls up into the plan line's.
    linked = list(lines[1].activities.all())
    reported = trained
    if linked:
        reported = services.indicator_create(
            user=staff,
            data={
                "name": "Examiners trained",
                "kind": "quantitative",
                "unit": "people",
                "by_sex": True,
                "cumulative": True,
                "activity": linked[0],
                "contributes_to": trained,
            },
        )
    actual = services.actual_save(
        user=focal, indicator=reported, period=year, value="14", value_women="8", value_men="6"
    )
    services.actual_submit(user=focal, actual=actual)
    services.actual_approve(user=staff, actual=actual)
    actual = services.actual_save(user=focal, indicator=tiscs, period=year, value="2")
    services.actual_submit(user=focal, actual=actual)
    services.actual_return(
        user=staff, actual=actual, comment="Please list the TISCs and their host institutions."
    )
    actual = services.actual_save(
        user=focal,
        indicator=policy,
        period=year,
        narrative="The draft policy was validated by the stakeholders' forum.",
    )
    services.actual_submit(user=focal, actual=actual)


@transaction.atomic
def generate(*, seed: int = 2007) -> str:
    """Create the planning demo data; returns a line for the command's output."""
    if CountryPlan.objects.exists() or AssistanceRequest.objects.exists():
        return "Planning data already exist; no planning demo data loaded."
    rng = random.Random(seed)
    users = personas()
    kenya = _plan(users, "KE", agreed=True)
    _plan(users, "PE", agreed=False)
    count = _requests(users, rng, kenya)
    processes = strategies(users, kenya)
    _results(users, kenya)
    projects = demo_projects.generate(users)
    return (
        f"Planning: {count} requests, 2 country plans, {processes} strategy processes,"
        f" needs assessments, indicators, {projects}."
    )
