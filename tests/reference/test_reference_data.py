"""The reference data: what the JSON files hold and what the loader puts in the database."""

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from django.utils import translation

from ipdev.reference import models as ref_models
from ipdev.reference.loader import DATA_DIR, load_reference_data
from ipdev.reference.models import (
    SDG,
    ActivityCategory,
    Bureau,
    Country,
    DACluster,
    DARecommendation,
    ExpectedResult,
    FundingSource,
    Region,
    StrategicGoal,
)

OTHER_LANGUAGES = ("ar", "zh", "fr", "ru", "es")
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REFERENCE = SHARED / "data" / "iati" / "reference"
M49_CSV = REFERENCE / "un-m49-ldc-datasets-country-codes" / "2026-05-15" / "country-codes.csv"
ISO3166_JSON = REFERENCE / "iso-pycountry-26.2.16" / "iso3166-1.json"

# Graduated from the LDC category after the M49 file was scraped (São Tomé and Príncipe,
# 13 December 2024; Bangladesh, Lao PDR and Nepal, 24 November 2026). Keep in step with
# GRADUATED_SINCE_M49_FILE in data/build.
GRADUATED_SINCE_M49_FILE = {"ST", "BD", "LA", "NP"}

TRANSITION = {
    "AL", "AM", "AZ", "BA", "BY", "GE", "KG", "KZ", "MD", "ME",
    "MK", "RS", "RU", "TJ", "TM", "UA", "UZ",
}  # fmt: skip
ARAB_LEAGUE = {
    "AE", "BH", "DJ", "DZ", "EG", "IQ", "JO", "KM", "KW", "LB", "LY",
    "MA", "MR", "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TN", "YE",
}  # fmt: skip


@pytest.fixture
def reference_data(db) -> dict[str, int]:
    """Load the files (idempotent: the data migration normally loaded them already)."""
    return load_reference_data()


