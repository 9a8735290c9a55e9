"""Build a report in a format: the one entry point of the portal, the API and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from . import agenda, country, params
from .pdf import page_context, report_pdf
from .tables import Report
from .xlsx import report_xlsx

__all__ = ["Built", "country_data", "country_report", "da_data", "da_report", "page_context"]
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Built:
    content: bytes
    content_type: str
    filename: str


def render(report, fmt: str, request=None) -> Built:
    fmt = params.parse_format(fmt)
    content = report_pdf(report, request) if fmt == "pdf" else report_xlsx(report)
    return Built(content, CONTENT_TYPES[fmt], f"{report.filename}.{fmt}")


def country_data(*, user, code: str, query) -> Report:
    """The country report as data, for the web page (`query`: as below)."""
    return country.country_report(user=user, code=code, years=params.parse_years(query))


def da_data(*, user, query, default_year: int | None = None) -> Report:
    years = params.parse_years(query, default=default_year)
    return agenda.da_report(user=user, years=years)


def country_report(*, user, code: str, query, fmt: str, request=None) -> Built:
    """`query`: a mapping with `year`, or `year_from` / `year_to` (all optional)."""
    params.parse_format(fmt)
    return render(country_data(user=user, code=code, query=query), fmt, request)


def da_report(*, user, query, fmt: str, request=None, default_year: int | None = None) -> Built:
    params.parse_format(fmt)
    return render(da_data(user=user, query=query, default_year=default_year), fmt, request)
