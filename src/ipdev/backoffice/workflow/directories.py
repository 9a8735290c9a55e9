"""Curation of the knowledge directories (staff): the suggestions to decide, with the proposed
values editable before they are applied; the entries not verified for two years, each marked
verified with one button. Every write goes through ipdev.directories' services (audited); entries
are created and edited on the admin's forms, which save through the same services."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import modelform_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ipdev.core.bounds import whole_number
from ipdev.directories import services, suggestions, waiting
from ipdev.directories.models import Directory, Suggestion

from .. import directories_admin as entry_forms
from ..widgets import SafeModelChoiceField
from .access import staff_only
from .common import submit
from .forms import add_service_errors

# The form of each directory's entries, limited to what a suggestion may change.
FORMS = {
    Directory.REGISTERS: (entry_forms.RegisterForm, ["jurisdiction", "office", "legal_status"]),
    Directory.DATABASES: (entry_forms.DatabaseForm, None),
    Directory.LANDSCAPES: (entry_forms.LandscapeForm, None),
    Directory.POLICIES: (entry_forms.PolicyForm, None),
}
REGISTER_MORE = ["search_tips", "sample_numbers"]
NO = {"", "no", "false", "0", "n", "non", "нет", "否"}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=gettext_lazy("Sent to the suggester if they left an e-mail address."),
    )


def _formfield(field, **kwargs):
    """As the admin's forms, and a chosen row's id that no key could hold is a bad choice."""
    if isinstance(field, models.ForeignKey):
        kwargs.setdefault("form_class", SafeModelChoiceField)
    return entry_forms._formfield(field, **kwargs)


def _form_class(directory: str):
    base, names = FORMS[directory]
    fields = [f for f in base.Meta.fields if f != "demo"]
    if names is not None:
        fields = [*names, *REGISTER_MORE, "last_verified"]
    model = base.Meta.model
    return modelform_factory(model, form=base, fields=fields, formfield_callback=_formfield)


def _initial(form_class, suggestion: Suggestion) -> dict:
    """The proposed values, read as the form's fields read them; the entry is verified today."""
    initial = {"last_verified": timezone.localdate()}
    fields = form_class.base_fields
    for name, value in suggestion.proposed.items():
        field = fields.get(name)
        if field is None:
            continue
        if isinstance(field, forms.BooleanField):
            value = str(value).strip().lower() not in NO
        elif isinstance(field, forms.MultipleChoiceField) and isinstance(value, str):
            value = [v.strip() for v in value.replace(",", " ").split() if v.strip()]
        initial[name] = value
    return initial


def _entry_form(suggestion: Suggestion, entry, data=None, files=None):
    form_class = _form_class(suggestion.directory)
    form = form_class(data, files, instance=entry, initial=_initial(form_class, suggestion))
    if entry is not None and "jurisdiction" in form.fields:
        form.fields["jurisdiction"].disabled = True
    form.fields["last_verified"].help_text = _("Accepting records that the entry was checked.")
    return form


def _values(form) -> dict:
    """The form's values as the services take them (codes and ids, no upload)."""
    out = {}
    for name, value in form.cleaned_data.items():
        if name == "document" or form.fields[name].disabled:
            continue
        out[name] = value.pk if hasattr(value, "pk") else value
    return out


def _suggestion(pk: int) -> Suggestion:
    found = Suggestion.objects.filter(pk=pk).first() if 0 < pk < 2**31 else None
    if found is None:
        raise Http404("No such suggestion.")
    return found


def _admin(kind: str) -> str:
    return f"admin:directories_{waiting.CURATED[kind]._meta.model_name}"


@staff_only
@require_http_methods(["GET"])
def curation(request: HttpRequest) -> HttpResponse:
    due = [
        {
            "entry": e,
            "public": reverse(e.public[0], args=e.public[1]) if e.public else "",
            "edit": reverse(_admin(e.kind) + "_change", args=[e.pk]),
        }
        for e in waiting.due_entries(today=timezone.localdate())
    ]
    context = {
        "suggestions": waiting.suggestions_to_decide()[:200],
        "due": due,
        "admin_models": [
            (
                model._meta.verbose_name_plural,
                reverse(_admin(key) + "_changelist"),
                reverse(_admin(key) + "_add"),
            )
            for key, model in waiting.CURATED.items()
        ],
    }
    return render(request, "backoffice/work/directories.html", context)


@staff_only
@require_http_methods(["GET", "POST"])
def suggestion_decide(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _suggestion(pk)
    entry = suggestions.entry_of(suggestion)
    form = _entry_form(suggestion, entry)
    reject = RejectForm()
    pending = suggestion.status == Suggestion.Status.PENDING
    if request.method == "POST" and pending:
        if request.POST.get("decision") == "reject":
            reject = RejectForm(request.POST)
            done = _("Suggestion declined; the suggester is told why.")
            if submit(request, reject, lambda d: _reject(request, suggestion, d), done):
                return redirect("backoffice-work:directories")
        else:
            form = _entry_form(suggestion, entry, request.POST, request.FILES)
            if _accept(request, suggestion, form):
                return redirect("backoffice-work:directories")
    context = {
        "s": suggestion,
        "entry": entry,
        "entry_link": suggestions.entry_path(suggestion) if entry is not None else "",
        "form": form,
        "reject_form": reject,
        "pending": pending,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "backoffice/work/directory_suggestion.html", context, status=status)


def _reject(request: HttpRequest, suggestion: Suggestion, data: dict) -> None:
    suggestions.suggestion_reject(user=request.user, suggestion=suggestion, reason=data["reason"])


def _accept(request: HttpRequest, suggestion: Suggestion, form) -> bool:
    if not form.is_valid():
        return False
    try:
        suggestions.suggestion_accept(
            user=request.user,
            suggestion=suggestion,
            values=_values(form),
            note=request.POST.get("note", "")[:2000],
            document=request.FILES.get("document"),
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    messages.success(request, _("Suggestion accepted; the entry was changed."))
    return True


@staff_only
@require_POST
def entry_verify(request: HttpRequest) -> HttpResponse:
    """Mark one entry (kind and id in the form) as verified today."""
    model = waiting.CURATED.get(request.POST.get("kind", ""))
    pk = whole_number(request.POST.get("pk"))
    entry = model.objects.filter(pk=pk).first() if model and pk and pk < 2**31 else None
    if entry is None:
        raise Http404("No such entry.")
    services.entry_verify(user=request.user, entry=entry)
    messages.success(request, _("“%(entry)s” marked as verified today.") % {"entry": entry})
    return redirect(reverse("backoffice-work:directories") + "#due-heading")
