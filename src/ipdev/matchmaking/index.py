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
- Languages: each term is tagged with its language and each listing's words are weighed as
  one unit vector per language (`scoring._vector`); a subject written in several languages is
  searched once per language and the candidates are united (the best language counts, so the
  best of each search covers the best overall).
- Type of support: a preference. Each eligibility class has a factor (1, or
  `scoring.OTHER_SUPPORT_FACTOR` when it shares no type with the subject) that multiplies the
  area score, the text score and their bounds alike.
- Scores are rounded to 4 decimals as in `scoring`; the bounds keep a margin for that rounding.
"""

from __future__ import annotations

import datetime as dt
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
            for words in scoring.analyse(other.texts).terms.values():
                for word in words:
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
        languages = sorted({w.split(":", 1)[0] for w in words})
        language_of = {code: i for i, code in enumerate(languages)}
        term_language = np.array([language_of[w.split(":", 1)[0]] for w in words], dtype=np.int64)
        idf = np.array([self.idf[w] for w in words], dtype=np.float64)
        logs = np.array([0.0] + [1 + math.log(c) for c in range(1, int(cnts.max(initial=1)) + 1)])
        weights = logs[cnts] * idf[tids]
        # One unit vector per listing and language.
        width = max(len(languages), 1)
        group = docs * width + (term_language[tids] if len(tids) else 0)
        norms = np.sqrt(np.bincount(group, weights * weights, minlength=n * width))
        norms[norms == 0] = 1.0
        weights /= norms[group]
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

    def _place_ok(self, subject, today: dt.date | None) -> np.ndarray:
        raise NotImplementedError

    def _pair(self, subject, other) -> tuple:
        raise NotImplementedError

    # -- ranking --------------------------------------------------------------------------

    def eligible_classes(self, subject, today: dt.date | None = None) -> np.ndarray:
        """For each eligibility class of the catalogue, whether the subject may be paired."""
        ok = self._place_ok(subject, today)
        if subject.languages:
            common = self.class_language[:, self.languages.columns(subject.languages)].any(1)
            ok &= ~self.class_has_language | common
        return ok

    def class_factors(self, subject) -> np.ndarray:
        """For each eligibility class, 1 if it shares a type of support with the subject, else
        `scoring.OTHER_SUPPORT_FACTOR`."""
        same = self.class_support[:, self.supports.columns(subject.support_types)].any(1)
        return np.where(same, 1.0, scoring.OTHER_SUPPORT_FACTOR)

    def area_scores(self, subject) -> np.ndarray:
        """`AREA_WEIGHT` x the overlap (`scoring.area_overlap`) of the subject's areas and each
        area set of the catalogue."""
        if not subject.ip_areas:
            return np.zeros(len(self.combo_size))
        has = self.combo_areas
        mine = self.areas.columns(subject.ip_areas)
        # Their areas covered by the subject's: shared ones, then related ones.
        covered = has[:, mine].sum(1).astype(np.float64)
        near = self.areas.columns(
            {r for code in subject.ip_areas for r in scoring.related_areas(code)} - subject.ip_areas
        )
        theirs = covered + scoring.RELATED_CREDIT * has[:, near].sum(1)
        # The subject's areas covered by theirs, area by area.
        ours = np.zeros(len(self.combo_size))
        for code in sorted(subject.ip_areas):
            column = self.areas.columns([code])
            shared = has[:, column].any(1) if column else np.zeros(len(ours), dtype=bool)
            close = self.areas.columns(scoring.related_areas(code))
            related = has[:, close].any(1) if close else np.zeros(len(ours), dtype=bool)
            ours += np.where(shared, 1.0, np.where(related, scoring.RELATED_CREDIT, 0.0))
        # The same operations as scoring.area_overlap, so the same floats.
        dice = (ours + theirs) / (len(subject.ip_areas) + self.combo_size)
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

    def candidates(self, subject, limit: int, vec=None, today=None) -> np.ndarray:
        """Positions of a few more than the `limit` best eligible others, best first (per
        language of the subject, united)."""
        if vec is None:
            analysed = scoring.analyse(subject.texts)
            vec = scoring._vector(analysed, self.idf, self._default)
        context = self._context(subject, today)
        found = [self._candidates(context, vec[lang], limit) for lang in sorted(vec)]
        if not found:  # no words: the areas alone
            found = [self._candidates(context, {}, limit)]
        return found[0] if len(found) == 1 else np.unique(np.concatenate(found))

    def _context(self, subject, today):
        """What the search needs per profile (eligible, factor, area score) and per group of
        profiles scoring alike without words (their set of areas x same type of support or
        not): `key` of each profile, and each group's factor and area score."""
        eligible = self.eligible_classes(subject, today)[self.profile_class]
        factors = self.class_factors(subject)
        factor = factors[self.profile_class]
        combo_areas = self.area_scores(subject)
        areas = combo_areas[self.profile_combo]
        key = self.profile_combo * 2 + (factor < 1)
        key_factor = np.tile([1.0, scoring.OTHER_SUPPORT_FACTOR], len(combo_areas))
        key_areas = np.repeat(combo_areas, 2)
        low = float(factor[eligible].min()) if eligible.any() else 1.0
        return eligible, factor, areas, low, key, key_factor, key_areas

    def _candidates(self, context, vec: Mapping[str, float], limit: int) -> np.ndarray:
        tids, qw = self._text(vec)
        acc, mark, _query = self._scratch()
        touched = np.zeros(0, np.int64)
        scattered = np.zeros(0, np.int64)
        try:
            found, touched, scattered = self._search(context, tids, qw, limit, False)
            if found is None:  # the bounds were too loose: add up every word
                acc[touched], mark[touched], acc[scattered] = 0.0, False, 0.0
                found, touched, scattered = self._search(context, tids, qw, limit, True)
        except BaseException:
            acc[:], mark[:] = 0.0, False  # leave the scratch clean for the next subject
            raise
        acc[touched], mark[touched], acc[scattered] = 0.0, False, 0.0
        return found

    def _state(self, touched, context, limit):
        """Lower bounds of the eligible touched docs, untouched counts, the k-th best bound."""
        eligible, factor, areas, low, key, key_factor, key_areas = context
        acc = self._scratch()[0]
        prof = self.profile_of[touched]
        touched_in = np.bincount(prof, minlength=len(eligible))
        keep = eligible[prof]
        docs = touched[keep]
        kept = prof[keep]
        lower = factor[kept] * (areas[kept] + scoring.TEXT_WEIGHT * acc[docs])
        untouched = np.where(eligible, self.profile_size - touched_in, 0)
        by_key = np.bincount(key, untouched, minlength=len(key_areas)).astype(np.int64)
        theta = _kth_best(lower, key_factor * key_areas, by_key, limit)
        # k others reach theta; if it is under the minimum, some of them may not qualify, and
        # nothing under the minimum times the lowest factor can.
        floor = theta if theta >= scoring.MIN_SCORE else scoring.MIN_SCORE * low
        return docs, lower, touched_in, untouched, floor - MARGIN

    def _split(self, ub, df, context, floor) -> int:
        """How many of the common words (most frequent first) to bound rather than add up:
        the fewest postings walked, counting a doc of an opened profile as one posting."""
        eligible, _factor, _areas, _low, key, key_factor, key_areas = context
        sizes = np.bincount(key, np.where(eligible, self.profile_size, 0), minlength=len(key_areas))
        # A profile is opened when its area score plus the bound reaches the floor.
        needed = floor / key_factor - key_areas
        order = np.argsort(needed)
        needed, cum = needed[order], np.cumsum(sizes[order])
        best, best_cost = 0, float(df.sum())
        bound = 0.0
        for j in range(1, len(ub) + 1):
            bound += float(ub[j - 1])
            count = int(np.searchsorted(needed, bound, side="right"))
            opened = float(cum[count - 1]) if count else 0.0
            if opened > self.MAX_UNTOUCHED:
                break
            cost = float(df[j:].sum()) + opened
            if cost < best_cost:
                best, best_cost = j, cost
        return best

    def _search(self, context, tids, qw, limit, exhaustive: bool):
        tw = scoring.TEXT_WEIGHT
        factor, areas = context[1], context[2]
        df = self.post_start[tids + 1] - self.post_start[tids]
        common = np.zeros(len(tids), bool) if exhaustive else df > self.common
        touched = self._add_up(tids[~common], qw[~common])
        scattered = np.zeros(0, np.int64)
        bounded = np.zeros(0, np.int64)
        if common.any():
            floor = self._state(touched, context, limit)[-1]
            rest = np.flatnonzero(common)
            rest = rest[np.argsort(-df[rest], kind="stable")]
            ub = tw * qw[rest] * self.max_weight[tids[rest]]
            j = self._split(ub, df[rest], context, floor)
            bounded, added = rest[:j], rest[j:]
            touched = np.concatenate([touched, self._add_up(tids[added], qw[added])])
        bound = tw * float((qw[bounded] * self.max_weight[tids[bounded]]).sum())
        docs, lower, touched_in, untouched, floor = self._state(touched, context, limit)
        keep = lower + factor[self.profile_of[docs]] * bound >= floor
        docs = docs[keep]
        acc, mark, _query = self._scratch()
        text = acc[docs]
        open_profiles = np.flatnonzero((untouched > 0) & (factor * (areas + bound) >= floor))
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
        prof = self.profile_of[docs]
        relevance = np.round(np.minimum(areas[prof] + tw * text, 1.0), 4)
        keep = relevance >= scoring.MIN_SCORE
        docs, score = docs[keep], np.round(relevance[keep] * factor[prof[keep]], 4)
        order = np.lexsort((self.ids[docs], -score))
        return docs[order[: limit + self.RESCORE_EXTRA]], touched, scattered

    def _vector_of(self, i: int) -> tuple[dict, dict[str, str]]:
        found = self._vectors.get(i)
        if found is None:
            analysed = scoring.analyse(self.others[i].texts)
            found = scoring._vector(analysed, self.idf, self._default), analysed.words
            if len(self._vectors) >= self.VECTOR_CACHE:
                self._vectors.clear()
            self._vectors[i] = found
        return found

    def rank(self, subject, *, limit: int = 10, today: dt.date | None = None) -> list[Suggestion]:
        """The eligible others for the subject, most relevant first (ties: older id first)."""
        vec = scoring._vector(scoring.analyse(subject.texts), self.idf, self._default)
        out = []
        for i in self.candidates(subject, limit, vec, today).tolist():
            other = self.others[i]
            ok, why = scoring.eligibility(*self._pair(subject, other), today=today)
            if not ok:
                continue
            other_vec, words = self._vector_of(i)
            found = scoring.suggestion(subject.ip_areas, vec, other, other_vec, words, why)
            if found is not None:
                out.append(found)
        out.sort(key=lambda s: (-s.score, s.id))
        return out[:limit]

    def rank_many(self, subjects: Iterable, *, limit: int = 10, today=None) -> Iterator:
        """(subject, suggestions) for each subject: re-ranking a batch."""
        for subject in subjects:
            yield subject, self.rank(subject, limit=limit, today=today)


