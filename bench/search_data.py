"""Deterministic synthetic search documents and queries for bench/search.py.

The shape follows the real reference data: ~190 countries with a skewed share of activities,
the WIPO regional bureaus, UN M49 regions, 6 categories, 16 delivery modes, 17 IP areas, the 45
Development Agenda recommendations in 6 clusters, 17 SDGs, ~30 funding sources, ~20 units and
start years 2000-2026. Titles and summaries are drawn from ~2,000 word forms (plus ~190 country
names) with Zipf-like frequencies, so a few words are in most documents and most are rare.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from ipdev.search.types import Query, SearchDocument
from search_vocab import ADJECTIVES, COUNTRIES, HEAD, NOUNS, OTHER, VERBS

CATEGORIES = ["capacity", "legislative", "infrastructure", "awareness", "policy", "cooperation"]
MODES = [
    "workshop", "seminar", "training", "advisory", "conference", "expert-mission", "study-visit",
    "online-course", "roundtable", "fellowship", "meeting", "symposium", "summer-school",
    "webinar", "consultation", "publication",
]  # fmt: skip
IP_AREAS = [
    "patents", "trademarks", "copyright", "industrial-designs", "ip-policy", "innovation",
    "enforcement", "geographical-indications", "technology-transfer", "ip-management",
    "traditional-knowledge", "ip-office-automation", "genetic-resources", "tce",
    "plant-varieties", "competition", "domain-names",
]  # fmt: skip
# DA recommendation number -> cluster letter (A: 1-14, B: 15-23, C: 24-32, D: 33-38, ...).
DA_CLUSTER = {n: "A" if n <= 14 else "B" if n <= 23 else "C" if n <= 32 else "D" if n <= 38
              else "E" if n <= 40 else "F" for n in range(1, 46)}  # fmt: skip
SDG_WEIGHTS = [1, 1, 2, 8, 5, 1, 2, 9, 20, 3, 3, 2, 3, 1, 2, 2, 8]
FUNDING = ["regular-budget"] + [f"fit-{c}" for c in (
    "jp", "kr", "es", "fr", "pt", "it", "au", "cn", "br", "ar", "mx", "cl", "co", "ae", "sa",
    "ru", "in", "de", "us", "ch", "nl", "se", "fi", "no", "ca", "sg", "uy", "pe",
)] + ["ldc-fund"]  # fmt: skip
STATUSES = ["completed", "ongoing", "planned", "cancelled", "suspended"]
STATUS_WEIGHTS = [70, 15, 10, 4, 1]
UNITS = [f"u{n:02d}" for n in range(1, 21)]
REPORTERS = ["1", "2", "3", "4", "5"]


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    status: str
    bureau: str
    regions: tuple[str, ...]


def _bureau(region: str, sub: str, code: str) -> str:
    arab = {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "QA",
            "SA", "SO", "SD", "SY", "TN", "AE", "YE", "PS"}  # fmt: skip
    if code in arab:
        return "arab"
    if region == "2":
        return "africa"
    if region == "19":
        return "lac"
    if region == "150" or sub in {"21", "143"} or code in {"AU", "NZ", "JP", "IL"}:
        return "tdc"
    return "asia-pacific"


def countries() -> list[Country]:
    result = []
    for line in COUNTRIES.strip().splitlines():
        code, name, region, sub, inter, status = line.split("|")
        regions = tuple(sorted({r for r in (region, sub, inter) if r}))
        result.append(Country(code, name, status, _bureau(region, sub, code), regions))
    return result


def vocabulary() -> list[str]:
    """All word forms, most frequent first: the head in order, then a shuffled tail."""
    head = HEAD.split()
    nouns = NOUNS.split()
    tail = [*nouns, *(_plural(n) for n in nouns), *ADJECTIVES.split(), *OTHER.split()]
    for verb in VERBS.split():
        stem = verb[:-1] if verb.endswith("e") else verb
        tail += [verb, verb + ("d" if verb.endswith("e") else "ed"), stem + "ing", verb + "s"]
    seen = set(head)
    rest = sorted({w for w in tail if w not in seen})
    random.Random(7).shuffle(rest)
    return head + rest


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def _zipf(count: int, exponent: float = 1.0, shift: float = 2.7) -> list[float]:
    weights = [1 / (rank + shift) ** exponent for rank in range(1, count + 1)]
    running, total = [], 0.0
    for w in weights:
        total += w
        running.append(total)
    return running


class Corpus:
    """Deterministic generator of documents and of queries over the same vocabulary."""

    def __init__(self, seed: int = 42) -> None:
        self.seed = seed
        self.words = vocabulary()
        self.word_cum = _zipf(len(self.words))
        self.countries = countries()
        # Technical assistance goes mostly to developing countries and LDCs; popularity is skewed.
        rng = random.Random(seed)
        order = self.countries[:]
        rng.shuffle(order)
        order.sort(key=lambda c: c.status in {"developed"})
        self.country_order = order
        self.country_cum = _zipf(len(order), exponent=0.9, shift=3)
        self.by_bureau: dict[str, list[Country]] = {}
        for c in order:
            self.by_bureau.setdefault(c.bureau, []).append(c)
        self.da_cum = _zipf(45, exponent=0.6)
        self.da_order = list(range(1, 46))
        rng.shuffle(self.da_order)
        self.funding_cum = _zipf(len(FUNDING), exponent=1.6, shift=0)
        self.unit_cum = _zipf(len(UNITS), exponent=0.8)
        self.mode_cum = _zipf(len(MODES), exponent=1.0)
        self.area_cum = _zipf(len(IP_AREAS), exponent=0.8)
        # More activities in recent years, a dip in 2020.
        self.years = list(range(2000, 2027))
        self.year_weights = [(y - 1995) * (0.5 if y == 2020 else 1.0) for y in self.years]

    def _pick(self, rng: random.Random, items: list, cum: list[float], k: int = 1) -> list:
        return rng.choices(items, cum_weights=cum, k=k)

    def document(self, pk: int) -> SearchDocument:
        rng = random.Random(self.seed * 1_000_003 + pk)
        roll = rng.random()
        if roll < 0.08:
            chosen: list[Country] = []  # interregional or global activity
        elif roll < 0.85:
            chosen = self._pick(rng, self.country_order, self.country_cum)
        else:
            first = self._pick(rng, self.country_order, self.country_cum)[0]
            peers = self.by_bureau[first.bureau]
            chosen = [first, *rng.sample(peers, min(len(peers), rng.randint(1, 6)))]
        chosen = list({c.code: c for c in chosen}.values())
        year = rng.choices(self.years, weights=self.year_weights)[0]
        date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        mode = self._pick(rng, MODES, self.mode_cum)[0]
        areas = sorted(set(self._pick(rng, IP_AREAS, self.area_cum, rng.choice((1, 1, 1, 2, 3)))))
        da = sorted(set(self._pick(rng, self.da_order, self.da_cum, rng.choice((0, 1, 1, 2, 3)))))
        sdgs = sorted(set(rng.choices(range(1, 18), weights=SDG_WEIGHTS, k=rng.randint(0, 3))))
        title_words = self._pick(rng, self.words, self.word_cum, rng.randint(3, 7))
        summary = self._pick(rng, self.words, self.word_cum, rng.randint(20, 70))
        place = " and ".join(c.name for c in chosen[:3]) or "interregional"
        title = f"{mode.replace('-', ' ').title()} on {' '.join(title_words)} for {place}"
        names = " ".join(c.name for c in chosen)
        text = f"XM-WIPO-{pk:07d} {' '.join(summary)}. {names}"
        return SearchDocument(
            id=pk,
            title=title,
            text=text,
            date=date,
            facets={
                "country": [c.code for c in chosen],
                "group": sorted({c.status for c in chosen}),
                "bureau": sorted({c.bureau for c in chosen}),
                "region": sorted({r for c in chosen for r in c.regions}),
                "year": [str(year)],
                "category": [rng.choice(CATEGORIES)],
                "mode": [mode],
                "ip_area": areas,
                "da": [str(n) for n in da],
                "cluster": sorted({DA_CLUSTER[n] for n in da}),
                "sdg": [str(n) for n in sdgs],
                "funding": self._pick(rng, FUNDING, self.funding_cum),
                "status": rng.choices(STATUSES, weights=STATUS_WEIGHTS),
                "unit": self._pick(rng, UNITS, self.unit_cum),
                "reporter": rng.choices(REPORTERS, weights=[90, 4, 3, 2, 1]),
            },
        )

    def documents(self, n: int) -> Iterator[SearchDocument]:
        for pk in range(1, n + 1):
            yield self.document(pk)

    def queries(self, count: int, *, seed: int = 1) -> list[Query]:
        """Text plus one to three facet filters, the way people search a portal.

        Query words are drawn log-uniformly over the frequency ranks 1-2000: about a third are
        among the 20 most common words (they match a large share of the documents), the rest
        are spread over the tail. Every query has text and at least one filter.
        """
        rng = random.Random(seed)
        result = []
        for _ in range(count):
            nwords = rng.choice((1, 1, 1, 2, 2, 3))
            words = [self.words[int(2000 ** rng.random()) - 1] for _ in range(nwords)]
            filters: dict[str, list[str]] = {}
            for facet in rng.sample(
                ["country", "year", "ip_area", "mode", "bureau", "sdg", "status", "da", "funding"],
                rng.choice((1, 1, 2, 3)),
            ):
                filters[facet] = self._filter_values(rng, facet)
            year_from = None
            if "year" in filters and rng.random() < 0.5:
                year_from = int(filters.pop("year")[0])
            result.append(Query(text=" ".join(words), filters=filters, year_from=year_from))
        return result

    def _filter_values(self, rng: random.Random, facet: str) -> list[str]:
        k = rng.choice((1, 1, 1, 2))
        pool: dict[str, list[str]] = {
            "country": [c.code for c in self._pick(rng, self.country_order, self.country_cum, k)],
            "year": [str(rng.randint(2005, 2025))],
            "ip_area": self._pick(rng, IP_AREAS, self.area_cum, k),
            "mode": self._pick(rng, MODES, self.mode_cum, k),
            "bureau": rng.sample(sorted({c.bureau for c in self.countries}), k),
            "sdg": [str(rng.choice((4, 5, 8, 9, 17))) for _ in range(k)],
            "status": rng.sample(STATUSES[:3], k),
            "da": [str(n) for n in self._pick(rng, self.da_order, self.da_cum, k)],
            "funding": self._pick(rng, FUNDING, self.funding_cum, k),
        }
        return sorted(set(pool[facet]))
