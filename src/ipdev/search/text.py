"""Turn what a person typed into search terms, so that no input can break an engine's syntax.

Both engines get the same terms: words (letters and digits only), quoted phrases, and a prefix
flag on the last word while it is still being typed. Everything else (operators, quotes,
brackets, SQL) is punctuation and falls away. Terms are AND-ed by the engines.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat

from .types import Words

# Bounds that keep a pathological input cheap: nobody searches with more than this.
MAX_TERMS = 12
MAX_WORD_LENGTH = 64
# A prefix shorter than this expands to too many index terms to be worth its cost.
MIN_PREFIX_LENGTH = 3

_WORD = re.compile(r"[^\W_]+")
# ASCII letters and digits are what _WORD matches in ASCII text: every other character separates.
_ASCII_SEPARATORS = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c.isalnum() and c.isascii())}
)
# Non-ASCII separators common in text that is otherwise ASCII: none is a letter or a digit,
# none decomposes or combines (tests/search/test_words.py checks), so such text may be split
# as ASCII once they are spaces.
TYPOGRAPHIC = (
    "\u00a0\u00a3\u00a7\u00ab\u00b4\u00bb\u00bf"  # no-break space, pound, section, guillemets...
    "\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac"  # dashes, curly quotes, bullet, euro
)
_TYPOGRAPHIC = re.compile(f"[{TYPOGRAPHIC}]")
# ASCII letters decomposed with accents: the combining marks U+0300-U+036F (all combining but
# U+034F, the grapheme joiner), which ``normalise`` deletes.
ACCENTS = "\u0300-\u034e\u0350-\u036f"
_NOT_ACCENTED_ASCII = re.compile(f"[^\\x00-\\x7f{ACCENTS}{TYPOGRAPHIC}]")
_QUOTED = re.compile(r'"([^"]*)"')
# Written as operators, these words are meant as syntax; searched for, they would only make
# every query fail (the engines AND all terms). Lower-case "or" and "and" stay searchable.
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


@dataclass(frozen=True)
class Term:
    """One AND-ed term: a single word, or a phrase of several words in order."""

    words: tuple[str, ...]
    prefix: bool = False


def normalise(text: str) -> str:
    """Lower-case text without combining accents.

    Only canonical decomposition and lower(): the engines fold further themselves (FTS5's
    remove_diacritics, PostgreSQL's unaccent) on both the documents and the query, so folding
    more here (casefold's "ss" for "ß") would make a query miss what the engine indexed.
    ASCII text, most of what is indexed, takes a fast path (it has no accents to strip).
    """
    if text.isascii():
        return text.lower()
    return _folded(unicodedata.normalize("NFD", text))


def _folded(decomposed: str) -> str:
    return unicodedata.normalize("NFC", decomposed.translate(_combining())).lower()


def _ascii_or_normalised(text: str) -> str:
    """Text that is ASCII but for typographic marks and accents (English with a curly quote,
    French, Spanish...) as that ASCII, marks made spaces and accents dropped: the same words,
    split faster. Any other text normalised."""
    decomposed = unicodedata.normalize("NFD", text)
    if _NOT_ACCENTED_ASCII.search(decomposed) is None:
        return _TYPOGRAPHIC.sub(" ", decomposed).encode("ascii", "ignore").decode("ascii")
    return _folded(decomposed)


class _Combining(dict):
    """A ``str.translate`` table that deletes combining characters, filled as characters are
    met: every character seen is a key (combining: None, else itself), up to ``LIMIT`` of them
    (any text may be searched for: a process keeps a few thousand, whatever it is sent).
    A complete table of the combining characters alone would send every other character
    through a failed look-up, which ``translate`` handles slowly (a third slower on real
    text), and take 0.1 s to build."""

    LIMIT = 1 << 16

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        if len(self) < self.LIMIT:
            self[code] = value
        return value


@functools.cache
def _combining() -> _Combining:
    return _Combining()


def words(text: str) -> list[str]:
    """The normalised words of a text, split where the engines split (letters and digits)."""
    if not text.isascii():
        text = _ascii_or_normalised(text)
    if text.isascii():  # most text: split by a table, 3-4 times faster than the pattern
        text = text.lower()
        found = text.translate(_ASCII_SEPARATORS).split()
    else:
        found = _WORD.findall(text)
    # (rare: cut only when needed, and never in a text too short to hold a word too long)
    if len(text) > MAX_WORD_LENGTH and found and max(map(len, found)) > MAX_WORD_LENGTH:
        return [w[:MAX_WORD_LENGTH] for w in found]
    return found


def split_words(title: str, texts: Iterable[str]) -> Words:
    """A document's ``Words``, as the engine's writer would split them: the same words of
    title and text as ``words`` of each, counted. Text parts split one by one give the same
    words as their join with spaces, so the ASCII ones (most) are split in one call."""
    uses = Counter(words(title))
    titled = len(uses)  # (a Counter keeps its keys in the order first met: the title's first)
    plain, other = [], []
    for text in texts:
        if text:
            (plain if text.isascii() else other).append(text)
    if plain:
        uses.update(words(" ".join(plain)))
    _counted(uses, other)  # (each alone: one would take the whole join off the fast path)
    counts = uses.values()
    try:
        packed = bytes(counts)
    except ValueError:  # (rare: a word used 256 times or more)
        packed = bytes(map(min, counts, repeat(255)))
    return Words(tuple(uses), packed, titled)


def more_words(found: Words, texts: Iterable[str]) -> Words:
    """``found`` with the words of a few more short texts counted in (an activity's country
    and reporter names: the same few texts again and again, so their words are kept)."""
    names, counts, added = found.names, None, {}
    for text in texts:
        for word in _short_words(text) if text else ():
            if word in added:
                added[word] += 1
            elif word in names:
                if counts is None:
                    counts = bytearray(found.counts)
                i = names.index(word)
                counts[i] = min(counts[i] + 1, 255)
            else:
                added[word] = 1
    if counts is None and not added:
        return found
    tail = bytes(map(min, added.values(), repeat(255)))
    return Words(names + tuple(added), bytes(counts or found.counts) + tail, found.titled)


@functools.lru_cache(maxsize=4096)
def _short_words(text: str) -> tuple[str, ...]:
    return tuple(words(text))


def _counted(uses: Counter, texts: Iterable[str]) -> Counter:
    for text in texts:
        if text:
            uses.update(words(text))
    return uses


def parse(text: str) -> list[Term]:
    """The terms of a query: quoted phrases first-class, the other words one term each."""
    terms: list[Term] = []
    position = 0
    for match in _QUOTED.finditer(text):
        terms += _plain_terms(text[position : match.start()])
        phrase = tuple(words(match.group(1)))
        if len(phrase) == 1:
            terms.append(Term(phrase))
        elif phrase:
            terms.append(Term(phrase[:MAX_TERMS]))
        position = match.end()
    tail = text[position:]
    terms += _plain_terms(tail)
    terms = _dedupe(terms)[:MAX_TERMS]
    # Prefix-match the last word only while it is being typed: no space or quote after it.
    if terms and tail.strip() and not text[-1:].isspace() and not tail.rstrip().endswith('"'):
        last = terms[-1]
        if len(last.words) == 1 and len(last.words[0]) >= MIN_PREFIX_LENGTH:
            terms[-1] = Term(last.words, prefix=True)
    return terms


def _plain_terms(text: str) -> list[Term]:
    raw = [t for t in _WORD.findall(text.replace('"', " ")) if t not in _OPERATORS]
    return [Term((w,)) for t in raw for w in words(t)]


def _dedupe(terms: list[Term]) -> list[Term]:
    seen: set[Term] = set()
    unique = []
    for term in terms:
        if term not in seen:
            seen.add(term)
            unique.append(term)
    return unique
