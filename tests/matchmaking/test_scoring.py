"""The ranking is pure: plain data in, ranked and explained suggestions out. No database."""

import datetime as dt

from ipdev.matchmaking import scoring, text
from ipdev.matchmaking.cooperation import cooperation_type
from ipdev.matchmaking.index import OfferIndex
from ipdev.matchmaking.scoring import NeedData, OfferData, Reason

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
    assert not ok and why == [Reason("not_open", ("KE",))]


def test_an_offer_for_the_need_country_group_is_eligible():
    ok, why = scoring.eligibility(need(), offer(1, eligible_groups=F({"developing"})))
    assert ok and Reason("open_to_group", ("developing",)) in why


def test_language_must_be_shared_but_not_the_type_of_support():
    ok, why = scoring.eligibility(need(), offer(1, support_types=F({"financial"})))
    assert ok and Reason("other_support", ("technical",), ("financial",)) in why
    assert not scoring.eligibility(need(), offer(1, languages=F({"fr"})))[0]
    assert scoring.eligibility(need(), offer(1, languages=F()))[0]


def test_another_type_of_support_ranks_after_an_equal_offer_of_the_same_type():
    offers = [offer(1, support_types=F({"financial"})), offer(2)]
    ranked = scoring.rank_offers(need(), offers)
    assert [s.id for s in ranked] == [2, 1]
    assert ranked[0].same_support and not ranked[1].same_support
    assert ranked[1].relevance == ranked[0].relevance
    assert ranked[1].score == round(ranked[0].score * scoring.OTHER_SUPPORT_FACTOR, 4)


def test_a_clearly_more_relevant_offer_of_another_type_ranks_first():
    weak = offer(2, text="Office furniture for registries", ip_areas=F({"patents", "copyright"}))
    strong = offer(1, support_types=F({"financial"}))
    ranked = scoring.rank_offers(need(), [weak, strong])
    assert [s.id for s in ranked] == [1, 2]


def test_a_graduated_ldc_is_eligible_only_during_the_offer_transition():
    bhutan = need(country="BT", country_status="developing", ldc_graduated=dt.date(2023, 12, 13))
    for_ldcs = offer(1, eligible_groups=F({"ldc"}), ldc_transition_years=3)
    assert not scoring.eligibility(bhutan, offer(1, eligible_groups=F({"ldc"})))[0]
    assert not scoring.eligibility(bhutan, for_ldcs)[0]  # no date: no transition
    ok, why = scoring.eligibility(bhutan, for_ldcs, today=dt.date(2026, 12, 12))
    assert ok and why[0] == Reason("ldc_transition", ("BT", "2023-12-13", "2026-12-12"))
    assert not scoring.eligibility(bhutan, for_ldcs, today=dt.date(2026, 12, 13))[0]
    assert not scoring.eligibility(bhutan, for_ldcs, today=dt.date(2023, 12, 12))[0]


def test_related_areas_count_as_half_an_area():
    assert scoring.area_overlap(F({"geographical-indications"}), F({"branding"})) == 0.5
    assert scoring.area_overlap(F({"gr-tk-tce"}), F({"branding"})) == 0.5
    assert scoring.area_overlap(F({"patents"}), F({"copyright"})) == 0.0
    assert scoring.area_overlap(F({"patents"}), F({"patents"})) == 1.0
    assert scoring.area_overlap(F({"trademarks", "copyright"}), F({"branding"})) == (0.5 + 0.5) / 3
    assert all(len(pair) == 2 for pair in scoring.RELATED_AREAS)


def test_shared_areas_and_words_rank_higher_and_say_why():
    offers = [
        offer(1, text="Funding for copyright collective management", ip_areas=F({"copyright"})),
        offer(2),
        offer(3, text="Experts for trademark examination", ip_areas=F({"trademarks"})),
    ]
    ranked = scoring.rank_offers(need(), offers)
    assert ranked[0].id == 2
    best = ranked[0]
    assert best.shared_areas == ("patents",)
    assert "en:examin" in best.matching_terms
    assert "examination" in best.matching_words
    assert best.reasons[0] == Reason("areas", ("patents",))
    assert any(r.code == "words" for r in best.reasons)
    assert 0 < best.score <= 1


def test_a_related_area_is_a_reason():
    gi = need(text="Coffee growers want their origin protected", ip_areas=F({"branding"}))
    found = scoring.rank_offers(
        gi, [offer(1, text="Origin names for coffee", ip_areas=F({"geographical-indications"}))]
    )
    assert found[0].related_areas == ("geographical-indications",)
    assert Reason("related_areas", ("geographical-indications",)) in found[0].reasons


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
        need(id=4, languages=F({"fr"})),
    ]
    ranked = scoring.rank_needs(offer(9), needs)
    assert [s.id for s in ranked] == [1, 3]
    assert not ranked[1].same_support


def test_words_are_folded_and_stemmed_per_language():
    assert scoring.terms("Examiners' Examination of PATENTS, ÉTUDES") == [
        "en:examin",
        "en:examin",
        "en:patent",
        "en:etude",
    ]
    assert scoring.terms("Propriété des brevets", "fr") == scoring.terms(
        "propriete des brevets", "fr"
    )
    assert scoring.terms("экспертиза патентов", "ru") == ["ru:экспертиз", "ru:патент"]
    assert scoring.terms("فحص البراءات", "ar") == scoring.terms("فحص براءات", "ar")
    assert scoring.terms("والعلامات", "ar") == scoring.terms("علامات", "ar")
    assert "zh:专利" in scoring.terms("专利审查员培训", "zh")


def test_country_and_language_names_carry_no_topic():
    words = [w for _t, w in text.analyse("Delivery in English and French for Kenya's examiners")]
    assert words == ["examiners"]
    assert text.terms("Formation en anglais au Sénégal", "fr") == ["fr:format"]
    assert text.terms("Обучение в Узбекистане на русском языке", "ru") == ["ru:обучен"]
    assert text.terms("تدريب في مصر باللغة العربية", "ar") == ["ar:تدريب"]
    assert text.terms("在肯尼亚用英语培训", "zh") == ["zh:培训"]
    assert text.terms("A technology transfer unit in the United States") == [
        "en:technolog",
        "en:transfer",
        "en:unit",
    ]


def test_texts_in_other_languages_are_compared_language_by_language():
    french = need(
        text="Formation des examinateurs de brevets",
        text_language="fr",
        ip_areas=F(),
    )
    offers = [
        offer(1, text="Cours pour examinateurs de brevets", text_language="fr", ip_areas=F()),
        offer(
            2,
            text="Training for patent examiners",
            translations=(("fr", "Formation des examinateurs"),),
            ip_areas=F(),
        ),
        offer(3, text="Training for patent examiners", ip_areas=F()),
    ]
    ranked = scoring.rank_offers(french, offers)
    assert {s.id for s in ranked} == {1, 2}
    assert "examinateurs" in ranked[0].matching_words


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
    assert [s.id for s in index.rank(need())] == [5, 6, 3]
    assert [s.id for s in index.rank(need(country="PE"))] == [1, 5, 6, 3]
