"""A signed-in user's saved searches: save the current activity search, delete one. The list
is on the settings page; the alerts leave as a scheduled job (activities.alerts)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipdev.activities import alerts
from ipdev.activities.models import SavedSearch
from ipdev.core.bounds import whole_number

from .account import _signed_in


@_signed_in
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Save the search whose query string is posted, under the posted name; back to it."""
    query = request.POST.get("query", "")[:4000]
    back = reverse("portal:search") + (f"?{alerts.normalised_query(query)}" if query else "")
    try:
        search = alerts.saved_search_create(
            user=request.user, name=request.POST.get("name", ""), query=query
        )
    except ValidationError as exc:
        for problems in exc.message_dict.values():
            for problem in problems:
                messages.error(request, problem)
    else:
        messages.success(
            request,
            _("The search “%(name)s” is saved. New activities that match it will be e-mailed "
              "to you; see your settings.") % {"name": search.name},
        )  # fmt: skip
    return redirect(back)


@_signed_in
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    if whole_number(str(pk)) is None:
        raise Http404
    try:
        alerts.saved_search_delete(user=request.user, pk=pk)
    except SavedSearch.DoesNotExist:
        raise Http404("No such saved search.") from None
    messages.success(request, _("The saved search is deleted."))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("workspace:settings")