def _kth_best(lower: np.ndarray, values: np.ndarray, untouched: np.ndarray, k: int) -> float:
    """A score at least `k` eligible others reach (-inf when there are fewer than `k`):
    among the touched docs' lower bounds and the scores of the untouched ones without words
    (`values` and `untouched` by group of profiles)."""
    best = np.partition(lower, len(lower) - k)[len(lower) - k :] if len(lower) > k else lower
    present = np.flatnonzero(untouched)
    order = present[np.argsort(-values[present], kind="stable")]
    counts = np.minimum(untouched[order], k)
    enough = np.searchsorted(np.cumsum(counts), k) + 1
    pool = np.concatenate([best, np.repeat(values[order[:enough]], counts[:enough])])
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
            offer.ldc_transition_years if "ldc" in offer.eligible_groups else 0,
        )

    def _build_places(self, class_keys: list) -> None:
        self.groups = _Codes([k[3] for k in class_keys])
        self.class_group = self.groups.matrix([k[3] for k in class_keys])
        self.class_open = np.array([not k[2] and not k[3] for k in class_keys], dtype=bool)
        self.class_transition = np.array([k[4] for k in class_keys], dtype=np.int64)
        by_country: dict[str, list[int]] = {}
        for c, key in enumerate(class_keys):
            for country in key[2]:
                by_country.setdefault(country, []).append(c)
        self.class_countries = {k: np.array(v) for k, v in by_country.items()}

    def _place_ok(self, need: NeedData, today: dt.date | None) -> np.ndarray:
        groups = self.groups.columns([need.country_status])
        ok = self.class_open | self.class_group[:, groups].any(1)
        ok[self.class_countries.get(need.country, [])] = True
        if need.ldc_graduated and today:
            for years in set(self.class_transition.tolist()) - {0}:
                if scoring.in_transition(need.ldc_graduated, years, today):
                    ok |= self.class_transition == years
        return ok

    def _pair(self, need, offer) -> tuple:
        return need, offer


