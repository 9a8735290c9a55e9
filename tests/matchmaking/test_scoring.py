"""The ranking is pure: plain data in, ranked and explained suggestions out. No database."""

from ipdev.matchmaking import scoring
from ipdev.matchmaking.cooperation import cooperation_type
from ipdev.matchmaking.index import OfferIndex
from ipdev.matchmaking.scoring import NeedData, OfferData

F = frozenset


def need(**kw) -> NeedData:
    base = {
        "id": 1,
        "title": "Patent examination capacity",
        "text": "Training patent examiners in search and examination of pharmaceutical patents",
        "ip_areas": F({"patents"}),
        "support_types": F({"technical"}),
        "languages": F({"en"}),
        "country": "KE",
        "country_status": "developing",
    }
    base.update(kw)
    return NeedData(**base)


def offer(id: int, **kw) -> OfferData:
    base = {
        "id": id,
        "title": f"Offer {id}",
        "text": "Experts available for patent examination training",
        "ip_areas": F({"patents"}),
        "support_types": F({"technical"}),
        "languages": F({"en"}),
    }
    base.update(kw)
    return OfferData(**base)


def test_an_offer_for_other_countries_is_not_eligible():
    ok, why = scoring.eligibility(need(), offer(1, eligible_countries=F({"PE"})))
    assert not ok and why == ["not open to KE"]


def test_an_offer_for_the_need_country_group_is_eligible():
    ok, why = scoring.eligibility(need(), offer(1, eligible_groups=F({"developing"})))
    assert ok and "open to developing countries" in why


def test_support_type_and_language_must_be_shared():
    assert not scoring.eligibility(need(), offer(1, support_types=F({"financial"})))[0]
    assert not scoring.eligibility(need(), offer(1, languages=F({"fr"})))[0]
    assert scoring.eligibility(need(), offer(1, languages=F()))[0]


def test_shared_areas_and_words_rank_higher_and_say_why():
    offers = [
        offer(1, text="Funding for copyright collective management", ip_areas=F({"copyright"})),
        offer(2),
        offer(3, text="Experts for trademark examination", ip_areas=F({"trademarks"})),
    ]
    ranked = scoring.rank_offers(need(), offers, labels={"patents": "Patents"})
    assert ranked[0].id == 2
    best = ranked[0]
    assert best.shared_areas == ("patents",)
    assert "examin" in best.matching_terms
    assert best.reasons[0] == "shared IP areas: Patents"
    assert any(r.startswith("matching terms:") for r in best.reasons)
    assert 0 < best.score <= 1


def test_an_offer_sharing_nothing_is_not_suggested():
    ranked = scoring.rank_offers(
        need(), [offer(1, text="Branding for coffee growers", ip_areas=F({"branding"}))]
    )
    assert ranked == []


def test_ties_are_broken_by_id_and_the_limit_applies():
    ranked = scoring.rank_offers(need(), [offer(i) for i in (5, 3, 4)], limit=2)
    assert [s.id for s in ranked] == [3, 4]


def test_needs_are_ranked_for_an_offer_the_same_way():
    needs = [
        need(id=1),
        need(id=2, country="PE", text="Trademark office automation", ip_areas=F({"trademarks"})),
        need(id=3, support_types=F({"financial"})),
    ]
    ranked = scoring.rank_needs(offer(9), needs)
    assert [s.id for s in ranked] == [1]


def test_words_are_folded_and_stemmed():
    assert scoring.terms("Examiners' Examination of PATENTS, ÉTUDES") == [
        "examiner",
        "examin",
        "patent",
        "etude",
    ]


def test_common_words_weigh_less_than_rare_ones():
    idf = scoring.idf_table([{"patent", "office"}, {"patent"}, {"patent", "pharma"}])
    assert idf["pharma"] > idf["patent"]


def test_cooperation_types_from_the_parties_countries():
    assert cooperation_type(seeker="developing", provider="ldc") == "south_south"
    assert cooperation_type(seeker="ldc", provider="developing", facilitator="developed") == (
        "triangular"
    )
    assert cooperation_type(seeker="ldc", provider="developing", has_facilitator=True) == (
        "triangular"
    )
    assert cooperation_type(seeker="developing", provider="developed") == "north_south"
    assert cooperation_type(seeker="developing", provider=None) == "multilateral"
    assert cooperation_type(seeker="developed", provider="developed") == "other"


def test_a_single_shared_common_word_is_not_enough():
    others = [
        offer(
            i,
            text=f"Office {word} for schools, hospitals, ministries and municipal buildings",
            ip_areas=F({"branding"}),
        )
        for i, word in enumerate(["furniture grants", "rental", "cleaning", "supplies"], start=1)
    ]
    text = "Office automation of the trademark registry with electronic filing"
    assert scoring.rank_offers(need(text=text), others) == []


def test_the_index_checks_eligibility_with_its_masks():
    index = OfferIndex(
        [
            offer(1, eligible_countries=F({"PE"})),
            offer(2, eligible_groups=F({"ldc"})),
            offer(3, support_types=F({"financial"})),
            offer(4, languages=F({"fr"})),
            offer(5, eligible_groups=F({"developing"})),
            offer(6, languages=F()),
        ]
    )
    assert [s.id for s in index.rank(need())] == [5, 6]
    assert [s.id for s in index.rank(need(country="PE"))] == [1, 5, 6]
