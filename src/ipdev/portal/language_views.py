"""The language switcher: back to the same page, with its query string, in the chosen language."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from ipdev.core.language_urls import localized_url, supported

from .access import public


@public
@require_POST
def switch(request: HttpRequest) -> HttpResponse:
    """Django's set_language (the cookie, a return address on this site only), then the return
    address moved to the chosen language's prefix: /fr/activities/?country=KE from
    /activities/?country=KE. Works without JavaScript: the switcher is a plain form."""
    response = set_language(request)
    language = supported(request.POST.get("language"))
    if language and response.status_code == 302:
        response["Location"] = localized_url(response["Location"], language)
    return response
