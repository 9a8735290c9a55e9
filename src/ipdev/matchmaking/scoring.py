"""The WIPO Match ranking, as pure functions over plain data (no database, no Django).

For a need, the offers it is eligible for, ranked; for an offer, the needs eligible for it.

- Eligibility filters: the need's country is among the offer's eligible countries or groups
  (an offer naming neither is open to all; an offer for LDCs may keep a country that left the
  list eligible for `ldc_transition_years` after its graduation, counted on the day of the
  ranking), and, where both name languages, a language.
- The type of support is a preference, not a filter: an other whose types share none with the
  subject's is still suggested, with its score multiplied by `OTHER_SUPPORT_FACTOR` and a
  reason saying it is another type of support.
- Relevance: `AREA_WEIGHT` x the overlap of their IP areas (Dice, a related area counting
  `RELATED_CREDIT` of a shared one, see `RELATED_AREAS`) + `TEXT_WEIGHT` x the cosine
  similarity of their words (TF-IDF over the candidates, so common words count little). Texts
  in several languages are compared language by language (`text.analyse`); the best language
  counts. Candidates whose relevance is under `MIN_SCORE` are not suggested.
- Each suggestion says why (`Reason`s: codes and values, phrased for people by
  `reasons.describe`): the shared and related areas, the matching words as written in the
  suggested text, the eligibility it met and the types of support.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from . import text as text_analysis

AREA_WEIGHT = 0.55
TEXT_WEIGHT = 0.45
MAX_TERMS_SHOWN = 5
# Below this a candidate shares too little to be worth anyone's time (one common word, say).
MIN_SCORE = 0.05
# An offer of another type of support than the need's (or the reverse) is still suggested,
# but after the ones of the same type unless it is clearly more relevant.
OTHER_SUPPORT_FACTOR = 0.7
# A related area counts as this much of a shared one.
RELATED_CREDIT = 0.5

# IP areas close enough that an offer in one serves a need in the other in part. Pairs of
# reference codes (reference/data/ip_areas.json); see docs/architecture.md for the reasons.
RELATED_AREAS = frozenset(
    frozenset(pair)
    for pair in [
        # Origin names and signs: GIs, collective and certification marks (trademarks), brands.
        ("geographical-indications", "trademarks"),
        ("geographical-indications", "branding"),
        ("trademarks", "branding"),
        # Products of communities: traditional knowledge and cultural expressions, branded.
        ("gr-tk-tce", "branding"),
        # The global systems are filing routes for patents (PCT), marks (Madrid), designs
        # (Hague) and appellations of origin (Lisbon).
        ("global-ip-systems", "patents"),
        ("global-ip-systems", "trademarks"),
        ("global-ip-systems", "industrial-designs"),
        ("global-ip-systems", "geographical-indications"),
        ("patents", "ip-information"),
        ("innovation-tech-transfer", "ip-management"),
        ("smes", "ip-management"),
        ("enforcement", "judiciary"),
        ("judiciary", "adr"),
        ("ip-and-public-health", "flexibilities"),
        ("ip-policy-strategy", "economics-statistics"),
        ("ip-education", "outreach"),
    ]
)


def related_areas(code: str) -> frozenset[str]:
    """The areas related to this one (not itself)."""
    return _RELATED.get(code, frozenset())


_RELATED: dict[str, frozenset[str]] = {}
for _pair in RELATED_AREAS:
    for _a in _pair:
        _RELATED[_a] = _RELATED.get(_a, frozenset()) | (_pair - {_a})


def terms(text: str, language: str = "en") -> list[str]:
    """The compared terms of a text (`text.terms`: stop words and no-topic words dropped,
    stemmed, tagged with the language)."""
    return text_analysis.terms(text, language)


@dataclass(frozen=True)
class NeedData:
    id: int
    title: str
    text: str
    ip_areas: frozenset[str]
    support_types: frozenset[str]
    languages: frozenset[str]
    country: str
    country_status: str
    text_language: str = "en"
    # (language, text) of the other languages the need is written in.
    translations: tuple[tuple[str, str], ...] = ()
    # The day the need's country left the LDC list, if it did.
    ldc_graduated: dt.date | None = None

    @property
    def texts(self) -> tuple[tuple[str, str], ...]:
        return ((self.text_language, self.text), *self.translations)


@dataclass(frozen=True)
class OfferData:
    id: int
    title: str
    text: str
    ip_areas: frozenset[str]
    support_types: frozenset[str]
    languages: frozenset[str]
    eligible_countries: frozenset[str] = frozenset()
    eligible_groups: frozenset[str] = frozenset()
    text_language: str = "en"
    translations: tuple[tuple[str, str], ...] = ()
    # For an offer open to LDCs: how many years a graduated country stays eligible (0: none).
    ldc_transition_years: int = 0

    @property
    def texts(self) -> tuple[tuple[str, str], ...]:
        return ((self.text_language, self.text), *self.translations)


@dataclass(frozen=True)
class Reason:
    """One reason, as a code and its values (area codes, support codes, a country...).

    Codes: ``areas``, ``related_areas``, ``words`` (values: words as written in the
    suggested text), ``open_to_all``, ``open_to_country`` (country), ``open_to_group``
    (group), ``ldc_transition`` (country, graduation date, last eligible date), ``support``
    (shared types), ``other_support`` (the need's types; `more`: the offer's), ``language``
    (shared languages); refusals: ``not_open`` (country), ``no_language``."""

    code: str
    values: tuple[str, ...] = ()
    more: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """One ranked candidate (an offer for a need, or a need for an offer) and why."""

    id: int
    title: str
    score: float
    shared_areas: tuple[str, ...]
    matching_terms: tuple[str, ...]
    reasons: tuple[Reason, ...] = field(default_factory=tuple)
    related_areas: tuple[str, ...] = ()
    # The matching terms as the suggested listing writes them.
    matching_words: tuple[str, ...] = ()
    same_support: bool = True
    relevance: float = 0.0


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def transition_until(graduated: dt.date, years: int) -> dt.date:
    """The last day a country that left the LDC list on `graduated` is still eligible."""
    return _add_years(graduated, years) - dt.timedelta(days=1)


def in_transition(graduated: dt.date | None, years: int, today: dt.date | None) -> bool:
    return bool(
        graduated and years and today and graduated <= today <= transition_until(graduated, years)
    )


def place_reason(need: NeedData, offer: OfferData, today: dt.date | None) -> Reason:
    """Why the need's country may (or may not: ``not_open``) receive the offer."""
    if not offer.eligible_countries and not offer.eligible_groups:
        return Reason("open_to_all")
    if need.country in offer.eligible_countries:
        return Reason("open_to_country", (need.country,))
    if need.country_status in offer.eligible_groups:
        return Reason("open_to_group", (need.country_status,))
    if "ldc" in offer.eligible_groups and in_transition(
        need.ldc_graduated, offer.ldc_transition_years, today
    ):
        until = transition_until(need.ldc_graduated, offer.ldc_transition_years)
        return Reason(
            "ldc_transition",
            (need.country, need.ldc_graduated.isoformat(), until.isoformat()),
        )
    return Reason("not_open", (need.country,))


