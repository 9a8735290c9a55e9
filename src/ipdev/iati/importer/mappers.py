"""One mapper per IATI element: ``iati-activity`` XML -> the fields of an ipdev Activity.

Mappers are pure functions over an lxml element and a ``Draft``; they never touch the database.
What they cannot keep is counted per element path (``Draft.not_kept``), what is wrong becomes a
``Problem``. ``map_activity`` runs them in document order and finishes the draft.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache

from django.utils import translation
from lxml import etree

from ipdev.activities import rules
from ipdev.core.translations import CONTENT_LANGUAGES, language_key

from ..codelists import codelist, default, mapping, vocabulary_uri
from .draft import M2M, Draft, OrgRef, Vocabulary
from .triage import CRITICAL, ERROR, WARNING

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_TEXT = 100_000
MAX_COST = Decimal("99999999999999.99")
PLACEHOLDER_REFS = frozenset({"N/A", "NA", "-", "0", "NONE", "NULL", "UNKNOWN", "NOT AVAILABLE"})
LIMITS = {"identifier": 200, "title": 500, "org_ref": 200, "org_name": 300}


def text_of(el: etree._Element, lang: str, limit: int = MAX_TEXT) -> str:
    """The narrative in the activity's language (or without one), else the first one."""
    chosen = None
    for child in el:
        if child.tag != "narrative":
            continue
        text = (child.text or "").strip()
        if not text:
            continue
        child_lang = child.get(XML_LANG)
        if child_lang is None or child_lang.lower() == lang:
            chosen = text
            break
        if chosen is None:
            chosen = text
    return (chosen or "")[:limit]


def other_languages(el: etree._Element, lang: str) -> dict[str, str]:
    """Narratives in the other UN languages (``xml:lang`` other than the activity's)."""
    out: dict[str, str] = {}
    own = None
    for child in el:
        if child.tag != "narrative":
            continue
        given = child.get(XML_LANG)
        if given is None:  # (the activity's language)
            continue
        if own is None:
            own = language_key(lang)
        code = language_key(given or lang)
        if code != own and code in CONTENT_LANGUAGES:
            text = (child.text or "").strip()
            if text:
                out.setdefault(code, text[:MAX_TEXT])
    return out


def _translate(draft: Draft, el: etree._Element, name: str, limit: int = MAX_TEXT) -> None:
    translations = draft.fields.setdefault("translations", {})
    for code, text in other_languages(el, draft.lang).items():
        translations.setdefault(code, {}).setdefault(name, text[:limit])


def _skip(draft: Draft, path: str) -> None:
    draft.not_kept[path] = draft.not_kept.get(path, 0) + 1


def _datetime(draft: Draft, raw: str | None) -> dt.datetime | None:
    if not raw:
        return None
    try:
        value = dt.datetime.fromisoformat(raw.strip())
    except ValueError:
        draft.problem(WARNING, "@last-updated-datetime", f"{raw!r} is not a date and time.")
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _date(draft: Draft, el: etree._Element, xpath: str) -> dt.date | None:
    raw = (el.get("iso-date") or "").strip()
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        draft.problem(ERROR, f"{xpath}/@iso-date", f"{raw!r} is not a date (YYYY-MM-DD).")
        return None


def _org(draft: Draft, el: etree._Element) -> OrgRef:
    ref = (el.get("ref") or "").strip()[: LIMITS["org_ref"]]
    if ref.upper() in PLACEHOLDER_REFS:
        ref = ""
    name = text_of(el, draft.lang, LIMITS["org_name"]) or ref
    org_type = (el.get("type") or "").strip()
    if org_type not in codelist("OrganisationType"):
        org_type = default("organisation_type_unknown")
    return OrgRef(ref, name, org_type)


@cache
def _description_targets() -> dict[str, str]:
    return {v: k for k, v in mapping("description_type").items()}


def map_identifier(draft: Draft, el: etree._Element) -> None:
    value = (el.text or "").strip()
    if len(value) > LIMITS["identifier"]:
        draft.problem(CRITICAL, "iati-identifier", "The identifier is over 200 characters.")
    draft.identifier = value


