"""The public form for suggesting a correction or a new directory entry (anyone, signed in or
not); suggestions wait for staff on the curation pages (directories_work). One address may send
IPDEV_SUGGESTIONS_PER_HOUR suggestions an hour (ipdev.core.throttle)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ipdev.core import throttle
from ipdev.directories import suggestions
from ipdev.directories.models import Directory

ANYONE = "public"


class SuggestionForm(forms.Form):
    directory = forms.ChoiceField(label=_("Directory"), choices=Directory.choices)
    entry = forms.CharField(
        label=_("Entry"),
        required=False,
        max_length=40,
        help_text=_("The ST.3 code or number of the entry to correct; empty for a new entry."),
    )
    message = forms.CharField(
        label=_("Your suggestion"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=10,  # as the service requires, so that every gap is named at once
        max_length=5000,
        error_messages={"min_length": _("Say what should change, in at least 10 characters.")},
        help_text=_("What should change or be added, and why."),
    )
    proposed = forms.CharField(
        label=_("Proposed values"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Optional: one field a line, as “field: value”, for example “office: Patent Office”. "
            "The fields are listed below the form."
        ),
    )
    source = forms.URLField(
        label=_("Source"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("An address where staff can check it."),
    )
    contact = forms.EmailField(
        label=_("E-mail for a reply"),
        required=False,
        help_text=_("Optional; used only to answer you about this suggestion."),
    )

    def clean_proposed(self) -> dict[str, str]:
        """ "field: value" lines into {field: value}; a line without a colon is named."""
        values = {}
        for number, line in enumerate(self.cleaned_data.get("proposed", "").splitlines(), 1):
            if not line.strip():
                continue
            name, colon, value = line.partition(":")
            if not colon or not name.strip():
                raise ValidationError(
                    _("Line %(n)s: write “field: value”.") % {"n": number}, code="line"
                )
            values[name.strip().lower().replace(" ", "_")] = value.strip()
        return values


def _page(request: HttpRequest, form, status: int) -> HttpResponse:
    context = {"form": form, "fields": suggestions.FIELDS.items(), "sent": False}
    return render(request, "portal/directories/suggest.html", context, status=status)


@require_http_methods(["GET", "POST"])
def suggest(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, SuggestionForm(initial=request.GET.dict()), 200)
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        return _page(request, form, 400)
    limit = settings.IPDEV_SUGGESTIONS_PER_HOUR
    if not throttle.allow(request, "directory-suggestion", limit=limit, seconds=3600):
        form.add_error(
            None,
            _(
                "This address has sent %(n)s suggestions in the last hour, the most we accept. "
                "Please try again in an hour; nothing was saved."
            )
            % {"n": limit},
        )
        return _page(request, form, 429)
    try:
        suggestions.suggestion_submit(
            user=request.user, data=form.cleaned_data, language=request.LANGUAGE_CODE
        )
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                form.add_error(name if name in form.fields else None, message)
        return _page(request, form, 400)
    return render(request, "portal/directories/suggest.html", {"sent": True})


suggest.access = ANYONE  # type: ignore[attr-defined]
