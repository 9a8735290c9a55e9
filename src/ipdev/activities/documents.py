"""Checks on uploaded documents: size, extension, and that the bytes are what the name says."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# extension -> (content type, accepted leading bytes; None = text)
ALLOWED: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (ZIP,)),
    ".odt": ("application/vnd.oasis.opendocument.text", (ZIP,)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (ZIP,)),
    ".doc": ("application/msword", (OLE,)),
    ".xls": ("application/vnd.ms-excel", (OLE,)),
    ".ppt": ("application/vnd.ms-powerpoint", (OLE,)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".txt": ("text/plain", None),
    ".csv": ("text/csv", None),
}


def check_upload(upload) -> tuple[str, str, int]:
    """Return (safe file name, content type, size) or raise ValidationError on field `file`."""
    name = get_valid_filename(PurePath(upload.name or "").name)
    size = upload.size or 0
    limit = settings.IPDEV_UPLOAD_MAX_BYTES
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if size > limit:
        raise ValidationError(
            {
                "file": _("The file is %(size)s bytes; the limit is %(limit)s bytes.")
                % {"size": format(size, ","), "limit": format(limit, ",")}
            }
        )
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED:
        accepted = ", ".join(sorted(ALLOWED))
        raise ValidationError(
            {
                "file": _("Files of type '%(value)s' are not accepted (%(accepted)s).")
                % {"value": extension or "none", "accepted": accepted}
            }
        )
    content_type, signatures = ALLOWED[extension]
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if signatures is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # a cut multi-byte character at the end is fine
                raise ValidationError({"file": _("The text file is not UTF-8 text.")}) from exc
        if b"\x00" in head:
            raise ValidationError({"file": _("The text file contains binary data.")})
    elif not head.startswith(signatures):
        raise ValidationError(
            {
                "file": _("The file's content is not a %(extension)s file.")
                % {"extension": extension}
            }
        )
    return name, content_type, size