def map_reporting_org(draft: Draft, el: etree._Element) -> None:
    org = _org(draft, el)
    if not org.ref and not org.name:
        draft.problem(ERROR, "reporting-org", "The reporting organisation has no ref and no name.")
        return
    draft.reporting_org = org


def map_title(draft: Draft, el: etree._Element) -> None:
    title = text_of(el, draft.lang)
    if len(title) > LIMITS["title"]:
        draft.problem(WARNING, "title", "The title was cut to 500 characters.")
    draft.fields["title"] = title[: LIMITS["title"]]
    _translate(draft, el, "title", LIMITS["title"])


def map_description(draft: Draft, el: etree._Element) -> None:
    kind = (el.get("type") or "1").strip()
    target = _description_targets().get(kind)
    text = text_of(el, draft.lang)
    if target is None:
        _skip(draft, f"description[@type={kind}]")
    elif text:
        previous = draft.fields.get(target)
        draft.fields[target] = f"{previous}\n\n{text}" if previous else text
        if target == "summary":
            _translate(draft, el, "summary")


def map_participating_org(draft: Draft, el: etree._Element) -> None:
    role = (el.get("role") or "").strip()
    if role not in mapping("partner_roles_import"):
        _skip(draft, f"participating-org[@role={role}]")
        return
    org = _org(draft, el)
    if not (org.ref or org.name):
        _skip(draft, "participating-org (no ref, no name)")
        return
    if org.key() not in {p.key() for p in draft.partners}:
        draft.partners.append(org)


def map_activity_status(draft: Draft, el: etree._Element) -> None:
    code = (el.get("code") or "").strip()
    status = mapping("activity_status_import").get(code)
    if status is None:
        draft.problem(ERROR, "activity-status/@code", f"Unknown activity status {code!r}.")
        return
    draft.fields["status"] = status


def map_activity_date(draft: Draft, el: etree._Element) -> None:
    kind = (el.get("type") or "").strip()
    if kind not in codelist("ActivityDateType"):
        draft.problem(ERROR, "activity-date/@type", f"Unknown activity date type {kind!r}.")
        return
    value = _date(draft, el, "activity-date")
    if value is not None:
        draft.dates.setdefault(kind, value)


def map_activity_scope(draft: Draft, el: etree._Element) -> None:
    scope = mapping("activity_scope_import").get((el.get("code") or "").strip())
    if scope is None:
        draft.problem(ERROR, "activity-scope/@code", "Unknown activity scope.")
        return
    draft.fields["scope"] = scope


def map_recipient_country(draft: Draft, el: etree._Element) -> None:
    code = (el.get("code") or "").strip().upper()
    if code not in draft.vocab.countries:
        draft.problem(ERROR, "recipient-country/@code", f"Unknown country code {code!r}.")
        return
    if code not in draft.m2m["countries"]:
        draft.m2m["countries"].append(code)


def map_recipient_region(draft: Draft, el: etree._Element) -> None:
    vocabulary = (el.get("vocabulary") or "1").strip()
    code = (el.get("code") or "").strip()
    if vocabulary != mapping("region_vocabulary_m49") or code not in draft.vocab.regions:
        _skip(draft, f"recipient-region[@vocabulary={vocabulary}]")
        return
    if code not in draft.m2m["regions"]:
        draft.m2m["regions"].append(code)


def map_sector(draft: Draft, el: etree._Element) -> None:
    """ipdev's own vocabularies (IP areas: 98, category: 99, with our URIs) are kept."""
    vocabulary = (el.get("vocabulary") or "1").strip()
    uri = (el.get("vocabulary-uri") or "").strip()
    code = (el.get("code") or "").strip()
    sectors = mapping("sector_vocabulary")
    ours = (vocabulary, uri)
    if ours == (sectors["ip_area"], vocabulary_uri("ip_area")) and code in draft.vocab.ip_areas:
        draft.m2m["ip_areas"].append(code)
    elif (
        ours == (sectors["category"], vocabulary_uri("category")) and code in draft.vocab.categories
    ):
        draft.fields["category"] = code
    else:
        _skip(draft, f"sector[@vocabulary={vocabulary}]")