def read_json(name: str) -> list[dict]:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def require_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared reference list not available: {path}")
    return path


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.json")), ids=lambda p: p.name)
def test_data_files_are_lists_written_in_the_canonical_format(path):
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert isinstance(data, list)
    assert data
    assert text == json.dumps(data, indent=1, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.json")), ids=lambda p: p.name)
def test_translated_names_use_only_the_other_un_languages(path):
    def entries(rows):
        for row in rows:
            yield row
            yield from row.get("expected_results", [])

    for row in entries(json.loads(path.read_text(encoding="utf-8"))):
        assert set(row["names"]) <= {"ar", "zh", "fr", "ru", "es"}, row
        assert all(isinstance(v, str) and v.strip() for v in row["names"].values()), row


@pytest.mark.django_db
def test_every_iso_country_is_loaded(reference_data):
    assert Country.objects.count() == 249
    if ISO3166_JSON.exists():
        iso = json.loads(ISO3166_JSON.read_text(encoding="utf-8"))["3166-1"]
        expected = {(c["alpha_2"], c["alpha_3"], c["numeric"]) for c in iso}
        loaded = set(Country.objects.values_list("code", "iso3", "numeric"))
        assert loaded == expected


@pytest.mark.django_db
def test_there_are_45_recommendations_in_six_clusters(reference_data):
    assert DACluster.objects.count() == 6
    assert DARecommendation.objects.count() == 45
    per_cluster = Counter(DARecommendation.objects.values_list("cluster", flat=True))
    assert per_cluster == {"A": 14, "B": 9, "C": 9, "D": 6, "E": 6, "F": 1}
    assert DARecommendation.objects.get(number=45).cluster_id == "F"


@pytest.mark.django_db
def test_recommendation_titles_are_short(reference_data):
    for recommendation in DARecommendation.objects.all():
        assert 0 < len(recommendation.name) <= 80
        assert recommendation.description


@pytest.mark.django_db
def test_kenya_is_developing_in_the_africa_bureau(reference_data):
    kenya = Country.objects.get(code="KE")
    assert (kenya.name, kenya.iso3, kenya.numeric) == ("Kenya", "KEN", "404")
    assert kenya.status == "developing"
    assert kenya.bureau_id == "africa"
    assert kenya.region_id == "014"  # Eastern Africa
    assert kenya.names["fr"] == "Kenya"


@pytest.mark.django_db
def test_egypt_belongs_to_the_arab_bureau(reference_data):
    egypt = Country.objects.get(code="EG")
    assert egypt.bureau_id == "arab"
    assert egypt.status == "developing"
    assert egypt.region_id == "015"  # Northern Africa


@pytest.mark.django_db
def test_the_arab_bureau_serves_exactly_the_league_of_arab_states(reference_data):
    arab = set(Country.objects.filter(bureau="arab").values_list("code", flat=True))
    assert arab == ARAB_LEAGUE


@pytest.mark.django_db
def test_ldc_list_matches_the_un_list(reference_data):
    path = require_shared(M49_CSV)
    with path.open(encoding="utf-8", newline="") as f:
        flagged = {
            row["ISO3166-1-Alpha-2"]
            for row in csv.DictReader(f)
            if row["Least Developed Countries (LDC)"].strip()
        }
    ldcs = set(Country.objects.filter(status="ldc").values_list("code", flat=True))
    assert ldcs == flagged - GRADUATED_SINCE_M49_FILE
    assert len(ldcs) == 41


@pytest.mark.django_db
def test_graduated_countries_are_no_longer_ldcs(reference_data):
    for code in ("BT", "ST", "VU", "WS", "CV", "MV", "BW", "GQ", "BD", "LA", "NP"):
        country = Country.objects.get(code=code)
        assert country.status == "developing", code
        assert country.ldc_since is None


@pytest.mark.django_db
def test_every_ldc_has_its_year_of_inclusion(reference_data):
    years = dict(Country.objects.filter(status="ldc").values_list("code", "ldc_since"))
    assert all(1971 <= year <= 2012 for year in years.values())
    assert years["SS"] == 2012
    assert years["AF"] == 1971


@pytest.mark.django_db
def test_economies_in_transition_are_served_by_tdc(reference_data):
    transition = Country.objects.filter(status="transition")
    assert set(transition.values_list("code", flat=True)) == TRANSITION
    assert set(transition.values_list("bureau", flat=True)) == {"tdc"}


@pytest.mark.django_db
def test_developed_countries_follow_the_documented_rule(reference_data):
    developed = set(Country.objects.filter(status="developed").values_list("code", flat=True))
    assert {"US", "CA", "JP", "AU", "NZ", "IL", "CY", "DE", "PL", "KR", "SG"} <= developed
    assert not {"CN", "BR", "IN", "TR", "MX", "ZA", "HK"} & developed
    tdc_outside_europe = {"US", "CA", "JP", "AU", "NZ", "IL"}
    bureaus = dict(
        Country.objects.filter(code__in=tdc_outside_europe).values_list("code", "bureau")
    )
    assert set(bureaus.values()) == {"tdc"}
    assert Country.objects.get(code="KR").bureau_id == "asia_pacific"


@pytest.mark.django_db
def test_each_region_of_the_world_has_its_bureau(reference_data):
    assert Country.objects.get(code="BR").bureau_id == "lac"
    assert Country.objects.get(code="HT").bureau_id == "lac"
    assert Country.objects.get(code="IN").bureau_id == "asia_pacific"
    assert Country.objects.get(code="FJ").bureau_id == "asia_pacific"
    assert Country.objects.get(code="FR").bureau_id == "tdc"
    assert Country.objects.get(code="NG").bureau_id == "africa"
    assert Country.objects.get(code="RE").bureau_id == "africa"  # a territory: its geography
    assert Bureau.objects.count() == 5


@pytest.mark.django_db
def test_every_region_leads_up_to_the_world(reference_data):
    world = Region.objects.get(code="001")
    assert world.parent is None
    for region in Region.objects.exclude(code="001"):
        seen = set()
        while region.parent_id is not None:
            assert region.code not in seen
            seen.add(region.code)
            region = region.parent
        assert region == world


@pytest.mark.django_db
def test_only_antarctica_has_no_region(reference_data):
    assert list(Country.objects.filter(region=None).values_list("code", flat=True)) == ["AQ"]
    assert Country.objects.get(code="BO").region_id == "005"  # South America


@pytest.mark.django_db
def test_there_are_17_sdgs(reference_data):
    assert list(SDG.objects.values_list("number", flat=True)) == list(range(1, 18))
    assert SDG.objects.get(number=17).name == "Partnerships for the goals"


@pytest.mark.django_db
def test_strategic_goals_run_from_one_to_nine_with_their_expected_results(reference_data):
    codes = list(StrategicGoal.objects.values_list("code", flat=True))
    assert codes == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    for result in ExpectedResult.objects.all():
        assert result.code.split(".")[0] == result.goal_id
    assert ExpectedResult.objects.filter(goal="III").count() == 5
    assert ExpectedResult.objects.get(code="III.2").name.startswith("Enhanced human resource")


@pytest.mark.django_db
def test_activity_categories_are_the_six_of_cdip(reference_data):
    assert list(ActivityCategory.objects.values_list("code", flat=True)) == [
        "national-strategies",
        "infrastructure",
        "capacity-building",
        "legislative",
        "da-projects",
        "ppp",
    ]


@pytest.mark.django_db
def test_funds_in_trust_name_their_donor_country(reference_data):
    assert FundingSource.objects.get(code="regular").kind == "regular"
    for source in FundingSource.objects.filter(kind="fit").exclude(code="fit-eu"):
        assert source.donor is not None, source.code
        assert source.code.startswith(f"fit-{source.donor_id.lower()}")


@pytest.mark.django_db
def test_loader_is_idempotent(reference_data):
    before = dict(reference_data)
    kenya_before = Country.objects.values().get(code="KE")
    again = load_reference_data()
    assert again == before
    assert Country.objects.count() == before["Country"]
    assert ExpectedResult.objects.count() == before["ExpectedResult"]
    assert Country.objects.values().get(code="KE") == kenya_before


@pytest.mark.django_db
def test_loader_restores_rows_that_were_edited(reference_data):
    Country.objects.filter(code="KE").update(name="Renamed", status="developed")
    load_reference_data()
    kenya = Country.objects.get(code="KE")
    assert (kenya.name, kenya.status) == ("Kenya", "developing")


@pytest.mark.django_db
def test_loader_reads_another_data_directory(reference_data, tmp_path):
    for path in DATA_DIR.glob("*.json"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    sdgs = read_json("sdgs.json")
    sdgs[0]["name"] = "No poverty (test)"
    (tmp_path / "sdgs.json").write_text(json.dumps(sdgs), encoding="utf-8")
    load_reference_data(data_dir=tmp_path)
    assert SDG.objects.get(number=1).name == "No poverty (test)"


LOCALIZED_MODELS = [
    ref_models.Bureau,
    ref_models.Region,
    ref_models.Country,
    ref_models.DACluster,
    ref_models.DARecommendation,
    ref_models.SDG,
    ref_models.StrategicGoal,
    ref_models.ExpectedResult,
    ref_models.IPArea,
    ref_models.ActivityCategory,
    ref_models.DeliveryMode,
    ref_models.FundingSource,
    ref_models.Unit,
    ref_models.Language,
    ref_models.Currency,
]


@pytest.mark.parametrize("model", LOCALIZED_MODELS, ids=lambda m: m.__name__)
def test_every_reference_row_is_named_in_the_six_un_languages(reference_data, model):
    incomplete = [
        obj.pk
        for obj in model.objects.all()
        if not obj.name.strip() or any(not obj.names.get(k, "").strip() for k in OTHER_LANGUAGES)
    ]
    assert model.objects.exists()
    assert incomplete == []


@pytest.mark.parametrize("model", LOCALIZED_MODELS, ids=lambda m: m.__name__)
def test_arabic_chinese_and_russian_names_are_not_english_copies(reference_data, model):
    # The three non-Latin scripts can never legitimately repeat the English name.
    copies = [
        (obj.pk, lang)
        for obj in model.objects.all()
        for lang in ("ar", "zh", "ru")
        if obj.names[lang] == obj.name and not obj.name.isupper()
    ]
    assert copies == []


def test_the_name_follows_the_active_language_with_zh_hans_reading_zh(reference_data):
    kenya = Country.objects.get(pk="KE")
    with translation.override("zh-hans"):
        assert kenya.localized_name == kenya.names["zh"] == "肯尼亚"
    with translation.override("fr"):
        assert kenya.localized_name == "Kenya"
    with translation.override("ar"):
        assert kenya.localized_name == "كينيا"
    with translation.override("en"):
        assert kenya.localized_name == "Kenya"


@pytest.mark.django_db
def test_beneficiary_countries_are_the_states_technical_assistance_can_go_to(reference_data):
    beneficiaries = ref_models.beneficiary_countries()
    codes = set(beneficiaries.values_list("code", flat=True))
    assert len(codes) == 153
    statuses = Counter(beneficiaries.values_list("status", flat=True))
    assert statuses == {"developing": 95, "ldc": 41, "transition": 17}
    # Developing, least developed and transition states, in every bureau.
    assert {"KE", "BR", "IN", "CN", "EG", "UZ", "AF", "TR", "CI", "PS", "FJ"} <= codes
    assert set(beneficiaries.values_list("bureau", flat=True)) == {
        "africa",
        "arab",
        "asia_pacific",
        "lac",
        "tdc",
    }
    # Not territories, uninhabited or not, and not developed countries.
    assert not {"SH", "TF", "BV", "HM", "AQ", "UM", "IO", "GS", "PN", "HK", "PR", "RE"} & codes
    assert not {"US", "FR", "JP", "CH", "KR", "SG", "VA"} & codes
