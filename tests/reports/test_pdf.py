"""The PDF renderer: Arabic and Chinese text, right-to-left layout, a missing Chinese font."""

from __future__ import annotations

import pytest
from django.utils import translation

from ipdev.reports import build, pdf
from ipdev.reports.country import country_report
from tests.factories import make_activity
from tests.reports.helpers import pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db
ARABIC = "ورشة عمل وطنية"
CHINESE = "专利审查培训"


@pytest.fixture
def scripts(staff):
    make_activity(user=staff, title=ARABIC)
    make_activity(user=staff, title=CHINESE)


def test_arabic_renders_right_to_left_with_dejavu(scripts):
    with translation.override("ar"):
        report = country_report(user=None, code="KE")  # built in the active language
        content = build.render(report, "pdf").content
    assert any(name.startswith("DejaVu-Sans") for name in pdf_fonts(content))
    text = pdf_text(content)
    assert "كينيا" in text, "the country's Arabic name, in logical order in the text layer"
    assert all(word in text for word in ARABIC.split())


def test_the_html_of_an_arabic_report_is_right_to_left(scripts):
    from django.template.loader import render_to_string

    report = country_report(user=None, code="KE")
    with translation.override("ar"):
        html = render_to_string(
            "reports/report_pdf.html", {"report": report, "sections": [], "notes": []}
        )
    assert '<html lang="ar" dir="rtl">' in html


@pytest.mark.skipif(not pdf.cjk_font_available(), reason="fonts-noto-cjk is not installed")
def test_chinese_renders_with_noto_cjk(scripts):
    content = build.render(country_report(user=None, code="KE"), "pdf").content
    assert any("CJK" in name for name in pdf_fonts(content))
    assert CHINESE in pdf_text(content)


def test_without_a_chinese_font_the_pdf_is_made_and_says_why(scripts, monkeypatch):
    monkeypatch.setattr(pdf, "cjk_font_available", lambda: False)
    content = build.render(country_report(user=None, code="KE"), "pdf").content
    assert "the server lacks a Chinese font" in pdf_text(content)


def test_a_report_without_chinese_needs_no_note(staff, monkeypatch):
    make_activity(user=staff, title="Plain workshop")
    monkeypatch.setattr(pdf, "cjk_font_available", lambda: False)
    content = build.render(country_report(user=None, code="KE"), "pdf").content
    assert "Chinese font" not in pdf_text(content)


def test_long_sections_are_cut_in_the_pdf_and_point_to_the_xlsx(staff, monkeypatch):
    monkeypatch.setattr(pdf, "PDF_ROWS", 2)
    for n in range(3):
        make_activity(user=staff, title=f"Workshop {n}")
    text = pdf_text(build.render(country_report(user=None, code="KE"), "pdf").content)
    assert "1 more row is in the XLSX version" in text
