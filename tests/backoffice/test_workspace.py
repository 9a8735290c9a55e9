"""Workspace pages: a seeker posts a need, staff assess it, the parties agree; a consultant
proposes profile changes; errors appear on the form; anonymous visitors are sent to sign in."""

import datetime as dt

import pytest

from ipdev.matchmaking import services
from ipdev.matchmaking.models import Match, Need
from ipdev.roster import services as roster_services
from ipdev.roster.models import Declaration, ProfileChange
from tests.conftest import client_for
from tests.factories import make_activity, offer_fields, published

pytestmark = pytest.mark.django_db

NEED_FORM = {
    "title": "Help for our GI registry",
    "description": "Our office wants to set up the registration of geographical indications.",
    "support_types": ["technical"],
    "ip_areas": ["geographical-indications"],
    "languages": ["en"],
    "currency": "CHF",
    "country": "KE",
    "contact_name": "Achieng",
    "contact_email": "achieng@kipi.example",
}


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/workspace/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_seeker_to_agreed_match_through_the_pages(focal_point, staff, provider):
    seeker, wipo, donor = client_for(focal_point), client_for(staff), client_for(provider)
    response = seeker.post("/workspace/needs/new/", NEED_FORM)
    need = Need.objects.get()
    assert response["Location"] == f"/workspace/needs/{need.pk}/"
    seeker.post(f"/workspace/needs/{need.pk}/submit/")
    wipo.post(f"/workspace/needs/{need.pk}/return/", {"comment": ""})
    need.refresh_from_db()
    assert need.state == "submitted"  # returning needs a comment
    wipo.post(f"/workspace/needs/{need.pk}/publish/", {"comment": "Clear and complete."})
    need.refresh_from_db()
    assert need.state == "published"
    offer = published(
        services.offer_create(
            user=provider,
            data=offer_fields(
                title="GI registration experts",
                description="Advice on setting up geographical indications registration.",
                ip_areas=["geographical-indications"],
            ),
        ),
        staff,
    )
    page = seeker.get(f"/workspace/needs/{need.pk}/").content.decode()
    assert "GI registration experts" in page and "Propose a match" in page
    response = seeker.post("/workspace/matches/propose/", {"need": need.pk, "offer": offer.pk})
    match = Match.objects.get()
    assert response["Location"] == f"/workspace/matches/{match.pk}/"
    seeker.post(f"/workspace/matches/{match.pk}/agree/", {"note": "Two missions."})
    donor.post(f"/workspace/matches/{match.pk}/agree/")
    match.refresh_from_db()
    assert match.state == "agreed"
    assert "Agreed" in client_for(None).get("/match/matches/").content.decode()


