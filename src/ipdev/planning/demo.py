"""Demo data for planning: requests in every state, country plans with versions, a strategy
process, indicators with targets and actuals at each step of their review. All through services."""

from __future__ import annotations

import datetime as dt
import random

from django.core.files.base import ContentFile
from django.db import transaction

from ipdev.activities.demo import personas
from ipdev.activities.models import Activity

from . import services
from .models import AssistanceRequest, CountryPlan, DAProject, StepStatus

CRITERIA_OK = dict.fromkeys(
    ("formal_request", "in_plan", "addresses_needs", "readiness", "resources"), True
)


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


def _requests(users, rng: random.Random) -> int:
    staff = users["staff"]
    today = dt.date.today()
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
        services.consultation_record(
            user=staff,
            request=request,
            unit="legislative-advice" if kind_type == "legislative" else "academy",
            consulted_on=today,
            summary="Can contribute an expert and materials.",
        )
        if outcome != "in_review":
            services.request_decide(
                user=staff, request=request, decision=outcome, reason=REASONS[outcome]
            )
    return len(REQUESTS)


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


def _plan(users, country: str, agreed: bool):
    staff = users["staff"]
    plan = services.plan_create(
        user=staff,
        data={
            "country": country,
            "biennium_start": dt.date.today().year,
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
        services.plan_consultation_add(
            user=staff, plan=plan, kind="validation", held_on=dt.date(year - 1, 12, 1)
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


def _strategy(users, plan) -> None:
    staff = users["staff"]
    year = plan.biennium_start
    process = services.strategy_start(
        user=staff,
        country=plan.country_id,
        title="National intellectual property policy and strategy",
        started_on=dt.date(year - 1, 3, 1),
        plan=plan.pk,
    )
    steps = list(process.steps.order_by("order"))
    services.strategy_step_update(
        user=staff,
        step=steps[0],
        status=StepStatus.DONE,
        started_on=dt.date(year - 1, 3, 1),
        completed_on=dt.date(year - 1, 7, 31),
        notes="Steering committee of twelve members.",
    )
    services.strategy_document_attach(
        user=staff, step=steps[0], upload=_letter(plan.country_id, 99), title="Needs assessment"
    )
    services.strategy_step_update(
        user=staff,
        step=steps[1],
        status=StepStatus.DONE,
        started_on=dt.date(year - 1, 9, 10),
        completed_on=dt.date(year - 1, 9, 11),
    )
    services.strategy_step_update(
        user=staff,
        step=steps[2],
        status=StepStatus.IN_PROGRESS,
        started_on=dt.date(year - 1, 10, 1),
    )


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
    count = _requests(users, rng)
    kenya = _plan(users, "KE", agreed=True)
    _plan(users, "PE", agreed=False)
    _strategy(users, kenya)
    _results(users, kenya)
    return f"Planning: {count} requests, 2 country plans, 1 strategy process, indicators."
