"""Policy documents: PDF or DOCX only, checked for size and type, and their text extracted for the
full-text search (pypdf for PDF, python-docx for DOCX). Errors are keyed by the form's field."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TYPES = {".pdf": (PDF, b"%PDF-"), ".docx": (DOCX, b"PK\x03\x04")}
# Extracted text beyond this is not indexed (a policy is tens of pages, not thousands).
MAX_TEXT = 1_000_000
MAX_PDF_PAGES = 500


@dataclass(frozen=True)
class Checked:
    name: str
    content_type: str
    size: int
    text: str


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def check(upload, field: str = "document") -> Checked:
    """Check an uploaded policy document and extract its text, or raise on `field`."""
    name = get_valid_filename(PurePath(upload.name or "document").name)
    size = upload.size or 0
    limit = settings.IPDEV_UPLOAD_MAX_BYTES
    if size == 0:
        raise _error(field, _("The file is empty."))
    if size > limit:
        raise _error(
            field,
            _("The file is %(size)s bytes; the limit is %(limit)s bytes.")
            % {"size": format(size, ","), "limit": format(limit, ",")},
        )
    extension = PurePath(name).suffix.lower()
    if extension not in TYPES:
        raise _error(
            field,
            _("Files of type '%(value)s' are not accepted (%(accepted)s).")
            % {"value": extension or "none", "accepted": ".docx, .pdf"},
        )
    content_type, signature = TYPES[extension]
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.startswith(signature):
        raise _error(
            field,
            _("The file's content is not a %(extension)s file.") % {"extension": extension},
        )
    text = _pdf_text(data, field) if extension == ".pdf" else _docx_text(data, field)
    return Checked(name, content_type, size, text[:MAX_TEXT])


def _pdf_text(data: bytes, field: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _error(field, _("The PDF is encrypted; upload a copy without a password."))
        parts, total = [], 0
        for page in reader.pages[:MAX_PDF_PAGES]:
            part = page.extract_text() or ""
            parts.append(part)
            total += len(part)
            if total > MAX_TEXT:
                break
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise _error(field, _("The PDF could not be read: %(error)s") % {"error": exc}) from exc
    return "\n".join(parts)


def _docx_text(data: bytes, field: str) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a malformed package
        raise _error(field, _("The DOCX file could not be read.")) from exc
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)
