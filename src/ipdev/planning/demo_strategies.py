"""Demo national IP strategies: one under way in Kenya with its committees, one adopted in
Ethiopia after its cabinet approved it, with a step skipped for a recorded reason."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile

from . import services
from .models import StepStatus

STEERING = [
    ("Jane Wanjiru", "Kenya Industrial Property Institute", "Chair"),
    ("Peter Otieno", "Ministry of Investments, Trade and Industry", ""),
    ("Amina Hassan", "Kenya Copyright Board", ""),
]
DRAFTING = [
    ("Samuel Kiprop", "University of Nairobi", "Lead drafter"),
    ("Grace Achieng", "Kenya Industrial Property Institute", ""),
]


def _document(country: str) -> ContentFile:
    body = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return ContentFile(body, name=f"needs-assessment-{country.lower()}.pdf")


def _committees(staff, process, members: dict[str, list]) -> None:
    for committee, rows in members.items():
        for name, institution, role in rows:
            services.committee_member_add(
                user=staff,
                process=process,
                committee=committee,
                name=name,
                institution=institution,
                role=role,
            )


def strategies(users, kenya) -> int:
    staff = users["staff"]
    year = kenya.biennium_start
    process = services.strategy_start(
        user=staff,
        country="KE",
        title="National intellectual property policy and strategy",
        started_on=dt.date(year - 1, 3, 1),
        plan=kenya.pk,
    )
    _committees(staff, process, {"steering": STEERING, "drafting": DRAFTING})
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
        user=staff, step=steps[0], upload=_document("KE"), title="Needs assessment"
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
    _adopted(staff, year)
    return 2


def _adopted(staff, year: int) -> None:
    process = services.strategy_start(
        user=staff,
        country="ET",
        title="National IP policy and strategy of Ethiopia",
        started_on=dt.date(year - 3, 1, 15),
    )
    _committees(
        staff,
        process,
        {
            "steering": [("Dawit Bekele", "Ethiopian Intellectual Property Authority", "Chair")],
            "drafting": [("Hana Tesfaye", "Addis Ababa University", "Lead drafter")],
        },
    )
    start = dt.date(year - 3, 2, 1)
    for n, step in enumerate(process.steps.order_by("order")[:6]):
        begun = start + dt.timedelta(days=60 * n)
        if n == 4:
            services.strategy_step_update(
                user=staff,
                step=step,
                status=StepStatus.SKIPPED,
                skip_reason="WIPO's comments needed no change; the validated draft went"
                " straight to the government.",
            )
            continue
        services.strategy_step_update(
            user=staff,
            step=step,
            status=StepStatus.DONE,
            started_on=begun,
            completed_on=begun + dt.timedelta(days=45),
        )
