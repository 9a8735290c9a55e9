"""Answering a query from the bitmap index: matches, exact totals and facet counts, order.

Pure functions over an index Reader (ipdev.search.index) and a Plan: no database here, except
the `phrase` callable through which the engine's positional index checks quoted phrases.

Relevance is BM25F with bounded term counts: each query term adds idf * tf * (k1 + 1) / (tf + k1),
where tf is 5 for a title hit plus the word's uses (1 to 3, more count as 3). Every match holds
every term but those OR-ed with others (which add nothing where they are absent) and those
excluded (which no match holds), so a document without a title hit and with single uses has
the base score; those follow the better-scored ones, newest first, like every tie.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping

import numpy as np
from pyroaring import BitMap

from .index import EMPTY, ID_MASK, Reader
from .plan import Plan
from .text import Term, phrase_tokens
from .types import FACETS

TITLE_WEIGHT = 5
K1 = 1.2
Phrase = Callable[[tuple[str, ...]], BitMap]  # words as text.phrase_tokens gives them


class TermMatch:
    """A term's documents, and (computed when ranking asks) its title and repeated-use sets."""

    def __init__(self, reader: Reader | None, codes: list[int], docs: BitMap, idf: float,
                 title: BitMap | None = None) -> None:  # fmt: skip
        self.reader, self.codes, self.docs, self.idf = reader, codes, docs, idf
        self._within: dict[str, BitMap] = {}
        self._features = {"t": title} if title is not None else {}
        if title is not None:
            self._features.update({"2": EMPTY, "3": EMPTY})

    def feature(self, kind: str, within: BitMap) -> BitMap:
        """The documents of `within` where the term is in the title ("t") or used at least
        twice ("2") or three times ("3"); `within` is the same for every call of a run."""
        if kind not in self._within:
            if kind in self._features:  # a phrase's, computed with its documents
                self._within[kind] = self._features[kind] & within
            else:
                parts = [self.reader.get(kind, c) & within for c in self.codes]
                self._within[kind] = _union([p for p in parts if p])
        return self._within[kind]


def _union(bitmaps: list[BitMap]) -> BitMap:
    if not bitmaps:
        return BitMap()
    if len(bitmaps) == 1:
        return bitmaps[0]
    return BitMap.union(*bitmaps)


def _intersect(bitmaps: list[BitMap]) -> BitMap:
    ordered = sorted(bitmaps, key=len)
    result = ordered[0]
    for bitmap in ordered[1:]:
        if not result:
            break
        result = result & bitmap
    return result


def term_match(
    reader: Reader, term: Term, codes: list[int], phrase: Phrase, documents: int
) -> TermMatch:
    """A term's postings; `codes` are its words' codes (a prefix's words, a phrase's words in
    order, None for a phrase word that is not in the index)."""
    if term.positional:
        # Quoted Chinese: its characters in a row, found by the positional index alone (a
        # document's dictionary words need not hold the query's: 专利申请书 has no 专利申请).
        docs = phrase(tuple(phrase_tokens(term.words)))
        known = bool(codes) and None not in codes
        title = _intersect([reader.get("t", c) for c in codes]) & docs if known else EMPTY
        return TermMatch(None, [], docs, _idf(len(docs), documents), title=title)
    if len(term.words) > 1:
        if not codes or None in codes:
            return TermMatch(None, [], EMPTY, 0.0, title=EMPTY)
        candidates = _intersect([reader.get("w", c) for c in codes])
        docs = candidates & phrase(tuple(phrase_tokens(term.words))) if candidates else BitMap()
        title = _intersect([reader.get("t", c) for c in codes]) & docs
        return TermMatch(None, [], docs, _idf(len(docs), documents), title=title)
    codes = [c for c in codes if c is not None]
    docs = _union([reader.get("w", c) for c in codes])
    return TermMatch(reader, codes, docs, _idf(len(docs), documents))


def _idf(df: int, documents: int) -> float:
    return math.log(1 + (documents - df + 0.5) / (df + 0.5))


# tf -> tf (k1 + 1) / (tf + k1) for every tf a document can have (1 to 1 + 5 + 1 + 1).
SATURATED = np.array([tf * (K1 + 1) / (tf + K1) for tf in range(TITLE_WEIGHT + 4)])


