"""The directories' public pages, downloads and suggestion form, for every persona."""

import csv
import io

import pytest
from openpyxl import load_workbook

from ipdev.directories.models import Suggestion, UseCount
from ipdev.directories.vocab import ST27
from ipdev.portal import directory_urls
from ipdev.portal.access import PUBLIC
from tests.conftest import client_for
from tests.directories.factories import make_directories


@pytest.fixture
def world(staff):
    return make_directories(staff)


def pages(world) -> list[str]:
    alpha, beta = world["databases"]["Alpha Patents"], world["databases"]["Beta Search"]
    return [
        "/directories/",
        "/directories/registers/",
        "/directories/registers/?gazette=yes&map=gazette",
        "/directories/registers/KE/",
        "/directories/registers/EP/",
        "/directories/databases/",
        f"/directories/databases/{alpha}/",
        f"/directories/databases/compare/?id={alpha}&id={beta}",
        "/directories/landscapes/",
        "/directories/policies/",
        "/directories/policies/?q=royalties",
        f"/directories/policies/{world['policy']}/",
        "/directories/policies/national-models/",
        "/directories/suggest/",
        "/directories/use/",
    ]


def test_every_directory_view_states_that_it_is_public():
    for pattern in directory_urls.urlpatterns:
        assert getattr(pattern.callback, "access", None) == PUBLIC, pattern.name


@pytest.mark.parametrize("who", ["anonymous", "public", "focal_point", "staff", "admin"])
def test_every_page_opens_for_every_persona(personas, world, who):
    client = client_for(personas[who])
    for path in pages(world):
        assert client.get(path).status_code == 200, path


def test_the_register_table_filters_by_resource_and_colours_the_map(client, world):
    page = client.get("/directories/registers/?gazette=yes&map=gazette").content.decode()
    assert "1 jurisdiction<" in page
    assert 'href="/directories/registers/KE/"' in page
    assert 'href="/directories/registers/PE/"' not in page
    assert "Kenya: Available" in page  # the map's tooltip for the chosen column
    stale = client.get("/directories/registers/?verification=stale").content.decode()
    assert "1 jurisdiction<" in stale and "/directories/registers/PE/" in stale


def test_a_jurisdiction_page_shows_its_resources_tips_and_st27_categories(client, world):
    page = client.get("/directories/registers/KE/").content.decode()
    assert "https://ke.gazette.example/" in page
    assert "Swahili" in page
    assert "H: IP right cessation" in page
    assert "Search by application number." in page
    assert client.get("/directories/registers/ZZ/").status_code == 404


def test_a_jurisdiction_page_explains_every_st27_category_and_marks_those_shown(client, world):
    page = client.get("/directories/registers/KE/").content.decode()
    explained = page[page.index('id="st27-categories"') :]
    explained = explained[: explained.index("</details>")]
    assert explained.count("<dt>") == len(ST27.values)  # A-H, P, U and W
    assert explained.count('class="badge"') == 4  # KE shows A, B, F and H
    assert "G: Protection beyond IP right term" in explained
    assert "The granted right ends: lapse, expiry, revocation or surrender." in explained


def test_the_register_table_and_its_download_speak_the_readers_language(client, world):
    page = client.get("/fr/directories/registers/").content.decode()
    assert '<th scope="col" class="chosen">Registre en ligne</th>' in page
    assert '<option value="gazette">Bulletin officiel</option>' in page
    response = client.get("/fr/directories/registers.csv")
    header = b"".join(response.streaming_content).decode().splitlines()[0]
    assert header.startswith("Code ST.3,Ressort,Office,Registre en ligne,")


def test_an_office_is_described_in_the_readers_language(client, world):
    page = client.get("/fr/directories/registers/EP/").content.decode()
    assert "Examine et délivre des brevets européens" in page
    assert "Office européen des brevets" in page


def test_bad_filters_are_named_on_the_page_and_refuse_a_download(client, world):
    page = client.get("/directories/policies/?country=XX&page=zero").content.decode()
    assert "<strong>country</strong>: Unknown value: XX." in page
    assert "<strong>page</strong>" in page
    response = client.get("/directories/registers.csv?gazette=perhaps")
    assert response.status_code == 400
    assert "gazette: Unknown value: perhaps." in response.content.decode()


def test_databases_filter_on_every_feature_chosen_and_compare_side_by_side(client, world):
    page = client.get("/directories/databases/?feature=semantic_search&feature=chemical_search")
    text = page.content.decode()
    assert "1 database<" in text and "Beta Search" in text and "Gamma Lens" not in text
    ids = world["databases"]
    compare = client.get(
        f"/directories/databases/compare/?id={ids['Gamma Lens']}&id={ids['Beta Search']}"
    ).content.decode()
    assert compare.index("Gamma Lens") < compare.index("Beta Search")  # the order asked
    assert "Cross-lingual search" in compare
    for bad in ("?id=1", "?id=a&id=2", "?id=1&id=2&id=3&id=4&id=5", "?id=9998&id=9999"):
        response = client.get("/directories/databases/compare/" + bad)
        assert response.status_code == 400, bad
        assert "<strong>id</strong>" in response.content.decode()


