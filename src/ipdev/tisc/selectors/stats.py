"""Figures for the statistics page and the programme's yearly report, all reproducible from
the data: roll-ups of approved reports, meetings per year from tagged activities, staff in
training by course, language and sex, certification by country and sex."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.http import Http404

from ipdev.reference import models as ref

from ..models import (
    Certification,
    NetworkActivity,
    Report,
    ReportCount,
    ReportEvent,
    StaffTraining,
)
from ..permissions import coordinated_ids, is_staff, may_manage
from ..rollup import ReportRow, Total, roll_up
from ..vocab import COURSES, ReportStatus


def report_rows(*, network: int | None = None) -> list[ReportRow]:
    """One row per approved report, with its figures (five queries whatever the count)."""
    reports = Report.objects.filter(status=ReportStatus.APPROVED)
    if network is not None:
        reports = reports.filter(network_id=network)
    reports = list(reports.select_related("network"))
    ids = [r.pk for r in reports]
    counts = defaultdict(int)
    for rid, measure, total in (
        ReportCount.objects.filter(report_id__in=ids, measure__in=("inquiry_user", "delivery"))
        .values("report_id", "measure")
        .annotate(n=Sum("value"))
        .values_list("report_id", "measure", "n")
    ):
        counts[(rid, measure)] = total
    events = {
        rid: (e, w, m)
        for rid, e, w, m in ReportEvent.objects.filter(report_id__in=ids)
        .values("report_id")
        .annotate(e=Sum("events"), w=Sum("women"), m=Sum("men"))
        .values_list("report_id", "e", "w", "m")
    }
    trained = {
        rid: (w, m)
        for rid, w, m in StaffTraining.objects.filter(report_id__in=ids)
        .values("report_id")
        .annotate(w=Sum("women"), m=Sum("men"))
        .values_list("report_id", "w", "m")
    }
    rows = []
    for r in reports:
        e, w, m = events.get(r.pk, (0, 0, 0))
        tw, tm = trained.get(r.pk, (0, 0))
        rows.append(
            ReportRow(
                network=r.network.name,
                region=r.network.bureau_id,
                level=r.network.level,
                year=r.year,
                centres=r.centres_reporting,
                inquiries=counts[(r.pk, "inquiry_user")],
                deliveries=counts[(r.pk, "delivery")],
                events=e,
                women=w,
                men=m,
                trained_women=tw,
                trained_men=tm,
            )
        )
    return rows


@dataclass(frozen=True)
class Rollups:
    by_region: list[Total]
    by_level: list[Total]
    by_year: list[Total]
    by_network: list[Total] | None  # staff: every network; a coordinator: their own


def rollups(*, user) -> Rollups:
    """Public: by region, level and year. By network: staff (all) and coordinators (theirs)."""
    rows = report_rows()
    regions = {b.code: b.localized_name for b in ref.Bureau.objects.all()}
    by_region = roll_up(rows, "region")
    for t in by_region:
        t.key = regions.get(t.key, t.key)
    by_network = None
    if is_staff(user):
        by_network = roll_up(rows, "network")
    elif coordinated_ids(user):
        own = set(
            Report.objects.filter(network_id__in=coordinated_ids(user)).values_list(
                "network__name", flat=True
            )
        )
        by_network = [t for t in roll_up(rows, "network") if t.key in own]
    return Rollups(by_region, roll_up(rows, "level"), roll_up(rows, "year"), by_network)


def meetings() -> list[tuple[int, int, int]]:
    """(year, national meetings, regional meetings) from activities tagged to networks; an
    activity tagged to several networks counts once."""
    found: dict[int, list[set]] = defaultdict(lambda: [set(), set()])
    for activity_id, kind, start in NetworkActivity.objects.filter(
        kind__in=(NetworkActivity.Kind.NATIONAL, NetworkActivity.Kind.REGIONAL)
    ).values_list("activity_id", "kind", "activity__start_date"):
        found[start.year][0 if kind == NetworkActivity.Kind.NATIONAL else 1].add(activity_id)
    return [(y, len(found[y][0]), len(found[y][1])) for y in sorted(found)]


def training() -> list[tuple[int, str, str, int, int]]:
    """(year, course, language, women, men) of TISC staff trained, from approved reports."""
    languages = {lang.code: lang.localized_name for lang in ref.Language.objects.all()}
    rows = (
        StaffTraining.objects.filter(report__status=ReportStatus.APPROVED)
        .values("report__year", "course", "language_id")
        .annotate(w=Sum("women"), m=Sum("men"))
        .values_list("report__year", "course", "language_id", "w", "m")
        .order_by("report__year", "course", "language_id")
    )
    return [
        (y, str(COURSES.get(c, c)), languages.get(lang, lang), w, m) for y, c, lang, w, m in rows
    ]


def certifications(*, user, network: int | None = None) -> list[Certification]:
    """Participants: staff see all, a coordinator their network's."""
    qs = Certification.objects.select_related("network", "language", "centre")
    if not is_staff(user):
        qs = qs.filter(network_id__in=coordinated_ids(user))
    if network is not None:
        qs = qs.filter(network_id=network)
    return list(qs)


def certification_for_update(*, user, pk: int) -> Certification:
    """One participant, for staff or their network's coordinators (404 for anyone else)."""
    found = Certification.objects.filter(pk=pk).select_related("network", "language").first()
    if found is None or not may_manage(user, found.network_id):
        raise Http404("No such participant.")
    return found


def certification_counts() -> list[tuple[str, int, int, int, int]]:
    """(country or network, enrolled women, enrolled men, certified women, certified men)."""
    rows = (
        Certification.objects.values_list("network__name")
        .annotate(
            fw=Count("pk", filter=Q(sex="female")),
            fm=Count("pk", filter=Q(sex="male")),
            cw=Count("pk", filter=Q(sex="female", certified_on__isnull=False)),
            cm=Count("pk", filter=Q(sex="male", certified_on__isnull=False)),
        )
        .values_list("network__name", "fw", "fm", "cw", "cm")
        .order_by("network__name")
    )
    return [tuple(r) for r in rows]
