"""The prepared indexes rank exactly like the reference functions of `scoring` (no database)."""

import datetime as dt
import importlib.util
import random
from pathlib import Path

import pytest

from ipdev.matchmaking import scoring
from ipdev.matchmaking.index import NeedIndex, OfferIndex
from ipdev.matchmaking.scoring import NeedData, OfferData, Reason

F = frozenset
# Related pairs among them: GIs, trademarks and branding; patents and patent information.
AREAS = [
    "patents",
    "trademarks",
    "copyright",
    "geographical-indications",
    "branding",
    "ip-information",
]
SUPPORT = ["financial", "technical", "ppp"]
LANGS = ["en", "fr", "es", "ar"]
COUNTRIES = [("KE", "developing"), ("PE", "developing"), ("NP", "ldc"), ("FR", "developed")]
# Left the LDC list on these days (Bhutan, Bangladesh), to test the transition periods.
GRADUATED = [("BT", dt.date(2023, 12, 13)), ("BD", dt.date(2026, 11, 24))]
TODAY = dt.date(2026, 12, 7)
GROUPS = ["developing", "ldc", "developed"]
# A few words everywhere, many rare ones: common words then go through the bounded path.
WORDS = ["office", "patent", "training", "examination", "registry", "automation"] + [
    f"w{chr(97 + i)}{chr(97 + j)}x" for i in range(20) for j in range(10)
]


def _some(rng, items, low=0, high=2):
    return F(rng.sample(items, rng.randint(low, high)))


FRENCH = ["bureau", "brevet", "formation", "examen", "registre", "marque"] + [
    f"f{chr(97 + i)}{chr(97 + j)}z" for i in range(10) for j in range(10)
]


def _text(rng, words=WORDS) -> str:
    common = " ".join(rng.choices(words[:6], k=rng.randint(0, 6)))
    return f"{common} {' '.join(rng.choices(words[6:], k=rng.randint(0, 5)))}"


def _translations(rng) -> tuple:
    """A third of the listings also written in French (some only in French)."""
    return (("fr", _text(rng, FRENCH)),) if rng.random() < 0.33 else ()


def random_offers(rng, n):
    out = []
    for i in range(n):
        countries = _some(rng, [c for c, _ in COUNTRIES], 0, 2) if rng.random() < 0.3 else F()
        groups = _some(rng, GROUPS, 0, 2) if rng.random() < 0.5 else F()
        out.append(
            OfferData(
                id=rng.randint(1, 10 * n) * 1000 + i,  # ids not in input order
                title=f"Offer {i}",
                text=_text(rng),
                ip_areas=_some(rng, AREAS, 0, 3),
                support_types=_some(rng, SUPPORT, 1, 2),
                languages=_some(rng, LANGS, 0, 2),
                eligible_countries=countries,
                eligible_groups=groups,
                translations=_translations(rng),
                ldc_transition_years=rng.choice([0, 0, 3, 5]),
            )
        )
    return out


def random_needs(rng, n):
    out = []
    for i in range(n):
        country, status = rng.choice(COUNTRIES)
        graduated = None
        if rng.random() < 0.2:
            (country, graduated), status = rng.choice(GRADUATED), "developing"
        out.append(
            NeedData(
                id=rng.randint(1, 10 * n) * 1000 + i,
                title=f"Need {i}",
                text=_text(rng),
                ip_areas=_some(rng, [*AREAS, "unknown-area"], 0, 2),
                support_types=_some(rng, [*SUPPORT, "other"], 0, 2),
                languages=_some(rng, [*LANGS, "zz"], 0, 2),
                country=country,
                country_status=status,
                translations=_translations(rng),
                ldc_graduated=graduated,
            )
        )
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_offer_index_ranks_exactly_like_rank_offers_on_random_data(seed):
    rng = random.Random(seed)
    offers = random_offers(rng, 600)
    index = OfferIndex(offers)
    index.common = 30  # small enough that the common words take the bounded path
    for need in random_needs(rng, 80):
        for limit in (1, 10):
            for today in (TODAY, None):
                expected = scoring.rank_offers(
                    need, offers, limit=limit, idf=index.idf, today=today
                )
                assert index.rank(need, limit=limit, today=today) == expected


@pytest.mark.parametrize("seed", [4, 5])
def test_the_need_index_ranks_exactly_like_rank_needs_on_random_data(seed):
    rng = random.Random(seed)
    needs = random_needs(rng, 600)
    index = NeedIndex(needs)
    index.common = 30
    for offer in random_offers(rng, 80):
        expected = scoring.rank_needs(offer, needs, idf=index.idf, today=TODAY)
        assert index.rank(offer, today=TODAY) == expected


def test_too_loose_bounds_fall_back_to_adding_up_every_word():
    rng = random.Random(9)
    offers = random_offers(rng, 400)
    index = OfferIndex(offers)
    index.common, index.MAX_UNTOUCHED = 5, 0
    for need in random_needs(rng, 30):
        assert index.rank(need) == scoring.rank_offers(need, offers, idf=index.idf)


def test_the_index_keeps_the_explanations():
    offers = [
        OfferData(
            1,
            "Examiners",
            "Patent examination training",
            F({"patents"}),
            F({"technical"}),
            F({"en"}),
            eligible_groups=F({"developing"}),
        ),
        OfferData(
            2, "Brands", "Branding for coffee growers", F({"trademarks"}), F({"technical"}), F()
        ),
    ]
    need = NeedData(
        7,
        "Examination",
        "Training patent examiners",
        F({"patents"}),
        F({"technical"}),
        F({"en"}),
        "KE",
        "developing",
    )
    [best] = OfferIndex(offers).rank(need)
    assert best.id == 1 and best.shared_areas == ("patents",)
    assert best.matching_terms and "en:patent" in best.matching_terms
    assert best.matching_words[:2] == ("examination", "Patent".lower())
    codes = [r.code for r in best.reasons]
    assert codes == ["areas", "words", "open_to_group", "language", "support"]
    assert Reason("open_to_group", ("developing",)) in best.reasons


def test_eligibility_by_profile_is_the_reference_rule():
    rng = random.Random(11)
    offers = random_offers(rng, 300)
    index = OfferIndex(offers)
    for need in random_needs(rng, 40):
        by_class = index.eligible_classes(need, TODAY)
        for i, offer in enumerate(index.others):
            assert by_class[index.class_of[i]] == scoring.eligibility(need, offer, today=TODAY)[0]


def test_the_index_ranks_the_labelled_set_like_the_reference():
    path = Path(__file__).resolve().parents[2] / "bench" / "match_quality.py"
    spec = importlib.util.spec_from_file_location("match_quality", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    needs, offers = bench.load(scoring)
    index = OfferIndex(offers)
    for need, _relevant in needs:
        assert index.rank(need) == scoring.rank_offers(need, offers, idf=index.idf)


def test_an_empty_catalogue_suggests_nothing():
    need = NeedData(1, "x", "patent", F(), F({"technical"}), F(), "KE", "developing")
    assert OfferIndex([]).rank(need) == []