class NeedIndex(_Index):
    """Published needs, ready to be ranked for any offer."""

    def _class_key(self, need: NeedData) -> tuple:
        return (
            need.support_types,
            need.languages,
            need.country,
            need.country_status,
            need.ldc_graduated,
        )

    def _build_places(self, class_keys: list) -> None:
        self.countries = _Codes([[k[2]] for k in class_keys])
        self.statuses = _Codes([[k[3]] for k in class_keys])
        self.class_country = np.array([self.countries.of[k[2]] for k in class_keys], dtype=int)
        self.class_status = np.array([self.statuses.of[k[3]] for k in class_keys], dtype=int)
        self.class_graduated = [k[4] for k in class_keys]

    def _place_ok(self, offer: OfferData, today: dt.date | None) -> np.ndarray:
        if not offer.eligible_countries and not offer.eligible_groups:
            return np.ones(len(self.class_country), dtype=bool)
        countries = self.countries.columns(offer.eligible_countries)
        statuses = self.statuses.columns(offer.eligible_groups)
        ok = np.isin(self.class_country, countries) | np.isin(self.class_status, statuses)
        years = offer.ldc_transition_years if "ldc" in offer.eligible_groups else 0
        if years and today:
            ok |= np.array(
                [scoring.in_transition(g, years, today) for g in self.class_graduated], dtype=bool
            )
        return ok

    def _pair(self, offer, need) -> tuple:
        return need, offer
