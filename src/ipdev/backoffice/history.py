"""The audit history of an object in words: field labels, names instead of codes, only what
changed. The audit log keeps raw values (codes, ids, ISO dates); this turns them into what a
person reads, with one query per related table for the whole page."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The verb of an audit action ("activity.status_changed" -> "status_changed"), in words.
VERBS = {
    "created": gettext_lazy("Created"),
    "updated": gettext_lazy("Changed"),
    "deleted": gettext_lazy("Deleted"),
    "status_changed": gettext_lazy("Status changed"),
    "document_attached": gettext_lazy("Document attached"),
    "document_removed": gettext_lazy("Document removed"),
    "granted": gettext_lazy("Consent granted"),
    "revoked": gettext_lazy("Consent revoked"),
    "filed": gettext_lazy("Filed"),
    "reviewed": gettext_lazy("Reviewed"),
    "consulted": gettext_lazy("Consultation recorded"),
    "approved": gettext_lazy("Approved"),
    "deferred": gettext_lazy("Deferred"),
    "declined": gettext_lazy("Declined"),
    "submitted": gettext_lazy("Submitted"),
    "returned": gettext_lazy("Returned for revision"),
    "saved": gettext_lazy("Saved"),
    "agreed": gettext_lazy("Agreed"),
    "settings_changed": gettext_lazy("Settings changed"),
}
EMPTY = (None, "", [], {})


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    when: dt.datetime
    who: str
    what: str
    message: str
    changes: list[Change]


def action_words(action: str) -> str:
    verb = action.rpartition(".")[2]
    words = VERBS.get(verb)
    return str(words) if words else capfirst(verb.replace("_", " "))


def _field(model, name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(model, name: str, labels: dict) -> str:
    if name in labels:
        return capfirst(str(labels[name]))
    found = _field(model, name)
    if found is not None and hasattr(found, "verbose_name"):
        return capfirst(str(found.verbose_name))
    return capfirst(name.replace("_", " "))


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [] if value in EMPTY else [value]


class Names:
    """The names of related rows named in the entries, fetched once per related table."""

    def __init__(self, model, entries):
        wanted: dict[type, set] = defaultdict(set)
        for entry in entries:
            for name, pair in _pairs(entry):
                found = _field(model, name)
                if found is not None and found.is_relation and found.related_model:
                    for value in pair:
                        wanted[found.related_model].update(str(v) for v in _as_list(value))
        self.names = {
            related: {str(pk): str(obj) for pk, obj in related.objects.in_bulk(list(pks)).items()}
            for related, pks in wanted.items()
        }

    def show(self, model, name: str, value: Any, choices: dict | None = None) -> str:
        if value in EMPTY:
            return "—"
        found = _field(model, name)
        if isinstance(value, list):
            return ", ".join(self.show(model, name, v, choices) for v in value) or "—"
        if choices and value in choices:
            return str(choices[value])
        if isinstance(value, dict):
            return "; ".join(f"{k}: {self.show(model, '', v)}" for k, v in value.items())
        if isinstance(value, bool):
            return str(_("Yes") if value else _("No"))
        if found is not None and found.is_relation and found.related_model:
            return self.names.get(found.related_model, {}).get(str(value), str(value))
        if found is not None and found.choices:
            return str(dict(found.flatchoices).get(value, value))
        if isinstance(found, models.DateField) and isinstance(value, str):
            try:
                return formats.date_format(dt.date.fromisoformat(value[:10]), "DATE_FORMAT")
            except ValueError:
                return value
        return str(value)


def _pairs(entry):
    for name, pair in (entry.changes or {}).items():
        if isinstance(pair, list) and len(pair) == 2:
            yield name, pair


def _form_words(form_fields) -> tuple[dict, dict]:
    """Labels of a form's fields, and the choices of its plain choice fields (no query)."""
    labels, choices = {}, {}
    for name, form_field in (form_fields or {}).items():
        if form_field.label:
            labels[name] = form_field.label
        if isinstance(form_field, forms.ChoiceField) and not isinstance(
            form_field, forms.ModelChoiceField
        ):
            choices[name] = dict(form_field.choices)
    return labels, choices


def history_rows(model, entries, form_fields=None) -> list[Row]:
    """The entries of one object, newest first, in words (unchanged values left out); the
    edit form's fields, when given, lend their labels, choices and order."""
    entries = list(entries)
    names = Names(model, entries)
    labels, choices = _form_words(form_fields)
    order = {name: n for n, name in enumerate(form_fields or {})}
    fields = {f.name: n for n, f in enumerate(model._meta.get_fields())}
    rows = []
    for entry in entries:
        changes = []
        pairs = sorted(
            _pairs(entry),
            key=lambda pair: (order.get(pair[0], 10_000), fields.get(pair[0], 10_000), pair[0]),
        )
        for name, (before, after) in pairs:
            if before == after or (before in EMPTY and after in EMPTY):
                continue
            label = _label(model, name, labels)
            words = choices.get(name)
            if isinstance(before, list) or isinstance(after, list):
                old, new = _as_list(before), _as_list(after)
                changes.append(
                    Change(
                        label,
                        names.show(model, name, old, words),
                        names.show(model, name, new, words),
                        added=[names.show(model, name, v, words) for v in new if v not in old],
                        removed=[names.show(model, name, v, words) for v in old if v not in new],
                    )
                )
            else:
                shown = (names.show(model, name, v, words) for v in (before, after))
                changes.append(Change(label, *shown))
        rows.append(
            Row(
                entry.created_at,
                entry.actor_name or str(_("system")),
                action_words(entry.action),
                entry.message,
                changes,
            )
        )
    return rows
