"""Words in the six UN languages reduced to what they share: stems and dictionary words.

Used by the search index (ipdev.search) and by WIPO Match's ranking (ipdev.matchmaking.text),
so that both reduce a word the same way:

- Arabic, English, French, Russian and Spanish: the Snowball stemmers (PyStemmer), in Arabic
  after making the article explicit (`arabic_article`);
- Chinese: words from jieba's dictionary; `chinese_words` in search mode gives the dictionary
  words inside a longer one too (专利审查: 专利, 审查, 专利审查).

Pure Python; no database.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

import jieba
import Stemmer

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
SNOWBALL = {"ar": "arabic", "en": "english", "fr": "french", "ru": "russian", "es": "spanish"}
LATIN = frozenset({"en", "fr", "es"})
HAN = re.compile(r"[\u3400-\u9fff]")
HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """A word without its accents (compatibility decomposition, combining marks dropped)."""
    if word.isascii():
        return word
    folded = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


@cache
def stemmer(language: str):
    """The Snowball stemmer of one of `SNOWBALL`'s languages (one per process and language)."""
    return Stemmer.Stemmer(SNOWBALL[language])


def arabic_article(word: str) -> str:
    """A word with its article made explicit: the Snowball stemmer strips suffixes
    differently with and without it (براءات and البراءات, علامات and العلامات would not meet),
    and does not strip a conjunction or preposition before the article (والبراءات)."""
    for prefix in ("وال", "بال", "كال", "فال"):
        if word.startswith(prefix) and len(word) > 5:
            return word[1:]
    if word.startswith("لل") and len(word) > 4:
        return "ال" + word[2:]
    if not word.startswith("ال") and len(word) >= 4:
        return "ال" + word
    return word


def stem(word: str, language: str) -> str:
    """The Snowball stem of one lower-case word in `language` (Arabic via `arabic_article`)."""
    return stemmer(language).stemWord(arabic_article(word) if language == "ar" else word)


def script_languages(word: str) -> tuple[str, ...]:
    """The stemmed languages a word may be in, by its script: Latin letters are English,
    French or Spanish; Cyrillic Russian; Arabic Arabic; anything else (Chinese, digits) none."""
    if word.isascii():
        return ("en", "fr", "es") if not word.isdigit() else ()
    if _CYRILLIC.search(word):
        return ("ru",)
    if _ARABIC.search(word):
        return ("ar",)
    if HAN.search(word):
        return ()
    return ("en", "fr", "es")


@lru_cache(maxsize=500_000)
def stems(word: str) -> tuple[str, ...]:
    """The distinct stems of a lower-case word in each language its script allows, accents
    folded (so ``brevets``, ``patents`` and ``patentes`` give ``brevet`` and ``patent``). Words
    shorter than three letters are their own stem."""
    if len(word) < 3:
        return (word,)
    found = dict.fromkeys(fold(stem(word, language)) for language in script_languages(word))
    return tuple(found) or (word,)


@cache
def tokenizer(extra: Iterable[str] = ()):
    """A jieba tokenizer, with `extra` words added to its dictionary (a tuple, for the cache)."""
    jieba.setLogLevel(logging.WARNING)
    made = jieba.Tokenizer()
    for word in extra:
        if len(word) > 1:
            made.add_word(word)
    return made


def chinese_words(text: str, *, search: bool = True) -> list[str]:
    """The dictionary words of a run of Chinese characters: jieba's precise cut, or its search
    mode (the shorter dictionary words inside a long one as well) when `search`."""
    cut = tokenizer()
    parts = cut.cut_for_search(text) if search else cut.cut(text)
    return [p for p in (part.strip() for part in parts) if p]
