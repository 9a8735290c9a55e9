"""factory_boy factories. Reference data comes from the migrations, so factories pick real codes."""

import datetime as dt
from decimal import Decimal

import factory

from ipdev.accounts.models import Organisation, Role, User
from ipdev.activities import services
from ipdev.activities.models import Activity
from ipdev.reference import models as ref


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    ref = factory.Sequence(lambda n: f"XI-TEST-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.PUBLIC
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.countries.set(extracted)
        if create:
            self.save()


def activity_data(**overrides) -> dict:
    """Valid field values for `activity_create`, with codes for relations."""
    data = {
        "title": "National workshop on patent drafting",
        "summary": "A workshop for patent examiners and attorneys.",
        "description": "Three days of drafting exercises with the national office.",
        "objectives": "Better claims in national filings.",
        "outcomes": "Thirty examiners trained.",
        "lessons": "Start the exercises earlier.",
        "beneficiary_institutions": "Kenya Industrial Property Institute",
        "participants_total": 30,
        "participants_women": 14,
        "participants_men": 16,
        "cost": Decimal("12500.00"),
        "currency": "CHF",
        "category": "capacity-building",
        "delivery_mode": "workshop",
        "status": "completed",
        "start_date": dt.date(2024, 3, 4),
        "end_date": dt.date(2024, 3, 6),
        "scope": "national",
        "countries": ["KE"],
        "ip_areas": ["patents"],
        "da_recommendations": [1, 10],
        "sdgs": [9],
    }
    data.update(overrides)
    return data


def make_activity(user=None, **overrides) -> Activity:
    """Create an activity through the service, as staff unless another user is given."""
    if user is None:
        user = UserFactory(role=Role.STAFF, username=f"factory-staff-{User.objects.count()}")
    return services.activity_create(user=user, data=activity_data(**overrides))


def country(code: str) -> ref.Country:
    return ref.Country.objects.get(code=code)


def consultant_data(**overrides) -> dict:
    """Valid field values for `roster.services.consultant_create`."""
    data = {
        "name": "Amina Diallo",
        "nationality": "SN",
        "gender": "female",
        "residence": "SN",
        "biography": "Patent examiner for fifteen years; trains examiners in West Africa.",
        "ip_areas": ["patents", "ip-office-automation"],
        "skills": ["patent drafting", "examination guidelines"],
        "regions": ["011"],
        "countries": ["SN", "CI", "ML"],
        "availability": "available",
        "email": "amina@example.org",
        "phone": "+221 33 000 00 00",
        "address": "Dakar",
        "daily_fee": Decimal("650.00"),
        "fee_currency": "CHF",
        "languages": [{"language": "fr", "level": "native"}, {"language": "en", "level": "fluent"}],
    }
    data.update(overrides)
    return data


def make_consultant(user=None, staff=None, **overrides):
    """Put a consultant on the roster through the service, as staff."""
    from ipdev.roster import services as roster_services

    if staff is None:
        staff = UserFactory(role=Role.STAFF, username=f"roster-staff-{User.objects.count()}")
    data = consultant_data(**overrides)
    if user is not None:
        data["user"] = user.pk
    return roster_services.consultant_create(user=staff, data=data)


def need_fields(**overrides) -> dict:
    """Valid field values for `matchmaking.services.need_create` (a Kenyan need)."""
    data = {
        "title": "Modernising patent examination",
        "description": "The office needs training for patent examiners in search and examination.",
        "support_types": ["technical"],
        "ip_areas": ["patents"],
        "languages": ["en"],
        "country": "KE",
        "beneficiaries": "Patent examiners of the national office",
        "budget": Decimal("40000"),
        "period_start": dt.date(2026, 1, 1),
        "period_end": dt.date(2026, 12, 31),
        "contact_name": "Wanjiru Kamau",
        "contact_email": "wanjiru@kipi.example",
    }
    data.update(overrides)
    return data


def offer_fields(**overrides) -> dict:
    """Valid field values for `matchmaking.services.offer_create`."""
    data = {
        "title": "Experts for patent examination training",
        "description": "Senior examiners train examiners in search and examination practice.",
        "support_types": ["technical"],
        "ip_areas": ["patents"],
        "languages": ["en"],
        "eligible_groups": ["developing", "ldc"],
        "capacity": "Two examiners for two weeks",
        "amount": Decimal("25000"),
        "contact_name": "Taro Yamada",
        "contact_email": "taro@jpo.example",
    }
    data.update(overrides)
    return data


def published(listing, staff):
    """Submit and publish a need or offer through the services."""
    from ipdev.matchmaking import services as match_services

    match_services.listing_submit(user=staff, listing=listing)
    return match_services.listing_assess(user=staff, listing=listing, publish=True)