def test_form_errors_name_the_field(focal_point):
    response = client_for(focal_point).post(
        "/workspace/needs/new/", {**NEED_FORM, "support_types": [], "country": "PE"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "support_types" in errors and "country" in errors
    assert not Need.objects.exists()


def test_others_cannot_assess_or_touch_a_need(focal_point, other_focal_point, provider):
    need = services.need_create(user=focal_point, data={**NEED_FORM, "ip_areas": ["patents"]})
    assert client_for(other_focal_point).get(f"/workspace/needs/{need.pk}/").status_code == 404
    services.listing_submit(user=focal_point, listing=need)
    assert client_for(focal_point).post(f"/workspace/needs/{need.pk}/publish/").status_code == 403
    need.refresh_from_db()
    assert need.state == "submitted"


def test_consultant_proposes_changes_and_declares(consultant_user, staff):
    client = client_for(consultant_user)
    assert client.get("/workspace/profile/").status_code == 200
    response = client.post(
        "/workspace/profile/",
        {
            "biography": "Updated biography.",
            "availability": "limited",
            "language_1": "fr",
            "level_1": "native",
            "ip_areas": ["patents"],
        },
    )
    assert response.status_code == 302
    assert ProfileChange.objects.get().data["biography"] == "Updated biography."
    client.post("/workspace/profile/ethics/")
    consultant_user.consultant_profile.refresh_from_db()
    assert consultant_user.consultant_profile.ethics_accepted
    a = roster_services.assignment_create(
        user=staff,
        consultant=consultant_user.consultant_profile,
        activity=make_activity(user=staff),
        data={"role": "Expert", "start_date": dt.date(2026, 2, 1)},
    )
    response = client.post(f"/workspace/assignments/{a.pk}/declaration/", {"has_conflict": "yes"})
    assert "statement" in response.context["form"].errors
    client.post(f"/workspace/assignments/{a.pk}/declaration/", {"has_conflict": "no"})
    assert Declaration.objects.get().review == "pending"


def test_a_bad_language_level_is_a_form_error(consultant_user):
    response = client_for(consultant_user).post(
        "/workspace/profile/",
        {"availability": "available", "language_1": "fr", "level_1": "superb"},
    )
    assert response.status_code == 200
    assert "level_1" in response.context["form"].errors


def test_languages_and_levels_are_chosen_from_lists(consultant_user):
    from ipdev.roster.models import ProfileChange

    client = client_for(consultant_user)
    page = client.get("/workspace/profile/").content.decode()
    assert '<select name="language_1"' in page and '<option value="native"' in page
    assert "code:level" not in page
    response = client.post(
        "/workspace/profile/",
        {"availability": "available", "language_1": "fr", "level_1": "", "language_2": "es"},
    )
    errors = response.context["form"].errors
    assert set(errors) == {"level_1", "level_2"}  # both named at once
    assert not ProfileChange.objects.exists()
    response = client.post(
        "/workspace/profile/",
        {"availability": "available", "language_1": "fr", "level_1": "fluent", "language_2": ""},
    )
    assert response.status_code == 302
    assert ProfileChange.objects.get().data["languages"] == [{"language": "fr", "level": "fluent"}]


def test_a_user_without_a_profile_gets_404(focal_point):
    assert client_for(focal_point).get("/workspace/profile/").status_code == 404


def test_a_user_chooses_a_daily_digest(provider):
    from ipdev.matchmaking.models import NotificationPreference

    client = client_for(provider)
    client.post("/workspace/notifications/", {"mode": "daily", "threshold": "0.5"})
    pref = NotificationPreference.objects.get(user=provider)
    assert (pref.mode, pref.threshold) == ("daily", 0.5)
    response = client.post(
        "/workspace/notifications/", {"mode": "daily", "threshold": "7"}, follow=True
    )
    assert "threshold" in response.content.decode()


def test_a_need_form_preselects_the_focal_points_only_country(focal_point):
    form = client_for(focal_point).get("/workspace/needs/new/").context["form"]
    assert form["country"].value() == "KE"
    assert "(required)" in client_for(focal_point).get("/workspace/needs/new/").content.decode()


def test_the_cv_upload_states_the_accepted_types(consultant_user):
    body = client_for(consultant_user).get("/workspace/profile/").content.decode()
    assert 'accept=".csv,.doc,.docx' in body and "Accepted: .csv, .doc" in body


def _opened(client, url: str) -> dict:
    initial = client.get(url).context["form"].initial
    return {k: initial[k] for k in ("version", "version_state")}


def test_a_stale_need_form_is_refused_and_says_what_changed(focal_point, staff):
    """The seeker and a member of staff edit the same need from pages opened together."""
    seeker, wipo = client_for(focal_point), client_for(staff)
    seeker.post("/workspace/needs/new/", NEED_FORM)
    need = Need.objects.get()
    edit = f"/workspace/needs/{need.pk}/edit/"
    mine, theirs = _opened(seeker, edit), _opened(wipo, edit)
    their_post = {**NEED_FORM, "title": "Help for our GI and trademark registries", **theirs}
    assert wipo.post(edit, their_post).status_code == 302
    my_post = {**NEED_FORM, "budget": "5000", "ip_areas": ["trademarks"], **mine}
    response = seeker.post(edit, my_post)
    assert response.status_code == 400
    html = response.content.decode()
    assert "your changes were not saved" in html
    assert "Title: “Help for our GI registry” → “Help for our GI and trademark registries”" in html
    assert "Your change, to make again: Estimated budget: “5000" in html
    need.refresh_from_db()
    assert need.title == "Help for our GI and trademark registries"
    assert need.budget is None
    assert list(need.ip_areas.values_list("pk", flat=True)) == ["geographical-indications"]


def test_a_fresh_need_form_saves(focal_point):
    seeker = client_for(focal_point)
    seeker.post("/workspace/needs/new/", NEED_FORM)
    need = Need.objects.get()
    edit = f"/workspace/needs/{need.pk}/edit/"
    response = seeker.post(edit, {**NEED_FORM, "budget": "5000", **_opened(seeker, edit)})
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.budget == 5000
