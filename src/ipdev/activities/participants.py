"""Participant figures of every activity, held per process, for sums over any search result.

The statistics page sums participants by year over the activities a search matches, counting
an activity only where the viewer may see its participants group. Reading every matching row
for each page cost seconds at a few hundred thousand activities. This keeps the figures in
numpy columns per process, loaded once and kept in step with the search index's change log
(every write of an activity logs its document there), and the anonymous visitor's mask (whose
participants are public, by the visibility rule itself) until consents or the day change.
A sum is then a few vectorised operations over the matching ids. Only delivered activities
count (``rules.delivered``: ongoing or completed, and started): the participants of a planned or
future activity are not reached yet.

Inside a transaction (a test, a service) the table is built afresh and not kept: it may hold
writes that are not committed.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone

from ipdev.search import engine

from .models import Activity, Consent, DetailGroup
from .rules import DELIVERED_STATUSES
from .visibility import PUBLIC, ConsentIndex, Viewer

FIELDS = ("id", "start_date", "participants_total", "participants_women", "participants_men",
          "source", "status")  # fmt: skip
COLUMNS = 6  # year, total, women, men, start (day ordinal), delivered status (1 or 0)


@dataclass
class Table:
    generation: tuple[int, int]  # the search index's (epoch, last change) it reflects
    ids: np.ndarray  # sorted activity ids
    year: np.ndarray
    total: np.ndarray  # -1 where unknown
    women: np.ndarray
    men: np.ndarray
    start: np.ndarray  # the start date's ordinal (0 when unknown)
    live: np.ndarray  # 1 where the status is one of a delivered activity
    facts: dict[int, tuple[tuple[str, ...], str]]  # id -> (country codes, source)
    # The public mask by consents/day; after a change, (carried mask, positions to decide again).
    masks: dict[tuple, np.ndarray | tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    @classmethod
    def of_rows(cls, generation, rows: dict[int, tuple]) -> Table:
        ids = np.array(sorted(rows), dtype=np.int64)
        columns = np.array([rows[pk][0] for pk in ids.tolist()], dtype=np.int64)
        columns = columns.reshape(-1, COLUMNS)
        return cls(
            generation=generation,
            ids=ids,
            year=columns[:, 0],
            total=columns[:, 1],
            women=columns[:, 2],
            men=columns[:, 3],
            start=columns[:, 4],
            live=columns[:, 5],
            facts={pk: rows[pk][1] for pk in ids.tolist()},
        )

    def updated(self, generation, changed: list[int], rows: dict[int, tuple]) -> Table:
        """A new table: this one without the `changed` activities, with their `rows` as read now
        (a deleted one has none). Column operations: the whole table is not turned back into
        rows, which took seconds at a million activities on every write. The public mask is
        carried over for the activities that did not change (it depends on their countries,
        source and the consents, and a change of consents gives it another key)."""
        gone = np.isin(self.ids, np.array(changed, dtype=np.int64))
        keep = ~gone
        added = Table.of_rows(generation, rows)
        stacked = np.stack([self.year, self.total, self.women, self.men, self.start, self.live], 1)
        added_columns = np.stack(
            [added.year, added.total, added.women, added.men, added.start, added.live], 1
        )
        ids = np.concatenate([self.ids[keep], added.ids])
        order = np.argsort(ids, kind="stable")
        ids = ids[order]
        columns = np.concatenate([stacked[keep], added_columns])[order]
        facts = dict(self.facts)
        for pk in changed:
            facts.pop(pk, None)
        facts.update(added.facts)
        table = Table(
            generation=generation,
            ids=ids,
            year=columns[:, 0],
            total=columns[:, 1],
            women=columns[:, 2],
            men=columns[:, 3],
            start=columns[:, 4],
            live=columns[:, 5],
            facts=facts,
        )
        for state, mask in self.masks.items():
            carried = np.concatenate([mask[keep], np.zeros(len(added.ids), dtype=bool)])[order]
            fresh = np.zeros(len(ids), dtype=bool)
            fresh[np.searchsorted(ids, added.ids)] = True
            table.masks[state] = (carried, fresh)
        return table


_tables: dict[tuple, Table] = {}
_lock = threading.Lock()


def _key() -> tuple:
    s = connection.settings_dict
    return (connection.vendor, s["NAME"], s.get("HOST"), s.get("PORT"))


def _read(ids: list[int] | None) -> dict[int, tuple]:
    """(year, total, women, men, start, live) and (countries, source) of the given activities
    (or all)."""
    activities = Activity.objects.all() if ids is None else Activity.objects.filter(pk__in=ids)
    countries: dict[int, list[str]] = {}
    through = Activity.countries.through.objects
    through = through.all() if ids is None else through.filter(activity_id__in=ids)
    for pk, code in through.values_list("activity_id", "country_id").iterator(chunk_size=20_000):
        countries.setdefault(pk, []).append(code)
    out = {}
    for pk, start, total, women, men, source, status in activities.values_list(*FIELDS).iterator(
        chunk_size=20_000
    ):
        figures = (
            start.year if start else 0,
            -1 if total is None else total,
            -1 if women is None else women,
            -1 if men is None else men,
            start.toordinal() if start else 0,
            1 if status in DELIVERED_STATUSES else 0,
        )
        out[pk] = (figures, (tuple(sorted(countries.get(pk, ()))), source))
    return out


def _changed_ids(after: int) -> tuple[list[int], bool]:
    """Ids of documents logged after `after`, and whether the log still reaches back there."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM search_meta WHERE name = 'trimmed'")
        row = cursor.fetchone()
        if row and int(row[0] or 0) > after:
            return [], False
        cursor.execute("SELECT DISTINCT id FROM search_change WHERE seq > %s", [after])
        return [pk for (pk,) in cursor.fetchall()], True


