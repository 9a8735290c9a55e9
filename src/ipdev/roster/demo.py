"""Deterministic demo roster: consultants, a consultant's own login, assignments, declarations."""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction

from ipdev.accounts.models import Role, User
from ipdev.activities.models import Activity, Status
from ipdev.reference import models as ref

from . import services
from .models import Consultant

DEMO_PASSWORD = "demo-password-1"
GIVEN = {
    "female": ["Amina", "Lucía", "Mei", "Olga", "Fatou", "Priya", "Leila", "Ana", "Grace", "Nadia"],
    "male": ["Kwame", "Carlos", "Wei", "Dmitri", "Omar", "Rahul", "Jean", "Tomás", "Samuel", "Ali"],
}
FAMILY = [
    "Diallo",
    "Pérez",
    "Chen",
    "Ivanova",
    "Mensah",
    "Sharma",
    "Haddad",
    "Silva",
    "Okafor",
    "Nguyen",
    "Kamau",
    "Rossi",
    "Moreau",
    "Quispe",
    "Tanaka",
    "Bekova",
]
SKILLS = [
    "patent drafting",
    "examination guidelines",
    "IP valuation",
    "licensing",
    "collective management",
    "IP office automation",
    "GI registration",
    "mediation",
    "technology transfer",
    "trademark examination",
    "judicial training",
    "IP policy",
]
BIO = (
    "{years} years of experience in {area}, working with IP offices and universities; "
    "trainer and adviser in {where}."
)
NATIONALITIES = [
    "AR",
    "BD",
    "BR",
    "CH",
    "CI",
    "CL",
    "CN",
    "CO",
    "DZ",
    "EG",
    "ES",
    "FR",
    "GH",
    "ID",
    "IN",
    "JO",
    "JP",
    "KE",
    "KR",
    "MA",
    "MX",
    "NG",
    "PE",
    "PH",
    "RU",
    "SN",
    "TH",
    "TN",
    "TZ",
    "UG",
    "UZ",
    "VN",
    "ZA",
]
LANGS = ["en", "fr", "es", "ar", "ru", "zh", "pt"]


def _user(username: str, role: str, *, usable: bool = True) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"role": role})
    if created:
        if usable:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.email = f"{username}@example.org"
        user.save()
    return user


@transaction.atomic
def generate(*, seed: int = 2007, consultants: int = 40) -> int:
    """Create demo consultants through the services (staff: the demo admin)."""
    if Consultant.objects.exists():
        return 0
    rng = random.Random(seed)
    staff = User.objects.filter(role=Role.ADMIN).first() or _user("admin", Role.ADMIN)
    countries = list(ref.Country.objects.filter(code__in=NATIONALITIES).order_by("code"))
    areas = list(ref.IPArea.objects.order_by("order"))
    regions = list(ref.Region.objects.filter(parent__code__in=["002", "019", "142", "150"]))
    made = []
    for i in range(consultants):
        gender = "female" if i % 2 == 0 else "male"
        nationality = rng.choice(countries)
        chosen = rng.sample(areas, rng.randint(1, 3))
        data = {
            "name": f"{rng.choice(GIVEN[gender])} {rng.choice(FAMILY)}",
            "nationality": nationality.code,
            "residence": nationality.code if rng.random() < 0.8 else rng.choice(countries).code,
            "gender": gender if rng.random() < 0.95 else "undisclosed",
            "biography": BIO.format(
                years=rng.randint(5, 30), area=chosen[0].name.lower(), where=nationality.name
            ),
            "ip_areas": [a.code for a in chosen],
            "skills": rng.sample(SKILLS, rng.randint(1, 4)),
            "regions": [r.code for r in rng.sample(regions, min(len(regions), rng.randint(1, 2)))],
            "countries": [c.code for c in rng.sample(countries, 3)],
            "availability": rng.choice(["available", "available", "limited", "unavailable"]),
            "email": f"consultant{i}@example.org",
            "phone": f"+41 22 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            "daily_fee": Decimal(rng.randrange(300, 1200, 50)),
            "languages": [
                {"language": code, "level": rng.choice(["native", "fluent", "working"])}
                for code in rng.sample(LANGS, rng.randint(1, 3))
            ],
        }
        if i == 0:
            data.update(name="Cora Consultant", user=_user("consultant", Role.CONSULTANT).pk)
        else:
            data["user"] = _user(f"consultant.{i}", Role.CONSULTANT, usable=False).pk
        made.append(services.consultant_create(user=staff, data=data))
    # Some profiles have not been confirmed for more than four years: off the public roster.
    for c in made[-4:]:
        services.consultant_update(user=staff, consultant=c, data={"confirmed_on": "2019-06-01"})
    _assignments(rng, staff, made)
    own = made[0]
    services.profile_change_submit(
        user=own.user, consultant=own, data={"biography": own.biography + " Now also mediates."}
    )
    return len(made)


def _assignments(rng: random.Random, staff, consultants: list[Consultant]) -> None:
    activities = list(Activity.objects.filter(status=Status.COMPLETED).order_by("id")[:120])
    if not activities:
        return
    for c in consultants[:-4]:
        demo_self = c.name == "Cora Consultant"
        if not demo_self:
            services.ethics_accept(user=c.user, consultant=c)
        for activity in rng.sample(activities, rng.randint(0, 3)):
            a = services.assignment_create(
                user=staff,
                consultant=c,
                activity=activity,
                data={
                    "role": rng.choice(["Trainer", "Expert", "Speaker", "Adviser"]),
                    "start_date": activity.start_date,
                    "end_date": activity.end_date,
                    "deliverables": "Training material and a mission report.",
                    "fee": Decimal(rng.randrange(1000, 15000, 500)),
                },
            )
            if demo_self:
                continue  # left for the demo consultant to declare and accept in the workspace
            d = services.declaration_submit(user=c.user, assignment=a, has_conflict=False)
            services.declaration_review(user=staff, declaration=d, cleared=True)
            services.assignment_change_status(user=staff, assignment=a, status="started")
            services.assignment_change_status(user=staff, assignment=a, status="completed")
            services.assignment_evaluate(
                user=staff,
                assignment=a,
                rating=rng.randint(3, 5),
                evaluation="Delivered as agreed.",
            )
