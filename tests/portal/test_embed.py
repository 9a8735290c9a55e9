"""Charts and the map for use elsewhere: embed pages others may frame, SVG files, links."""

import pytest
from lxml import etree

from tests.conftest import client_for
from tests.factories import make_activity

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def kenyan(staff):
    return make_activity(user=staff, title="Kenyan workshop", countries=["KE"])


def test_the_map_links_each_country_with_activities_to_its_search(kenyan):
    body = client_for(None).get("/statistics/", {"category": kenyan.category_id}).content.decode()
    link = (
        f'<a href="/activities/?category={kenyan.category_id}&amp;country=KE" '
        'aria-label="Kenya: 1 activity" class="map-link">'
    )
    assert link in body
    assert 'aria-label="Peru' not in body  # no activities: not a link, not a tab stop


def test_an_embed_page_may_be_framed_and_no_other_page_may(kenyan):
    client = client_for(None)
    embed = client.get("/embed/statistics/countries/", {"country": "KE"})
    assert embed.status_code == 200
    csp = embed["Content-Security-Policy"]
    assert "frame-ancestors *" in csp and "X-Frame-Options" not in embed
    body = embed.content.decode()
    assert 'class="map-link"' in body and '<base target="_blank">' in body
    assert 'href="http://testserver/statistics/?country=KE#chart-countries"' in body
    assert "CC BY 4.0" in body and "site-header" not in body
    for path in ("/statistics/", "/activities/", "/embed/statistics/nope/"):
        response = client.get(path)
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], path


def test_each_chart_has_an_embed_page_and_the_snippet_carries_the_query(kenyan):
    client = client_for(None)
    stats = client.get("/statistics/", {"country": "KE"}).content.decode()
    for key in ("years", "bureaus", "regions", "countries"):
        assert f'src="http://testserver/embed/statistics/{key}/?country=KE"' in stats.replace(
            "&quot;", '"'
        ).replace("&lt;", "<").replace("&gt;", ">"), key
        assert client.get(f"/embed/statistics/{key}/", {"country": "KE"}).status_code == 200
    assert client.get("/embed/statistics/cooperation/requests/").status_code == 200


@pytest.mark.parametrize("path", ["/statistics/years.svg", "/statistics/countries.svg",
                                  "/statistics/cooperation/requests.svg"])  # fmt: skip
def test_each_chart_is_a_valid_svg_with_its_attribution(kenyan, path):
    response = client_for(None).get(path, {"country": "KE"} if "cooperation" not in path else {})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "attachment" in response["Content-Disposition"]
    root = etree.fromstring(response.content)
    assert root.tag == f"{SVG}svg" and root.findtext(f"{SVG}title")
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Source: Technical Assistance Database" in texts and "CC BY 4.0" in texts


def test_the_svg_for_a_png_is_not_an_attachment(kenyan):
    response = client_for(None).get("/statistics/years.svg", {"download": "0"})
    assert "Content-Disposition" not in response


def test_bad_filters_or_charts_are_not_found(db):
    client = client_for(None)
    assert client.get("/embed/statistics/years/", {"country": "XX"}).status_code == 404
    assert client.get("/statistics/nothing.svg").status_code == 404
    assert client.get("/embed/statistics/cooperation/nothing/").status_code == 404
