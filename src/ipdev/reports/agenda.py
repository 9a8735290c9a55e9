"""The Development Agenda report: activities per DA cluster, recommendation, SDG and year, with
participants by gender where published, highlights, and for staff the yearly DA review
(costs, approved results and evaluations from `evaluation.selectors.da_review`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ipdev.activities import selectors as activities
from ipdev.activities.rules import delivered
from ipdev.activities.visibility import Viewer
from ipdev.evaluation import selectors as evaluation
from ipdev.reference.models import SDG, DACluster

from . import audience, figures, params
from .tables import Column, Report, Section, facts

N, M, P = "number", "money", "percent"
HIGHLIGHTS = 10


@dataclass
class _Tally:
    """Activities of one group, and the participants of those whose numbers are published."""

    activities: int = 0
    published: int = 0
    women: int = 0
    men: int = 0
    total: int = 0

    def add(self, women, men, total) -> None:
        self.activities += 1
        if total is not None:
            self.published += 1
            self.women += women or 0
            self.men += men or 0
            self.total += total

    def cells(self) -> list:
        return [self.activities, self.published, self.total, self.women, self.men]


@dataclass
class _Figures:
    clusters: dict[str, _Tally] = field(default_factory=dict)
    recommendations: dict[str, _Tally] = field(default_factory=dict)
    sdgs: dict[str, _Tally] = field(default_factory=dict)
    years: dict[int, _Tally] = field(default_factory=dict)
    completed: Counter = field(default_factory=Counter)
    all: _Tally = field(default_factory=_Tally)
    linked: int = 0  # activities serving at least one recommendation
    highlights: list = field(default_factory=list)


def _gather(user, years: params.Years, cluster_of: dict[str, str]) -> _Figures:
    figures = _Figures()
    today = timezone.localdate()
    for d in activities.report_details(user=user, year_from=years.first, year_to=years.last):
        # Only a delivered activity's participants were reached (not a planned or future one's).
        if delivered(d.status, d.start_date, today):
            people = (d.participants_women, d.participants_men, d.participants_total)
        else:
            people = (None, None, None)
        figures.all.add(*people)
        figures.years.setdefault(d.start_date.year, _Tally()).add(*people)
        if d.status == "completed":
            figures.completed[d.start_date.year] += 1
        # An activity serving several recommendations of one cluster counts once there.
        for code in {cluster_of.get(r.code) for r in d.da_recommendations} - {None}:
            figures.clusters.setdefault(code, _Tally()).add(*people)
        figures.linked += bool(d.da_recommendations)
        for r in d.da_recommendations:
            figures.recommendations.setdefault(r.code, _Tally()).add(*people)
        for s in d.sdgs:
            figures.sdgs.setdefault(s.code, _Tally()).add(*people)
        if d.outcomes and d.status == "completed" and len(figures.highlights) < HIGHLIGHTS:
            figures.highlights.append(d)
    return figures


def _people_columns(first: Column) -> list[Column]:
    return [
        first, Column(_("Activities"), N), Column(_("With published participants"), N),
        Column(_("Participants"), N), Column(_("Women"), N), Column(_("Men"), N),
    ]  # fmt: skip


def _review_section(user, years: params.Years, first_year: int) -> Section:
    """The yearly DA review (staff): reused as is, one block of rows per year."""
    section = Section("review", _("Development Agenda review (staff)"), [
        Column(_("Year"), "year"), Column(_("Recommendation")), Column(_("Activities"), N),
        Column(_("Cost (CHF)"), M), Column(_("In DA projects"), N),
        Column(_("Approved results"), N), Column(_("Surveys"), N),
        Column(_("Response rate (%)"), P),
    ])  # fmt: skip
    last = years.last or timezone.localdate().year
    for year in range(max(years.first or first_year, last - params.MAX_SPAN), last + 1):
        review = evaluation.da_review(user=user, year=year)
        if not review.totals.activities:
            continue
        for cluster, members in review.clusters:
            for row in [cluster, *(m for m in members if m.activities or m.surveys)]:
                section.add(
                    year, row.label, row.activities, row.cost, row.project_activities,
                    row.approved_results,
                    row.surveys, row.response_rate,
                )  # fmt: skip
    section.note = _(
        "Costs, approved results of indicators and survey responses (recommendation 33)."
    )
    return section


def da_report(*, user, years: params.Years) -> Report:
    """The Development Agenda in figures for these years, as this user may see them."""
    clusters = list(DACluster.objects.prefetch_related("recommendations"))
    cluster_of = {str(r.pk): c.code for c in clusters for r in c.recommendations.all()}
    found = _gather(user, years, cluster_of)
    by_cluster = Section("clusters", _("Activities by DA cluster"), _people_columns(
        Column(_("Cluster"))
    ))  # fmt: skip
    by_rec = Section("recommendations", _("Activities by DA recommendation"), [
        Column(_("Cluster")), *_people_columns(Column(_("Recommendation")))
    ])  # fmt: skip
    for c in clusters:
        if c.code in found.clusters:  # a cluster no activity serves is left out
            by_cluster.add(f"{c.code}. {c.localized_name}", *found.clusters[c.code].cells())
        for r in c.recommendations.all():
            tally = found.recommendations.get(str(r.pk))
            if tally:
                by_rec.add(c.code, str(r), *tally.cells())
    by_sdg = Section("sdgs", _("Activities by SDG"), _people_columns(Column(_("SDG"))))
    for sdg in SDG.objects.all():
        tally = found.sdgs.get(str(sdg.pk))
        if tally:
            by_sdg.add(str(sdg), *tally.cells())
    by_year = Section("years", _("Activities by year"), [
        *_people_columns(Column(_("Year"), "year")),
        Column(pgettext("number of activities", "Completed"), N),
    ])  # fmt: skip
    for year in sorted(found.years, reverse=True):
        by_year.add(year, *found.years[year].cells(), found.completed[year])
    by_year.totals = [_("Total"), *found.all.cells(), sum(found.completed.values())]
    people_note = _(
        "Participants are counted only for activities whose participant numbers are published "
        "(consent of the beneficiary countries): %(published)d of %(all)d activities."
    ) % {"published": found.all.published, "all": found.all.activities}
    for section in (by_cluster, by_rec, by_sdg, by_year):
        section.note = people_note
    highlights = Section("highlights", _("Highlights"), [
        Column(_("Title")), Column(_("Countries")), Column(_("End"), "date"),
        Column(_("DA recommendations")), Column(_("Outcomes")),
    ])  # fmt: skip
    for d in found.highlights:
        highlights.add(
            d.title, "; ".join(c.name for c in d.countries), d.end_date,
            ", ".join(r.code for r in d.da_recommendations), d.outcomes,
        )  # fmt: skip
    highlights.note = _("The latest completed activities whose outcomes are published.")
    highlights.empty_note = _("No completed activity of these years has published outcomes.")
    sections = [by_cluster, by_rec, by_sdg, by_year, highlights]
    if Viewer.of(user).staff:
        first_year = min(found.years, default=timezone.localdate().year)
        sections.append(_review_section(user, years, first_year))
    return Report(
        kind="da",
        title=_("Development Agenda report"),
        subtitle=_("WIPO technical assistance and the 45 recommendations, %s") % years.label,
        facts=facts(
            (_("Years"), years.label),
            (_("Activities"), found.all.activities),
            (_("Activities serving a DA recommendation"), found.linked),
            (_("Participants (published)"), found.all.total),
            (_("Women"), found.all.women),
            (_("Men"), found.all.men),
        ),
        sections=sections,
        generated_at=timezone.localtime(),
        audience=audience.describe(user),
        filename=f"ipdev-development-agenda-{years.slug}",
        charts=figures.report_charts(user=user, keys=figures.DA_CHARTS, years=years),
        charts_source=figures.source_url(years=years),
    )
