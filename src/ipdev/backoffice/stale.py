"""No lost update in the back office: an edit form carries the version it was based on.

The form holds the object's version and a signed copy of the values it was opened with. If
someone else saved the object since, the form is not saved: it says who changed what (their
values against the ones the form was opened with) and which of the user's own changes to make
again on the current version. The service checks the version again under its row lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from types import SimpleNamespace
from typing import Any

from django import forms
from django.contrib.admin.options import InlineModelAdmin
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.core.audit import audit_history, jsonable
from ipdev.core.versions import snapshot_of, version_for

from .history import Names, _form_words, _label

SALT = "ipdev.backoffice.stale-form"


def _plain(value: Any) -> Any:
    """A cleaned form value in the audit snapshot's terms (codes for relations)."""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, models.QuerySet | list | tuple) and all(
        isinstance(v, models.Model) for v in value
    ):
        return sorted(str(v.pk) for v in value)
    return jsonable(value)


def _shown(value: Any) -> str:
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


class VersionedForm(forms.Form):
    """Mixin for a ModelForm edited by several people (the back office's activity form).

    The subclass calls ``set_version(snapshot, version)`` when it is built for an existing
    object and ``check_version(current)`` from ``clean()``; ``current`` returns the object's
    snapshot and version as they are now (read under a row lock).
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    version_state = forms.CharField(widget=forms.HiddenInput, required=False)

    def set_version(self, snapshot: Mapping[str, Any], version: str) -> None:
        self.initial["version"] = version
        payload = {"at": timezone.now().isoformat(), "state": jsonable(dict(snapshot))}
        self.initial["version_state"] = signing.dumps(payload, salt=SALT, compress=True)

    def check_version(
        self,
        current: Callable[[], tuple[dict[str, Any], str]],
        labels: Callable[[str], str] | None = None,
        history_of: models.Model | None = None,
        project: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None,
    ) -> None:
        """Raise a ValidationError saying what changed unless the form's version is current.
        ``project`` turns a snapshot into the terms the errors name (labels' keys)."""
        based_on = self.cleaned_data.get("version") or ""
        if not based_on:
            return
        state, version = current()
        if based_on == version:
            return
        try:
            payload = signing.loads(
                self.cleaned_data.get("version_state") or "", salt=SALT, max_age=None
            )
            opened = payload["state"]
            opened_at = dt.datetime.fromisoformat(payload["at"])
        except (signing.BadSignature, KeyError, ValueError, TypeError):
            opened, opened_at = None, None
        shown = set(self.fields) - {"version", "version_state"}
        state = jsonable(state)
        if project is not None:
            opened = project(opened) if opened is not None else None
            state = project(state)
            shown = set(state) | set(opened or {})
        theirs = _changes(opened or {}, state, shown)
        self.stale_changes = self._in_words(theirs, labels)
        who = _who(history_of, opened_at)
        errors = [
            _("Someone else saved this since you opened it%(who)s; your changes were not saved.")
            % {"who": f" ({', '.join(who)})" if who else ""}
        ]
        errors += [
            _("Their change: %(field)s: “%(old)s” → “%(new)s”.")
            % {"field": label, "old": old, "new": new}
            for label, old, new in self.stale_changes
        ]
        if opened is not None:
            mine = self._in_words(_changes(opened, self._posted(opened), shown), labels)
            errors += [
                _("Your change, to make again: %(field)s: “%(new)s”.")
                % {"field": label, "new": new}
                for label, _old, new in mine
            ]
        errors.append(_("Open the page again to edit the current version."))
        raise ValidationError(errors, code="stale")

    def _in_words(self, changes, labels) -> list[tuple[str, str, str]]:
        """Field labels and values as people read them: names instead of ids, choices as
        their labels, dates formatted (the audit history's words)."""
        model = getattr(getattr(self, "_meta", None), "model", None) or getattr(
            self, "versioned_model", None
        )
        form_labels, choices = _form_words(self.fields)
        if model is None:
            return [
                (labels(n) if labels else n, _shown(old), _shown(new)) for n, old, new in changes
            ]
        names = Names(model, [SimpleNamespace(changes={n: [o, v] for n, o, v in changes})])
        return [
            (
                labels(n) if labels else _label(model, n, form_labels),
                _shown(names.show(model, n, old, choices.get(n))),
                _shown(names.show(model, n, new, choices.get(n))),
            )
            for n, old, new in changes
        ]

    def _posted(self, opened: Mapping[str, Any]) -> dict[str, Any]:
        data = dict(opened)
        for name in opened:
            if name in self.cleaned_data:
                data[name] = _plain(self.cleaned_data[name])
        return data


def _same(value: Any) -> Any:
    """Values compared as text: a code read from a column (5) equals one from a form ("5")."""
    if isinstance(value, list):
        return [_same(v) for v in value]
    if isinstance(value, dict):
        return {k: _same(v) for k, v in value.items()}
    return "" if value is None else str(value)


def _changes(
    before: Mapping[str, Any], after: Mapping[str, Any], shown: set[str]
) -> list[tuple[str, Any, Any]]:
    """The fields (of those the form shows) whose value differs, as (name, before, after)."""
    return [
        (name, before.get(name), after.get(name))
        for name in sorted((set(before) | set(after)) & shown)
        if _same(before.get(name)) != _same(after.get(name))
    ]


def _who(obj: models.Model | None, since: dt.datetime | None) -> Iterable[str]:
    if obj is None or since is None:
        return []
    entries = audit_history(obj).filter(created_at__gte=since).order_by("created_at")
    return list(dict.fromkeys(e.actor_name or "—" for e in entries[:20]))


class GuardedForm(VersionedForm):
    """A back-office change form of any model, carrying the version it was opened at (the
    object's stored fields and relations, ``core.versions``): a stale save is refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.set_version(snapshot_of(self.instance), version_for(self.instance))

    def _current(self) -> tuple[dict[str, Any], str]:
        model = type(self.instance)
        locked = model._default_manager.select_for_update().get(pk=self.instance.pk)
        return snapshot_of(locked), version_for(locked)

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            self.check_version(self._current, history_of=self.instance)
        return data


VERSION_FIELDS = ["version", "version_state"]


class StaleGuard:
    """ModelAdmin mixin: every change form carries the version it was opened at (hidden
    fields), so a save based on an older version is refused and says what changed since."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and not issubclass(self.form, VersionedForm):
            kwargs.setdefault("form", type(self.form.__name__, (GuardedForm, self.form), {}))
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if (
            obj is None
            or issubclass(self.form, VersionedForm)
            or isinstance(self, InlineModelAdmin)
        ):
            return fieldsets
        named = {n for _name, opts in fieldsets for n in admin_flatten(opts["fields"])}
        if set(VERSION_FIELDS) <= named:
            return fieldsets
        *head, (name, opts) = fieldsets
        fields = [f for f in opts["fields"] if f not in VERSION_FIELDS] + VERSION_FIELDS
        return [*head, (name, {**opts, "fields": fields})]


def admin_flatten(fields) -> list[str]:
    out = []
    for field in fields:
        out.extend(field if isinstance(field, list | tuple) else [field])
    return out
