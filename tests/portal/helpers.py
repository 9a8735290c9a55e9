"""Helpers for the portal tests: read downloads back, attach documents."""

import csv
import io
import itertools
import json

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from ipdev.activities import exports, services


def keys_of(header) -> list[str]:
    """The stable column keys of a header written in the active language's labels."""
    keys = {str(c.label): c.key for c in exports.COLUMNS}
    return [keys[label] for label in header]


def csv_of(response) -> list[dict[str, str]]:
    """The rows of a CSV download (streamed), as dictionaries."""
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 BOM for Excel"
    lines = io.StringIO(body.decode("utf-8-sig"), newline="")
    # The documented way to read it: skip the comment lines before the header.
    reader = csv.reader(itertools.dropwhile(lambda line: line.startswith("#"), lines))
    header = keys_of(next(reader))
    return [dict(zip(header, row, strict=True)) for row in reader]


def json_of(response) -> dict:
    body = b"".join(response.streaming_content)
    return json.loads(body)


def xlsx_of(response) -> list[dict]:
    """The rows of the first sheet of an XLSX download, as dictionaries."""
    body = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = keys_of(rows[0])
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def attach_pdf(user, activity, title: str):
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n% test\n", content_type="application/pdf")
    return services.document_attach(user=user, activity=activity, upload=upload, title=title)
