"""Turn what a person typed into search terms, so that no input can break an engine's syntax.

Both engines get the same terms: words (letters and digits only), quoted phrases, and a prefix
flag on the last word while it is still being typed. Everything else (brackets, SQL) is
punctuation and falls away. ``parse_query`` reads three operators as well: ``OR`` between two
terms (either will do), ``-`` before a word or a quoted phrase (without it), and ``NOT`` before
one (the same); other terms are AND-ed.

Chinese, written without spaces, is cut into the words of jieba's dictionary
(ipdev.core.stemming): documents in search mode (专利审查 gives 专利, 审查 and 专利审查),
queries in its precise mode, whose words the search mode always gives too. A query word also
finds the words that share one of its stems in the six languages (``variants``, through the
stem table: ipdev.search.store.word_codes).

Quoted phrases are checked in each engine's positional index, which is given the text as these
words in order (``phrase_text``), Chinese one character a word: FTS5 and PostgreSQL would each
take a run of Chinese characters for a single word, and a dictionary cut depends on the text
around it, so a quoted Chinese phrase is matched as its characters in a row, wherever they are.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat

from ipdev.core.stemming import HAN, HAN_RUN, chinese_words, stems

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
    """One AND-ed term: a single word, or a phrase of several words in order. A `positional`
    term is checked in the positional index even when it is one word: quoted Chinese, whose
    characters in a row are what is asked for, whatever words the dictionary cuts them into."""

    words: tuple[str, ...]
    prefix: bool = False
    positional: bool = False


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
    if "\u0306" in decomposed:  # Cyrillic й is a letter of its own, not и with an accent
        decomposed = decomposed.replace("\u0438\u0306", "\u0439").replace("\u0418\u0306", "\u0419")
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


def words(text: str, *, query: bool = False) -> list[str]:
    """The normalised words of a text, split where the engines split (letters and digits),
    Chinese cut into dictionary words (search mode; the precise mode for a `query`)."""
    if not text.isascii():
        text = _ascii_or_normalised(text)
    if text.isascii():  # most text: split by a table, 3-4 times faster than the pattern
        text = text.lower()
        found = text.translate(_ASCII_SEPARATORS).split()
    else:
        found = _WORD.findall(text)
        if HAN.search(text):
            found = _cut_chinese(found, query=query)
    # (rare: cut only when needed, and never in a text too short to hold a word too long)
    if len(text) > MAX_WORD_LENGTH and found and max(map(len, found)) > MAX_WORD_LENGTH:
        return [w[:MAX_WORD_LENGTH] for w in found]
    return found


def _cut_chinese(found: list[str], *, query: bool) -> list[str]:
    """Words with their runs of Chinese characters cut into dictionary words (a run inside a
    word with other letters, 3D打印, is cut alone; the other letters stay a word)."""
    out = []
    for word in found:
        if not HAN.search(word):
            out.append(word)
            continue
        position = 0
        for run in HAN_RUN.finditer(word):
            if run.start() > position:
                out.append(word[position : run.start()])
            out += chinese_words(run.group(), search=not query)
            position = run.end()
        if position < len(word):
            out.append(word[position:])
    return out


def phrase_text(text: str) -> str:
    """Text as the engines' positional index keeps it: its words as ``words`` splits them,
    in order, separated by spaces, a Chinese character a word (see ``phrase_tokens``). The
    engines then split it exactly where a quoted phrase's words are split."""
    if not text:
        return ""
    if not text.isascii():
        text = _ascii_or_normalised(text)
    if text.isascii():
        found = text.lower().translate(_ASCII_SEPARATORS).split()
    else:
        found = _WORD.findall(text)
    return " ".join(phrase_tokens(found))


def phrase_tokens(found: Iterable[str]) -> list[str]:
    """Normalised words as the positional index holds them: a run of Chinese characters
    written one character a word (一 个 词), other words as ``words`` gives them."""
    out: list[str] = []
    for word in found:
        if word.isascii() or not HAN.search(word):
            out.append(word[:MAX_WORD_LENGTH])
            continue
        position = 0
        for run in HAN_RUN.finditer(word):
            if run.start() > position:
                out.append(word[position : run.start()][:MAX_WORD_LENGTH])
            out += run.group()
            position = run.end()
        if position < len(word):
            out.append(word[position:][:MAX_WORD_LENGTH])
    return out


