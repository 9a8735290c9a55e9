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


def letter(name: str = "letter.pdf", content: bytes = b"%PDF-1.4\nofficial letter\n"):
    """An official letter of request, as an upload."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def request_data(**overrides) -> dict:
    """Valid field values for `request_file` (a request for technical assistance from Kenya)."""
    data = {
        "kind": "assistance",
        "country": "KE",
        "institution": "Kenya Industrial Property Institute",
        "title": "Training of patent examiners in search and examination",
        "assistance_type": "capacity-building",
        "delivery_mode": "workshop",
        "purpose": "Shorten the examination backlog by training new examiners.",
        "development_goals": "Vision 2030: a knowledge-based economy.",
        "expected_outcome": "Twenty examiners able to search prior art independently.",
        "beneficiaries_number": 20,
        "beneficiaries_profile": "Newly recruited patent examiners with science degrees.",
        "preferred_start": dt.date.today() + dt.timedelta(days=240),
        "preferred_end": dt.date.today() + dt.timedelta(days=244),
    }
    data.update(overrides)
    return data


def file_request(user, **overrides):
    from ipdev.planning import services as planning_services

    return planning_services.request_file(
        user=user, data=request_data(**overrides), letter=letter()
    )


ALL_CRITERIA = {
    "formal_request": True,
    "addresses_needs": True,
    "readiness": True,
    "resources": True,
}


def consult(staff, request):
    """Record the consultation with the sectors concerned that a decision follows."""
    from ipdev.planning import services as planning_services

    return planning_services.consultation_record(
        user=staff,
        request=request,
        unit="academy",
        consulted_on=dt.date.today(),
        summary="The Academy can provide two trainers.",
    )


def approve_request(staff, request, **decision):
    """Review (all criteria met), consult and approve; outside any plan, with the reason."""
    from ipdev.planning import services as planning_services

    planning_services.request_review(user=staff, request=request, criteria=ALL_CRITERIA)
    consult(staff, request)
    decision.setdefault("no_framework_reason", "Kenya's plan is being drafted; urgent need.")
    return planning_services.request_decide(
        user=staff, request=request, decision="approved", reason="Ok.", **decision
    )


def plan_line_data(**overrides) -> dict:
    """Valid values for a line of the work-plan matrix (a Kenyan plan)."""
    data = {
        "expected_result": "III.2",
        "performance_indicators": "Number of examiners trained; backlog of pending applications.",
        "year1_activities": "Two examination workshops.",
        "year2_activities": "Mentoring of the trained examiners.",
        "sector": "rb-africa",
        "national_counterparts": "Kenya Industrial Property Institute",
        "international_counterparts": "ARIPO",
    }
    data.update(overrides)
    return data


PLAN_CONTENTS = {
    "ip_policy": "National IP policy adopted in 2020.",
    "science_technology_policy": "Science, technology and innovation act of 2013.",
    "innovation_policy": "Innovation hubs in three cities.",
    "culture_policy": "Support to the music and film industries.",
    "development_plan": "Medium-term plan IV: skills and manufacturing.",
    "vision_statements": "Vision 2030: a knowledge-based economy.",
    "industrial_strategy": "Agro-processing clusters.",
    "needs": "Trained examiners.",
    "priorities": "Examination capacity.",
    "objectives": "Shorter examination times.",
    "resources": "Regular budget of the bureau.",
}


def make_plan(user, country: str = "KE", biennium_start: int = 2026, lines: int = 1):
    from ipdev.planning import services as planning_services

    plan = planning_services.plan_create(
        user=user,
        data={"country": country, "biennium_start": biennium_start, **PLAN_CONTENTS},
    )
    for _ in range(lines):
        planning_services.plan_line_save(user=user, plan=plan, data=plan_line_data())
    return plan


def validate_plan(focal_point, plan, on=None):
    """The country's focal point validates the plan (on 1 December before its biennium)."""
    from ipdev.planning import services as planning_services

    return planning_services.plan_validate(
        user=focal_point,
        plan=plan,
        validated_on=on or dt.date(plan.biennium_start - 1, 12, 1),
        participants="IP office; ministry of trade",
    )


def agree_plan(staff, plan, agreed_on):
    """Both sides agree: a focal point of the plan's country validates it, then staff agree."""
    from ipdev.planning import services as planning_services

    focal = User.objects.filter(role=Role.FOCAL_POINT, countries=plan.country_id).first()
    if focal is None:
        focal = UserFactory(role=Role.FOCAL_POINT, countries=[plan.country_id])
    validate_plan(focal, plan, on=min(agreed_on, dt.date.today()))
    return planning_services.plan_agree(user=staff, plan=plan, agreed_on=agreed_on)


def make_indicator(user, line=None, **overrides):
    """A quantitative indicator of a Kenyan plan line (made if not given), through the service."""
    from ipdev.planning import services as planning_services

    if line is None and not {"activity", "da_project", "plan_line"} & set(overrides):
        line = make_plan(user).lines.get()
    data = {
        "name": "Examiners trained",
        "kind": "quantitative",
        "unit": "people",
        "baseline_value": "0",
        "cumulative": True,
        "by_sex": True,
    }
    if line is not None:
        data["plan_line"] = line
    data.update(overrides)
    return planning_services.indicator_create(user=user, data=data)


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
