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

import heapq
import math
import re
import unicodedata
from array import array
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


class OfferIndex:
    """Offers prepared once for ranking many needs quickly. Built from the same offers and
    given `idf=index.idf`, `rank_offers` gives the same suggestions; it stays the readable
    reference, and a test holds the two together.

    - Offers sharing a word with the need come from the term postings and are scored exactly.
    - Offers sharing only IP areas score `AREA_WEIGHT` x Dice, which depends on the number of
      shared areas and the offer's own number of areas only: the index keeps, per area and per
      number of areas, the offers in id order, and walks these lists best first, stopping as
      soon as it has `limit` eligible offers. Most of a million offers are never looked at.
    - On a large catalogue (more than `COMMON_MIN` offers) a word found in more than
      `COMMON_SHARE` of the offers counts only for offers that share a rarer word with the need:
      an approximation that keeps the cost of a need bounded.
    """

    COMMON_SHARE = 0.01
    COMMON_MIN = 5_000

    def __init__(self, offers: Iterable[OfferData]):
        self.offers: list[OfferData] = list(offers)
        words = [terms(o.text) for o in self.offers]
        self.idf = idf_table(words)
        # Compact arrays: a million offers make tens of millions of postings.
        self.term_postings: dict[str, tuple[array, array]] = {}
        self.area_sets: dict[str, set[int]] = {}
        self.area_lists: dict[tuple[str, int], array] = {}
        self.area_counts = array("b")
        self._bits: dict[str, int] = {}
        self.support: list[int] = []
        self.languages: list[int] = []
        self.groups: list[int] = []
        self.countries: dict[int, frozenset[str]] = {}
        self.open: list[bool] = []
        for i, (offer, w) in enumerate(zip(self.offers, words, strict=True)):
            for t, weight in _vector(w, self.idf).items():
                ids, weights = self.term_postings.setdefault(t, (array("l"), array("d")))
                ids.append(i)
                weights.append(weight)
            for area in offer.ip_areas:
                self.area_sets.setdefault(area, set()).add(i)
                self.area_lists.setdefault((area, len(offer.ip_areas)), array("l")).append(i)
            self.area_counts.append(len(offer.ip_areas))
            self.support.append(self._mask(offer.support_types))
            self.languages.append(self._mask(offer.languages))
            self.groups.append(self._mask(offer.eligible_groups))
            if offer.eligible_countries:
                self.countries[i] = offer.eligible_countries
            self.open.append(not offer.eligible_countries and not offer.eligible_groups)
        self.max_areas = max(self.area_counts, default=0)
        n = len(self.offers)
        self.common = int(self.COMMON_SHARE * n) if n > self.COMMON_MIN else n
        # Offers are indexed in id order within each list only if given in id order.
        self.sorted_ids = all(
            a.id < b.id for a, b in zip(self.offers, self.offers[1:], strict=False)
        )
        self._weights: dict[str, dict[int, float]] = {}

    def _mask(self, codes: Iterable[str]) -> int:
        mask = 0
        for code in codes:
            bit = self._bits.setdefault(code, 1 << len(self._bits))
            mask |= bit
        return mask

    def _known_mask(self, codes: Iterable[str]) -> int:
        return sum(self._bits.get(c, 0) for c in set(codes))

    def _common_weights(self, term: str) -> dict[int, float]:
        """idx -> weight of a common term (built on first use, then kept)."""
        found = self._weights.get(term)
        if found is None:
            ids, weights = self.term_postings[term]
            found = self._weights[term] = dict(zip(ids, weights, strict=True))
        return found

    def _eligible(self, i: int, need: NeedData, masks: tuple[int, int, int]) -> bool:
        support, langs, group = masks
        if not self.support[i] & support:
            return False
        if need.languages and self.languages[i] and not self.languages[i] & langs:
            return False
        return bool(
            self.open[i] or self.groups[i] & group or need.country in self.countries.get(i, ())
        )

    def _area_only(self, need: NeedData, masks, exclude: set[int], limit: int) -> list[tuple]:
        """The best `limit` eligible offers sharing areas but no (rare) word, best first."""
        areas = [a for a in need.ip_areas if a in self.area_sets]
        n = len(need.ip_areas)
        if not areas or not self.sorted_ids:
            return self._area_only_scan(need, masks, exclude, areas, limit)
        buckets = sorted(
            (
                (2 * s / (n + m), s, m)
                for s in range(1, len(areas) + 1)
                for m in range(s, self.max_areas + 1)
            ),
            key=lambda b: -b[0],
        )
        out: list[tuple] = []
        for dice, s, m in buckets:
            lists = [self.area_lists[(a, m)] for a in areas if (a, m) in self.area_lists]
            found = 0
            last = -1
            for i in heapq.merge(*lists):
                if i == last:
                    continue
                last = i
                if i in exclude:
                    continue
                if sum(1 for a in areas if i in self.area_sets[a]) != s:
                    continue
                if not self._eligible(i, need, masks):
                    continue
                score = round(min(AREA_WEIGHT * dice, 1.0), 4)
                if score < MIN_SCORE:
                    break
                out.append((-score, self.offers[i].id, i))
                found += 1
                if found >= limit:
                    break
        return out

    def _area_only_scan(self, need, masks, exclude, areas, limit) -> list[tuple]:
        shared: dict[int, int] = {}
        for a in areas:
            for i in self.area_sets[a]:
                shared[i] = shared.get(i, 0) + 1
        n = len(need.ip_areas)
        out = []
        for i, s in shared.items():
            if i in exclude or not self._eligible(i, need, masks):
                continue
            score = round(min(AREA_WEIGHT * 2 * s / (n + self.area_counts[i]), 1.0), 4)
            if score >= MIN_SCORE:
                out.append((-score, self.offers[i].id, i))
        return heapq.nsmallest(limit, out)

    def rank(self, need: NeedData, *, limit: int = 10, labels=None) -> list[Suggestion]:
        need_vec = _vector(terms(need.text), self.idf)
        text: dict[int, float] = {}
        common = []
        for t, wq in need_vec.items():
            postings = self.term_postings.get(t)
            if postings is None:
                continue
            if len(postings[0]) > self.common:
                common.append((wq, t))
                continue
            for i, w in zip(*postings, strict=True):
                text[i] = text.get(i, 0.0) + wq * w
        for wq, t in common:
            weights = self._common_weights(t)
            for i in text:
                w = weights.get(i)
                if w is not None:
                    text[i] += wq * w
        masks = (
            self._known_mask(need.support_types),
            self._known_mask(need.languages),
            self._known_mask([need.country_status]),
        )
        n_areas = len(need.ip_areas)
        area_sets = [self.area_sets[a] for a in need.ip_areas if a in self.area_sets]
        scored = []
        for i, value in text.items():
            if not self._eligible(i, need, masks):
                continue
            shared = sum(1 for s in area_sets if i in s)
            dice = 2 * shared / (n_areas + self.area_counts[i]) if shared else 0.0
            score = round(min(AREA_WEIGHT * dice + TEXT_WEIGHT * value, 1.0), 4)
            if score >= MIN_SCORE:
                scored.append((-score, self.offers[i].id, i))
        scored += self._area_only(need, masks, set(text), limit)
        out = []
        for _neg, _id, i in heapq.nsmallest(limit, scored):
            offer = self.offers[i]
            _ok, why = eligibility(need, offer)
            score, areas, matching = relevance(
                need.ip_areas, need_vec, offer.ip_areas, _vector(terms(offer.text), self.idf)
            )
            out.append(
                Suggestion(
                    offer.id,
                    offer.title,
                    score,
                    areas,
                    matching,
                    _explain(areas, matching, why, labels or {}),
                )
            )
        return out
