"""The public portal pages: what each one answers, for whom, and at what cost in queries."""

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern

from ipdev.activities.exports import COLUMN_KEYS
from ipdev.portal import urls as portal_urls
from ipdev.portal.access import PUBLIC
from tests.conftest import client_for
from tests.factories import make_activity
from tests.portal.helpers import attach_pdf, csv_of, xlsx_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(staff):
    """Three activities in three countries and years."""
    return [
        make_activity(
            user=staff,
            title="Patent drafting in Kenya",
            countries=["KE"],
            start_date=dt.date(2022, 5, 1),
            end_date=dt.date(2022, 5, 3),
        ),
        make_activity(
            user=staff,
            title="Copyright seminar in Peru",
            countries=["PE"],
            category="legislative",
            start_date=dt.date(2023, 6, 1),
            end_date=dt.date(2023, 6, 2),
            ip_areas=["copyright"],
        ),
        make_activity(
            user=staff,
            title="Trademark office visit in Ghana",
            countries=["GH"],
            status="ongoing",
            start_date=dt.date(2024, 7, 1),
            end_date=None,
        ),
    ]


class Controls(HTMLParser):
    """Collects form controls and the ids that labels point at."""

    def __init__(self):
        super().__init__()
        self.controls: list[dict] = []
        self.labelled: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])
        if tag == "select" or (
            tag == "input" and attrs.get("type") not in {"hidden", "submit", "button"}
        ):
            self.controls.append(attrs)


def test_every_portal_view_states_that_it_is_public():
    for pattern in portal_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        assert getattr(pattern.callback, "access", None) == PUBLIC, pattern.name


def test_home_shows_totals_latest_activities_and_country_links(client, three):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Trademark office visit in Ghana" in body
    assert 'href="/countries/"' in body
    assert 'action="/activities/"' in body
    assert 'lang="en" dir="ltr"' in body


def test_home_is_served_in_arabic_right_to_left(client, three):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar", follow=True)
    assert response.redirect_chain == [("/ar/", 302)]
    assert 'lang="ar" dir="rtl"' in response.content.decode()


def test_home_needs_few_queries(client, staff, django_assert_max_num_queries):
    for n in range(12):
        make_activity(user=staff, title=f"Activity {n}")
    client.get("/")  # reference names are cached per process after the first page
    # One for the page's ETag (the data's state); the totals and the freshness banner read
    # the search index's counts. Inside a test's transaction each such read loads the index
    # (three queries) where a server reads one row of state.
    with django_assert_max_num_queries(17):
        assert client.get("/").status_code == 200


def test_pages_refuse_writes(client):
    assert client.post("/activities/").status_code == 405


