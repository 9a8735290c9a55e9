"""The WIPO Match ranking, as pure functions over plain data (no database, no Django).

For a need, the offers it is eligible for, ranked; for an offer, the needs eligible for it.

- Eligibility filters: the need's country is among the offer's eligible countries or groups
  (an offer naming neither is open to all), they share a type of support, and, where both name
  languages, a language.
- Relevance: `AREA_WEIGHT` x the Dice overlap of their IP areas + `TEXT_WEIGHT` x the cosine
  similarity of their words (TF-IDF over the candidates, so common words count little).
- Candidates scoring under `MIN_SCORE` are not suggested.
- Each suggestion says why: the shared areas, the matching terms, and the eligibility it met.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

AREA_WEIGHT = 0.55
TEXT_WEIGHT = 0.45
MAX_TERMS_SHOWN = 5
# Below this a candidate shares too little to be worth anyone's time (one common word, say).
MIN_SCORE = 0.05

_STOPWORDS = """a an and are as at be by for from has have in into is it its of on or our that
    the their
    this to was were will with we us you your they them not no can may also more other such than
    which who whom would should could about over under between through per via all any each
    le la les des du de et en un une pour sur par dans au aux el los las del y con por para una
    need needs offer offers support seek seeking provide providing help"""
STOPWORDS = frozenset(_STOPWORDS.split())
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SUFFIXES = ("ational", "ations", "ation", "ments", "ment", "ings", "ing", "ies", "s")


def stem(word: str) -> str:
    """A light suffix stripping, enough for examiner/examiners, trademark/trademarks."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def terms(text: str) -> list[str]:
    """Words of a text, folded (case, accents), stop words dropped, lightly stemmed."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return [stem(w) for w in WORD.findall(folded) if len(w) > 2 and w not in STOPWORDS]


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


@dataclass(frozen=True)
class Suggestion:
    """One ranked candidate (an offer for a need, or a need for an offer) and why."""

    id: int
    title: str
    score: float
    shared_areas: tuple[str, ...]
    matching_terms: tuple[str, ...]
    reasons: tuple[str, ...] = field(default_factory=tuple)


def eligibility(need: NeedData, offer: OfferData) -> tuple[bool, list[str]]:
    """Whether the need may receive the offer, with the reasons (or the reason it may not)."""
    reasons = []
    if offer.eligible_countries or offer.eligible_groups:
        if need.country in offer.eligible_countries:
            reasons.append(f"open to {need.country}")
        elif need.country_status in offer.eligible_groups:
            reasons.append(f"open to {need.country_status} countries")
        else:
            return False, [f"not open to {need.country}"]
    else:
        reasons.append("open to all countries")
    support = need.support_types & offer.support_types
    if not support:
        return False, ["no common type of support"]
    reasons.append("support: " + ", ".join(sorted(support)))
    if need.languages and offer.languages:
        common = need.languages & offer.languages
        if not common:
            return False, ["no common language"]
        reasons.append("language: " + ", ".join(sorted(common)))
    return True, reasons


def idf_table(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """Inverse document frequency of each term over these documents (sets of terms)."""
    df: Counter[str] = Counter()
    n = 0
    for doc in documents:
        n += 1
        df.update(set(doc))
    return {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}


def _vector(
    words: Sequence[str], idf: Mapping[str, float], default: float | None = None
) -> dict[str, float]:
    """Unit TF-IDF vector; a word unknown to `idf` weighs as the rarest (`default`, the
    largest idf, may be given by a caller that vectorises many texts with one table)."""
    counts = Counter(words)
    if default is None:
        default = max(idf.values(), default=1.0)
    vec = {t: (1 + math.log(c)) * idf.get(t, default) for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def text_similarity(a: Mapping[str, float], b: Mapping[str, float]) -> tuple[float, list[str]]:
    """Cosine of two unit vectors, and the shared terms by their contribution."""
    if len(a) > len(b):
        a, b = b, a
    contributions = {t: w * b[t] for t, w in a.items() if t in b}
    ordered = sorted(contributions, key=lambda t: (-contributions[t], t))
    return sum(contributions.values()), ordered


def area_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient: 1 when the areas are the same, 0 when none is shared."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def relevance(
    a_areas: frozenset[str],
    a_vec: Mapping[str, float],
    b_areas: frozenset[str],
    b_vec: Mapping[str, float],
) -> tuple[float, tuple[str, ...], tuple[str, ...]]:
    """(score in [0, 1], shared areas, matching terms)."""
    shared = tuple(sorted(a_areas & b_areas))
    text, matching = text_similarity(a_vec, b_vec)
    score = AREA_WEIGHT * area_overlap(a_areas, b_areas) + TEXT_WEIGHT * text
    return round(min(score, 1.0), 4), shared, tuple(matching[:MAX_TERMS_SHOWN])


def _explain(
    shared: tuple[str, ...],
    matching: tuple[str, ...],
    eligible: list[str],
    labels: Mapping[str, str],
) -> tuple[str, ...]:
    reasons = []
    if shared:
        reasons.append("shared IP areas: " + ", ".join(labels.get(a, a) for a in shared))
    if matching:
        reasons.append("matching terms: " + ", ".join(matching))
    return (*reasons, *eligible)


def rank_offers(
    need: NeedData,
    offers: Iterable[OfferData],
    *,
    limit: int = 10,
    labels: Mapping[str, str] | None = None,
    idf: Mapping[str, float] | None = None,
) -> list[Suggestion]:
    """The eligible offers for a need, most relevant first (ties: older id first)."""
    return _rank(need, offers, subject_is_need=True, limit=limit, labels=labels, idf=idf)


def rank_needs(
    offer: OfferData,
    needs: Iterable[NeedData],
    *,
    limit: int = 10,
    labels: Mapping[str, str] | None = None,
    idf: Mapping[str, float] | None = None,
) -> list[Suggestion]:
    """The needs eligible for an offer, most relevant first (ties: older id first)."""
    return _rank(offer, needs, subject_is_need=False, limit=limit, labels=labels, idf=idf)


def _rank(subject, others, *, subject_is_need: bool, limit, labels, idf) -> list[Suggestion]:
    """The eligible `others` for `subject` (a need's offers or an offer's needs), ranked."""
    candidates = [(other, terms(other.text)) for other in others]
    if idf is None:
        idf = idf_table([words for _, words in candidates] + [terms(subject.text)])
    subject_vec = _vector(terms(subject.text), idf)
    out = []
    for other, words in candidates:
        ok, why = eligibility(*((subject, other) if subject_is_need else (other, subject)))
        if not ok:
            continue
        score, shared, matching = relevance(
            subject.ip_areas, subject_vec, other.ip_areas, _vector(words, idf)
        )
        if score >= MIN_SCORE:
            explained = _explain(shared, matching, why, labels or {})
            out.append(Suggestion(other.id, other.title, score, shared, matching, explained))
    out.sort(key=lambda s: (-s.score, s.id))
    return out[:limit]
