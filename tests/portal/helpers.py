"""Helpers for the portal tests: read downloads back, attach documents."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from ipdev.activities import services


def csv_of(response) -> list[dict[str, str]]:
    """The rows of a CSV download (streamed), as dictionaries."""
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_of(response) -> list[dict]:
    """The rows of the first sheet of an XLSX download, as dictionaries."""
    body = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def attach_pdf(user, activity, title: str):
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n% test\n", content_type="application/pdf")
    return services.document_attach(user=user, activity=activity, upload=upload, title=title)
