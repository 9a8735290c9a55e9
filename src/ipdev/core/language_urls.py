"""The language in the address: /fr/activities/ is the French page, /activities/ the English one.

The pages people read (portal, directories, workspace, back office, sign-in) are served under
Django's ``i18n_patterns`` with no prefix for the default language; what machines read (the API,
/health/, /ready/, the language switch itself) has one address only. This module says which
address a page has in a language, for the switcher, the ``hreflang`` alternates and the links in
e-mails, and holds the middleware that reads the language from the address.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import LocalePrefixPattern, Resolver404, URLResolver, get_resolver
from django.utils import translation
from django.utils.cache import patch_vary_headers

_PREFIX = re.compile(r"^/([\w@-]+)(?:/|$)")


def supported(language: str | None) -> str | None:
    """The interface language this code stands for ('fr-CH' -> 'fr'), or None."""
    if not language:
        return None
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:
        return None


def split_language(path: str) -> tuple[str | None, str]:
    """The language named at the start of the path (never the default one, which has no
    prefix), and the path without it: '/fr/activities/' -> ('fr', '/activities/')."""
    found = _PREFIX.match(path)
    codes = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    if found and found.group(1) in codes:
        return found.group(1), "/" + path[found.end() :]
    return None, path


def _localized_patterns(urlconf: str | None = None) -> URLResolver | None:
    for pattern in get_resolver(urlconf).url_patterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            return pattern
    return None


def is_localized(path: str, urlconf: str | None = None) -> bool:
    """Whether the page at this path (without a language prefix) exists in every language."""
    patterns = _localized_patterns(urlconf)
    if patterns is None or not path.startswith("/"):
        return False
    with translation.override(settings.LANGUAGE_CODE):
        try:
            patterns.resolve(path[1:])
        except Resolver404:
            return False
    return True


def localized_path(path: str, language: str | None = None) -> str:
    """The same page's path in the language (the active one if not given): '/fr/activities/',
    a query string or fragment kept. The default language, and addresses that exist in one form
    only (the API), have no prefix."""
    language = supported(language or translation.get_language()) or settings.LANGUAGE_CODE
    cut = min((i for i in (path.find("?"), path.find("#")) if i >= 0), default=len(path))
    _current, bare = split_language(path[:cut])
    if language != settings.LANGUAGE_CODE and is_localized(bare):
        bare = f"/{language}{bare}"
    return bare + path[cut:]


def localized_url(url: str, language: str | None = None) -> str:
    """``localized_path`` for a whole address, keeping its host, query string and fragment."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=localized_path(parts.path or "/", language)))


def site_link(path: str, language: str | None = None) -> str:
    """An absolute link for an e-mail, in the recipient's language (by default the active one,
    as e-mails are composed inside ``translation.override(user.email_language())``)."""
    return settings.IPDEV_SITE_URL + localized_path(path, language)


def preferred(request) -> str:
    """The language this visitor asked for without an address saying it: the switcher's cookie,
    else the browser's Accept-Language, else the default."""
    return translation.get_language_from_request(request, check_path=False)


class LanguageInPath(LocaleMiddleware):
    """The address says the language, so a copied link opens in the language it was copied in.

    /fr/… is French for everybody, whatever their cookie or account says. An address without a
    prefix is the English page; a visitor who prefers another language (chosen with the switcher,
    else their browser's) is sent from it to that language's address of the same page, so the
    address always names the language shown. Addresses that exist once (the API, /health/) keep
    following the cookie and Accept-Language, as they did before languages were in addresses.
    """

    def process_request(self, request):
        if split_language(request.path_info)[0]:
            return super().process_request(request)
        urlconf = getattr(request, "urlconf", None)
        request.localized_page = is_localized(request.path_info, urlconf)
        if not request.localized_page:
            translation.activate(preferred(request))
            request.LANGUAGE_CODE = translation.get_language()
            return None
        language = preferred(request)
        if request.method in ("GET", "HEAD") and language != settings.LANGUAGE_CODE:
            query = request.META.get("QUERY_STRING", "")
            target = localized_path(request.path_info, language) + (f"?{query}" if query else "")
            response = HttpResponseRedirect(request.META.get("SCRIPT_NAME", "") + target)
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
            return response
        return super().process_request(request)

    def process_response(self, request, response):
        if getattr(request, "localized_page", False):
            patch_vary_headers(response, ("Cookie",))
        return super().process_response(request, response)
