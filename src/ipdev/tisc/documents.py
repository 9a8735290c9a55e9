"""The network's service-level agreement with WIPO: a PDF or DOCX file, checked for size, type
and content with the project's upload check, kept private with the network."""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ipdev.activities.documents import check_upload

ACCEPTED = (".docx", ".pdf")


def check_agreement(upload, field: str = "sla_file") -> tuple[str, str, int]:
    """Return (safe name, content type, size), or raise ValidationError on `field`."""
    if not hasattr(upload, "read") or not hasattr(upload, "size"):
        raise ValidationError({field: _("Attach a file.")})
    try:
        name, content_type, size = check_upload(upload)
    except ValidationError as exc:
        raise ValidationError({field: exc.message_dict["file"]}) from None
    extension = PurePath(name).suffix.lower()
    if extension not in ACCEPTED:
        raise ValidationError(
            {
                field: _("Files of type '%(value)s' are not accepted (%(accepted)s).")
                % {"value": extension, "accepted": ", ".join(ACCEPTED)}
            }
        )
    return name, content_type, size