def eligibility(
    need: NeedData, offer: OfferData, *, today: dt.date | None = None
) -> tuple[bool, list[Reason]]:
    """Whether the need may receive the offer, with the reasons (or the reason it may not).

    Country, group and language are filters; the type of support is not (a reason says
    whether it is shared). Without `today`, no country is in an LDC transition."""
    place = place_reason(need, offer, today)
    if place.code == "not_open":
        return False, [place]
    reasons = [place]
    if need.languages and offer.languages:
        common = need.languages & offer.languages
        if not common:
            return False, [Reason("no_language")]
        reasons.append(Reason("language", tuple(sorted(common))))
    support = need.support_types & offer.support_types
    if support:
        reasons.append(Reason("support", tuple(sorted(support))))
    else:
        reasons.append(
            Reason(
                "other_support",
                tuple(sorted(need.support_types)),
                tuple(sorted(offer.support_types)),
            )
        )
    return True, reasons


def same_support(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a & b)


def idf_table(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """Inverse document frequency of each term over these documents (sets of terms)."""
    df: Counter[str] = Counter()
    n = 0
    for doc in documents:
        n += 1
        df.update(set(doc))
    return {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}


@dataclass(frozen=True)
class Analysed:
    """A listing's texts as the ranking reads them: terms by language, first word per term."""

    terms: dict[str, list[str]]
    words: dict[str, str]

    def all_terms(self) -> list[str]:
        return [t for found in self.terms.values() for t in found]


def analyse(texts: Sequence[tuple[str, str]]) -> Analysed:
    by_language: dict[str, list[str]] = {}
    words: dict[str, str] = {}
    for language, written in texts:
        for term, word in text_analysis.analyse(written, language):
            by_language.setdefault(term.split(":", 1)[0], []).append(term)
            words.setdefault(term, word)
    return Analysed(by_language, words)


def _unit(
    words: Sequence[str], idf: Mapping[str, float], default: float | None
) -> dict[str, float]:
    counts = Counter(words)
    if default is None:
        default = max(idf.values(), default=1.0)
    vec = {t: (1 + math.log(c)) * idf.get(t, default) for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _vector(
    analysed: Analysed, idf: Mapping[str, float], default: float | None = None
) -> dict[str, dict[str, float]]:
    """A unit TF-IDF vector per language; a word unknown to `idf` weighs as the rarest
    (`default`, the largest idf, may be given by a caller that vectorises many texts with one
    table)."""
    if default is None:
        default = max(idf.values(), default=1.0)
    return {lang: _unit(found, idf, default) for lang, found in analysed.terms.items() if found}


def text_similarity(
    a: Mapping[str, Mapping[str, float]], b: Mapping[str, Mapping[str, float]]
) -> tuple[float, list[str]]:
    """The best cosine over the languages both are written in, and that language's shared
    terms by their contribution."""
    best, best_terms = 0.0, []
    for language in sorted(a.keys() & b.keys()):
        x, y = a[language], b[language]
        if len(x) > len(y):
            x, y = y, x
        contributions = {t: w * y[t] for t, w in x.items() if t in y}
        total = sum(contributions.values())
        if total > best:
            best = total
            best_terms = sorted(contributions, key=lambda t: (-contributions[t], t))
    return best, best_terms


def area_matches(a: frozenset[str], b: frozenset[str]) -> float:
    """How many of `a`'s areas `b` covers: 1 for a shared area, `RELATED_CREDIT` for one
    related to one of `b`'s."""
    found = 0.0
    for code in a:
        if code in b:
            found += 1
        elif related_areas(code) & b:
            found += RELATED_CREDIT
    return found


def area_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient with related areas as partial overlap: 1 when the areas are the same,
    0 when none is shared or related."""
    if not a or not b:
        return 0.0
    return (area_matches(a, b) + area_matches(b, a)) / (len(a) + len(b))


def related_of(subject: frozenset[str], other: frozenset[str]) -> tuple[str, ...]:
    """The other's areas that are not the subject's but related to one of them."""
    return tuple(sorted(c for c in other - subject if related_areas(c) & subject))


def relevance(
    a_areas: frozenset[str],
    a_vec: Mapping[str, Mapping[str, float]],
    b_areas: frozenset[str],
    b_vec: Mapping[str, Mapping[str, float]],
) -> tuple[float, tuple[str, ...], tuple[str, ...]]:
    """(score in [0, 1], shared areas, matching terms)."""
    shared = tuple(sorted(a_areas & b_areas))
    text, matching = text_similarity(a_vec, b_vec)
    score = AREA_WEIGHT * area_overlap(a_areas, b_areas) + TEXT_WEIGHT * text
    return round(min(score, 1.0), 4), shared, tuple(matching[:MAX_TERMS_SHOWN])


def ranked_score(relevance_score: float, same: bool) -> float:
    """The score suggestions are ordered by: the relevance, less for another type of support."""
    return relevance_score if same else round(relevance_score * OTHER_SUPPORT_FACTOR, 4)


def suggestion(
    subject_areas: frozenset[str],
    subject_vec: Mapping[str, Mapping[str, float]],
    other,
    other_vec: Mapping[str, Mapping[str, float]],
    other_words: Mapping[str, str],
    eligible: list[Reason],
) -> Suggestion | None:
    """The suggestion of `other` (eligible, with these reasons), or None if too little is
    shared."""
    score, shared, matching = relevance(subject_areas, subject_vec, other.ip_areas, other_vec)
    if score < MIN_SCORE:
        return None
    related = related_of(subject_areas, other.ip_areas)
    words = tuple(dict.fromkeys(other_words.get(t, t.split(":", 1)[-1]) for t in matching))
    same = not any(r.code == "other_support" for r in eligible)
    reasons = []
    if shared:
        reasons.append(Reason("areas", shared))
    if related:
        reasons.append(Reason("related_areas", related))
    if words:
        reasons.append(Reason("words", words))
    return Suggestion(
        id=other.id,
        title=other.title,
        score=ranked_score(score, same),
        shared_areas=shared,
        matching_terms=matching,
        reasons=(*reasons, *eligible),
        related_areas=related,
        matching_words=words,
        same_support=same,
        relevance=score,
    )


def rank_offers(
    need: NeedData,
    offers: Iterable[OfferData],
    *,
    limit: int = 10,
    idf: Mapping[str, float] | None = None,
    today: dt.date | None = None,
) -> list[Suggestion]:
    """The eligible offers for a need, most relevant first (ties: older id first)."""
    return _rank(need, offers, subject_is_need=True, limit=limit, idf=idf, today=today)


def rank_needs(
    offer: OfferData,
    needs: Iterable[NeedData],
    *,
    limit: int = 10,
    idf: Mapping[str, float] | None = None,
    today: dt.date | None = None,
) -> list[Suggestion]:
    """The needs eligible for an offer, most relevant first (ties: older id first)."""
    return _rank(offer, needs, subject_is_need=False, limit=limit, idf=idf, today=today)


def _rank(subject, others, *, subject_is_need: bool, limit, idf, today) -> list[Suggestion]:
    """The eligible `others` for `subject` (a need's offers or an offer's needs), ranked."""
    candidates = [(other, analyse(other.texts)) for other in others]
    own = analyse(subject.texts)
    if idf is None:
        idf = idf_table([a.all_terms() for _, a in candidates] + [own.all_terms()])
    subject_vec = _vector(own, idf)
    out = []
    for other, analysed in candidates:
        pair = (subject, other) if subject_is_need else (other, subject)
        ok, why = eligibility(*pair, today=today)
        if not ok:
            continue
        found = suggestion(
            subject.ip_areas, subject_vec, other, _vector(analysed, idf), analysed.words, why
        )
        if found is not None:
            out.append(found)
    out.sort(key=lambda s: (-s.score, s.id))
    return out[:limit]
