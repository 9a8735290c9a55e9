"""The country report: profile, activities, country plan and results, requests, consultants and
WIPO Match for one country, as one user may see them (every read goes through the selectors)."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ipdev.activities import selectors as activities
from ipdev.activities.models import DetailGroup
from ipdev.activities.stats import NO_CATEGORY
from ipdev.activities.visibility import Viewer
from ipdev.matchmaking import selectors as matchmaking
from ipdev.planning import selectors as planning
from ipdev.reference.models import Country
from ipdev.roster import selectors as roster

from . import audience, figures, params
from .tables import Column, Report, Section, facts

N, T, D, M, P = "number", "text", "date", "money", "percent"


def _names(items) -> str:
    return "; ".join(i.name for i in items)


def _published(groups: list[str]) -> str:
    """The detail groups this viewer may see, short when it is all of them."""
    if len(groups) == len(DetailGroup.values):
        return _("all")
    return ", ".join(str(DetailGroup(g).label) for g in groups)


def _activity_sections(user, country: Country, years: params.Years) -> list[Section]:
    listing = Section("activities", _("Activities"), [
        Column(_("Identifier")), Column(_("Title")), Column(_("Start"), D), Column(_("End"), D),
        Column(_("Status")), Column(_("Category")), Column(_("Delivery mode")),
        Column(_("DA recommendations")), Column(_("SDGs")), Column(_("Published details")),
    ])  # fmt: skip
    details = Section("details", _("Activity details"), [
        Column(_("Identifier")), Column(_("Title")), Column(_("Participants"), N),
        Column(_("Women"), N), Column(_("Men"), N), Column(_("Cost"), M), Column(_("Currency")),
        Column(_("Outcomes")),
    ])  # fmt: skip
    by_year: dict[int, Counter] = {}
    categories: Counter = Counter()
    statuses: Counter = Counter()
    hidden = 0
    for d in activities.report_details(
        user=user, country=country.code, year_from=years.first, year_to=years.last
    ):
        year = by_year.setdefault(d.start_date.year, Counter())
        year["all"] += 1
        year[d.status] += 1
        categories[d.category.name if d.category else str(NO_CATEGORY)] += 1
        statuses[d.status_label] += 1
        shown = sorted(d.visible_groups)
        listing.add(
            d.identifier, d.title, d.start_date, d.end_date, d.status_label,
            d.category.name if d.category else "", d.delivery_mode.name if d.delivery_mode else "",
            ", ".join(r.code for r in d.da_recommendations), ", ".join(s.code for s in d.sdgs),
            _published(shown),
        )  # fmt: skip
        if not shown:
            hidden += 1
            continue
        cells = [d.participants_total, d.participants_women, d.participants_men, d.cost]
        if any(v is not None for v in cells) or d.outcomes:  # a row of blanks says nothing
            details.add(d.identifier, d.title, *cells, d.currency, d.outcomes)
    details.note = _(
        "Details appear only where the beneficiary countries consented to publish them "
        "(empty cells: not published). %(hidden)d of %(total)d activities have no published "
        "details."
    ) % {"hidden": hidden, "total": len(listing.rows)}
    if listing.rows:
        details.empty_note = details.note
    year_section = Section("by_year", _("Activities by year"), [
        Column(_("Year"), "year"), Column(_("Activities"), N),
        Column(pgettext("number of activities", "Completed"), N),
        Column(_("Ongoing"), N), Column(_("Planned"), N),
    ])  # fmt: skip
    for y in sorted(by_year, reverse=True):
        c = by_year[y]
        year_section.add(y, c["all"], c["completed"], c["ongoing"], c["planned"])
    year_section.totals = [_("Total"), len(listing.rows), *(
        sum(c[s] for c in by_year.values()) for s in ("completed", "ongoing", "planned")
    )]  # fmt: skip
    tallies = []
    for key, title, counts, heading in (
        ("by_category", _("Activities by category"), categories, _("Category")),
        ("by_status", _("Activities by status"), statuses, _("Status")),
    ):
        section = Section(key, title, [Column(heading), Column(_("Activities"), N)])
        for label, n in sorted(counts.items(), key=lambda e: (-e[1], e[0])):
            section.add(label, n)
        tallies.append(section)
    return [year_section, *tallies, listing, details]


def _plan_sections(user, country: Country) -> list[Section]:
    plans = Section("plans", _("Country plans"), [
        Column(_("Biennium")), Column(_("Title")), Column(_("Status")), Column(_("Agreed on"), D),
        Column(_("Lines"), N),
    ])  # fmt: skip
    rows = planning.plan_list(user=user, country=country.code)
    for p in rows:
        plans.add(p.biennium, p.title, p.status_label, p.agreed_on, p.lines)
    if not rows:
        plans.empty_note = _("No country plan that you may see.")
    lines = Section("plan_lines", _("Work plan of the latest country plan"), [
        Column(_("Expected result")), Column(_("Performance indicators")),
        Column(_("Year 1 activities")), Column(_("Year 2 activities")),
        Column(_("National counterparts")), Column(_("Linked activities")),
    ])  # fmt: skip
    indicators = Section("indicators", _("Indicators and actuals"), [
        Column(_("Indicator")), Column(_("Unit")), Column(_("Period"), "year"),
        Column(_("Target to date"), N), Column(_("Actual to date"), N),
        Column(_("Achievement (%)"), P), Column(_("Women"), N), Column(_("Men"), N),
    ])  # fmt: skip
    if rows:
        latest = rows[0]
        lines.note = f"{latest.biennium}: {latest.title}"
        detail = planning.plan_detail(user=user, pk=latest.pk)
        for goal in detail.goals:
            for result in goal.results:
                for line in result.lines:
                    lines.add(
                        f"{result.code} {result.name}", line.performance_indicators,
                        line.year1_activities, line.year2_activities,
                        line.national_counterparts, "; ".join(a.title for a in line.activities),
                    )  # fmt: skip
        for i in planning.indicator_list(user=user, plan=latest.pk):
            indicators.add(
                i.name, i.unit, i.latest_period, i.latest_target, i.latest_actual, i.achievement,
                i.latest_women, i.latest_men,
            )  # fmt: skip
    viewer = Viewer.of(user)
    if not viewer.sees_everything_of([country.code]):
        indicators.empty_note = _(
            "Indicators are shown to WIPO staff and the country's focal points."
        )
    return [plans, lines, indicators]


def _request_section(user, country: Country) -> Section:
    section = Section("requests", _("Requests for assistance"), [
        Column(_("Reference")), Column(_("Title")), Column(_("Kind")), Column(_("Institution")),
        Column(_("Submitted"), D), Column(_("Outcome")),
    ])  # fmt: skip
    for r in planning.request_list(user=user, country=country.code):
        section.add(
            r.reference, r.title, r.kind_label, r.institution, r.submitted_on, r.status_label
        )
    if not Viewer.of(user).sees_everything_of([country.code]):
        section.empty_note = _("Requests are shown to WIPO staff and the country's focal points.")
    return section


def _roster_section(user, country: Country) -> Section:
    section = Section("consultants", _("Consultants"), [
        Column(_("Name")), Column(_("Link with the country")), Column(_("Nationality")),
        Column(_("Residence")), Column(_("IP areas")), Column(_("Languages")),
        Column(_("Availability")),
    ])  # fmt: skip
    for c in roster.consultants_of_country(user=user, country=country.code):
        if c.nationality.code == country.code:
            link = _("national")
        elif c.residence.code == country.code:
            link = _("resident")
        else:
            link = _("worked in the country")
        section.add(
            c.name, link, c.nationality.name, c.residence.name, _names(c.ip_areas),
            _names(c.languages), c.availability_label,
        )  # fmt: skip
    section.note = _("Public fields of the Roster of Consultants only.")
    return section


def _match_sections(user, country: Country) -> list[Section]:
    found = matchmaking.country_match(user=user, country=country)
    listing_columns = [
        Column(_("Title")), Column(_("State")), Column(_("IP areas")),
        Column(_("Type of support")), Column(_("Organisation")), Column(_("Published"), D),
    ]  # fmt: skip
    needs = Section("match_needs", _("WIPO Match: needs"), list(listing_columns))
    offers = Section("match_offers", _("WIPO Match: offers open to the country"), listing_columns)
    for section, items in ((needs, found.needs), (offers, found.offers)):
        for x in items:
            published = timezone.localdate(x.published_at) if x.published_at else None
            section.add(
                x.title, x.state_label, _names(x.ip_areas), _names(x.support_types),
                x.organisation, published,
            )  # fmt: skip
    matches = Section("matches", _("WIPO Match: matches"), [
        Column(_("Need")), Column(_("Offer")), Column(_("Cooperation")), Column(_("State")),
        Column(_("Updated"), D),
    ])  # fmt: skip
    for m in found.matches:
        matches.add(
            m.need.title, m.offer.title, m.match_type_label, m.state_label,
            timezone.localdate(m.updated_at),
        )  # fmt: skip
    return [needs, offers, matches]


def country_report(*, user, code: str, years: params.Years | None = None) -> Report:
    """Everything ipdev holds on one country that this user may see."""
    country = params.country(code)
    years = years or params.Years()
    sections = _activity_sections(user, country, years)
    sections += _plan_sections(user, country)
    sections.append(_request_section(user, country))
    sections.append(_roster_section(user, country))
    sections += _match_sections(user, country)
    report = Report(
        kind="country",
        title=_("Country report: %s") % country.localized_name,
        subtitle=_("WIPO technical assistance, %s") % years.label,
        facts=[],
        sections=sections,
        generated_at=timezone.localtime(),
        audience=audience.describe(user),
        filename=f"ipdev-country-{country.code}-{years.slug}",
        charts=figures.report_charts(
            user=user, keys=figures.COUNTRY_CHARTS, country=country.code, years=years
        ),
        charts_source=figures.source_url(country=country.code, years=years),
    )
    region = country.region
    report.facts = facts(
        (_("Country"), f"{country.localized_name} ({country.code} / {country.iso3})"),
        (_("Development status"), str(country.get_status_display())),
        (_("Least developed country since"), country.ldc_since),
        (_("Regional bureau"), country.bureau.localized_name),
        (_("Region"), region.localized_name if region else ""),
        (_("Years"), years.label),
        (_("Activities"), len(report.section("activities").rows)),
        (_("Country plans"), len(report.section("plans").rows)),
        (_("Consultants"), len(report.section("consultants").rows)),
        (_("WIPO Match needs"), len(report.section("match_needs").rows)),
    )
    return report