def test_search_lists_activities_with_facets_and_count(client, three):
    response = client.get("/activities/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "3 activities" in body
    for activity in three:
        assert f'href="/activities/{activity.pk}/"' in body
    assert 'name="country" value="KE"' in body
    assert 'id="results"' in body and 'aria-live="polite"' in body


def test_search_form_works_without_javascript(client, three):
    parser = Controls()
    body = client.get("/activities/").content.decode()
    parser.feed(body)
    assert '<form id="search-form" class="search-form" action="/activities/" method="get"' in body
    assert 'type="submit"' in body
    # A plain GET of the form's fields gives the filtered page in full.
    response = client.get("/activities/", {"q": "", "country": ["PE"], "sort": "newest"})
    page = response.content.decode()
    assert "<html" in page
    assert "1 activity" in page
    assert "Copyright seminar in Peru" in page
    assert "Patent drafting in Kenya" not in page


def test_every_form_control_has_a_label(client, three):
    for url in ("/", "/activities/", "/accounts/login/"):
        parser = Controls()
        parser.feed(client.get(url).content.decode())
        assert parser.controls, url
        for control in parser.controls:
            assert control.get("id") in parser.labelled, (url, control)


def test_htmx_request_gets_only_the_results_and_the_facets(client, three):
    response = client.get("/activities/", {"country": "KE"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "Patent drafting in Kenya" in body
    assert "Copyright seminar in Peru" not in body
    assert 'id="facets"' in body and 'hx-swap-oob="true"' in body
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, three):
    response = client.get(
        "/activities/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


def test_search_needs_few_queries_however_many_results(
    client, staff, django_assert_max_num_queries
):
    for n in range(25):
        make_activity(
            user=staff, title=f"Activity {n}", countries=["KE", "PE"], scope="interregional"
        )
    client.get("/activities/")  # reference names are cached per process after the first page
    # The engine's own queries (PostgreSQL adds a savepoint and session settings), the reporters'
    # names, one query for the page of activities and two prefetches; one for the page's ETag;
    # the freshness banner's counts (inside a test's transaction they load the index again:
    # three queries where a server reads one row of state).
    with django_assert_max_num_queries(18):
        response = client.get("/activities/", {"country": "KE"})
    assert "25 activities" in response.content.decode()


def test_activity_and_country_pages_need_few_queries(
    client, staff, three, django_assert_max_num_queries
):
    activity = three[0]
    attach_pdf(staff, activity, "Report")
    staff_client = client_for(staff)
    # Reference names are cached per process after the first pages.
    client.get("/activities/")
    client.get(f"/activities/{activity.pk}/")
    # With the signed-in user's session and user rows, the header's count of things waiting,
    # and the consent panel (6: the activity, its countries, the consents in force twice, the
    # live consents, the open requests), and one for the TISC networks it is tagged to.
    with django_assert_max_num_queries(23):
        assert staff_client.get(f"/activities/{activity.pk}/").status_code == 200
    # A visitor: no panel; one for the ETag, the freshness banner's counts (inside a test's
    # transaction they load the index: three queries where a server reads one row), and the
    # TISC networks.
    with django_assert_max_num_queries(19):
        assert client.get(f"/activities/{activity.pk}/").status_code == 200
    # One lists the country's plans; one for the ETag; the counts and the freshness banner
    # load the index inside the test's transaction (three queries each, one when served).
    with django_assert_max_num_queries(18):
        assert client.get("/countries/KE/").status_code == 200
    # The countries, one for the ETag and the counts (one row of state when served; inside a
    # test's transaction the index is loaded again).
    with django_assert_max_num_queries(7):
        assert client.get("/countries/").status_code == 200


def test_search_pages_have_no_cap(client, three):
    first = client.get("/activities/", {"per_page": 1, "sort": "oldest"}).content.decode()
    second = client.get("/activities/", {"per_page": 1, "sort": "oldest", "page": 2})
    assert "Patent drafting in Kenya" in first
    assert "Copyright seminar in Peru" in second.content.decode()
    assert 'rel="next"' in first and 'rel="prev"' in second.content.decode()
    far = client.get("/activities/", {"per_page": 1, "page": 5000})
    assert far.status_code == 200
    assert "There are only 3 pages of results." in far.content.decode()


def test_a_bad_filter_is_named_in_a_message(client, three):
    body = client.get("/activities/", {"country": "XX", "year_from": "soon"}).content.decode()
    assert 'role="alert"' in body
    assert "<strong>Country</strong> (country): Unknown code(s): XX." in body
    assert "<strong>From year</strong> (year_from)" in body
    assert "3 activities" in body  # the rest of the query still runs


def test_active_filters_can_be_removed_one_by_one(client, three):
    body = client.get("/activities/", {"country": ["KE", "PE"]}).content.decode()
    assert "2 activities" in body
    assert 'href="/activities/?country=PE"' in body
    assert 'href="/activities/?country=KE"' in body


def test_download_links_carry_the_filters(client, three):
    body = client.get("/activities/", {"country": "KE", "page": "1"}).content.decode()
    assert 'href="/activities/download.csv?country=KE"' in body
    assert 'href="/activities/download.xlsx?country=KE"' in body


def test_activity_page_shows_general_information(client, three):
    activity = three[0]
    response = client.get(f"/activities/{activity.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Patent drafting in Kenya" in body
    assert 'href="/countries/KE/"' in body
    assert "has not consented" in body


def test_unknown_activity_is_a_404_in_the_portal_look(client):
    response = client.get("/activities/999999/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_documents_download_only_with_consent(client, staff, focal_point):
    activity = make_activity(user=staff)
    document = attach_pdf(staff, activity, "Workshop report")
    url = f"/activities/{activity.pk}/documents/{document.pk}/"
    assert client.get(url).status_code == 404
    response = client_for(focal_point).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client_for(focal_point).get(f"/activities/{activity.pk}/documents/0/").status_code == 404


def test_countries_are_grouped_by_bureau_with_counts(client, three):
    body = client.get("/countries/").content.decode()
    assert 'href="/countries/KE/"' in body
    assert 'href="/countries/PE/"' in body
    assert 'id="bureau-africa"' in body


def test_country_page_shows_facts_years_categories_and_latest(client, staff, three):
    make_activity(
        user=staff,
        title="Second Kenyan activity",
        countries=["KE"],
        start_date=dt.date(2024, 1, 10),
        end_date=dt.date(2024, 1, 11),
    )
    response = client.get("/countries/ke/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Kenya</h1>" in body
    assert 'href="/activities/?country=KE&amp;year_from=2024&amp;year_to=2024"' in body
    assert 'href="/activities/?country=KE&amp;year_from=2022&amp;year_to=2022"' in body
    assert "Second Kenyan activity" in body
    assert "Copyright seminar in Peru" not in body
    assert 'href="/activities/?country=KE"' in body


def test_unknown_country_is_a_404(client):
    assert client.get("/countries/QQ/").status_code == 404


def test_csv_download_contains_every_matching_row(client, three):
    response = client.get("/activities/download.csv", {"country": ["KE", "GH"], "per_page": 1})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = csv_of(response)
    assert sorted(r["title"] for r in rows) == [
        "Patent drafting in Kenya",
        "Trademark office visit in Ghana",
    ]
    assert list(rows[0]) == list(COLUMN_KEYS)


def test_xlsx_download_contains_every_matching_row(client, three):
    response = client.get("/activities/download.xlsx")
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    rows = xlsx_of(response)
    assert len(rows) == 3
    peru = next(r for r in rows if r["country_codes"] == "PE")
    assert peru["title"] == "Copyright seminar in Peru"
    assert peru["start_date"].date() == dt.date(2023, 6, 1)


def test_download_with_a_bad_filter_is_refused_with_the_field_named(client, three):
    response = client.get("/activities/download.csv", {"country": "XX"})
    assert response.status_code == 400
    assert "Country: Unknown code(s): XX." in response.content.decode()


def test_staff_and_focal_points_sign_in_and_out_in_the_portal_look(client, focal_point):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()
    body = client_for(focal_point).get("/").content.decode()
    who = '<span class="account-who">kenya.focal<span class="account-role">Country focal point'
    assert who in body
    assert 'id="waiting-count"' in body  # the number of things waiting, in the header
    assert 'action="/accounts/logout/" method="post"' in body


def test_country_page_counts_activities_without_a_category_without_a_broken_link(client, three):
    from ipdev.activities import indexing
    from ipdev.activities.models import Activity

    kenyan = Activity.objects.filter(countries="KE")
    ids = list(kenyan.values_list("id", flat=True))
    kenyan.update(category=None)  # as imported activities: the forms require a category
    indexing.reindex(ids)
    body = client.get("/countries/KE/").content.decode()
    assert "No category" in body
    assert "category=None" not in body and "category=&" not in body