def map_tag(draft: Draft, el: etree._Element) -> None:
    """SDG goals and targets (vocabularies 2 and 3); our DA and expected-result tags (99)."""
    vocabulary = (el.get("vocabulary") or "").strip()
    uri = (el.get("vocabulary-uri") or "").strip()
    code = (el.get("code") or "").strip()
    tags = mapping("tag_vocabulary")
    target, value = None, code
    if vocabulary in (tags["sdg_goal"], tags["sdg_target"]):
        target, value = "sdgs", code.split(".")[0]
    elif vocabulary == tags["reporting_org"] and uri == vocabulary_uri("da_recommendation"):
        target = "da_recommendations"
    elif vocabulary == tags["reporting_org"] and uri == vocabulary_uri("expected_result"):
        target = "expected_results"
    if target is not None and value in getattr(draft.vocab, target):
        draft.m2m[target].append(value)
    else:
        _skip(draft, f"tag[@vocabulary={vocabulary}]")


def map_budget(draft: Draft, el: etree._Element) -> None:
    kind = (el.get("type") or "1").strip()
    value_el = next(el.iterchildren("value"), None)  # (find() goes through ElementPath)
    if value_el is None:
        draft.problem(ERROR, "budget/value", "A budget has no value.")
        return
    try:
        amount = Decimal((value_el.text or "").strip())
    except InvalidOperation:
        draft.problem(ERROR, "budget/value", f"{value_el.text!r} is not a number.")
        return
    currency = (value_el.get("currency") or draft.currency or "").strip().upper()
    draft.budgets.append((kind, amount, currency))


MAPPERS: dict[str, Callable[[Draft, etree._Element], None]] = {
    "iati-identifier": map_identifier,
    "reporting-org": map_reporting_org,
    "title": map_title,
    "description": map_description,
    "participating-org": map_participating_org,
    "activity-status": map_activity_status,
    "activity-date": map_activity_date,
    "activity-scope": map_activity_scope,
    "recipient-country": map_recipient_country,
    "recipient-region": map_recipient_region,
    "sector": map_sector,
    "tag": map_tag,
    "budget": map_budget,
}


def map_activity(el: etree._Element, vocab: Vocabulary, default_lang: str = "en") -> Draft:
    """Read one ``iati-activity`` element into a Draft (never raises for bad content)."""
    draft = Draft(vocab=vocab, lang=(el.get(XML_LANG) or default_lang).strip().lower()[:8])
    draft.currency = (el.get("default-currency") or "").strip().upper()
    draft.last_updated = _datetime(draft, el.get("last-updated-datetime"))
    identifier = next(el.iterchildren("iati-identifier"), None)
    if identifier is not None:
        map_identifier(draft, identifier)
    not_kept = draft.not_kept
    get = MAPPERS.get
    for child in el:  # the hot loop of the importer: kept lean on purpose
        tag = child.tag
        mapper = get(tag)
        if mapper is None:
            tag = tag if tag.__class__ is str else "(not an element)"
            not_kept[tag] = not_kept.get(tag, 0) + 1
        elif mapper is not map_identifier:
            mapper(draft, child)
    finish(draft)
    return draft


