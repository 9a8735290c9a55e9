"""The one PDF renderer of ipdev (WeasyPrint): reports and the back office's DA review use it.

Fonts: DejaVu Sans covers Latin, Cyrillic and Arabic; Chinese needs Noto Sans CJK (Debian's
fonts-noto-cjk). Without it the PDF is still made, Chinese shows as missing glyphs, and the
title page says why.
"""

from __future__ import annotations

import functools
import glob
import logging
import re
import shutil
import subprocess

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .tables import Report

log = logging.getLogger(__name__)
CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Rows per section in a PDF (and the web page). WeasyPrint lays out ~5-10 pages a second on
# this machine, so a country's full list (thousands of rows at 100,000 activities) would take
# minutes and run to hundreds of pages; the PDF shows the newest rows and says how many more
# the XLSX holds.
PDF_ROWS = 100


@functools.cache
def cjk_font_available() -> bool:
    """Whether fontconfig knows a font with Chinese glyphs (cached for the process)."""
    if shutil.which("fc-list"):
        try:
            found = subprocess.run(
                ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=10
            ).stdout
        except (OSError, subprocess.SubprocessError):
            found = ""
        return bool(found.strip())
    return bool(glob.glob("/usr/share/fonts/**/*CJK*", recursive=True))


def render_pdf(template: str, context: dict, request=None) -> bytes:
    """HTML from a template, as PDF bytes."""
    from weasyprint import HTML  # imported here: loading Pango costs a second at start-up

    html = render_to_string(template, context, request)
    return HTML(string=html).write_pdf()


def _needs_cjk(report: Report) -> bool:
    texts = [report.title, report.subtitle, *(str(v) for _, v in report.facts)]
    for section in report.sections:
        texts += [str(v) for row in section.rows for v in row if isinstance(v, str)]
    return any(CJK.search(t) for t in texts)


def page_context(report: Report) -> dict:
    """What the report's templates show, as PDF or as a web page: the sections that have rows
    (or say why they have none), each with its first PDF_ROWS rows and how many are cut."""
    sections = []
    for section in report.shown_sections:
        rows = section.rows[:PDF_ROWS]
        sections.append((section, rows, len(section.rows) - len(rows)))
    return {"report": report, "sections": sections, "notes": list(report.notes)}


def report_pdf(report: Report, request=None) -> bytes:
    context = page_context(report)
    if _needs_cjk(report) and not cjk_font_available():
        log.warning("No CJK font (install fonts-noto-cjk): Chinese text will not render.")
        context["notes"].append(
            _("Chinese text cannot be shown: the server lacks a Chinese font (fonts-noto-cjk).")
        )
    return render_pdf("reports/report_pdf.html", context, request)
