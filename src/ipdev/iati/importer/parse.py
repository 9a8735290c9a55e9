"""Hardened reading of IATI activity files, in bounded memory whatever their size.

Every file is first checked whole: size, well-formedness, no DOCTYPE (so no entity or DTD
tricks), bounded depth and text size (libxml2's own limits, ``huge_tree=False``). Only a file
that passes is read activity by activity; so a truncated or hostile file imports nothing at all.

Most real files are small (the largest of 219 real publishers' files is 4 MB): one of at most
``TREE_BYTES`` is checked by parsing it into a tree, which is then read, so it is parsed once,
in C, and can be schema-checked in one call. A larger file is checked in a pass that builds no
tree (a parser target that keeps nothing), then streamed with ``iterparse``, each activity
freed once used: constant memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .triage import CRITICAL, WARNING, Problem

MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_ACTIVITY_CHILDREN = 20_000
# A file up to this size is read as one tree (about ten times its size in memory, at most).
TREE_BYTES = 8 * 1024 * 1024
# A larger file up to this size is streamed once, its activities held until its end (a few
# megabytes of drafts per 10 MB of XML), then kept only if the whole file parsed; a file
# larger still is checked in a first pass that builds nothing, then streamed.
HOLD_BYTES = 32 * 1024 * 1024
SUPPORTED_VERSIONS = ("2.01", "2.02", "2.03")

# The one set of parser options used everywhere a file from outside is read.
HARDENED = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "dtd_validation": False,
    "remove_comments": True,
    "remove_pis": True,
    # The white space between elements (most of a pretty-printed file) is no text of the data:
    # left out of the tree, the parse, the schema check and the walk are 10-20% cheaper.
    "remove_blank_text": True,
}


class Refused(Exception):
    """The whole file is refused; ``problem`` says why."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class FileInfo:
    path: Path
    size: int
    encoding: str = "UTF-8"
    version: str = ""
    root: str = ""
    problems: list[Problem] = field(default_factory=list)
    tree: etree._ElementTree | None = None  # the parsed file, when it is small enough
    # Streamed with no check first: its activities count only once the whole file has parsed.
    held: bool = False


class _Probe:
    """A parser target that keeps nothing: it only notices a DOCTYPE and the depth."""

    found: tuple | None = None

    def doctype(self, name, pubid, system) -> None:
        self.found = (name, pubid, system)

    def close(self) -> None:
        return None


def _refuse(message: str, xpath: str = "/") -> Refused:
    return Refused(Problem(CRITICAL, xpath, message))


