"""Read reports back: the text of a PDF (pypdf), the sheets of an XLSX (openpyxl)."""

from __future__ import annotations

import io

import openpyxl
from pypdf import PdfReader
from pypdf.generic import NameObject


def pdf_text(content: bytes) -> str:
    """The text of every page, with runs of white space as one space (cells wrap lines)."""
    assert content.startswith(b"%PDF-"), "a PDF file"
    pages = PdfReader(io.BytesIO(content)).pages
    for page in pages:
        _identity_encoding(page)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def _identity_encoding(page) -> None:
    """Read WeasyPrint's own encoding of a font with missing glyphs as the identity it is.

    When a font lacks some glyphs (Chinese on a server without a CJK font), WeasyPrint encodes
    the font with an embedded CMap that maps every glyph to itself and the missing ones to
    .notdef. Viewers read it; pypdf does not, and returns the codes as text. The ToUnicode map,
    keyed by the same codes, is what holds the text, so the identity encoding reads it right.
    """
    fonts = page.get("/Resources", {}).get("/Font", {})
    for ref in fonts.values():
        font = ref.get_object()
        encoding = font.get("/Encoding")
        encoding = encoding.get_object() if encoding is not None else None
        if hasattr(encoding, "get") and encoding.get("/CMapName") == "/WP-Encod-0":
            font[NameObject("/Encoding")] = NameObject("/Identity-H")


def pdf_fonts(content: bytes) -> set[str]:
    """The base names of the fonts embedded in the PDF (without the subset prefix)."""
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object().get("/BaseFont", "")).split("+")[-1])
    return names


def workbook(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def sheet_rows(content: bytes, name: str) -> list[tuple]:
    return list(workbook(content)[name].iter_rows(values_only=True))


def all_cells(content: bytes) -> str:
    """Every cell of every sheet, as one text (for markers that must not appear)."""
    book = workbook(content)
    return "\n".join(
        str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
        for v in row if v is not None
    )  # fmt: skip
