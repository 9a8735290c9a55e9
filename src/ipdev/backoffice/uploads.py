"""A file that survives a failed submit: kept on the server, shown, replaceable.

When a form with a file comes back with errors, the browser forgets the file. A valid upload
(size and type checked by `activities.documents.check_upload`) is therefore kept under
`held/<user id>/<random>/` in the default storage and the form carries a signed token naming
it. Only the uploader can use the token again (it is signed with their id and checked against
the signed-in user), and only for a day. Choosing another file replaces it. `purge_held`
deletes files left behind by forms that were never sent again.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy

from ipdev.activities.documents import ALLOWED, check_upload

SALT = "ipdev.backoffice.held-upload"
KEEP = dt.timedelta(days=1)
FOLDER = "held"


@dataclass(frozen=True)
class Held:
    """A kept upload: where it is, its original name, type and size, and the token naming it."""

    path: str
    name: str
    content_type: str
    size: int
    token: str

    def open(self):
        handle = default_storage.open(self.path, "rb")
        handle.name = self.name  # the name the service stores it under
        return handle

    def discard(self) -> None:
        default_storage.delete(self.path)


def accepted_types() -> str:
    """The accepted extensions, for the file input's `accept` and its help text."""
    return ",".join(sorted(ALLOWED))


def hold(upload, *, user) -> Held:
    """Check the upload and keep it for this user (raises ValidationError on `file`)."""
    name, content_type, size = check_upload(upload)
    path = f"{FOLDER}/{user.pk}/{secrets.token_hex(16)}/{name}"
    upload.seek(0)
    path = default_storage.save(path, upload)
    token = signing.dumps(
        {"u": user.pk, "p": path, "n": name, "t": content_type, "s": size}, salt=SALT
    )
    return Held(path, name, content_type, size, token)


def held(token: str, *, user) -> Held | None:
    """The kept upload a token names, if it is this user's, recent and still there."""
    try:
        data = signing.loads(token, salt=SALT, max_age=KEEP)
    except signing.BadSignature:  # includes an expired signature
        return None
    path = str(data.get("p", ""))
    parts = PurePosixPath(path).parts
    if (
        data.get("u") != user.pk
        or len(parts) != 4
        or parts[:2] != (FOLDER, str(user.pk))
        or ".." in parts
        or not default_storage.exists(path)
    ):
        return None
    return Held(path, data["n"], data["t"], int(data["s"]), token)


def purge_held(*, now: dt.datetime) -> int:
    """Delete kept uploads older than a day; returns how many were deleted."""
    removed = 0
    if not default_storage.exists(FOLDER):
        return 0
    users, _files = default_storage.listdir(FOLDER)
    for user in users:
        folders, _files = default_storage.listdir(f"{FOLDER}/{user}")
        for folder in folders:
            base = f"{FOLDER}/{user}/{folder}"
            _dirs, names = default_storage.listdir(base)
            for name in names:
                path = f"{base}/{name}"
                if now - default_storage.get_modified_time(path) > KEEP:
                    default_storage.delete(path)
                    removed += 1
    return removed


class HeldFileInput(forms.ClearableFileInput):
    """A file input that shows the kept file (its name and size) and carries its token."""

    template_name = "backoffice/widgets/held_file.html"

    def __init__(self, attrs=None):
        super().__init__({"accept": accepted_types(), **(attrs or {})})
        self.held: Held | None = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, None, attrs)
        context["widget"]["held"] = self.held
        context["widget"]["held_size"] = filesizeformat(self.held.size) if self.held else ""
        context["widget"]["token_name"] = f"{name}__held"
        return context

    def value_from_datadict(self, data, files, name):
        return files.get(name)

    def use_required_attribute(self, initial):
        return False  # the kept file satisfies the field; the server says when it is missing


class HeldFileField(forms.FileField):
    """A required file that a form keeps across failed submits (see the module)."""

    widget = HeldFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text",
            gettext_lazy("Accepted: %(types)s.") % {"types": accepted_types().replace(",", ", ")},
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        # A missing file may be a kept one: HoldsFiles decides once the form knows.
        if data in self.empty_values:
            return None
        return super().clean(data, initial)


class HoldsFiles:
    """Mixin for a form with HeldFileFields: pass `user=`; `clean_<name>` keeps valid uploads
    and reuses the kept one when no new file comes; `held_file(name)` opens it for a service."""

    def _init_held(self, user) -> None:
        self._user = user
        self._held: dict[str, Held] = {}
        for field in self.fields.values():
            if isinstance(field, HeldFileField):
                field.widget = HeldFileInput(field.widget.attrs)

    def _clean_held(self, name: str) -> None:
        upload = self.cleaned_data.get(name)
        current = None
        if upload:
            try:
                current = hold(upload, user=self._user)
            except ValidationError as exc:
                self.add_error(name, exc.message_dict["file"])
        else:
            token = self.data.get(f"{self.add_prefix(name)}__held", "")
            current = held(token, user=self._user) if token else None
            if current is None and self.fields[name].required:
                self.add_error(name, self.fields[name].error_messages["required"])
        if current is not None:
            self._held[name] = current
            self.fields[name].widget.held = current
            self.cleaned_data[name] = current

    def full_clean(self):
        super().full_clean()
        if self.is_bound:
            for name, field in self.fields.items():
                if isinstance(field, HeldFileField) and name not in self.errors:
                    self._clean_held(name)

    def held_file(self, name: str):
        """The kept upload as an open file for the service, or None."""
        current = self._held.get(name)
        return current.open() if current else None

    def discard_held(self) -> None:
        """After the service accepted the form: the kept copies are no longer needed."""
        for current in self._held.values():
            current.discard()