def variants(word: str) -> tuple[str, ...]:
    """A query word and its stems in the languages of its script: the words the index looks
    for (a word shares a stem with the others it finds)."""
    found = stems(word)
    return (word, *(s for s in found if s != word))


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


@dataclass(frozen=True)
class Parsed:
    """A query's terms: `groups` are AND-ed, the terms within a group OR-ed (most groups hold
    one term); a document holding any `excluded` term is left out."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term a match may hold, in order (the ones that score it)."""
        return tuple(dict.fromkeys(t for group in self.groups for t in group))

    def __bool__(self) -> bool:
        return bool(self.groups or self.excluded)


_TOKEN = re.compile(r'(-?)"([^"]*)"|([^\s"]+)')


def _token_term(found: list[str], *, positional: bool = False) -> Term | None:
    """One term for one written token: its word, or its words as a phrase ("e-learning");
    quoted Chinese is checked as written (`Term.positional`)."""
    if not found:
        return None
    return Term(tuple(found[:MAX_TERMS]), positional=positional)


def parse_query(text: str) -> Parsed:
    """The terms of a query with its operators: quoted phrases, ``OR`` between two terms,
    ``-word``, ``-"a phrase"`` and ``NOT word`` to leave out; at most MAX_TERMS terms. Other
    operator words (AND, NEAR) and lone operators are ignored; lower-case "or" is a word."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    either = negate = False
    last_plain: Term | None = None  # the last positive term, when it ends the text unquoted
    joined = 0  # how many groups the last token gave (e-learning: 2)
    for match in _TOKEN.finditer(text):
        if match.group(2) is not None:
            negative = negate or (
                match.group(1) == "-" and (match.start() == 0 or text[match.start() - 1].isspace())
            )
            found = [words(match.group(2), query=True)]
            quoted = HAN.search(match.group(2)) is not None
        else:
            token = match.group(3)
            if token in _OPERATORS:
                either = token == "OR" and bool(groups)
                if either and joined > 1:  # "e-learning OR ...": the token as a phrase
                    phrase = tuple(w for group in groups[-joined:] for t in group for w in t.words)
                    groups[-joined:] = [[Term(phrase[:MAX_TERMS])]]
                joined = 0
                negate = token == "NOT"
                continue
            negative = negate or (token.startswith("-") and len(token) > 1)
            split = words(token, query=True)
            # A written word is one term; joined words ("e-learning") a phrase, as they are
            # written, where an operator applies to them, separate terms otherwise.
            found = [split] if (negative or either) else [[w] for w in split]
            quoted = False
        negate = False
        joined = 0
        for part in found:
            term = _token_term(part, positional=quoted)
            if term is None:
                continue
            if negative:
                excluded.append(term)
            elif either and groups:
                groups[-1].append(term)
            else:
                groups.append([term])
                joined += 1
            either = False
        last_plain = None
        if match.group(3) is not None and not negative and groups and match.end() == len(text):
            last_plain = groups[-1][-1]
    # Prefix-match the last word only while it is being typed: no space or quote after it.
    typing = last_plain is not None and len(last_plain.words) == 1
    if typing and len(last_plain.words[0]) >= MIN_PREFIX_LENGTH:
        groups[-1][-1] = Term(last_plain.words, prefix=True)
    return _bounded(groups, excluded)


def _bounded(groups: list[list[Term]], excluded: list[Term]) -> Parsed:
    """Repeated groups dropped, and at most MAX_TERMS terms in all (the first ones)."""
    budget = MAX_TERMS
    kept_groups: list[tuple[Term, ...]] = []
    for group in groups:
        unique = tuple(dict.fromkeys(group))[:budget]
        if unique and unique not in kept_groups:
            kept_groups.append(unique)
            budget -= len(unique)
    kept_excluded = tuple(dict.fromkeys(excluded))[: max(budget, 0)]
    return Parsed(groups=tuple(kept_groups), excluded=kept_excluded)