def check_file(
    path: Path,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    tree_bytes: int | None = None,
    hold_bytes: int | None = None,
) -> FileInfo:
    """Check a file before import; raise ``Refused`` with a clear message if it cannot be read.

    A file of at most ``tree_bytes`` is kept parsed (``FileInfo.tree``) for ``activities``; a
    larger one of at most ``hold_bytes`` is left to be checked as it is streamed
    (``FileInfo.held``: its activities count only if it parses to the end)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _refuse(f"Cannot read the file: {exc.strerror or exc}.") from None
    if size == 0:
        raise _refuse("The file is empty.")
    if size > max_bytes:
        raise _refuse(f"The file is {size:,} bytes; the limit is {max_bytes:,} bytes.")
    with path.open("rb") as fh:
        head = fh.read(512)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        raise _refuse("This is not XML (it looks like JSON).")
    if head.startswith(b"PK\x03\x04"):
        raise _refuse("This is not XML (it looks like a ZIP or an XLSX spreadsheet).")
    encoding = sniff_encoding(head)
    probe, tree = _Probe(), None
    held = size > (TREE_BYTES if tree_bytes is None else tree_bytes) and size <= (
        HOLD_BYTES if hold_bytes is None else hold_bytes
    )
    try:
        if size <= (TREE_BYTES if tree_bytes is None else tree_bytes):
            tree = etree.parse(str(path), etree.XMLParser(**HARDENED))
            _check_doctype(tree.docinfo)
        elif not held:
            etree.parse(str(path), etree.XMLParser(target=probe, **HARDENED))
    except (etree.XMLSyntaxError, OSError) as exc:
        raise unreadable(path, encoding, exc) from None
    except (ValueError, LookupError) as exc:
        raise _refuse(f"The file cannot be decoded: {exc}.") from None
    if probe.found is not None:
        raise _refuse(DOCTYPE_REFUSED)
    info = FileInfo(path=path, size=size, encoding=encoding or "UTF-8", tree=tree, held=held)
    if info.encoding != "UTF-8":
        info.problems.append(
            Problem(WARNING, "/", f"The file is encoded in {info.encoding}; IATI expects UTF-8.")
        )
    return info


DOCTYPE_REFUSED = (
    "The file has a DOCTYPE declaration. IATI files need none, and DTDs and entities are "
    "refused for safety."
)


def _check_doctype(docinfo) -> None:
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise _refuse(DOCTYPE_REFUSED)


def unreadable(path: Path, encoding: str, exc: Exception) -> Refused:
    """Why a file that failed to parse is refused, as clearly as the error allows."""
    if encoding not in ("UTF-8", "") or "encoding" in str(exc).lower():
        return _refuse(
            f"The file cannot be decoded as {encoding or 'UTF-8'}: {exc}. "
            "Save it as UTF-8 and try again."
        )
    if not isinstance(exc, etree.XMLSyntaxError):
        return _refuse(f"Cannot read the file: {exc}.")
    message = _syntax_message(exc)
    if message.startswith("The XML is not well-formed") and _error_at_end(path, exc.lineno):
        message = f"The XML is incomplete (truncated?): {exc.msg}"
    return _refuse(message)


BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32BE"),
    (b"\xff\xfe\x00\x00", "UTF-32LE"),
    (b"\xef\xbb\xbf", "UTF-8"),
    (b"\xfe\xff", "UTF-16BE"),
    (b"\xff\xfe", "UTF-16LE"),
)


def sniff_encoding(head: bytes) -> str:
    """The encoding named by a byte-order mark or the XML declaration ("" if neither)."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return name
    if head.startswith(b"<?xml"):
        declaration = head.split(b"?>", 1)[0]
        for quote in (b'"', b"'"):
            marker = b"encoding=" + quote
            if marker in declaration:
                value = declaration.split(marker, 1)[1].split(quote, 1)[0]
                name = value.decode("ascii", "replace").upper()
                return "UTF-8" if name in ("UTF-8", "UTF8") else name
        return "UTF-8"
    if head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        return "UTF-16 (no byte-order mark)"
    return ""


def _error_at_end(path: Path, lineno: int | None) -> bool:
    """Whether a syntax error is on the file's last line (a cut-off file, usually)."""
    if not lineno:
        return False
    lines = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            lines += chunk.count(b"\n")
    return lineno >= lines


def _syntax_message(exc: etree.XMLSyntaxError) -> str:
    text = str(exc.msg or exc).strip()
    line = f" (line {exc.lineno})" if exc.lineno else ""
    lowered = text.lower()
    if "document is empty" in lowered or "start tag expected" in lowered:
        return f"This is not XML{line}: {text}"
    if "excessive depth" in lowered or "depth" in lowered:
        return f"The XML is nested too deeply{line}: {text}"
    if "huge" in lowered or "too long" in lowered:
        return f"The XML has a text or name that is too large{line}: {text}"
    if "premature end" in lowered or "not properly terminated" in lowered or "eof" in lowered:
        return f"The XML is incomplete (truncated?){line}: {text}"
    if "entity" in lowered or "doctype" in lowered:
        return (
            f"The file has a DOCTYPE or entity declarations, which are refused for safety{line}: "
            f"{text}"
        )
    return f"The XML is not well-formed{line}: {text}"


