"""Kenyan data for the report tests: activities with and without consent, a plan with an
indicator, a request, consultants and WIPO Match listings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ipdev.activities import services
from tests.factories import make_activity

# Words without hyphens, so that a narrow PDF cell cannot break them across lines.
SECRET_OUTCOMES = "Secretoutcomesqz"
SECRET_INSTITUTIONS = "Hiddeninstitutionqz"
PUBLIC_OUTCOMES = "Publishedoutcomesqz"
SECRET_COST = Decimal("48213.57")


@pytest.fixture
def kenya(staff):
    """Three Kenyan activities: one without consent, one with an activity-level consent for
    every group, and one planned; and one Peruvian activity."""
    hidden = make_activity(
        user=staff, title="Hidden workshop", outcomes=SECRET_OUTCOMES,
        beneficiary_institutions=SECRET_INSTITUTIONS, cost=SECRET_COST,
        participants_total=40, participants_women=25, participants_men=15,
        start_date=dt.date(2024, 3, 4), end_date=dt.date(2024, 3, 6),
    )  # fmt: skip
    shown = make_activity(
        user=staff, title="Published seminar", outcomes=PUBLIC_OUTCOMES,
        participants_total=30, participants_women=14, participants_men=16,
        start_date=dt.date(2025, 5, 1), end_date=dt.date(2025, 5, 2), da_recommendations=[1],
        sdgs=[4, 9],
    )  # fmt: skip
    services.consent_grant(
        user=staff, activity=shown, country="KE", granted_by="KE",
        groups=["narrative", "participants", "finance", "documents", "consultants"],
    )  # fmt: skip
    planned = make_activity(
        user=staff, title="Planned mission", status="planned", category="legislative",
        start_date=dt.date(2025, 9, 1), end_date=dt.date(2025, 9, 3), da_recommendations=[],
        participants_total=None, participants_women=None, participants_men=None,
    )  # fmt: skip
    peru = make_activity(
        user=staff, title="Peruvian course", countries=["PE"], start_date=dt.date(2025, 2, 1),
        end_date=dt.date(2025, 2, 3),
    )  # fmt: skip
    return {"hidden": hidden, "shown": shown, "planned": planned, "peru": peru}
