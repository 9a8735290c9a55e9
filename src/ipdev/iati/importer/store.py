"""Bulk writes of mapped activities: one transaction per batch, audited, indexed.

Per batch: look up the identifiers; an unchanged fingerprint is skipped, a changed one updated,
a new one created (with its many-to-many rows), audit entries written in bulk, the search index
refreshed. An identifier that belongs to an activity entered in ipdev is never overwritten.
A batch may hold the activities of several files (most real files are small): each activity
carries its file's report, so the counts and problems still go to the right file.
The search documents of new activities are built from the drafts in hand; updated ones are
read back from the database, since fields an import does not map may have been set in ipdev.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import orjson
from django.db import connection, transaction
from django.utils import timezone

from ipdev.accounts.models import Organisation
from ipdev.activities import indexing
from ipdev.activities.models import Activity, Source
from ipdev.core import audit
from ipdev.core.audit import diff
from ipdev.core.models import AuditEntry
from ipdev.search import engine

from ..models import ImportedActivity, ImportRun
from ..runs import BEAT
from .draft import Draft, OrgRef
from .triage import ERROR, WARNING, FileReport, Problem

SCALARS = (
    "title",
    "summary",
    "description",
    "objectives",
    "beneficiary_institutions",
    "status",
    "start_date",
    "end_date",
    "scope",
    "cost",
    "currency",
    "category",
    "text_language",
    "translations",
    "source",
)
# The columns written for a new activity, in the order of the rows ``Store._create`` builds.
CREATE_FIELDS = [
    "identifier",
    "title",
    "summary",
    "description",
    "objectives",
    "outcomes",
    "lessons",
    "beneficiary_institutions",
    "status",
    "start_date",
    "end_date",
    "scope",
    "cost",
    "currency",
    "category",
    "reporting_org",
    "source",
    "created_at",
    "updated_at",
    "text_language",
    "translations",
]
ACTIVITY = Activity._meta.label_lower
# field name on Activity -> column of the target in the through table
THROUGH = {
    "countries": "country_id",
    "regions": "region_id",
    "sdgs": "sdg_id",
    "ip_areas": "iparea_id",
    "da_recommendations": "darecommendation_id",
    "expected_results": "expectedresult_id",
    "partners": "organisation_id",
}


@dataclass
class Store:
    """Writes batches for one import run; keeps the organisations it has seen."""

    run: ImportRun
    user: object = None
    orgs: dict[tuple[str, str], int] = field(default_factory=dict)
    org_names: dict[int, str] = field(default_factory=dict)
    lookups: indexing.Lookups | None = None
    words: engine.KnownWords = field(default_factory=engine.KnownWords)
    beat: object = None  # when this process last recorded that the run is alive

    def organisations(self, wanted: Iterable[OrgRef]) -> None:
        """Find or create these organisations (by IATI ref, else by name), in bulk. A new one
        takes the name and type it has where it is first met, whatever the batches."""
        missing: dict[tuple[str, str], OrgRef] = {}
        for org in wanted:
            key = org.key()
            if key not in self.orgs:
                missing.setdefault(key, org)
        if not missing:
            return
        self._lookup(list(missing))
        new = [o for k, o in missing.items() if k not in self.orgs]
        if new:
            rows = [(o.ref, o.name or o.ref, o.type) for o in new]
            insert_rows(Organisation, ["ref", "name", "type"], rows, ignore_conflicts=True)
            self._lookup([o.key() for o in new])

    def _lookup(self, keys: list[tuple[str, str]]) -> None:
        """Plain queries (no querysets: a large import looks up thousands of organisations)."""
        table = connection.ops.quote_name(Organisation._meta.db_table)
        refs = [k[0] for k in keys if k[0]]
        names = [k[1] for k in keys if not k[0]]
        with connection.cursor() as cursor:
            for chunk in _chunks(refs):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"SELECT id, ref, name FROM {table} WHERE ref IN ({marks})", chunk)
                for pk, ref, name in cursor.fetchall():
                    self.orgs[(ref, "")] = pk
                    self.org_names[pk] = name
            for chunk in _chunks(names):
                marks = ", ".join(["%s"] * len(chunk))
                sql = (
                    f"SELECT id, name FROM {table} WHERE ref = '' AND name IN ({marks}) ORDER BY id"
                )
                cursor.execute(sql, chunk)
                for pk, name in cursor.fetchall():
                    self.orgs.setdefault(("", name), pk)
                    self.org_names[pk] = name

    def write(self, items: list[tuple[Draft, FileReport]]) -> list[int]:
        """Write one batch (drafts with their file's report) in one transaction; return the
        ids created or updated. An identifier given twice in a batch keeps its last draft (the
        caller starts a new batch rather than mix one identifier from two files)."""
        by_id: dict[str, tuple[Draft, FileReport]] = {}
        for draft, report in items:
            if draft.identifier in by_id:
                report.add(
                    Problem(
                        ERROR,
                        "iati-identifier",
                        "The identifier appears twice in the file; the last one is kept.",
                        draft.identifier,
                    )
                )
                report.skipped += 1
            by_id[draft.identifier] = (draft, report)
        try:
            with transaction.atomic():
                ids = self._write(list(by_id.values()))
                self._beat()
        except BaseException:
            self.words.failed()
            raise
        self.words.committed()  # (or released to the caller's transaction, which owns us)
        return ids

    def _write(self, items: list[tuple[Draft, FileReport]]) -> list[int]:
        new, changed = self._classify(items)
        if not new and not changed:
            return []
        self.organisations(
            [o for d in [n[0] for n in new] + [c[1] for c in changed] for o in _orgs_of(d)]
        )
        now = timezone.now()
        created = self._create(new, now)
        self._update(changed, now)
        pairs = [(pk, n[0]) for pk, n in zip(created, new, strict=True)]
        pairs += [(pk, d) for pk, d, *_ in changed]
        self._replace_relations(pairs, replace=[pk for pk, *_ in changed])
        self._fingerprints(created, new, changed, now)
        self._audit(created, new, changed, now)
        self._index(created, new, [c[0] for c in changed])
        for item in new:
            item[4].created += 1
        for item in changed:
            item[5].updated += 1
        return created + [c[0] for c in changed]

    def _beat(self) -> None:
        """Record, with the batch, that the run is alive (at most every ``runs.BEAT``)."""
        now = timezone.now()
        if self.beat is None or now - self.beat >= BEAT:
            ImportRun.objects.filter(pk=self.run.pk).update(heartbeat_at=now)
            self.beat = now

    def _index(self, created: list[int], new: list, changed: list[int]) -> None:
        if created:
            if self.lookups is None:
                self.lookups = indexing.Lookups()
            facts = [self._facts(pk, draft) for pk, (draft, *_) in zip(created, new, strict=True)]
            indexing.index_facts(facts, self.lookups, self.words)
        if changed:
            indexing.reindex(changed)

    def _facts(self, pk: int, draft: Draft) -> indexing.Facts:
        """What a new activity's search document is built from: the values just inserted."""
        f, m2m = draft.fields, draft.m2m
        org = self.orgs[draft.reporting_org.key()]
        return indexing.Facts(
            id=pk, identifier=draft.identifier, title=f["title"], summary=f["summary"],
            start_date=f["start_date"], category=f["category"], mode=None, funding=None,
            status=f["status"], unit=None, reporter=org, reporter_name=self.org_names[org],
            translations=f["translations"],
            countries=m2m["countries"], regions=m2m["regions"], ip_areas=m2m["ip_areas"],
            das=m2m["da_recommendations"], sdgs=m2m["sdgs"], words=draft.words,
        )  # fmt: skip

    def _classify(self, items: list[tuple[Draft, FileReport]]) -> tuple[list, list]:
        """Split a batch into new and changed activities; count and report the others."""
        drafts = [draft for draft, _ in items]
        existing = {
            identifier: (pk, source)
            for identifier, pk, source in Activity.objects.filter(
                identifier__in=[d.identifier for d in drafts]
            ).values_list("identifier", "pk", "source")
        }
        prints = {
            pk: (digest, last)
            for pk, digest, last in ImportedActivity.objects.filter(
                activity_id__in=[v[0] for v in existing.values()]
            ).values_list("activity_id", "content_hash", "last_updated")
        }
        new, differing = [], []
        for draft, report in items:
            raw, digest = draft.seal()
            found = existing.get(draft.identifier)
            if found is None:
                new.append((draft, None, digest, raw, report))
            elif found[1] == Source.IPDEV:
                message = (
                    "This identifier belongs to an activity entered in ipdev; it is not "
                    "overwritten by an import."
                )
                report.add(Problem(ERROR, "iati-identifier", message, draft.identifier))
                report.skipped += 1
            elif prints.get(found[0], ("", None))[0] == digest:
                report.unchanged += 1
            else:
                differing.append((found[0], draft, raw, digest, report))
        return new, self._changed(differing, prints)

    def _changed(self, differing: list, prints: dict) -> list:
        """Of the activities whose fingerprint differs, those to update, with their previous
        content (for the audit entries' before/after). The same content under another
        fingerprint (one written by an earlier version of ipdev) is unchanged: only its
        fingerprint is brought up to date."""
        if not differing:
            return []
        old = dict(
            ImportedActivity.objects.filter(activity_id__in=[d[0] for d in differing]).values_list(
                "activity_id", "content"
            )
        )
        changed, refreshed = [], []
        for pk, draft, raw, digest, report in differing:
            content, last = json.loads(raw), prints.get(pk, ("", None))[1]
            if content == old.get(pk):
                report.unchanged += 1
                refreshed.append(ImportedActivity(activity_id=pk, content_hash=digest))
            elif last and (draft.last_updated is None or draft.last_updated <= last):
                # Publishers date each change: a version that is not newer is not kept, so
                # importing overlapping files in any order always ends the same way.
                report.unchanged += 1
                message = (
                    "Differs from the version imported before but is not newer (last updated "
                    f"{_when(draft.last_updated)}, imported {_when(last)}); not kept."
                )
                report.add(Problem(WARNING, "@last-updated-datetime", message, draft.identifier))
            else:
                changed.append([pk, draft, content, digest, old.get(pk, {}), report])
        if refreshed:
            ImportedActivity.objects.bulk_update(refreshed, ["content_hash"], batch_size=500)
        return changed

    def _activity(self, draft: Draft, now, pk: int | None = None) -> Activity:
        f = draft.fields
        org = draft.reporting_org
        return Activity(
            pk=pk,
            identifier=draft.identifier,
            title=f["title"],
            summary=f["summary"],
            description=f["description"],
            objectives=f["objectives"],
            beneficiary_institutions=f["beneficiary_institutions"],
            status=f["status"],
            start_date=f["start_date"],
            end_date=f["end_date"],
            scope=f["scope"],
            cost=f["cost"],
            currency_id=f["currency"],
            category_id=f["category"],
            text_language=f["text_language"],
            translations=f["translations"],
            reporting_org_id=self.orgs[org.key()],
            source=draft.source,
            updated_at=now,
        )

    def _create(self, new, now) -> list[int]:
        """INSERT the new activities in one ``executemany`` (no model instances), then read
        their ids back by identifier (unique)."""
        if not new:
            return []
        at, day = _datetime(now), connection.ops.adapt_datefield_value
        rows = []
        for draft, *_ in new:
            f = draft.fields
            rows.append(
                (draft.identifier, f["title"], f["summary"], f["description"], f["objectives"],
                 "", "", f["beneficiary_institutions"], f["status"], day(f["start_date"]),
                 day(f["end_date"]), f["scope"], f["cost"], f["currency"], f["category"],
                 self.orgs[draft.reporting_org.key()], draft.source, at, at,
                 f["text_language"], orjson.dumps(f["translations"]).decode())
            )  # fmt: skip
        insert_rows(Activity, CREATE_FIELDS, rows, json_columns={"translations"})
        identifiers = [draft.identifier for draft, *_ in new]
        ids: dict[str, int] = {}
        table = connection.ops.quote_name(Activity._meta.db_table)
        with connection.cursor() as cursor:  # (plain queries, as for the organisations)
            for chunk in _chunks(identifiers):
                marks = ", ".join(["%s"] * len(chunk))
                sql = f"SELECT identifier, id FROM {table} WHERE identifier IN ({marks})"
                cursor.execute(sql, chunk)
                ids.update(cursor.fetchall())
        return [ids[i] for i in identifiers]

    def _update(self, changed, now) -> None:
        if changed:
            objs = [self._activity(d, now, pk) for pk, d, *_ in changed]
            fields = [*SCALARS, "reporting_org", "updated_at"]
            Activity.objects.bulk_update(objs, fields, batch_size=500)

    def _replace_relations(self, pairs: list[tuple[int, Draft]], replace: list[int]) -> None:
        for name, column in THROUGH.items():
            through = Activity._meta.get_field(name).remote_field.through
            if replace:
                through.objects.filter(activity_id__in=replace).delete()
            rows = []
            for pk, draft in pairs:
                if name == "partners":
                    values = list(dict.fromkeys(self.orgs[o.key()] for o in draft.partners))
                else:
                    values = draft.m2m[name]
                rows += [(pk, v) for v in values]
            insert_rows(through, ["activity", column.removesuffix("_id")], rows)

    def _fingerprints(self, created, new, changed, now) -> None:
        run, at = self.run.pk, _datetime(now)
        rows = [
            (pk, h, raw, _datetime(d.last_updated), run, at)
            for pk, (d, _, h, raw, _) in zip(created, new, strict=True)
        ]
        insert_rows(
            ImportedActivity,
            ["activity", "content_hash", "content", "last_updated", "run", "imported_at"],
            rows,
            json_columns={"content"},
        )
        if changed:
            objs = [
                ImportedActivity(
                    activity_id=pk,
                    content_hash=h,
                    content=c,
                    last_updated=d.last_updated,
                    run_id=run,
                    imported_at=now,
                )
                for pk, d, c, h, *_ in changed
            ]
            ImportedActivity.objects.bulk_update(
                objs,
                ["content_hash", "content", "last_updated", "run", "imported_at"],
                batch_size=500,
            )

    def _audit(self, created, new, changed, now) -> None:
        """The entries the services would write (``core.audit.entry``), inserted in bulk.
        An update's entry has its changes field by field; a creation's has the identifier
        and the fingerprint of the content, which ``ImportedActivity`` holds in full (it is
        then the same; the updates' entries lead from it to any later version)."""
        message = f"IATI import run {self.run.pk}"
        entries = [
            audit.entry(actor=self.user, action="activity.imported", object_type=ACTIVITY,
                        object_id=pk, object_repr=f"{d.identifier}: {d.fields['title']}",
                        changes={"identifier": [None, d.identifier], "content_hash": [None, h]},
                        message=message)
            for pk, (d, _, h, *_) in zip(created, new, strict=True)
        ]  # fmt: skip
        entries += [
            audit.entry(actor=self.user, action="activity.updated_by_import",
                        object_type=ACTIVITY, object_id=pk,
                        object_repr=f"{d.identifier}: {d.fields['title']}",
                        changes=diff(old, c), message=message)
            for pk, d, c, _, old, _ in changed
        ]  # fmt: skip
        rows = audit.rows(entries, _datetime(now), _json)
        insert_rows(AuditEntry, list(audit.ENTRY_FIELDS), rows, json_columns={"changes"})


def insert_rows(
    model, fields: list[str], rows: list[tuple], *, json_columns=frozenset(), ignore_conflicts=False
) -> None:
    """INSERT many rows in one ``executemany``, without building model instances.

    For the large, simple tables of an import (through rows, fingerprints, audit entries,
    organisations). Values must be ready for the database: plain numbers and strings, datetimes
    through ``_datetime``, JSON columns (``json_columns``) as serialized text. With
    ``ignore_conflicts`` a row that would break a unique constraint is left out.
    """
    if not rows:
        return
    ops = connection.ops
    columns = [model._meta.get_field(name) for name in fields]
    cast = "::jsonb" if connection.vendor == "postgresql" else ""
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        ops.quote_name(model._meta.db_table),
        ", ".join(ops.quote_name(c.column) for c in columns),
        ", ".join(f"%s{cast}" if n in json_columns else "%s" for n in fields),
    ) + (" ON CONFLICT DO NOTHING" if ignore_conflicts else "")
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _chunks(values: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _json(value) -> str:
    return orjson.dumps(value).decode()


def _datetime(value):
    return connection.ops.adapt_datetimefield_value(value) if value is not None else None


def _when(value) -> str:
    return value.isoformat() if value else "not given"


def _orgs_of(draft: Draft) -> list[OrgRef]:
    return [draft.reporting_org, *draft.partners] if draft.reporting_org else list(draft.partners)
