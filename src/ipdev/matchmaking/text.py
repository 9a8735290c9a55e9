"""The words of needs and offers in the six UN languages, as the ranking compares them.

`analyse(text, language)` gives each word that carries a topic as a (term, word) pair: the
term is what is compared (the Snowball stem, tagged with the language: ``"en:examin"``), the
word is what was written ("examiners"), for showing why two listings match.

- Arabic, English, French, Russian and Spanish: letters only, lower case, the language's stop
  words dropped, then the Snowball stemmer (PyStemmer; in Arabic after making the article
  explicit, see `ipdev.core.stemming`); accents are folded after stemming in
  the Latin-script languages (``propriété`` and ``propriete`` meet), never in Cyrillic (``й``).
- Chinese: words from jieba's dictionary (search mode, so 专利审查 also gives 专利 and 审查),
  single characters and stop words dropped; Latin words inside a Chinese text are English.
- Words that carry no topic are left out in every language: the names of countries and of
  languages (from the reference data files, in the six languages: "delivery in English" or
  "Kenya" say nothing about the subject; eligibility handles place and language), and a short
  list of words every listing uses ("need", "support", "country"...).

The stemmers and the Chinese dictionary are shared with search (ipdev.core.stemming). Pure
Python over the reference data files; no database.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path

from ipdev.core.stemming import HAN, LANGUAGES, LATIN, SNOWBALL, arabic_article, tokenizer
from ipdev.core.stemming import fold as _fold
from ipdev.core.stemming import stemmer as _stemmer

__all__ = ["LANGUAGES", "analyse", "arabic_article", "terms"]
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "data"

STOPWORDS_DIR = Path(__file__).resolve().parent / "stopwords"


@cache
def stopwords(language: str) -> frozenset[str]:
    """`stopwords/<language>.txt`: function words, and words every need or offer uses
    ("need", "support", "provide", "country", "WIPO"): they say nothing about the subject. Our
    own short lists, one word a line."""
    return frozenset(
        w.strip().lower()
        for w in (STOPWORDS_DIR / f"{language}.txt").read_text(encoding="utf-8").split()
    )


# Country-name words that are ordinary words elsewhere: kept out of the no-topic list.
ORDINARY = frozenset({"unit", "union", "central", "new", "island", "islands", "saint"})


def _names(file: str) -> list[str]:
    rows = json.loads((REFERENCE / file).read_text(encoding="utf-8"))
    return [n for row in rows for n in (row["name"], *row.get("names", {}).values()) if n]


@cache
def _no_topic() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(words, stems, Chinese words) that carry no topic: stop words, names of countries and
    languages in the six languages.

    Stems catch inflected forms ("anglaise", "английском", "Узбекистане"), but only of stop
    words, language names and, in Arabic and Russian, country names: the stem of "United" is
    that of "unit", which does carry a topic."""
    stop: set[str] = set()
    for language in SNOWBALL:
        stop |= stopwords(language)
    han: set[str] = set(stopwords("zh"))

    def parts(names: list[str]) -> set[str]:
        found = set()
        for name in names:
            for part in WORD.findall(name.lower()):
                if HAN.search(part):
                    han.add(part)
                elif part not in ORDINARY:
                    found.add(part)
        return found

    countries = parts(_names("countries.json"))
    languages = parts(_names("languages.json"))
    words = stop | countries | languages
    words |= {_fold(w) for w in words}
    stems = set()
    for language in SNOWBALL:
        stemmed = stop | languages | (countries if language in {"ar", "ru"} else set())
        stemmer = _stemmer(language)
        stems.update(
            f"{language}:{_fold(s) if language in LATIN else s}"
            for s in stemmer.stemWords(sorted(stemmed))
        )
    return frozenset(words), frozenset(stems), frozenset(han)


@cache
def _jieba():
    return tokenizer(tuple(sorted(_no_topic()[2])))


@lru_cache(maxsize=500_000)
def _term(language: str, word: str) -> str | None:
    """The term of one lower-case word, or None if it carries no topic (cached: texts repeat
    their words, and a catalogue's vocabulary is far smaller than its texts)."""
    drop_words, drop_stems, _han = _no_topic()
    if len(word) < 3 or word in drop_words:
        return None
    if language in LATIN and _fold(word) in drop_words:
        return None
    # Russian: a name with a case ending (Узбекистане, Кении).
    if language == "ru" and any(word[:-k] in drop_words for k in (1, 2, 3)):
        return None
    stem = _stemmer(language).stemWord(arabic_article(word) if language == "ar" else word)
    term = f"{language}:{_fold(stem) if language in LATIN else stem}"
    return None if term in drop_stems else term


def _stemmed(words: list[str], language: str) -> list[tuple[str, str]]:
    out = []
    for word in words:
        term = _term(language, word)
        if term is not None:
            out.append((term, word))
    return out


def _chinese(text: str) -> list[tuple[str, str]]:
    """Dictionary words, and the shorter dictionary words inside a long one (as jieba's search
    mode), except inside a word that carries no topic (肯尼亚 gives no 尼亚)."""
    _words, _stems, drop = _no_topic()
    tokenizer = _jieba()
    out, latin = [], []
    for token in tokenizer.lcut(text):
        token = token.strip().lower()
        if not token:
            continue
        if not HAN.search(token):
            if WORD.fullmatch(token):
                latin.append(token)
            continue
        if len(token) < 2 or token in drop:
            continue
        for size in (2, 3):
            if len(token) > size:
                for i in range(len(token) - size + 1):
                    part = token[i : i + size]
                    if tokenizer.FREQ.get(part) and part not in drop:
                        out.append((f"zh:{part}", part))
        out.append((f"zh:{token}", token))
    return out + _stemmed(latin, "en")


def analyse(text: str, language: str = "en") -> list[tuple[str, str]]:
    """The (term, word) pairs of a text written in `language` (unknown languages: English)."""
    if not text:
        return []
    if language == "zh":
        return _chinese(text)
    if language not in SNOWBALL:
        language = "en"
    return _stemmed(WORD.findall(text.lower()), language)


def terms(text: str, language: str = "en") -> list[str]:
    """The terms of a text, in order, repeated as often as they occur."""
    return [term for term, _word in analyse(text, language)]