class Run:
    """One query over one reader: its term matches and filter sets, computed once."""

    def __init__(
        self, *, reader: Reader, plan: Plan, words: Mapping[Term, list], phrase: Phrase
    ) -> None:
        self.reader = reader
        self.plan = plan
        self.documents = len(reader.everything)
        self.terms = [
            term_match(reader, t, words.get(t, []), phrase, self.documents) for t in plan.terms
        ]
        by_term = dict(zip(plan.terms, self.terms, strict=True))
        self.required = [_union([by_term[t].docs for t in group]) for group in plan.and_groups]
        # Terms that are one of several a match may hold (OR): scored only where they are.
        self.optional = {id(by_term[t]) for group in plan.and_groups if len(group) > 1
                         for t in group}  # fmt: skip
        self.excluded = _union([
            term_match(reader, t, words.get(t, []), phrase, self.documents).docs
            for t in plan.excluded
        ])  # fmt: skip
        self.filters = {
            facet: _union([reader.get("v", c) for c in sorted(codes)])
            for facet, codes in plan.constraints.items()
        }
        self.matches = self._match(skip=None)

    def _match(self, *, skip: str | None) -> BitMap | None:
        """The matching documents (None: every document), ignoring the filter `skip`."""
        sets = list(self.required)
        sets += [bitmap for facet, bitmap in self.filters.items() if facet != skip]
        if not sets:
            return self.reader.everything - self.excluded if self.excluded else None
        found = _intersect(sets)
        return found - self.excluded if self.excluded and found else found

    def relaxed(self) -> dict[str, int]:
        """How many documents each filter alone keeps out: the total without it, per facet
        filtered ("q" for the text), from the sets already computed."""
        out = {}
        for facet in self.filters:
            found = self._match(skip=facet)
            out[facet] = self.documents if found is None else len(found)
        if self.required or len(self.excluded):
            sets = list(self.filters.values())
            out["q"] = len(_intersect(sets)) if sets else self.documents
        return out

    @property
    def total(self) -> int:
        return self.documents if self.matches is None else len(self.matches)

    def _all(self) -> BitMap:
        return self.reader.everything if self.matches is None else self.matches

    def matching(self) -> BitMap:
        """Every matching document, as a bitmap."""
        return self._all()

    # Facets -------------------------------------------------------------------------------
    def facet_counts(self) -> dict[str, dict[int, int]]:
        """Per facet, documents per value code; a facet's own filter does not narrow it."""
        counts = {}
        for facet in FACETS:
            base = self._match(skip=facet) if facet in self.filters else self.matches
            codes = self.reader.vocabulary.by_facet.get(facet, ())
            if base is None:
                counts[facet] = {c: len(self.reader.get("v", c)) for c in codes}
            elif not base:
                counts[facet] = {}
            else:
                counts[facet] = {
                    c: base.intersection_cardinality(self.reader.get("v", c)) for c in codes
                }
        return counts

    def result_counts(self) -> dict[str, dict[int, int]]:
        """Per facet, matching documents per value code: every filter narrows every facet, so
        the counts describe the result itself (a chart of it), not the choices around it."""
        codes_of = self.reader.vocabulary.by_facet
        if self.matches is None:
            return {
                f: {c: len(self.reader.get("v", c)) for c in codes_of.get(f, ())} for f in FACETS
            }
        if not self.matches:
            return {f: {} for f in FACETS}
        return {
            f: {
                c: self.matches.intersection_cardinality(self.reader.get("v", c))
                for c in codes_of.get(f, ())
            }
            for f in FACETS
        }

    # Order --------------------------------------------------------------------------------
    def page(self, *, offset: int, limit: int, sort: str) -> list[int]:
        if limit <= 0 or offset >= self.total:
            return []
        if sort == "relevance" and self.terms:
            return self._ranked(offset=offset, limit=limit)
        return self._by_date(self._all(), offset=offset, limit=limit, newest=sort != "oldest")

    def stream(self, *, sort: str, chunk: int) -> Iterator[list[int]]:
        """Every match in page order, `chunk` ids (or more) at a time."""
        newest = sort != "oldest"
        rest = self._all()
        if sort == "relevance" and self.terms:
            scored, rest = self._scored()
            ids = scored.tolist()
            for start in range(0, len(ids), chunk):
                yield ids[start : start + chunk]
        for year in self._years(newest):
            part = rest & self.reader.get("y", year)
            if part:
                yield self._sorted(part, newest).tolist()

    def _years(self, newest: bool) -> list[int]:
        return sorted(self.reader.year_codes(), reverse=newest)

    def _sorted(self, docs: BitMap, newest: bool) -> np.ndarray:
        ids = np.frombuffer(docs.to_array(), dtype=np.uint32).astype(np.int64)
        keys = self.reader.keys_of(ids)
        order = np.argsort(-keys if newest else keys, kind="stable")
        return (keys[order] & ID_MASK).astype(np.int64)

    def _by_date(self, docs: BitMap, *, offset: int, limit: int, newest: bool) -> list[int]:
        """A page of `docs` by date: whole years are skipped by their counts, then sorted."""
        result: list[int] = []
        skip = offset
        for year in self._years(newest):
            bucket = self.reader.get("y", year)
            size = docs.intersection_cardinality(bucket)
            if skip >= size:
                skip -= size
                continue
            ordered = self._sorted(docs & bucket, newest)
            taken = ordered[skip : skip + limit - len(result)].tolist()
            result += taken
            skip = 0
            if len(result) >= limit:
                break
        return result

    def _scores(self, ids: np.ndarray, docs: BitMap) -> np.ndarray:
        """The relevance of each of `ids` (the members of `docs`): per term, its hits are
        scattered into a buffer indexed by document id and gathered back (no searching)."""
        score = np.zeros(len(ids), dtype=np.float64)
        buffer = np.zeros(int(ids.max()) + 1 if len(ids) else 1, dtype=np.uint8)
        for term in self.terms:
            if id(term) in self.optional:  # not every match holds it: 0 where it is absent
                buffer[ids] = 0
                held = term.docs & docs
                if not held:
                    continue
                buffer[np.frombuffer(held.to_array(), dtype=np.uint32)] = 1
            else:
                buffer[ids] = 1
            for kind, weight in (("t", TITLE_WEIGHT), ("2", 1), ("3", 1)):
                hit = term.feature(kind, self._all()) & docs
                if hit:
                    buffer[np.frombuffer(hit.to_array(), dtype=np.uint32)] += weight
            score += term.idf * SATURATED[buffer[ids]]
        return score

    def _bonus(self) -> BitMap:
        """Matches that score above the base: a title hit or a repeated word for some term."""
        within = self._all()
        return _union([f for t in self.terms for k in "t2" if (f := t.feature(k, within))])

    def _scored(self) -> tuple[np.ndarray, BitMap]:
        """Every above-base match, best first (ties newest first), and the other matches."""
        bonus = self._bonus()
        ids = np.frombuffer(bonus.to_array(), dtype=np.uint32).astype(np.int64)
        score = self._scores(ids, bonus)
        keys = self.reader.keys_of(ids)
        order = np.lexsort((-keys, -score))
        return ids[order], self._all() - bonus

    def _ranked(self, *, offset: int, limit: int) -> list[int]:
        bonus = self._bonus()
        wanted = offset + limit
        result: list[int] = []
        if offset < len(bonus):
            ids = np.frombuffer(bonus.to_array(), dtype=np.uint32).astype(np.int64)
            score = self._scores(ids, bonus)
            keys = self.reader.keys_of(ids)
            if wanted < len(ids) // 4:
                # Only the best `wanted`: those above the wanted-th score, then its ties.
                cut = -np.partition(-score, wanted - 1)[wanted - 1]
                keep = score >= cut
                ids, score, keys = ids[keep], score[keep], keys[keep]
            order = np.lexsort((-keys, -score))
            result = ids[order][offset:wanted].tolist()
        if len(result) < limit:
            rest = self._all() - bonus
            start = max(0, offset - len(bonus))
            result += self._by_date(rest, offset=start, limit=limit - len(result), newest=True)
        return result