def test_landscapes_search_and_facets(client, world):
    text = client.get("/directories/landscapes/?q=solar").content.decode()
    assert "1 report<" in text and "Solar desalination landscape" in text
    text = client.get("/directories/landscapes/?language=fr").content.decode()
    assert "Cassava processing landscape" in text and "Solar" not in text


def test_policies_keyword_search_reads_the_documents_with_facets_and_coverage(client, world):
    text = client.get("/directories/policies/?q=royalties+thirds").content.decode()
    assert "1 policy<" in text and "Intellectual property policy" in text
    text = client.get("/directories/policies/?type=ip&institution_type=research").content.decode()
    assert "Politica de propiedad intelectual" in text and "1 policy<" in text
    overview = client.get("/directories/").content.decode()
    assert "<dd>3</dd>" in overview  # policies
    assert "<dd>2</dd>" in overview  # institutions, countries


def test_policies_list_takes_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        client.get("/directories/policies/?q=policy&country=KE")


def test_a_policy_document_downloads_with_its_type(client, world):
    response = client.get(f"/directories/policies/{world['policy']}/document/")
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert client.get("/directories/policies/999999/document/").status_code == 404


def test_a_landscape_report_file_downloads_when_there_is_one(client, staff, world):
    from ipdev.directories import services
    from ipdev.directories.models import LandscapeReport
    from tests.directories.factories import pdf_upload

    report = LandscapeReport.objects.get(pk=world["landscape"])
    assert client.get(f"/directories/landscapes/{report.pk}/file/").status_code == 404
    services.landscape_save(
        user=staff, report=report, data={}, document=pdf_upload("solar.pdf", "Solar stills.")
    )
    response = client.get(f"/directories/landscapes/{report.pk}/file/")
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert "Download the report (PDF)" in client.get("/directories/landscapes/").content.decode()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/directories/registers.csv?gazette=yes", "Kenya"),
        ("/directories/databases.csv?aspi=yes", "Beta Search"),
        ("/directories/landscapes.csv?field=energy", "Solar desalination landscape"),
        ("/directories/policies.csv?q=repository", "Open access policy"),
    ],
)
def test_csv_downloads_carry_the_filtered_list(client, world, path, expected):
    response = client.get(path)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 2, rows
    assert expected in rows[1]


def test_xlsx_downloads_have_a_bold_header_and_the_rows(client, world):
    response = client.get("/directories/policies.xlsx?country=KE")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.active
    rows = list(sheet.values)
    assert rows[0][0] == "Title" and len(rows) == 3
    assert sheet["A1"].font.bold


def test_anyone_may_suggest_and_errors_are_named(client, db):
    response = client.post("/directories/suggest/", {"directory": "x", "message": "no"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Directory:" in text and "Your suggestion:" in text
    response = client.post(
        "/directories/suggest/",
        {
            "directory": "policies",
            "message": "Please add the 2024 policy of an example university.",
        },
    )
    assert response.status_code == 200
    assert Suggestion.objects.get().status == "pending"


def test_a_visit_counts_a_view_a_user_once_a_year_and_a_download(client, world):
    client.get("/directories/policies/", REMOTE_ADDR="41.90.0.1")  # a Kenyan address
    client.get("/directories/policies/", REMOTE_ADDR="41.90.0.1")
    client.get(f"/directories/policies/{world['policy']}/document/", REMOTE_ADDR="41.90.0.1")
    client.get("/directories/registers/?gazette=nonsense")  # an error page is still a page
    counts = {(c.directory, c.kind, c.country): c.count for c in UseCount.objects.all()}
    assert counts[("policies", "view", "KE")] == 2
    assert counts[("policies", "visitor", "KE")] == 1
    assert counts[("policies", "download", "KE")] == 1
    assert counts[("registers", "visitor", "")] == 1
    assert "41.90.0.1" not in str(list(UseCount.objects.values()))


def test_the_country_falls_back_to_the_signed_in_users_profile(focal_point, world):
    client = client_for(focal_point)
    client.get("/directories/landscapes/", REMOTE_ADDR="127.0.0.1")
    assert UseCount.objects.get(kind="view").country == "KE"


def test_use_figures_chart_users_by_year_and_the_top_ten_countries(client, world):
    client.get("/directories/registers/", REMOTE_ADDR="8.8.8.8")
    page = client.get("/directories/use/").content.decode()
    assert "Users by year" in page and "Top ten countries" in page
    assert "United States of America" in page
    response = client.get("/directories/use/top-countries.csv")
    assert "United States of America,1" in response.content.decode()
    assert client.get("/directories/use/nothing.csv").status_code == 404
