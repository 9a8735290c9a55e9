"""Public country plan pages: agreed plans for everyone, drafts for staff and the focal points."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import agree_plan, make_plan

pytestmark = pytest.mark.django_db


def test_the_public_sees_agreed_plans_and_not_drafts(staff, focal_point):
    draft = make_plan(staff)
    agreed = make_plan(staff, country="PE")
    agree_plan(staff, agreed, dt.date(2026, 2, 1))
    anonymous = client_for(None)
    listing = anonymous.get(reverse("portal:plans"))
    assert listing.status_code == 200
    assert [p.pk for p in listing.context["plans"]] == [agreed.pk]
    page = anonymous.get(reverse("portal:plan", args=[agreed.pk]))
    assert page.status_code == 200 and b"Two examination workshops." in page.content
    assert anonymous.get(reverse("portal:plan", args=[draft.pk])).status_code == 404
    assert client_for(focal_point).get(reverse("portal:plan", args=[draft.pk])).status_code == 200


def test_plan_pages_are_public_views():
    from ipdev.portal import views
    from ipdev.portal.access import PUBLIC

    assert views.plans.access == PUBLIC and views.plan.access == PUBLIC


def test_the_country_page_links_its_agreed_plans(staff):
    plan = make_plan(staff)
    page = client_for(None).get(reverse("portal:country", args=["KE"]))
    assert reverse("portal:plan", args=[plan.pk]).encode() not in page.content  # a draft
    agree_plan(staff, plan, dt.date(2026, 2, 1))
    page = client_for(None).get(reverse("portal:country", args=["KE"]))
    assert reverse("portal:plan", args=[plan.pk]).encode() in page.content
