"""Consent pages: a focal point (or staff) gives, renews and revokes consent, previews what
the public will see, decides on requests for details; the public asks for details.

Every write goes through ipdev.activities.services (consent_grant, consent_revoke,
details_request_*), so the audit entries are the API's.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ipdev.activities import consents, selectors, services
from ipdev.activities.models import Activity, DetailGroup
from ipdev.activities.visibility import Viewer
from ipdev.core.throttle import client_address

from .access import public_form, writers
from .consent_forms import (
    COUNTRY,
    ConsentForm,
    DeclineRequestForm,
    DetailsRequestForm,
    GrantRequestForm,
    RevokeForm,
)
from .forms import add_service_errors


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path on this site only ("-1" or a view's name would be taken for a URL name).
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return fallback


@writers
@require_GET
def consent_home(request: HttpRequest) -> HttpResponse:
    countries = consents.consent_countries(user=request.user)
    if len(countries) == 1:
        return redirect("backoffice-work:consent-country", code=countries[0][0])
    context = {
        "countries": countries,
        "requests": consents.open_details_requests(user=request.user),
        "expiring": consents.expiring_consents(user=request.user),
    }
    return render(request, "backoffice/work/consent_home.html", context)


@writers
@require_GET
def consent_country(request: HttpRequest, code: str) -> HttpResponse:
    page = consents.country_consents(user=request.user, code=code)
    return render(request, "backoffice/work/consent_country.html", {"page": page})


def _consent_form(request: HttpRequest, activity_pk: int, data=None) -> ConsentForm:
    panel = consents.consent_panel(user=request.user, pk=activity_pk)
    if panel is None or not panel.countries:
        raise Http404("No consent to manage here.")
    viewer = Viewer.of(request.user)
    staff_on_behalf = viewer.staff and not viewer.countries.intersection(
        code for code, _name in panel.countries
    )
    initial = {"granted_by": request.user.get_full_name() or request.user.get_username()}
    initial["groups"] = [g.code for g in panel.groups if g.public]
    return ConsentForm(
        data, countries=panel.countries, staff=staff_on_behalf, initial=initial
    ), panel


@writers
@require_http_methods(["GET", "POST"])
def activity_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """Give or renew consent for an activity: the form, then a preview, then the record."""
    form, panel = _consent_form(request, pk, request.POST or None)
    detail = selectors.activity_detail(user=request.user, pk=pk)
    context = {"form": form, "panel": panel, "activity": detail}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        whole_country = data["scope"] == COUNTRY
        if request.POST.get("confirm") == "1":
            try:
                services.consent_grant(
                    user=request.user,
                    country=data["country"],
                    activity=None if whole_country else get_object_or_404(Activity, pk=pk),
                    groups=data["groups"],
                    granted_by=data["granted_by"],
                    granted_on=data["granted_on"],
                    valid_until=data["valid_until"],
                    reference=data["reference"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Consent recorded."))
                return redirect("portal:activity", pk=pk)
        else:
            public = consents.consent_preview(
                user=request.user,
                pk=pk,
                country=data["country"],
                whole_country=whole_country,
                groups=data["groups"],
                granted_on=data["granted_on"],
            )
            labels = dict(DetailGroup.choices)
            context.update(
                preview=selectors.activity_preview(user=request.user, pk=pk, groups=public),
                public_labels=[labels[g] for g in DetailGroup.values if g in public],
                withheld_labels=[labels[g] for g in DetailGroup.values if g not in public],
                whole_country=whole_country,
                chosen_labels=[labels[g] for g in data["groups"]],
            )
            return render(request, "backoffice/work/consent_preview.html", context)
    status = 400 if form.errors else 200
    return render(request, "backoffice/work/consent_form.html", context, status=status)


@writers
@require_http_methods(["GET", "POST"])
def consent_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    consent = consents.consent_for_revoke(user=request.user, pk=pk)
    fallback = (
        reverse("portal:activity", args=[consent.activity_id])
        if consent.activity_id
        else reverse("backoffice-work:consent-country", args=[consent.country_id])
    )
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_revoke(
                user=request.user, consent=consent, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Consent revoked."))
            return redirect(_back(request, fallback))
    context = {"form": form, "consent": consent, "back": _back(request, fallback)}
    status = 400 if form.errors else 200
    return render(request, "backoffice/work/consent_revoke.html", context, status=status)


@writers
@require_GET
def details_request_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    rows = consents.details_requests(user=request.user, status=status)
    return render(
        request, "backoffice/work/details_requests.html", {"rows": rows, "status": status}
    )


def _request_page(request, pk, grant=None, decline=None) -> HttpResponse:
    row = consents.details_request(user=request.user, pk=pk)
    name = request.user.get_full_name() or request.user.get_username()
    context = {
        "r": row,
        "grant_form": grant or GrantRequestForm(initial={"granted_by": name}),
        "decline_form": decline or DeclineRequestForm(),
    }
    status = 400 if (grant or decline) else 200
    return render(request, "backoffice/work/details_request.html", context, status=status)


@writers
@require_GET
def details_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _request_page(request, pk)


@writers
@require_POST
def details_request_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    found = consents.details_request_for_decision(user=request.user, pk=pk)
    form_class = GrantRequestForm if decision == "grant" else DeclineRequestForm
    form = form_class(request.POST)
    if form.is_valid():
        try:
            if decision == "grant":
                services.details_request_grant(
                    user=request.user, request=found, **form.cleaned_data
                )
            else:
                services.details_request_decline(
                    user=request.user, request=found, reason=form.cleaned_data["reason"]
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            done = _("Request granted.") if decision == "grant" else _("Request declined.")
            messages.success(request, done)
            return redirect("backoffice-work:details-request", pk=pk)
    if decision == "grant":
        return _request_page(request, pk, grant=form)
    return _request_page(request, pk, decline=form)


SENT = "backoffice/work/details_request_sent.html"


def _sender(request: HttpRequest) -> str:
    return client_address(request)


@public_form
@require_http_methods(["GET", "POST"])
def details_request_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A visitor asks for the withheld details of an activity."""
    detail = selectors.activity_detail(user=None, pk=pk)
    labels = dict(DetailGroup.choices)
    withheld = [(g, labels[g]) for g in DetailGroup.values if g not in detail.visible_groups]
    if detail.source != "ipdev" or not withheld:
        raise Http404("Every detail of this activity is public.")
    form = DetailsRequestForm(request.POST or None, withheld=withheld)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:
            # A robot: answer as if it worked, write nothing.
            return render(
                request, "backoffice/work/details_request_sent.html", {"activity": detail}
            )
        try:
            services.details_request_file(
                activity=get_object_or_404(Activity, pk=pk),
                groups=data["groups"],
                email=data["email"],
                reason=data["reason"],
                name=data["name"],
                sender=_sender(request),
                language=request.LANGUAGE_CODE,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return render(
                request, "backoffice/work/details_request_sent.html", {"activity": detail}
            )
    status = 400 if form.errors else 200
    context = {"form": form, "activity": detail}
    return render(request, "backoffice/work/details_request_form.html", context, status=status)
