"""Deterministic demo TISC networks: one at each maturity level in each WIPO region, with
centres on the map, two years of reports, work plans, certification, links to activities,
an indicator, a WIPO Match need and a pending centre change.

Everything is written through the services (so it is audited); only the submission times
are set afterwards, so that the on-time rate has history to show.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ipdev.accounts.models import Role, User
from ipdev.activities.demo import DEMO_PASSWORD, personas
from ipdev.activities.models import Activity
from ipdev.planning import services as planning_services

from . import services
from .models import Network, Report, due_date
from .vocab import COURSES, EVENTS, MEASURES, Service

# (country, level, wave, frequency, cities with coordinates)
NETWORKS = [
    (
        "KE",
        3,
        "pilot",
        "quarterly",
        [
            ("Nairobi", -1.2921, 36.8219),
            ("Mombasa", -4.0435, 39.6682),
            ("Kisumu", -0.0917, 34.768),
            ("Eldoret", 0.5143, 35.2698),
        ],
    ),
    (
        "GH",
        2,
        "general",
        "yearly",
        [("Accra", 5.6037, -0.187), ("Kumasi", 6.6885, -1.6244), ("Tamale", 9.4008, -0.8393)],
    ),
    (
        "MG",
        1,
        "pilot",
        "yearly",
        [("Antananarivo", -18.8792, 47.5079), ("Toamasina", -18.1492, 49.4023)],
    ),
    (
        "SA",
        3,
        "pilot",
        "quarterly",
        [("Riyadh", 24.7136, 46.6753), ("Jeddah", 21.4858, 39.1925), ("Dammam", 26.4207, 50.0888)],
    ),
    (
        "MA",
        2,
        "second",
        "yearly",
        [("Rabat", 34.0209, -6.8416), ("Casablanca", 33.5731, -7.5898), ("Fès", 34.0181, -5.0078)],
    ),
    ("EG", 1, "general", "yearly", [("Cairo", 30.0444, 31.2357), ("Alexandria", 31.2001, 29.9187)]),
    (
        "PH",
        3,
        "pilot",
        "quarterly",
        [
            ("Manila", 14.5995, 120.9842),
            ("Cebu City", 10.3157, 123.8854),
            ("Davao City", 7.1907, 125.4553),
        ],
    ),
    (
        "CN",
        2,
        "pilot",
        "yearly",
        [
            ("Beijing", 39.9042, 116.4074),
            ("Shanghai", 31.2304, 121.4737),
            ("Wuhan", 30.5928, 114.3055),
        ],
    ),
    (
        "MY",
        1,
        "second",
        "yearly",
        [("Kuala Lumpur", 3.139, 101.6869), ("George Town", 5.4141, 100.3288)],
    ),
    (
        "PE",
        3,
        "pilot",
        "quarterly",
        [
            ("Lima", -12.0464, -77.0428),
            ("Arequipa", -16.409, -71.5375),
            ("Trujillo", -8.1091, -79.0215),
        ],
    ),
    (
        "CO",
        2,
        "second",
        "yearly",
        [("Bogotá", 4.711, -74.0721), ("Medellín", 6.2442, -75.5812), ("Cali", 3.4516, -76.532)],
    ),
    (
        "CU",
        1,
        "general",
        "yearly",
        [("Havana", 23.1136, -82.3666), ("Santiago de Cuba", 20.0247, -75.8219)],
    ),
    (
        "RU",
        3,
        "second",
        "quarterly",
        [
            ("Moscow", 55.7558, 37.6173),
            ("Saint Petersburg", 59.9311, 30.3609),
            ("Novosibirsk", 55.0084, 82.9357),
        ],
    ),
    ("AM", 2, "general", "yearly", [("Yerevan", 40.1792, 44.4991), ("Gyumri", 40.7942, 43.8453)]),
    ("GE", 1, "not_yet", "yearly", [("Tbilisi", 41.7151, 44.8271), ("Batumi", 41.6168, 41.6367)]),
]
LANGUAGES = {
    "KE": ["en", "sw"],
    "GH": ["en"],
    "MG": ["fr", "mg"],
    "SA": ["ar", "en"],
    "MA": ["ar", "fr"],
    "EG": ["ar", "en"],
    "PH": ["en"],
    "CN": ["zh"],
    "MY": ["ms", "en"],
    "PE": ["es"],
    "CO": ["es"],
    "CU": ["es"],
    "RU": ["ru"],
    "AM": ["hy", "ru"],
    "GE": ["ka", "en"],
}
HOSTS = [
    ("ip_office", "National IP office, {city} branch"),
    ("university", "University of {city}"),
    ("research", "{city} Institute of Technology Research"),
    ("chamber", "{city} Chamber of Commerce and Industry"),
    ("library", "{city} Public Science Library"),
]
LEVEL_SERVICES = {
    1: ["databases", "search_assistance", "database_training"],
    2: ["databases", "search_assistance", "database_training", "state_of_art", "novelty"],
    3: list(Service.values),
}
STORIES = [
    (
        "A solar dryer finds its market",
        "A cooperative of farmers used a state-of-the-art search "
        "to improve its solar fruit dryer and licensed the design to a local manufacturer.",
    ),
    (
        "Freedom to operate for a start-up",
        "A medical-device start-up learned which patents were "
        "in force in its market before launch and changed one component.",
    ),
    (
        "Students file their first patent",
        "After a search-training week, a team of engineering "
        "students filed a national patent application for a water filter.",
    ),
]


def _ascii(city: str) -> str:
    return slugify(city).replace("-", "")


def _coordinator(code: str, network: Network, staff) -> User:
    username = f"tisc.{network.country.name.split()[0].lower()}"
    user, created = User.objects.get_or_create(
        username=username, defaults={"role": Role.PUBLIC, "email": f"{username}@example.org"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _figures(rng: random.Random, level: int, scale: float) -> dict:
    base = int((40, 120, 300, 600)[level] * scale)
    by_user = {code: rng.randint(0, base) for code in MEASURES["inquiry_user"]}
    total = sum(by_user.values())
    types = list(MEASURES["inquiry_type"])
    shares = [rng.random() + 0.2 for _ in types]
    by_type = {c: int(total * s / sum(shares)) for c, s in zip(types, shares, strict=True)}
    by_type[types[0]] += total - sum(by_type.values())
    deliveries = {
        code: rng.randint(0, base // 6) if level >= 2 or code == "state_of_art" else 0
        for code in MEASURES["delivery"]
    }
    events = {}
    for kind in EVENTS:
        n = rng.randint(0, 2 + level)
        events[kind] = {"events": n, "women": n * rng.randint(5, 20), "men": n * rng.randint(5, 20)}
    return {
        "counts": {"inquiry_type": by_type, "inquiry_user": by_user, "delivery": deliveries},
        "events": events,
        "partnerships": rng.randint(0, 3),
    }


def _training(rng: random.Random, languages: list[str]) -> list[dict]:
    rows = []
    for course in rng.sample(list(COURSES)[:6], 2):
        rows.append(
            {
                "course": course,
                "language": rng.choice(languages),
                "women": rng.randint(0, 12),
                "men": rng.randint(0, 12),
            }
        )
    # one row per (course, language)
    return list({(r["course"], r["language"]): r for r in rows}.values())


def _report(rng, staff, coordinator, network, year, quarter, level, languages, centres, fate):
    data = _figures(rng, level, 1.0 if quarter == 0 else 0.3)
    data["training"] = _training(rng, languages)
    data["centres_reporting"] = centres
    data["narrative"] = f"Services of the {network.name} in {year}."
    if rng.random() < 0.5:
        title, text = rng.choice(STORIES)
        data["stories"] = [{"title": title, "text": text, "public": rng.random() < 0.7}]
    today = dt.date(year + 1, 12, 31)  # a past period is always open for reporting
    report = services.report_save(
        user=coordinator, network=network, year=year, quarter=quarter, data=data, today=today
    )
    if fate == "draft":
        return report
    services.report_submit(user=coordinator, report=report)
    late = rng.choice([-20, -10, -3, 0, 5, 25])
    sent = timezone.make_aware(
        dt.datetime.combine(report.due_on + dt.timedelta(days=late), dt.time(10, 0))
    )
    Report.objects.filter(pk=report.pk).update(submitted_at=sent, first_submitted_at=sent)
    if fate == "approved":
        services.report_approve(user=staff, report=report)
    elif fate == "returned":
        services.report_return(
            user=staff, report=report, comment="Please split the inquiries of students and SMEs."
        )
    return report


def _tag_activities(staff, network, rng) -> None:
    ids = list(
        Activity.objects.filter(countries=network.country_id)
        .order_by("pk")
        .values_list("pk", flat=True)[:40]
    )
    for pk in rng.sample(ids, min(2, len(ids))):
        services.activity_tag(
            user=staff, network=network, activity=pk, kind=rng.choice(["national", "training"])
        )


@transaction.atomic
def generate(*, seed: int = 2007) -> str:
    """Create the TISC demo data; returns a line for the command's output."""
    if Network.objects.exists():
        return "TISC networks already exist; no TISC demo data loaded."
    rng = random.Random(seed)
    users = personas()
    staff = users["staff"]
    year = timezone.localdate().year
    first = year - 2
    reports = centres_made = 0
    networks = {}
    for code, level, wave, frequency, cities in NETWORKS:
        from ipdev.reference.models import Country

        country = Country.objects.get(pk=code)
        network = services.network_create(
            user=staff,
            data={
                "name": f"TISC network of {country.name}",
                "country": code,
                "coordinating_institution": f"National IP office of {country.name}",
                "description": f"Technology and Innovation Support Centers in {country.name}.",
                "public_email": f"tisc.{code.lower()}@example.org",
                "sla_status": "signed",
                "sla_signed_on": f"{first - 3 + level}-0{level + 2}-15",
                "sla_document": f"SLA-{code}-{first - 3 + level}",
                "wave": wave,
                "frequency": frequency,
                "reporting_since": first,
            },
        )
        networks[code] = network
        coordinator = _coordinator(code, network, staff)
        services.network_update(
            user=staff, network=network, data={"coordinators": [coordinator.username]}
        )
        evidence = f"Checked by WIPO staff for {country.name}."
        criteria = dict.fromkeys(services.LEVEL_CRITERIA[level], evidence)
        services.level_assess(
            user=staff, network=network, level=level, criteria=criteria, decided_on=f"{first}-06-30"
        )
        languages = list(LANGUAGES[code])
        for i, (city, lat, lon) in enumerate(cities):
            host_type, host = HOSTS[(i + level) % len(HOSTS)]
            services.centre_create(
                user=staff,
                network=network,
                data={
                    "name": f"TISC {city}" if i else f"TISC {city} (national focal point)",
                    "host_institution": host.format(city=city),
                    "host_type": host_type,
                    "city": city,
                    "latitude": lat,
                    "longitude": lon,
                    "services": LEVEL_SERVICES[level][: len(LEVEL_SERVICES[level]) - (i % 2)],
                    "languages": [
                        x
                        for x in languages
                        if x in ("en", "fr", "es", "ar", "ru", "zh", "sw", "ms", "mg", "hy", "ka")
                    ],
                    "public_email": f"tisc.{_ascii(city)}@example.org",
                    "contact_name": f"Contact person, {city}",
                    "contact_email": f"contact.{_ascii(city)}@example.org",
                    "status": "suspended" if (code, i) == ("EG", 1) else "active",
                    "agreement_status": "signed",
                    "agreement_signed_on": f"{first - 1}-03-01",
                },
            )
            centres_made += 1
        _tag_activities(staff, network, rng)
        quarters = [1, 2, 3, 4] if frequency == "quarterly" else [0]
        # Two full years, and this year's periods already due.
        due = [
            (y, q)
            for y in (first, first + 1, year)
            for q in quarters
            if y < year or due_date(y, q) < timezone.localdate()
        ]
        for y, q in due:
            fate = "approved"
            if (y, q) == due[-1]:
                if level == 1:
                    continue  # a missing report: the rates show it
                if code in ("KE", "PE", "SA"):
                    fate = "submitted"
                elif code == "CO":
                    fate = "returned"
            _report(rng, staff, coordinator, network, y, q, level, languages, len(cities), fate)
            reports += 1
        for y in (year - 1, year):
            services.work_plan_save(
                user=coordinator,
                network=network,
                year=y,
                data={
                    "objectives": "Extend search services to more universities; train staff.",
                    "planned_activities": "Two national workshops; a search-training week.",
                    "targets": {
                        "inquiries": 400 * level,
                        "events": 4 + level,
                        "staff_trained": 10 * level,
                    },
                },
            )
    _certification(rng, staff, networks)
    _links(rng, staff, networks, first)
    return (
        f"TISC: {len(networks)} networks, {centres_made} centres, {reports} reports, "
        f"certification of 48 participants; coordinators tisc.kenya, tisc.peru..."
    )


