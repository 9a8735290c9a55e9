"""The WIPO Match ranking of `scoring`, prepared once for a large catalogue (numpy, no database).

`OfferIndex(offers).rank(need)` gives the suggestions of `scoring.rank_offers(need, offers,
idf=index.idf)`, and `NeedIndex(needs).rank(offer)` those of `scoring.rank_needs`: same
eligibility, same score, same reasons (the final suggestions are scored and explained by
`scoring` itself). Only the search for the best candidates is different:

- Offers (or needs) are grouped by *profile*: their set of IP areas and their eligibility
  attributes (support types, languages, countries or groups). A subject's eligibility and area
  score are computed once per profile with vectorised masks, not once per candidate.
- Text: TF-IDF postings in flat arrays. The postings of the subject's rarer words are added up
  exactly; a word found in more than `COMMON_SHARE` of the catalogue (thousands of postings) is
  only bounded at first by its largest weight (MaxScore). Every candidate whose bound could
  still reach the k-th best score - profiles included for candidates sharing no rare word - is
  then scored exactly, common words included; if that leaves too many, every word is added up.
  No candidate is dropped that the reference function would rank in the top k.
- Scores are rounded to 4 decimals as in `scoring`; the bounds keep a margin for that rounding.
"""

from __future__ import annotations

import math
import threading
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np

from . import scoring
from .scoring import NeedData, OfferData, Suggestion

# Rounding to 4 decimals can tie scores that differ by up to 1e-4; fp sums differ by far less.
MARGIN = 1e-4 + 1e-9


class _Codes:
    """Codes (areas, languages...) to column numbers, and sets of them to boolean rows."""

    def __init__(self, sets: Iterable[Iterable[str]]):
        self.of = {c: i for i, c in enumerate(sorted({c for s in sets for c in s}))}

    def matrix(self, sets: Sequence[frozenset[str]]) -> np.ndarray:
        out = np.zeros((len(sets), max(len(self.of), 1)), dtype=bool)
        for row, codes in enumerate(sets):
            out[row, [self.of[c] for c in codes]] = True
        return out

    def columns(self, codes: Iterable[str]) -> list[int]:
        return [self.of[c] for c in codes if c in self.of]


def _groups(keys: list) -> tuple[list, np.ndarray]:
    """The distinct keys (first seen first) and, for each item, the number of its key."""
    number: dict = {}
    of = np.fromiter((number.setdefault(k, len(number)) for k in keys), np.int64, len(keys))
    return list(number), of


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """All positions start..end-1 of these ranges, concatenated."""
    lengths = ends - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    shift = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return shift + np.arange(total)