def iter_activities(info: FileInfo) -> Iterator[etree._Element]:
    """Yield each ``iati-activity`` element of a checked file (see ``activities``)."""
    for _, el in activities(info):
        yield el


def activities(info: FileInfo) -> Iterator[tuple[int, etree._Element]]:
    """Yield (position, element) for each ``iati-activity`` of a checked file, counted from 1
    among the root's ``iati-activity`` children (as in the XPath of a schema error).

    The root is checked on the way: an IATI 1.0x file or a file that is not an activity file is
    refused before any activity is yielded. A streamed file frees each activity once used; a
    held one (``FileInfo.held``, not checked before) is refused as ``check_file`` would have
    refused it when it turns out not to parse, and its reader drops what it read of it.
    """
    if info.tree is not None:
        yield from _tree_activities(info)
        return
    if not info.held:
        yield from _streamed(info)
        return
    try:
        yield from _streamed(info)
    except etree.XMLSyntaxError as exc:
        raise unreadable(info.path, info.encoding, exc) from None


def _streamed(info: FileInfo) -> Iterator[tuple[int, etree._Element]]:
    context = etree.iterparse(
        str(info.path),
        events=("start", "end"),
        tag=("iati-activities", "iati-activity"),
        **HARDENED,
    )
    root_seen, position = False, 0
    for event, el in context:
        if event == "start":
            if not root_seen:
                root_seen = True
                _check_doctype(el.getroottree().docinfo)  # (a held file was not checked)
                _check_root(info, el)
            continue
        if el.tag != "iati-activity":
            continue
        parent = el.getparent()
        if parent is not None and parent.getparent() is None:
            position += 1  # (an activity nested deeper is no activity of the file's)
        if _within_limit(info, el):
            yield position, el
        el.clear()
        if parent is not None:
            while el.getprevious() is not None:
                del parent[0]
    if not root_seen:
        root = context.root
        tag = root.tag if root is not None and isinstance(root.tag, str) else "?"
        raise _refuse(f"This is not an IATI activity file: the root element is <{tag}>.")


def _tree_activities(info: FileInfo) -> Iterator[tuple[int, etree._Element]]:
    tree, info.tree = info.tree, None  # freed once read
    root = tree.getroot()
    _check_root(info, root)
    for position, el in enumerate(root.iterchildren("iati-activity"), 1):
        if _within_limit(info, el):
            yield position, el


def _within_limit(info: FileInfo, el: etree._Element) -> bool:
    if len(el) <= MAX_ACTIVITY_CHILDREN:
        return True
    message = f"An activity has {len(el):,} elements; the limit is {MAX_ACTIVITY_CHILDREN:,}."
    info.problems.append(Problem(CRITICAL, "/iati-activities/iati-activity", message))
    return False


def _check_root(info: FileInfo, el: etree._Element) -> None:
    if el.tag != "iati-activities" or el.getparent() is not None:
        root = el.getroottree().getroot()
        raise _refuse(f"This is not an IATI activity file: the root element is <{root.tag}>.")
    info.root = el.tag
    info.version = (el.get("version") or "").strip()
    if info.version.startswith("1."):
        raise _refuse(
            f"IATI version {info.version} is not supported: ipdev reads versions 2.01 to 2.03. "
            "Convert the file to 2.03 first (e.g. with the IATI 1.0x-to-2.0x upgrade tools).",
            "/iati-activities/@version",
        )
    if info.version and info.version not in SUPPORTED_VERSIONS:
        info.problems.append(
            Problem(
                WARNING,
                "/iati-activities/@version",
                f"Version {info.version!r} is not one of {', '.join(SUPPORTED_VERSIONS)}; "
                "read as 2.03.",
            )
        )
    if not info.version:
        info.problems.append(
            Problem(WARNING, "/iati-activities/@version", "No version given; read as 2.03.")
        )
