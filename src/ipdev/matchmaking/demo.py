"""Deterministic demo WIPO Match data: needs, offers in every state, matches along their life."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from ipdev.accounts.models import Organisation, Role, User
from ipdev.activities.models import Activity

from . import services
from .models import Need

DEMO_PASSWORD = "demo-password-1"
NEEDS = [
    (
        "patents",
        "Strengthening patent examination",
        "Our examiners need training in search and "
        "examination of patent applications, including pharmaceutical patents.",
        ["technical"],
    ),
    (
        "ip-office-automation",
        "Digitising the IP office",
        "The office wants to move from paper "
        "files to electronic filing and an automated trademark and patent registry.",
        ["technical", "financial"],
    ),
    (
        "geographical-indications",
        "Protecting origin products",
        "Producer associations of coffee "
        "and honey ask for support to register geographical indications.",
        ["technical"],
    ),
    (
        "copyright",
        "A collective management organisation",
        "Musicians and authors need a working "
        "collective management organisation with distribution rules and licensing.",
        ["technical"],
    ),
    (
        "innovation-tech-transfer",
        "Technology transfer office for universities",
        "Two public universities want a shared technology transfer office and IP policy.",
        ["financial", "ppp"],
    ),
    (
        "smes",
        "IP for small enterprises",
        "SME associations ask for branding and trademark awareness programmes for small exporters.",
        ["technical", "ppp"],
    ),
    (
        "enforcement",
        "Building respect for IP",
        "Customs and police need training on border measures against counterfeit goods.",
        ["technical"],
    ),
    (
        "ip-policy-strategy",
        "A national IP strategy",
        "The government is drafting a national IP "
        "strategy and needs expert advice and a validation workshop.",
        ["technical", "financial"],
    ),
]
OFFERS = [
    (
        "Japan Patent Office",
        "JP",
        "patents",
        "Examiner training programme",
        "Senior patent "
        "examiners train examiners in search, examination and pharmaceutical patents.",
        ["technical"],
        ["developing", "ldc"],
        [],
    ),
    (
        "Korean Intellectual Property Office",
        "KR",
        "ip-office-automation",
        "IP office automation package",
        "Funding and experts for electronic filing and registry automation.",
        ["technical", "financial"],
        [],
        [],
    ),
    (
        "Instituto Nacional da Propriedade Industrial",
        "BR",
        "geographical-indications",
        "South-South exchange on geographical indications",
        "Experts who built GI registration for "
        "coffee and cachaça share the process with other offices.",
        ["technical"],
        [],
        ["es", "pt"],
    ),
    (
        "Music Rights Foundation",
        "CH",
        "copyright",
        "Support for collective management",
        "Licensing and distribution software and mentoring for collective management.",
        ["technical", "financial"],
        ["ldc", "developing"],
        [],
    ),
    (
        "Global Pharma Partnership",
        None,
        "innovation-tech-transfer",
        "University technology transfer partnership",
        "A public-private partnership funding technology transfer offices "
        "and IP policies at universities.",
        ["ppp", "financial"],
        ["developing"],
        [],
    ),
    (
        "Instituto Nacional da Propriedade Industrial",
        "BR",
        "smes",
        "Branding for small exporters",
        "Workshops on trademarks and branding for small enterprises and cooperatives.",
        ["technical"],
        [],
        ["es", "pt", "en"],
    ),
]


# The needs of Spanish-speaking countries are also given in Spanish (by IP area).
SPANISH = {
    "patents": (
        "Fortalecer el examen de patentes",
        "Nuestros examinadores necesitan formación en búsqueda y examen de solicitudes de "
        "patente, incluidas las patentes farmacéuticas.",
    ),
    "ip-office-automation": (
        "Digitalizar la oficina de PI",
        "La oficina quiere pasar de los expedientes en papel a la presentación electrónica y a "
        "un registro automatizado de marcas y patentes.",
    ),
    "geographical-indications": (
        "Proteger productos de origen",
        "Asociaciones de productores de café y miel piden apoyo para registrar indicaciones "
        "geográficas.",
    ),
    "copyright": (
        "Una organización de gestión colectiva",
        "Músicos y autores necesitan una organización de gestión colectiva que funcione, con "
        "reglas de reparto y licencias.",
    ),
    "innovation-tech-transfer": (
        "Oficina de transferencia de tecnología para universidades",
        "Dos universidades públicas quieren una oficina de transferencia de tecnología común y "
        "una política de PI.",
    ),
    "smes": (
        "PI para pequeñas empresas",
        "Asociaciones de pymes piden programas de sensibilización sobre marcas y branding para "
        "pequeños exportadores.",
    ),
    "enforcement": (
        "Fomentar el respeto por la PI",
        "Aduanas y policía necesitan formación sobre medidas en frontera contra mercancías "
        "falsificadas.",
    ),
    "ip-policy-strategy": (
        "Una estrategia nacional de PI",
        "El gobierno prepara una estrategia nacional de PI y necesita asesoramiento experto y "
        "un taller de validación.",
    ),
}


def _user(username: str, role: str, org: Organisation | None = None) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"role": role, "organisation": org}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.email = f"{username}@example.org"
        user.save()
    return user


@transaction.atomic
def generate(*, seed: int = 2007) -> int:
    """Create demo needs, offers and matches through the services; returns the needs made."""
    if Need.objects.exists():
        return 0
    rng = random.Random(seed)
    staff = User.objects.filter(role=Role.ADMIN).first() or _user("admin", Role.ADMIN)
    orgs = {}
    for name, country, *_ in OFFERS:
        orgs[name] = Organisation.objects.get_or_create(
            name=name, defaults={"country_id": country, "type": "10" if country else "70"}
        )[0]
    provider = _user("provider", Role.PROVIDER, orgs["Japan Patent Office"])
    providers = {"Japan Patent Office": provider}
    offers = []
    for name, _country, area, title, text, support, groups, langs in OFFERS:
        user = providers.get(name, staff)
        offer = services.offer_create(
            user=user,
            data={
                "title": title,
                "description": text,
                "support_types": support,
                "ip_areas": [area],
                "languages": langs,
                "eligible_groups": groups,
                "organisation": orgs[name].pk,
                "amount": Decimal(rng.randrange(20_000, 200_000, 5000)),
                "capacity": "Experts for up to four missions a year",
                "contact_name": f"Focal person at {name}",
                "contact_email": f"match@{name.split()[0].lower()}.example",
                "period_start": dt.date(2026, 1, 1),
                "period_end": dt.date(2027, 12, 31),
            },
        )
        services.listing_submit(user=user, listing=offer)
        services.listing_assess(user=staff, listing=offer, publish=True, comment="Clear offer.")
        offers.append(offer)
    seekers = {
        "KE": User.objects.filter(username="focal.kenya").first() or staff,
        "PE": User.objects.filter(username="focal.peru").first() or staff,
    }
    countries = ["KE", "PE", "GH", "SN", "BD", "KH", "CO", "NP", "UG", "VN"]
    needs = []
    for i, (area, title, text, support) in enumerate(NEEDS * 2):
        code = countries[i % len(countries)]
        user = seekers.get(code, staff)
        need = services.need_create(
            user=user,
            data={
                "title": f"{title} ({code})",
                "description": text,
                "support_types": support,
                "ip_areas": [area],
                "languages": ["es"] if code in {"PE", "CO"} else ["en"],
                "translations": (
                    {"es": {"title": SPANISH[area][0], "description": SPANISH[area][1]}}
                    if code in {"PE", "CO"} and area in SPANISH
                    else {}
                ),
                "country": code,
                "beneficiaries": "National IP office and its users",
                "budget": Decimal(rng.randrange(10_000, 150_000, 5000)),
                "contact_name": f"Director, IP office of {code}",
                "contact_email": f"director@office-{code.lower()}.example",
                "period_start": dt.date(2026, 3, 1),
                "period_end": dt.date(2027, 6, 30),
            },
        )
        needs.append(need)
        step = i % 5
        if step == 4:
            continue  # stays a draft
        services.listing_submit(user=user, listing=need)
        if step == 3:
            continue  # waits for assessment
        if step == 2 and i < 8:
            services.listing_assess(
                user=staff, listing=need, publish=False, comment="Please add the expected results."
            )
            continue
        services.listing_assess(user=staff, listing=need, publish=True)
    _matches(staff, needs, offers, orgs)
    return len(needs)


def _matches(staff, needs, offers, orgs) -> None:
    """A few matches at each step of the life cycle, proposed from the suggestions."""
    from . import selectors

    activity = Activity.objects.filter(status="completed").order_by("id").first()
    done = 0
    for need in needs:
        need.refresh_from_db()
        if need.state != "published":
            continue
        found = selectors.need_suggestions(user=staff, pk=need.pk, limit=1)
        if not found:
            continue
        offer = next(o for o in offers if o.pk == found[0].id)
        facilitator = (
            orgs["Music Rights Foundation"] if offer.organisation.country_id == "BR" else None
        )
        match = services.match_propose(user=staff, need=need, offer=offer, facilitator=facilitator)
        step = done % 4
        done += 1
        if step == 0:
            continue  # proposed
        services.match_advance(user=staff, match=match, state="in_contact")
        if step == 1:
            continue
        services.match_agree(user=staff, match=match, side="seeker", agreement="Letter of intent.")
        services.match_agree(user=staff, match=match, side="provider")
        if step == 3:
            services.match_advance(user=staff, match=match, state="in_progress")
            if activity is not None:
                services.match_link_activity(user=staff, match=match, activity=activity)
            services.match_advance(
                user=staff, match=match, state="completed", note="Two missions delivered."
            )