class _Index:
    """Ranks the catalogue ("others") for one subject at a time; subclasses say who is who."""

    COMMON_SHARE = 0.01
    COMMON_MIN = 2_000
    # Candidates sharing no rare word beyond which all the words are added up instead.
    MAX_UNTOUCHED = 50_000
    RESCORE_EXTRA = 3
    # Vectors of others recently suggested, kept for explaining them again (re-ranking).
    VECTOR_CACHE = 50_000

    def __init__(self, others: Iterable):
        self.others = list(others)
        n = len(self.others)
        self.ids = np.fromiter((o.id for o in self.others), np.int64, n)
        order = self._build_profiles(n)
        # Others are kept in profile order, by id within a profile: a profile's members are
        # then one range of positions, and of every word's postings.
        self.others = [self.others[i] for i in order.tolist()]
        self.ids = self.ids[order]
        self.combo_of, self.class_of = self.combo_of[order], self.class_of[order]
        self.profile_of = self.profile_of[order]
        self._build_text(n)
        self.common = max(self.COMMON_MIN, int(self.COMMON_SHARE * n))
        self._local = threading.local()
        self._vectors: dict[int, dict[str, float]] = {}

    def _scratch(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Zeroed work arrays, one set per thread (a web server ranks in several threads)."""
        found = getattr(self._local, "arrays", None)
        if found is None:
            n = len(self.others)
            found = (np.zeros(n), np.zeros(n, dtype=bool), np.zeros(len(self.vocab)))
            self._local.arrays = found
        return found

    # -- building -------------------------------------------------------------------------

    def _build_text(self, n: int) -> None:
        vocab: dict[str, int] = {}
        doc_terms = array("q")
        doc_counts = array("q")
        lengths = array("q")
        for other in self.others:
            counts: dict[int, int] = {}
            for word in scoring.terms(other.text):
                t = vocab.setdefault(word, len(vocab))
                counts[t] = counts.get(t, 0) + 1
            doc_terms.extend(counts)
            doc_counts.extend(counts.values())
            lengths.append(len(counts))
        tids = np.frombuffer(doc_terms, dtype=np.int64) if doc_terms else np.zeros(0, np.int64)
        cnts = np.frombuffer(doc_counts, dtype=np.int64) if doc_counts else np.zeros(0, np.int64)
        lengths = np.frombuffer(lengths, dtype=np.int64) if n else np.zeros(0, np.int64)
        docs = np.repeat(np.arange(n, dtype=np.int64), lengths)
        df = np.bincount(tids, minlength=len(vocab))
        words = list(vocab)
        # math.log, as scoring.idf_table, so that `self.idf` is exactly its table.
        self.idf = {
            w: math.log((n + 1) / (int(d) + 1)) + 1.0
            for w, d in zip(words, df.tolist(), strict=True)
        }
        self.vocab = vocab
        idf = np.array([self.idf[w] for w in words], dtype=np.float64)
        logs = np.array([0.0] + [1 + math.log(c) for c in range(1, int(cnts.max(initial=1)) + 1)])
        weights = logs[cnts] * idf[tids]
        norms = np.sqrt(np.bincount(docs, weights * weights, minlength=n))
        norms[norms == 0] = 1.0
        weights /= norms[docs]
        # Each doc's row (its words and weights), to score a few candidates fully.
        self.doc_start = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        self.doc_terms = tids.astype(np.int32)
        self.doc_weights = weights
        self._default = max(self.idf.values(), default=1.0)
        order = np.argsort(tids, kind="stable")  # stable: each word's postings in doc order
        self.post_docs = docs[order].astype(np.int32)
        self.post_weights = weights[order]
        self.post_start = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        self.max_weight = (
            np.maximum.reduceat(self.post_weights, self.post_start[:-1])
            if len(words)
            else np.zeros(0)
        )

    def _build_profiles(self, n: int) -> np.ndarray:
        area_keys, self.combo_of = _groups([o.ip_areas for o in self.others])
        self.areas = _Codes(area_keys)
        self.combo_areas = self.areas.matrix(area_keys)
        self.combo_size = np.array([len(a) for a in area_keys], dtype=np.float64)
        class_keys, self.class_of = _groups([self._class_key(o) for o in self.others])
        self.supports = _Codes(k[0] for k in class_keys)
        self.languages = _Codes(k[1] for k in class_keys)
        self.class_support = self.supports.matrix([k[0] for k in class_keys])
        self.class_language = self.languages.matrix([k[1] for k in class_keys])
        self.class_has_language = np.array([bool(k[1]) for k in class_keys], dtype=bool)
        self._build_places(class_keys)
        pairs = self.combo_of * max(len(class_keys), 1) + self.class_of
        keys, self.profile_of = np.unique(pairs, return_inverse=True)
        self.profile_of = self.profile_of.astype(np.int64)
        self.profile_combo = keys // max(len(class_keys), 1)
        self.profile_class = keys % max(len(class_keys), 1)
        sizes = np.bincount(self.profile_of, minlength=len(keys))
        self.profile_size = sizes
        self.profile_start = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        return np.lexsort((self.ids, self.profile_of))

    # -- subclass hooks -------------------------------------------------------------------

    def _class_key(self, other) -> tuple:
        raise NotImplementedError

    def _build_places(self, class_keys: list) -> None:
        raise NotImplementedError

    def _place_ok(self, subject) -> np.ndarray:
        raise NotImplementedError

    def _pair(self, subject, other) -> tuple:
        raise NotImplementedError

    # -- ranking --------------------------------------------------------------------------

    def eligible_classes(self, subject) -> np.ndarray:
        """For each eligibility class of the catalogue, whether the subject may be paired."""
        support = self.class_support[:, self.supports.columns(subject.support_types)].any(1)
        ok = support & self._place_ok(subject)
        if subject.languages:
            common = self.class_language[:, self.languages.columns(subject.languages)].any(1)
            ok &= ~self.class_has_language | common
        return ok

    def area_scores(self, subject) -> np.ndarray:
        """`AREA_WEIGHT` x Dice of the subject's areas and each area set of the catalogue."""
        if not subject.ip_areas:
            return np.zeros(len(self.combo_size))
        shared = self.combo_areas[:, self.areas.columns(subject.ip_areas)].sum(1)
        # The same operations as scoring.area_overlap, so the same floats.
        dice = np.where(shared > 0, 2 * shared / (len(subject.ip_areas) + self.combo_size), 0.0)
        return scoring.AREA_WEIGHT * dice

    def _text(self, vec: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
        known = [(self.vocab[t], w) for t, w in vec.items() if t in self.vocab]
        tids = np.array([t for t, _ in known], dtype=np.int64)
        weights = np.array([w for _, w in known], dtype=np.float64)
        return tids, weights

    def _add_up(self, tids, weights) -> np.ndarray:
        """Adds these words' postings into the scratch sums; returns the docs first reached."""
        acc, mark, _query = self._scratch()
        parts = []
        for t, w in zip(tids.tolist(), weights.tolist(), strict=True):
            s, e = self.post_start[t], self.post_start[t + 1]
            docs = self.post_docs[s:e]
            acc[docs] += w * self.post_weights[s:e]  # a word's postings name a doc once
            new = docs[~mark[docs]]
            mark[new] = True
            parts.append(new)
        return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)

    def _add_within(self, starts, ends, tids, weights) -> np.ndarray:
        """Adds these words' postings inside these ranges of positions; returns the docs."""
        acc = self._scratch()[0]
        parts = []
        for t, w in zip(tids.tolist(), weights.tolist(), strict=True):
            s, e = self.post_start[t], self.post_start[t + 1]
            postings = self.post_docs[s:e]
            lo, hi = np.searchsorted(postings, starts), np.searchsorted(postings, ends)
            pos = s + _ranges(lo, hi)
            docs = self.post_docs[pos]
            acc[docs] += w * self.post_weights[pos]
            parts.append(docs)
        return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)

    def _look_up(self, docs: np.ndarray, tids, weights) -> np.ndarray:
        """The similarity these words add to these docs (read from the docs' own rows)."""
        query = self._scratch()[2]
        query[tids] = weights
        starts, ends = self.doc_start[docs], self.doc_start[docs + 1]
        pos = _ranges(starts, ends)
        contrib = query[self.doc_terms[pos]] * self.doc_weights[pos]
        query[tids] = 0.0
        rows = np.repeat(np.arange(len(docs)), ends - starts)
        return np.bincount(rows, contrib, minlength=len(docs))

    def candidates(self, subject, limit: int, vec=None) -> np.ndarray:
        """Positions of a few more than the `limit` best eligible others, best first."""
        if vec is None:
            vec = scoring._vector(scoring.terms(subject.text), self.idf, self._default)
        tids, qw = self._text(vec)
        acc, mark, _query = self._scratch()
        touched = np.zeros(0, np.int64)
        scattered = np.zeros(0, np.int64)
        try:
            found, touched, scattered = self._search(subject, tids, qw, limit, False)
            if found is None:  # the bounds were too loose: add up every word
                acc[touched], mark[touched], acc[scattered] = 0.0, False, 0.0
                found, touched, scattered = self._search(subject, tids, qw, limit, True)
        except BaseException:
            acc[:], mark[:] = 0.0, False  # leave the scratch clean for the next subject
            raise
        acc[touched], mark[touched], acc[scattered] = 0.0, False, 0.0
        return found

    def _state(self, touched, eligible, combo_areas, limit):
        """Lower bounds of the eligible touched docs, untouched counts, the k-th best bound."""
        acc = self._scratch()[0]
        areas = combo_areas[self.profile_combo]
        prof = self.profile_of[touched]
        touched_in = np.bincount(prof, minlength=len(eligible))
        keep = eligible[prof]
        docs = touched[keep]
        lower = areas[prof[keep]] + scoring.TEXT_WEIGHT * acc[docs]
        untouched = np.where(eligible, self.profile_size - touched_in, 0)
        by_combo = np.bincount(self.profile_combo, untouched, minlength=len(self.combo_size))
        theta = _kth_best(lower, combo_areas, by_combo.astype(np.int64), limit)
        return docs, lower, touched_in, untouched, max(theta, scoring.MIN_SCORE) - MARGIN

    def _split(self, ub, df, eligible, combo_areas, floor) -> int:
        """How many of the common words (most frequent first) to bound rather than add up:
        the fewest postings walked, counting a doc of an opened profile as one posting."""
        sizes = np.where(eligible, self.profile_size, 0)
        by_combo = np.bincount(self.profile_combo, sizes, minlength=len(self.combo_size))
        order = np.argsort(combo_areas)
        a, cum = combo_areas[order], np.cumsum(by_combo[order][::-1])[::-1]
        best, best_cost = 0, float(df.sum())
        bound = 0.0
        for j in range(1, len(ub) + 1):
            bound += float(ub[j - 1])
            first = int(np.searchsorted(a, floor - bound))
            opened = float(cum[first]) if first < len(cum) else 0.0
            if opened > self.MAX_UNTOUCHED:
                break
            cost = float(df[j:].sum()) + opened
            if cost < best_cost:
                best, best_cost = j, cost
        return best

    def _search(self, subject, tids, qw, limit, exhaustive: bool):
        tw = scoring.TEXT_WEIGHT
        eligible = self.eligible_classes(subject)[self.profile_class]
        combo_areas = self.area_scores(subject)
        areas = combo_areas[self.profile_combo]
        df = self.post_start[tids + 1] - self.post_start[tids]
        common = np.zeros(len(tids), bool) if exhaustive else df > self.common
        touched = self._add_up(tids[~common], qw[~common])
        scattered = np.zeros(0, np.int64)
        bounded = np.zeros(0, np.int64)
        if common.any():
            floor = self._state(touched, eligible, combo_areas, limit)[-1]
            rest = np.flatnonzero(common)
            rest = rest[np.argsort(-df[rest], kind="stable")]
            ub = tw * qw[rest] * self.max_weight[tids[rest]]
            j = self._split(ub, df[rest], eligible, combo_areas, floor)
            bounded, added = rest[:j], rest[j:]
            touched = np.concatenate([touched, self._add_up(tids[added], qw[added])])
        bound = tw * float((qw[bounded] * self.max_weight[tids[bounded]]).sum())
        state = self._state(touched, eligible, combo_areas, limit)
        docs, lower, touched_in, untouched, floor = state
        keep = lower + bound >= floor
        docs = docs[keep]
        acc, mark, _query = self._scratch()
        text = acc[docs]
        open_profiles = np.flatnonzero((untouched > 0) & (areas + bound >= floor))
        starts = self.profile_start[open_profiles]
        ends = self.profile_start[open_profiles + 1]
        if bound == 0:
            # Sharing no word, members of a profile score the same: the first ids suffice.
            ends = np.minimum(ends, starts + limit + touched_in[open_profiles])
        elif int((ends - starts).sum()) > self.MAX_UNTOUCHED:
            return None, touched, scattered
        others = _ranges(starts, ends)
        others = others[~mark[others]]
        if bound:
            text = text + self._look_up(docs, tids[bounded], qw[bounded])
            scattered = self._add_within(starts, ends, tids[bounded], qw[bounded])
        docs = np.concatenate([docs, others])
        text = np.concatenate([text, acc[others]])
        score = np.round(np.minimum(areas[self.profile_of[docs]] + tw * text, 1.0), 4)
        keep = score >= scoring.MIN_SCORE
        docs, score = docs[keep], score[keep]
        order = np.lexsort((self.ids[docs], -score))
        return docs[order[: limit + self.RESCORE_EXTRA]], touched, scattered

    def _vector_of(self, i: int) -> dict[str, float]:
        found = self._vectors.get(i)
        if found is None:
            other = self.others[i]
            found = scoring._vector(scoring.terms(other.text), self.idf, self._default)
            if len(self._vectors) >= self.VECTOR_CACHE:
                self._vectors.clear()
            self._vectors[i] = found
        return found

    def rank(self, subject, *, limit: int = 10, labels=None) -> list[Suggestion]:
        """The eligible others for the subject, most relevant first (ties: older id first)."""
        vec = scoring._vector(scoring.terms(subject.text), self.idf, self._default)
        out = []
        for i in self.candidates(subject, limit, vec).tolist():
            other = self.others[i]
            ok, why = scoring.eligibility(*self._pair(subject, other))
            score, areas, matching = scoring.relevance(
                subject.ip_areas,
                vec,
                other.ip_areas,
                self._vector_of(i),
            )
            if ok and score >= scoring.MIN_SCORE:
                why = scoring._explain(areas, matching, why, labels or {})
                out.append(Suggestion(other.id, other.title, score, areas, matching, why))
        out.sort(key=lambda s: (-s.score, s.id))
        return out[:limit]

    def rank_many(self, subjects: Iterable, *, limit: int = 10, labels=None) -> Iterator:
        """(subject, suggestions) for each subject: re-ranking a batch."""
        for subject in subjects:
            yield subject, self.rank(subject, limit=limit, labels=labels)


