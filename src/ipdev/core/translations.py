"""Texts that users write (titles, summaries) given in several languages, with the original kept.

A row keeps its text as written plus `text_language` (the language it was written in) and
`translations`: ``{"fr": {"title": "...", "summary": "..."}, ...}``. Keys are the ISO 639-1
codes that the reference data and IATI's ``xml:lang`` use, so the interface's ``zh-hans`` is
``zh`` here. Reading picks the active language's text and says when it fell back to the original.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, get_language_info, gettext_lazy
from django.utils.translation import gettext as _

# The six UN languages, as ISO 639-1 codes.
CONTENT_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
LANGUAGE_CHOICES = [
    ("ar", gettext_lazy("Arabic")),
    ("zh", gettext_lazy("Chinese")),
    ("en", gettext_lazy("English")),
    ("fr", gettext_lazy("French")),
    ("ru", gettext_lazy("Russian")),
    ("es", gettext_lazy("Spanish")),
]
# Codes people and other systems send for the same six languages.
# ISO 639-1 keys whose interface (Django) code differs.
INTERFACE_CODES = {"zh": "zh-hans"}
ALIASES = {"zh-hans": "zh", "zh-cn": "zh", "zh_hans": "zh", "zh-hans-cn": "zh"}


def language_key(language: str | None = None) -> str:
    """The ISO 639-1 key for an interface language code (the active one when not given)."""
    code = (language or get_language() or "en").strip().lower()
    return ALIASES.get(code, code.split("-")[0])


def clean_translations(
    value: Any, *, fields: Iterable[str], original_language: str, field: str = "translations"
) -> dict[str, dict[str, str]]:
    """Validate and normalise a translations map; the error names the language and the field.

    Empty texts are dropped; a language whose texts are all empty is dropped too.
    """
    fields = tuple(fields)
    if value in (None, ""):
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError({field: _("Expected an object keyed by language code.")})
    out: dict[str, dict[str, str]] = {}
    for raw_code, texts in value.items():
        code = ALIASES.get(str(raw_code).strip().lower(), str(raw_code).strip().lower())
        if code not in CONTENT_LANGUAGES:
            raise ValidationError(
                {
                    field: _("Unknown language '%(code)s': use one of %(codes)s.")
                    % {"code": raw_code, "codes": ", ".join(CONTENT_LANGUAGES)}
                }
            )
        if code == original_language:
            raise ValidationError(
                {field: _("'%(code)s' is the original language of the text.") % {"code": code}}
            )
        if not isinstance(texts, Mapping):
            raise ValidationError(
                {field: _("'%(code)s': expected an object of texts.") % {"code": code}}
            )
        unknown = sorted(set(texts) - set(fields))
        if unknown:
            raise ValidationError(
                {
                    field: _("'%(code)s': unknown field(s) %(names)s; translatable: %(fields)s.")
                    % {"code": code, "names": ", ".join(unknown), "fields": ", ".join(fields)}
                }
            )
        kept = {}
        for name, text in texts.items():
            if text is None:
                continue
            if not isinstance(text, str):
                raise ValidationError(
                    {field: _("'%(code)s.%(name)s' must be text.") % {"code": code, "name": name}}
                )
            if text.strip():
                kept[name] = text.strip()
        if kept:
            out[code] = kept
    return {code: out[code] for code in CONTENT_LANGUAGES if code in out}


@dataclass(frozen=True)
class Shown:
    """A text as shown to the reader: in `lang`, which is the original when `fallback`."""

    text: str
    lang: str
    fallback: bool

    def __str__(self) -> str:
        return self.text

    @property
    def language_name(self) -> str:
        """The name of `lang` in the reader's language (the code when Django does not know it)."""
        try:
            return str(
                get_language_info(INTERFACE_CODES.get(self.lang, self.lang))["name_translated"]
            )
        except KeyError:
            return self.lang


def shown(
    translations: Mapping[str, Mapping[str, str]] | None,
    name: str,
    original: str,
    original_language: str,
    language: str | None = None,
) -> Shown:
    """`name` in the reader's language if it was given in it, else the original."""
    want = language_key(language)
    if want == original_language:
        return Shown(original, original_language, False)
    text = ((translations or {}).get(want) or {}).get(name)
    if text:
        return Shown(text, want, False)
    return Shown(original, original_language, bool(original))


def all_texts(translations: Mapping[str, Mapping[str, str]] | None) -> list[str]:
    """Every translated text, for search documents, by language code: PostgreSQL's jsonb does
    not keep the keys' order, and a document must not depend on where it was built from."""
    translations = translations or {}
    return [
        text
        for language in sorted(translations)
        for _field, text in sorted(translations[language].items())
        if text
    ]
