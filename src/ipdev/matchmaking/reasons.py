"""Why a suggestion ranks, in words, in the reader's language.

The ranking (`scoring`) gives reasons as codes and values (`scoring.Reason`); a match keeps
them as JSON (`reason_data`). `describe` phrases them with the active language's names of IP
areas, countries, languages and types of support. A match proposed before reasons were kept
as codes holds English sentences: they are shown as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipdev.reference import models as ref

from .models import SupportType
from .scoring import Reason

GROUPS = {
    "ldc": gettext_lazy("least developed countries"),
    "developing": gettext_lazy("developing countries"),
    "transition": gettext_lazy("countries in transition"),
    "developed": gettext_lazy("developed countries"),
}


def reason_data(reasons: Iterable[Reason]) -> list[dict]:
    """Reasons as JSON, for a match to keep."""
    return [{"code": r.code, "values": list(r.values), "more": list(r.more)} for r in reasons]


def _reason(item) -> Reason | str:
    if isinstance(item, Reason):
        return item
    if isinstance(item, Mapping):
        return Reason(
            str(item.get("code", "")),
            tuple(str(v) for v in item.get("values", ())),
            tuple(str(v) for v in item.get("more", ())),
        )
    return str(item)


class Names:
    """Names of the codes reasons hold, in the active language (read once per page)."""

    def __init__(self):
        self._tables: dict[str, dict[str, str]] = {}

    def _of(self, model) -> dict[str, str]:
        key = model.__name__
        if key not in self._tables:
            self._tables[key] = {str(r.pk): r.localized_name for r in model.objects.all()}
        return self._tables[key]

    def areas(self, codes: Iterable[str]) -> str:
        table = self._of(ref.IPArea)
        return ", ".join(table.get(c, c) for c in codes)

    def languages(self, codes: Iterable[str]) -> str:
        table = self._of(ref.Language)
        return ", ".join(table.get(c, c) for c in codes)

    def country(self, code: str) -> str:
        return self._of(ref.Country).get(code, code)

    @staticmethod
    def supports(codes: Iterable[str]) -> str:
        labels = {s.value: str(s.label) for s in SupportType}
        return ", ".join(labels.get(c, c) for c in codes)


def _day(iso: str) -> str:
    try:
        return formats.date_format(dt.date.fromisoformat(iso), "DATE_FORMAT")
    except ValueError:
        return iso


def phrase(reason: Reason, names: Names) -> str:
    """One reason as a sentence in the active language."""
    v = reason.values
    code = reason.code
    if code == "areas":
        return _("Shared IP areas: %(areas)s") % {"areas": names.areas(v)}
    if code == "related_areas":
        return _("Related IP areas: %(areas)s") % {"areas": names.areas(v)}
    if code == "words":
        # Isolated (U+2068 ... U+2069): words of another script keep their order in the line.
        return _("Matching words: %(words)s") % {"words": f"\u2068{', '.join(v)}\u2069"}
    if code == "open_to_all":
        return _("Open to all countries")
    if code == "open_to_country":
        return _("Open to %(country)s") % {"country": names.country(v[0])}
    if code == "open_to_group":
        group = GROUPS.get(v[0])
        return _("Open to %(group)s") % {"group": str(group) if group else v[0]}
    if code == "ldc_transition":
        return _(
            "Open to %(country)s during its transition: it left the list of least developed "
            "countries on %(left)s and stays eligible until %(until)s"
        ) % {"country": names.country(v[0]), "left": _day(v[1]), "until": _day(v[2])}
    if code == "support":
        return _("Type of support: %(types)s") % {"types": names.supports(v)}
    if code == "other_support":
        return _("Another type of support: offered %(offered)s; asked for %(asked)s") % {
            "offered": names.supports(reason.more),
            "asked": names.supports(v),
        }
    if code == "language":
        return _("Language: %(languages)s") % {"languages": names.languages(v)}
    if code == "not_open":
        return _("Not open to %(country)s") % {"country": names.country(v[0])}
    if code == "no_language":
        return _("No common language")
    return code


def describe(reasons: Iterable, names: Names | None = None) -> list[str]:
    """Reasons (codes, kept JSON or old English sentences) as sentences."""
    names = names or Names()
    out = []
    for item in reasons:
        found = _reason(item)
        out.append(found if isinstance(found, str) else phrase(found, names))
    return out