def _certification(rng, staff, networks) -> None:
    """The Foundation Course's pilot: 48 participants from six countries."""
    given = ["Amina", "Lucía", "Mei", "Fatou", "Grace", "Kwame", "Carlos", "Wei", "Omar", "Ali"]
    for code, language in (
        ("CN", "zh"),
        ("KE", "en"),
        ("MG", "fr"),
        ("PE", "es"),
        ("PH", "en"),
        ("SA", "ar"),
    ):
        network = networks[code]
        for i in range(8):
            c = services.participant_enrol(
                user=staff,
                network=network,
                data={
                    "name": f"{given[(i + len(code)) % len(given)]} {code}-{i + 1:02d}",
                    "sex": "female" if i % 2 == 0 else "male",
                    "language": language,
                },
            )
            start = dt.date(timezone.localdate().year - 1, 3, 1)
            for n, phase in enumerate(("distance", "instructor", "practice")):
                if i < 8 - n * 3:
                    services.phase_record(
                        user=staff,
                        certification=c,
                        phase=phase,
                        status="completed",
                        on=start + dt.timedelta(days=90 * n + rng.randint(0, 20)),
                    )
                elif i < 9 - n * 3:
                    services.phase_record(
                        user=staff, certification=c, phase=phase, status="in_progress"
                    )


