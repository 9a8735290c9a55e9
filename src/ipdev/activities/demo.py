"""Deterministic, realistic demo data: activities across countries, categories, years, consents."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from ipdev.accounts.models import Organisation, Role, User
from ipdev.reference import models as ref

from . import services
from .demo_translations import translations
from .models import DetailGroup, Scope, Status

TOPICS = {
    "patents": [
        "patent drafting",
        "patent examination",
        "patent search strategies",
        "utility models",
    ],
    "trademarks": [
        "trademark examination",
        "the Madrid System",
        "collective and certification marks",
    ],
    "industrial-designs": ["industrial design protection", "the Hague System"],
    "geographical-indications": ["geographical indications for origin products", "GI registration"],
    "copyright": [
        "copyright and related rights",
        "collective management of copyright",
        "copyright in the digital environment",
    ],
    "gr-tk-tce": [
        "the protection of traditional knowledge",
        "traditional cultural expressions",
        "genetic resources and disclosure",
    ],
    "enforcement": ["building respect for IP", "border measures against counterfeiting"],
    "adr": ["mediation of IP disputes", "alternative dispute resolution"],
    "ip-management": ["IP management in universities", "technology licensing", "IP valuation"],
    "smes": ["IP for small and medium-sized enterprises", "branding for SMEs"],
    "innovation-tech-transfer": [
        "technology transfer offices",
        "innovation support",
        "technology and innovation support centers",
    ],
}
AUDIENCES = [
    "IP office examiners",
    "judges and prosecutors",
    "university researchers",
    "SME associations",
    "policy makers",
    "customs officers",
    "creative industries",
    "patent attorneys",
    "TISC staff",
]
MODE_WORDS = {
    "training-course": "Training course on",
    "workshop": "Workshop on",
    "seminar": "Seminar on",
    "conference": "Conference on",
    "study-visit": "Study visit on",
    "fellowship": "Fellowship in",
    "expert-mission": "Expert advisory mission on",
    "distance-learning": "Distance learning course on",
}
SUMMARIES = [
    "Brings together {audience} to strengthen national capacity in {topic}.",
    "Supports {country} in applying {topic} to its development priorities.",
    "A demand-driven activity requested by the national authorities on {topic} for {audience}.",
    "Shares practical experience of {topic} with {audience}, including South-South exchange.",
]
LESSONS = [
    "Local ownership from the start made follow-up easier.",
    "Short practical exercises worked better than lectures.",
    "Translation of the materials into the national language was essential.",
    "Participants asked for a follow-up session after six months.",
]
DEMO_PASSWORD = "demo-password-1"
# Where WIPO's technical assistance goes most (relative weights, our estimate from the
# Director General's reports on technical assistance): the demo concentrates activities there.
FOCUS = {
    # Africa
    "KE": 10, "NG": 8, "GH": 7, "ET": 6, "TZ": 6, "UG": 6, "RW": 6, "SN": 6, "ZW": 5, "ZA": 5,
    "CM": 5, "CI": 5, "MZ": 4, "ZM": 4, "MW": 4, "BW": 4, "NA": 3,
    # Arab countries
    "EG": 8, "MA": 8, "TN": 6, "JO": 6, "DZ": 5, "SA": 4, "OM": 4, "LB": 3, "SD": 3, "AE": 3,
    # Asia and the Pacific
    "CN": 7, "IN": 7, "ID": 7, "PH": 7, "VN": 7, "TH": 6, "PK": 6, "BD": 6, "KH": 6, "MY": 5,
    "LK": 5, "LA": 5, "MN": 5, "NP": 4, "IR": 4, "FJ": 3, "PG": 3,
    # Latin America and the Caribbean
    "BR": 7, "CO": 7, "PE": 7, "MX": 6, "CL": 5, "AR": 5, "DO": 5, "CU": 4, "CR": 4, "GT": 4,
    "PA": 4, "JM": 4, "TT": 4, "EC": 4, "PY": 3, "UY": 3,
    # Countries in transition
    "UZ": 5, "KZ": 4, "UA": 4, "GE": 4, "AM": 4, "MD": 4, "KG": 3, "TJ": 3, "RS": 3, "MK": 3,
    "AL": 3, "AZ": 3, "TR": 3,
}  # fmt: skip
PAST_YEARS = 11  # activities reach back this many years
PLANNED_SHARE = 0.05  # most activities are past and completed; a few are planned
CONSENTING_SHARE = 0.25  # countries with a default consent to publish details


def _pick(rng: random.Random, seq, k: int) -> list:
    return rng.sample(list(seq), min(k, len(seq)))


def personas() -> dict[str, User]:
    """Demo accounts for trying the roles locally (documented in the README; not for production)."""
    specs = [
        ("admin", Role.ADMIN, {"is_staff": True, "is_superuser": True}, []),
        ("staff", Role.STAFF, {"is_staff": True, "bureau_id": "africa"}, []),
        ("focal.kenya", Role.FOCAL_POINT, {}, ["KE"]),
        ("focal.peru", Role.FOCAL_POINT, {}, ["PE"]),
        ("public", Role.PUBLIC, {}, []),
    ]
    users = {}
    for username, role, extra, countries in specs:
        user, created = User.objects.get_or_create(
            username=username, defaults={"role": role, **extra}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.email = f"{username}@example.org"
            user.save()
            user.countries.set(countries)
        users[username] = user
    return users


@transaction.atomic
def generate(*, activities: int, seed: int = 2007) -> int:
    """Create `activities` demo activities through the services. Same seed, same data."""
    rng = random.Random(seed)
    users = personas()
    staff = users["admin"]
    countries = list(ref.beneficiary_countries().order_by("code"))
    weights = [
        FOCUS.get(c.code, 1.5 if c.status == ref.DevelopmentStatus.LDC else 1) for c in countries
    ]
    categories = list(ref.ActivityCategory.objects.values_list("code", flat=True))
    modes = list(ref.DeliveryMode.objects.values_list("code", flat=True))
    areas = [a for a in ref.IPArea.objects.values_list("code", flat=True) if a in TOPICS] or list(
        TOPICS
    )
    funding = list(ref.FundingSource.objects.values_list("code", flat=True))
    units = list(ref.Unit.objects.values_list("code", flat=True))
    regions = list(ref.Region.objects.filter(parent__code="001").values_list("code", flat=True))
    results = list(ref.ExpectedResult.objects.values_list("code", flat=True))
    partners = [
        Organisation.objects.get_or_create(name=name, defaults={"type": kind})[0]
        for name, kind in [
            ("African Regional Intellectual Property Organization (ARIPO)", "40"),
            ("African Intellectual Property Organization (OAPI)", "40"),
            ("World Trade Organization (WTO)", "40"),
            ("UNCTAD", "40"),
            ("National University IP Centre", "80"),
        ]
    ]
    today = dt.date.today()
    for _ in range(activities):
        area = rng.choice(areas)
        topic = rng.choice(TOPICS[area])
        mode = rng.choice(modes)
        scope = rng.choices([Scope.NATIONAL, Scope.REGIONAL, Scope.INTERREGIONAL], [80, 15, 5])[0]
        chosen = rng.choices(countries, weights)[:1]
        if scope == Scope.REGIONAL:
            bureau = chosen[0].bureau_id
            pool = [c for c in countries if c.bureau_id == bureau]
            chosen = _pick(rng, pool, rng.randint(2, 5))
        elif scope == Scope.INTERREGIONAL:
            chosen = sorted(
                set(rng.choices(countries, weights, k=rng.randint(0, 3))), key=lambda c: c.code
            )
        if rng.random() < PLANNED_SHARE:
            start = today + dt.timedelta(days=rng.randint(14, 300))
        else:  # in the past, spread over the years
            start = today - dt.timedelta(days=int(365 * PAST_YEARS * rng.random()) + 3)
        end = start + dt.timedelta(days=rng.choice([0, 1, 2, 4, 4, 13, 30, 180]))
        status = (
            Status.PLANNED
            if start > today
            else Status.ONGOING
            if end >= today
            else Status.COMPLETED
        )
        if rng.random() < 0.04:
            status = Status.CANCELLED
        total = rng.randint(8, 120)
        women = rng.randint(int(total * 0.25), int(total * 0.65))
        country_name = chosen[0].name if len(chosen) == 1 else "the region"
        audience = rng.choice(AUDIENCES)
        title_country = f" ({chosen[0].name})" if len(chosen) == 1 else ""
        mode_words = MODE_WORDS.get(mode, "Activity on")
        summary = rng.randrange(len(SUMMARIES))
        data = {
            "title": f"{mode_words} {topic} for {audience}{title_country}",
            "summary": SUMMARIES[summary].format(
                audience=audience, topic=topic, country=country_name
            ),
            "translations": translations(
                mode=mode_words,
                topic=topic,
                audience=audience,
                summary=summary,
                countries=chosen,
            ),
            "description": f"The activity covered {topic} through presentations, case studies and "
            f"exercises adapted to {country_name}.",
            "objectives": f"Increase the ability of {audience} to use {topic} in their daily work.",
            "outcomes": f"{total} participants completed the programme; an action plan was agreed.",
            "lessons": rng.choice(LESSONS),
            "beneficiary_institutions": f"National IP office of {country_name}",
            "participants_total": total,
            "participants_women": women,
            "participants_men": total - women,
            "cost": Decimal(rng.randrange(2_000_00, 250_000_00)) / 100,
            "currency": "CHF",
            "category": rng.choice(categories),
            "delivery_mode": mode,
            "status": status,
            "start_date": start,
            "end_date": end,
            "scope": scope,
            "countries": [c.code for c in chosen],
            "regions": [rng.choice(regions)] if scope == Scope.REGIONAL and regions else [],
            "ip_areas": [area, *_pick(rng, [a for a in areas if a != area], rng.randint(0, 1))],
            "da_recommendations": sorted(_pick(rng, range(1, 46), rng.randint(1, 3))),
            "sdgs": sorted(_pick(rng, [4, 5, 8, 9, 17], rng.randint(1, 2))),
            "expected_results": _pick(rng, results, 1) if results else [],
            "funding_source": rng.choice(funding) if funding else None,
            "implementing_unit": rng.choice(units) if units else None,
            "partners": [p.pk for p in _pick(rng, partners, rng.randint(0, 2))],
            "languages": ["en"] if rng.random() < 0.6 else ["fr"] if rng.random() < 0.5 else ["es"],
        }
        services.activity_create(user=staff, data=data)
    _demo_consents(rng, staff, countries)
    return activities


def _demo_consents(rng: random.Random, user, countries) -> None:
    """A quarter of the beneficiary countries consent by default to some or all details."""
    for country in _pick(rng, countries, int(len(countries) * CONSENTING_SHARE)):
        groups = (
            DetailGroup.values
            if rng.random() < 0.5
            else [DetailGroup.NARRATIVE, DetailGroup.PARTICIPANTS]
        )
        services.consent_grant(
            user=user,
            country=country,
            groups=groups,
            granted_by=f"Permanent Mission of {country.name}",
            granted_on=dt.date(2020, 1, 15),
            reference=f"Note verbale {rng.randint(100, 999)}/2020",
        )