def table() -> Table:
    """The figures of every activity as committed now (or as this transaction sees them)."""
    generation = engine.generation()
    if connection.in_atomic_block:
        return Table.of_rows(generation, _read(None))
    key = _key()
    with _lock:
        found = _tables.get(key)
        if found is not None and found.generation == generation:
            return found
        if found is not None and found.generation[0] == generation[0]:
            changed, reachable = _changed_ids(found.generation[1])
            if reachable:
                found = found.updated(generation, changed, _read(changed))
                _tables[key] = found
                return found
        found = Table.of_rows(generation, _read(None))
        _tables[key] = found
        return found


def _consents_state() -> tuple:
    found = Consent.objects.aggregate(last=Max("id"), n=Count("id"), revoked=Max("revoked_at"))
    return (timezone.localdate(), found["last"], found["n"], found["revoked"])


def _visible(t: Table, viewer: Viewer, positions: np.ndarray, index_of) -> np.ndarray:
    """Whether the viewer may see the participants of the activities at `positions`."""
    if viewer.staff:
        return np.ones(len(positions), dtype=bool)
    state = _consents_state()
    mask = t.masks.get(state)
    if isinstance(mask, tuple):  # carried over a change: only the changed ones are decided
        carried, fresh = mask
        index = index_of()
        mask = carried.copy()
        for pos in np.flatnonzero(fresh).tolist():
            pk = int(t.ids[pos])
            codes, source = t.facts[pk]
            groups = index.visible_groups(PUBLIC, pk, codes, source)
            mask[pos] = DetailGroup.PARTICIPANTS in groups
        t.masks[state] = mask
    if mask is None:
        index = index_of()
        mask = np.fromiter(
            (
                DetailGroup.PARTICIPANTS
                in index.visible_groups(PUBLIC, pk, t.facts[pk][0], t.facts[pk][1])
                for pk in t.ids.tolist()
            ),
            dtype=bool,
            count=len(t.ids),
        )
        t.masks.clear()
        t.masks[state] = mask
    visible = mask[positions]
    if viewer.countries:  # a focal point sees more of their own countries' activities
        index = None
        for n, pos in enumerate(positions.tolist()):
            if visible[n]:
                continue
            pk = int(t.ids[pos])
            codes, source = t.facts[pk]
            if viewer.countries.intersection(codes):
                index = index or index_of()
                groups = index.visible_groups(viewer, pk, codes, source)
                visible[n] = DetailGroup.PARTICIPANTS in groups
    return visible


def warm() -> None:
    """Build the table and the public mask before the server forks (``serving.on_warm``): its
    processes share them, and no visitor of the statistics page waits for the read of every
    activity (3 s at 300,000)."""
    if Activity.objects.exists():
        _visible(table(), PUBLIC, np.zeros(0, np.int64), ConsentIndex.load)


def sums_by_year(
    *, viewer: Viewer, ids: np.ndarray, today: dt.date | None = None
) -> tuple[list[tuple], int]:
    """(year, activities, total, women, men) per year over the delivered activities of `ids`
    whose participants the viewer may see and that have a figure, and how many of `ids` were
    left out as not visible."""
    t = table()
    today = today or timezone.localdate()
    positions = np.searchsorted(t.ids, ids)
    inside = positions < len(t.ids)
    found = np.zeros(len(ids), dtype=bool)
    found[inside] = t.ids[positions[inside]] == ids[inside]
    positions = positions[found]  # (an id the index has and the table not yet: a race, left out)
    visible = _visible(t, viewer, positions, lambda: ConsentIndex.load())
    withheld = int((~visible).sum())
    shown = positions[visible]
    started = (t.start[shown] > 0) & (t.start[shown] <= today.toordinal())
    shown = shown[(t.live[shown] == 1) & started]
    total, women, men = t.total[shown], t.women[shown], t.men[shown]
    has_figure = (total >= 0) | (women >= 0) | (men >= 0)
    shown, total = shown[has_figure], total[has_figure]
    w = np.where(women[has_figure] >= 0, women[has_figure], 0)
    m = np.where(men[has_figure] >= 0, men[has_figure], 0)
    everyone = np.where(total >= 0, total, w + m)  # a missing total is women plus men
    years = t.year[shown]
    out = []
    for year in np.unique(years).tolist():
        at = years == year
        sums = (int(at.sum()), int(everyone[at].sum()), int(w[at].sum()), int(m[at].sum()))
        out.append((int(year), *sums))
    return out, withheld