def _links(rng, staff, networks, first) -> None:
    kenya = networks["KE"]
    # A regional meeting tagged to the African networks.
    regional = Activity.objects.filter(countries="GH").order_by("pk").first()
    if regional is not None:
        for code in ("KE", "GH", "MG"):
            services.activity_tag(
                user=staff, network=networks[code], activity=regional, kind="regional"
            )
    # Kenya's inquiries feed an indicator of an activity tagged to the network.
    tag = kenya.activity_tags.order_by("pk").first()
    if tag is not None:
        indicator = planning_services.indicator_create(
            user=staff,
            data={
                "name": "Inquiries answered by Kenya's TISCs",
                "kind": "quantitative",
                "unit": "inquiries",
                "activity": tag.activity_id,
            },
        )
        services.indicator_feed_set(
            user=staff, network=kenya, indicator=indicator, total="inquiries"
        )
        services.feed_indicators(user=staff, network=kenya, year=first)
    coordinator = kenya.coordinators.first()
    services.centre_change_submit(
        user=coordinator,
        network=kenya,
        data={
            "name": "TISC Nakuru",
            "host_institution": "University of Nakuru",
            "host_type": "university",
            "city": "Nakuru",
            "latitude": -0.3031,
            "longitude": 36.08,
            "services": ["databases", "search_assistance"],
            "languages": ["en", "sw"],
            "status": "active",
        },
    )
    services.network_need_file(
        user=coordinator,
        network=kenya,
        data={
            "title": "Patent analytics training for Kenya's TISCs",
            "description": "Two trainers for a week of patent landscape training.",
            "support_types": ["technical"],
        },
    )
