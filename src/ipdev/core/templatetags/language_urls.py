"""`{% page_in_languages as versions %}`: this page's address in each interface language."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.conf import settings

from ipdev.core.language_urls import is_localized, localized_path, split_language

register = template.Library()


@dataclass(frozen=True)
class Version:
    language: str  # Django's code, as in LANGUAGES: 'zh-hans'
    hreflang: str  # BCP 47, for <link hreflang>: 'zh-Hans'
    url: str  # absolute, with the page's query string


def bcp47(code: str) -> str:
    """'zh-hans' -> 'zh-Hans': a four-letter subtag is a script, written in title case."""
    return "-".join(part.title() if len(part) == 4 else part for part in code.split("-"))


@register.simple_tag(takes_context=True)
def page_in_languages(context) -> list[Version]:
    """The same page with the same query string in every language, then 'x-default' (the
    address without a language); nothing for an address that exists in one form only."""
    request = context.get("request")
    bare = split_language(request.path_info)[1] if request is not None else ""
    if not is_localized(bare):
        return []
    query = request.META.get("QUERY_STRING", "")
    tail = f"?{query}" if query else ""

    def absolute(language: str) -> str:
        prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
        return request.build_absolute_uri(f"{prefix}{bare}{tail}")

    versions = [Version(code, bcp47(code), absolute(code)) for code, _name in settings.LANGUAGES]
    return [*versions, Version("", "x-default", absolute(settings.LANGUAGE_CODE))]


@register.filter
def localized(path: str) -> str:
    """A site path ('/match/needs/3/', as selectors give it for any reader) under the prefix of
    the page's language: '/fr/match/needs/3/'."""
    return localized_path(path) if path else path