def _kth_best(lower: np.ndarray, areas: np.ndarray, untouched: np.ndarray, k: int) -> float:
    """A score at least `k` eligible others reach (-inf when there are fewer than `k`):
    among the touched docs' lower bounds and the area scores of the untouched ones (`areas`
    and `untouched` by set of areas)."""
    best = np.partition(lower, len(lower) - k)[len(lower) - k :] if len(lower) > k else lower
    present = np.flatnonzero(untouched)
    order = present[np.argsort(-areas[present], kind="stable")]
    counts = np.minimum(untouched[order], k)
    enough = np.searchsorted(np.cumsum(counts), k) + 1
    pool = np.concatenate([best, np.repeat(areas[order[:enough]], counts[:enough])])
    if len(pool) < k:
        return -math.inf
    return float(np.partition(pool, len(pool) - k)[len(pool) - k])


class OfferIndex(_Index):
    """Published offers, ready to be ranked for any need."""

    def _class_key(self, offer: OfferData) -> tuple:
        return (
            offer.support_types,
            offer.languages,
            offer.eligible_countries,
            offer.eligible_groups,
        )

    def _build_places(self, class_keys: list) -> None:
        self.groups = _Codes([k[3] for k in class_keys])
        self.class_group = self.groups.matrix([k[3] for k in class_keys])
        self.class_open = np.array([not k[2] and not k[3] for k in class_keys], dtype=bool)
        by_country: dict[str, list[int]] = {}
        for c, key in enumerate(class_keys):
            for country in key[2]:
                by_country.setdefault(country, []).append(c)
        self.class_countries = {k: np.array(v) for k, v in by_country.items()}

    def _place_ok(self, need: NeedData) -> np.ndarray:
        ok = self.class_open | self.class_group[:, self.groups.columns([need.country_status])].any(
            1
        )
        ok[self.class_countries.get(need.country, [])] = True
        return ok

    def _pair(self, need, offer) -> tuple:
        return need, offer


class NeedIndex(_Index):
    """Published needs, ready to be ranked for any offer."""

    def _class_key(self, need: NeedData) -> tuple:
        return (need.support_types, need.languages, need.country, need.country_status)

    def _build_places(self, class_keys: list) -> None:
        self.countries = _Codes([[k[2]] for k in class_keys])
        self.statuses = _Codes([[k[3]] for k in class_keys])
        self.class_country = np.array([self.countries.of[k[2]] for k in class_keys], dtype=int)
        self.class_status = np.array([self.statuses.of[k[3]] for k in class_keys], dtype=int)

    def _place_ok(self, offer: OfferData) -> np.ndarray:
        if not offer.eligible_countries and not offer.eligible_groups:
            return np.ones(len(self.class_country), dtype=bool)
        countries = self.countries.columns(offer.eligible_countries)
        statuses = self.statuses.columns(offer.eligible_groups)
        return np.isin(self.class_country, countries) | np.isin(self.class_status, statuses)

    def _pair(self, offer, need) -> tuple:
        return need, offer