def finish(draft: Draft) -> None:
    """Rules over several elements: identifier, dates, scope, cost and currency, the defaults."""
    if not draft.identifier:
        draft.problem(CRITICAL, "iati-identifier", "The activity has no iati-identifier.")
    if draft.reporting_org is None:
        draft.problem(CRITICAL, "reporting-org", "The activity has no reporting organisation.")
    if not draft.fields.get("title"):
        draft.problem(ERROR, "title", "The activity has no title; its identifier is used.")
        draft.fields["title"] = draft.identifier[: LIMITS["title"]]
    _finish_dates(draft)
    _finish_cost(draft)
    draft.fields.setdefault("status", "planned")
    lang = language_key(draft.lang)
    draft.fields["text_language"] = lang if rules.LANGUAGE.fullmatch(lang) else "en"
    draft.fields.setdefault("translations", {})
    for key in ("summary", "description", "objectives", "beneficiary_institutions"):
        draft.fields.setdefault(key, "")
    draft.fields.setdefault("category", None)
    if "scope" not in draft.fields:
        countries = len(draft.m2m["countries"])
        draft.fields["scope"] = (
            "national"
            if countries == 1
            else "regional"
            if draft.m2m["regions"]
            else "interregional"
        )
    if draft.reporting_org is not None:
        draft.partners = [p for p in draft.partners if p.key() != draft.reporting_org.key()]
        draft.source = rules.import_source(
            reporting_ref=draft.reporting_org.ref,
            identifier=draft.identifier,
            own_ref=draft.vocab.own_ref,
        )
    for name in M2M:
        draft.m2m[name] = list(dict.fromkeys(draft.m2m[name]))
    _check_rules(draft)


# Where in an activity's XML each field's value comes from (for the report).
XPATHS = {
    "countries": "recipient-country",
    "regions": "recipient-region",
    "scope": "activity-scope",
    "start_date": "activity-date",
    "end_date": "activity-date",
    "cost": "budget",
    "category": "sector",
    "text_language": "@xml:lang",
}


def _check_rules(draft: Draft) -> None:
    """The rules the services apply (``activities.rules``): an activity that breaks one would
    be refused if entered by hand, and could not be edited once stored: not imported."""
    values = {
        **draft.fields,
        "countries": draft.m2m["countries"],
        "regions": draft.m2m["regions"],
        "source": draft.source,
    }
    errors = rules.activity_errors(values)
    if not errors:
        return
    with translation.override("en"):  # (as every message of the import's report)
        errors = {name: str(message) for name, message in errors.items()}
    for name, message in errors.items():
        text = f"Not imported: {message}"
        if name == "regions" and any(k.startswith("recipient-region") for k in draft.not_kept):
            text += " Its recipient-region is in a vocabulary ipdev does not keep (only UN M49)."
        elif name == "countries":
            text += f" It names {len(draft.m2m['countries'])} known recipient countries."
        draft.problem(CRITICAL, XPATHS.get(name, name), text)


def _finish_dates(draft: Draft) -> None:
    start = draft.dates.get("2") or draft.dates.get("1")
    end = draft.dates.get("4") or draft.dates.get("3")
    if start is None and end is not None:
        start = end
        draft.problem(WARNING, "activity-date", "No start date; the end date is used as start.")
    if start is None:
        draft.problem(CRITICAL, "activity-date", "The activity has no start or end date.")
    elif end is not None and end < start:
        draft.problem(ERROR, "activity-date", "The end date is before the start date; left out.")
        end = None
    draft.fields["start_date"] = start
    draft.fields["end_date"] = end


def _finish_cost(draft: Draft) -> None:
    """Cost = the sum of the revised budgets, or of the original ones, in one known currency."""
    currency = draft.currency if draft.currency in draft.vocab.currencies else ""
    if draft.currency and not currency:
        draft.problem(ERROR, "@default-currency", f"Unknown currency {draft.currency!r}.")
    cost = None
    if draft.budgets:
        kind = "2" if any(b[0] == "2" for b in draft.budgets) else "1"
        chosen = [b for b in draft.budgets if b[0] == kind]
        currencies = {b[2] for b in chosen}
        if len(currencies) != 1 or next(iter(currencies)) not in draft.vocab.currencies:
            draft.problem(WARNING, "budget/value/@currency", "Budgets in mixed or unknown "
                          "currencies: no cost kept.")  # fmt: skip
        else:
            total = sum((b[1] for b in chosen), Decimal(0)).quantize(Decimal("0.01"))
            if total < 0 or total > MAX_COST:
                draft.problem(ERROR, "budget/value", f"A total budget of {total} was left out.")
            else:
                cost, currency = total, next(iter(currencies))
    draft.fields["cost"] = cost
    draft.fields["currency"] = currency or default("currency")
