"""One function per IATI 2.03 element: ``fn(parent, detail, ctx)`` appends that element.

They read an ``ActivityDetail`` from the selectors only, so a detail hidden from the requesting
user is None there and never reaches the XML. ``ELEMENTS`` lists them in the schema's order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from lxml import etree

from ipdev.activities.selectors import ActivityDetail

from ..codelists import default, mapping, vocabulary_uri

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SubElement = etree.SubElement


@dataclass(frozen=True)
class Org:
    ref: str
    name: str
    type: str


@dataclass
class ExportContext:
    """What the element functions need besides the activity: organisations, defaults, today."""

    own: Org
    lang: str = "en"
    today: dt.date = field(default_factory=dt.date.today)
    orgs: dict[str, Org] = field(default_factory=dict)
    funding_kinds: dict[str, str] = field(default_factory=dict)

    def reporter(self, d: ActivityDetail) -> Org:
        """This instance for its own activities; the original publisher for imported ones."""
        if d.source != "iati":
            return self.own
        return self.orgs.get(d.reporting_org.code) or Org("", d.reporting_org.name, "90")


def narrative(parent: etree._Element, text: str) -> None:
    SubElement(parent, "narrative").text = text


def percentages(n: int) -> list[Decimal]:
    """n shares of 100 with two decimals that add up to exactly 100."""
    if n <= 0:
        return []
    share = (Decimal(100) / n).quantize(Decimal("0.01"))
    return [share] * (n - 1) + [Decimal(100) - share * (n - 1)]


def iati_identifier(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    SubElement(parent, "iati-identifier").text = d.identifier


def reporting_org(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    org = ctx.reporter(d)
    el = SubElement(parent, "reporting-org", ref=org.ref, type=org.type)
    narrative(el, org.name)


def narratives(parent: etree._Element, d: ActivityDetail, ctx: ExportContext, name: str) -> None:
    """The original text (its language marked when not the file's), then one narrative per
    translation, each with its ``xml:lang``."""
    original = SubElement(parent, "narrative")
    original.text = getattr(d, name)
    if d.text_language != ctx.lang:
        original.set(XML_LANG, d.text_language)
    for code, texts in d.translations.items():
        if texts.get(name):
            SubElement(parent, "narrative", {XML_LANG: code}).text = texts[name]


def title(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    narratives(SubElement(parent, "title"), d, ctx, "title")


def description(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    written = False
    for attr, code in mapping("description_type").items():
        text = getattr(d, attr)
        if text and attr == "summary":
            narratives(SubElement(parent, "description", type=code), d, ctx, "summary")
            written = True
        elif text:
            narrative(SubElement(parent, "description", type=code), text)
            written = True
    if not written:  # the schema requires one description; the title is public
        narratives(SubElement(parent, "description", type="1"), d, ctx, "title")


def participating_org(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    roles = mapping("role")
    org = ctx.reporter(d)
    el = SubElement(parent, "participating-org", role=roles["accountable"], type=org.type)
    if org.ref:
        el.set("ref", org.ref)
    narrative(el, org.name)
    if d.funding_source is not None and d.source != "iati":
        narrative(
            SubElement(parent, "participating-org", role=roles["funding"]), d.funding_source.name
        )
    for partner in d.partners:
        info = ctx.orgs.get(partner.code) or Org("", partner.name, "")
        el = SubElement(parent, "participating-org", role=roles["implementing"])
        if info.ref:
            el.set("ref", info.ref)
        if info.type:
            el.set("type", info.type)
        narrative(el, info.name)


def activity_status(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    SubElement(parent, "activity-status", code=mapping("activity_status")[d.status])


def activity_date(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    """Actual dates once they are past and the activity under way; planned ones otherwise."""
    started = d.status != "planned" and d.start_date <= ctx.today
    SubElement(
        parent, "activity-date", type="2" if started else "1", **{"iso-date": str(d.start_date)}
    )
    if d.end_date:
        ended = d.status == "completed" and d.end_date <= ctx.today
        SubElement(
            parent, "activity-date", type="4" if ended else "3", **{"iso-date": str(d.end_date)}
        )


def contact_info(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    if d.implementing_unit is None or d.source == "iati":
        return
    el = SubElement(parent, "contact-info", type="1")
    narrative(SubElement(el, "organisation"), ctx.own.name)
    narrative(SubElement(el, "department"), d.implementing_unit.name)


def activity_scope(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    code = mapping("activity_scope").get(d.scope)
    if code:
        SubElement(parent, "activity-scope", code=code)


def _recipient_shares(d: ActivityDetail) -> list[Decimal]:
    return percentages(len(d.countries) + len(d.regions))


def recipient_country(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    shares = _recipient_shares(d)
    for country, share in zip(d.countries, shares, strict=False):
        el = SubElement(parent, "recipient-country", code=country.code, percentage=str(share))
        narrative(el, country.name)


def recipient_region(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    shares = _recipient_shares(d)[len(d.countries) :]
    for region, share in zip(d.regions, shares, strict=True):
        el = SubElement(
            parent,
            "recipient-region",
            code=region.code,
            vocabulary=mapping("region_vocabulary_m49"),
            percentage=str(share),
        )
        narrative(el, region.name)


def sector(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    """The DAC purpose code of the category, the category itself, and the IP areas."""
    vocab = mapping("sector_vocabulary")
    if d.category is not None:
        dac = mapping("category_dac_sector").get(d.category.code)
        if dac:
            SubElement(parent, "sector", vocabulary=vocab["dac"], code=dac, percentage="100")
        el = SubElement(
            parent,
            "sector",
            vocabulary=vocab["category"],
            code=d.category.code,
            percentage="100",
            **{"vocabulary-uri": vocabulary_uri("category")},
        )
        narrative(el, d.category.name)
    for area, share in zip(d.ip_areas, percentages(len(d.ip_areas)), strict=True):
        el = SubElement(
            parent,
            "sector",
            vocabulary=vocab["ip_area"],
            code=area.code,
            percentage=str(share),
            **{"vocabulary-uri": vocabulary_uri("ip_area")},
        )
        narrative(el, area.name)


def tag(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    """SDG goals (vocabulary 2), DA recommendations and expected results (vocabulary 99)."""
    tags = mapping("tag_vocabulary")
    for goal in d.sdgs:
        narrative(SubElement(parent, "tag", vocabulary=tags["sdg_goal"], code=goal.code), goal.name)
    for items, uri in (
        (d.da_recommendations, vocabulary_uri("da_recommendation")),
        (d.expected_results, vocabulary_uri("expected_result")),
    ):
        for item in items:
            el = SubElement(
                parent,
                "tag",
                vocabulary=tags["reporting_org"],
                code=item.code,
                **{"vocabulary-uri": uri},
            )
            narrative(el, item.name)


def collaboration_type(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    if d.source == "iati":
        return
    kinds = mapping("funding_kind_collaboration_type")
    kind = ctx.funding_kinds.get(d.funding_source.code) if d.funding_source else None
    SubElement(parent, "collaboration-type", code=kinds.get(kind, default("collaboration_type")))


def default_flow_type(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    if d.source != "iati":
        SubElement(parent, "default-flow-type", code=default("flow_type"))


def default_finance_type(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    if d.source != "iati":
        SubElement(parent, "default-finance-type", code=default("finance_type"))


def default_aid_type(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    if d.source == "iati":
        return
    aid = mapping("delivery_mode_aid_type")
    code = aid.get(d.delivery_mode.code if d.delivery_mode else "", aid["_default"])
    SubElement(parent, "default-aid-type", code=code, vocabulary="1")


def default_tied_status(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    if d.source != "iati":
        SubElement(parent, "default-tied-status", code=default("tied_status"))


def budget_periods(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Consecutive periods of at most one year from start to end (an IATI rule for budgets)."""
    periods, begin = [], start
    while True:
        try:
            following = begin.replace(year=begin.year + 1)
        except ValueError:  # 29 February
            following = begin.replace(year=begin.year + 1, day=28)
        if end < following:
            return [*periods, (begin, end)]
        periods.append((begin, following - dt.timedelta(days=1)))
        begin = following


def split_by_days(total: Decimal, periods: list[tuple[dt.date, dt.date]]) -> list[Decimal]:
    """The total shared in proportion to each period's days, in cents that add up exactly."""
    days = [(end - start).days + 1 for start, end in periods]
    shares = [(total * d / sum(days)).quantize(Decimal("0.01")) for d in days[:-1]]
    return [*shares, total - sum(shares, Decimal(0))]


def budget(parent, d: ActivityDetail, ctx: ExportContext) -> None:
    """The cost, when the viewer may see it: one budget per year of the activity's dates, the
    cost shared in proportion to the days (IATI budget periods are at most one year)."""
    if d.cost is None:
        return
    status = "1" if d.status == "planned" else "2"
    currency = d.currency or default("currency")
    periods = budget_periods(d.start_date, d.end_date or d.start_date)
    for (start, end), amount in zip(periods, split_by_days(d.cost, periods), strict=True):
        el = SubElement(parent, "budget", type="1", status=status)
        SubElement(el, "period-start", **{"iso-date": str(start)})
        SubElement(el, "period-end", **{"iso-date": str(end)})
        value = SubElement(el, "value", currency=currency, **{"value-date": str(start)})
        value.text = str(amount)


Element = Callable[[etree._Element, ActivityDetail, ExportContext], None]

ELEMENTS: tuple[Element, ...] = (
    iati_identifier,
    reporting_org,
    title,
    description,
    participating_org,
    activity_status,
    activity_date,
    contact_info,
    activity_scope,
    recipient_country,
    recipient_region,
    sector,
    tag,
    collaboration_type,
    default_flow_type,
    default_finance_type,
    default_aid_type,
    default_tied_status,
    budget,
)


def activity_element(d: ActivityDetail, ctx: ExportContext) -> etree._Element:
    """The whole ``iati-activity`` element of one activity."""
    currency = d.currency or default("currency")
    el = etree.Element("iati-activity", {XML_LANG: ctx.lang, "default-currency": currency})
    for element in ELEMENTS:
        element(el, d, ctx)
    return el
