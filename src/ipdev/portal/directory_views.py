"""Public pages of the knowledge directories (patent registers, patent database reports, patent
landscape reports, institutional IP policies): thin views over ipdev.directories.selectors.

Everything here is public reference data. Use is counted by ipdev.directories.middleware, which
knows these views by their names; suggestions are written in the back office's public form.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ipdev.directories import selectors
from ipdev.reports.charts import Chart, ChartRow

from .access import public
from .directory_map import register_map

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class _Echo:
    def write(self, value: str) -> str:
        return value


def _errors(query) -> HttpResponse:
    lines = "\n".join(f"{name}: {message}" for name, message in query.errors.items())
    body = _("The download was not made because of these filters:") + "\n" + lines + "\n"
    return HttpResponse(body, status=400, content_type="text/plain; charset=utf-8")


def _download(query, rows_of, name: str, fmt: str) -> HttpResponse:
    """The filtered list as CSV (streamed) or XLSX (typed cells, bold frozen header)."""
    if query.errors:
        return _errors(query)
    header, rows = rows_of(query=query)
    filename = f"ipdev-{name}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        writer = csv.writer(_Echo())
        lines = (writer.writerow(r) for r in [header, *rows])
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(name[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for text in header:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        sheet.append(row)
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 (closed by the response)
    book.save(handle.name)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def _groups(listing, names=None) -> list[dict]:
    names = names or listing.facets.keys()
    return [
        {"name": n, "title": listing.titles[n], "options": listing.facets[n]}
        for n in names
        if listing.facets.get(n) or any(o.selected for o in listing.facets.get(n, []))
    ]


@public
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    context = {
        "directories": selectors.overview(),
        "coverage": selectors.policy_coverage(),
        "pending": selectors.pending_suggestions(user=request.user),
    }
    return render(request, "portal/directories/overview.html", context)


@public
@require_GET
def registers(request: HttpRequest) -> HttpResponse:
    query = selectors.register_parse(request.GET)
    table = selectors.register_table(query=query)
    column = query.extra["map"]
    context = {
        "query": query,
        "table": table,
        "columns": selectors.RESOURCE_COLUMNS,
        "column": column,
        "column_label": dict(selectors.RESOURCE_COLUMNS)[column],
        "map": register_map(selectors.register_map_values(table.all_items, column)),
        "resource_groups": _groups(table, [k for k, _label in selectors.RESOURCE_COLUMNS]),
        "other_groups": _groups(
            table, ["kind", "cost", "legal_status", "language", "verification"]
        ),
        "q": query.text,
    }
    return render(request, "portal/directories/registers.html", context)


@public
@require_GET
def registers_download(request: HttpRequest, fmt: str) -> HttpResponse:
    query = selectors.register_parse(request.GET)
    return _download(query, selectors.register_download_rows, "patent-registers", fmt)


@public
@require_GET
def register(request: HttpRequest, code: str) -> HttpResponse:
    row = selectors.register_file(code=code)
    st27 = selectors.st27_categories(shown=[s.code for s in row.legal_status])
    context = {"r": row, "columns": selectors.RESOURCE_COLUMNS, "st27": st27}
    return render(request, "portal/directories/register.html", context)


@public
@require_GET
def databases(request: HttpRequest) -> HttpResponse:
    query = selectors.database_parse(request.GET)
    listing = selectors.database_search(query=query)
    context = {"query": query, "page": listing, "groups": _groups(listing), "q": query.text}
    return render(request, "portal/directories/databases.html", context)


@public
@require_GET
def databases_download(request: HttpRequest, fmt: str) -> HttpResponse:
    query = selectors.database_parse(request.GET)
    return _download(query, selectors.database_download_rows, "patent-databases", fmt)


@public
@require_GET
def databases_compare(request: HttpRequest) -> HttpResponse:
    cards, errors = selectors.database_compare(ids=request.GET.getlist("id"))
    context = {"cards": cards, "errors": errors, "features": selectors.FEATURES}
    return render(
        request, "portal/directories/compare.html", context, status=400 if errors else 200
    )


@public
@require_GET
def database(request: HttpRequest, pk: int) -> HttpResponse:
    card = selectors.database_report(pk=pk)
    return render(request, "portal/directories/database.html", {"d": card})


@public
@require_GET
def landscapes(request: HttpRequest) -> HttpResponse:
    query = selectors.landscape_parse(request.GET)
    listing = selectors.landscape_search(query=query)
    context = {"query": query, "page": listing, "groups": _groups(listing), "q": query.text}
    return render(request, "portal/directories/landscapes.html", context)


@public
@require_GET
def landscapes_download(request: HttpRequest, fmt: str) -> HttpResponse:
    query = selectors.landscape_parse(request.GET)
    return _download(query, selectors.landscape_download_rows, "patent-landscapes", fmt)


def _file(field, content_type: str) -> FileResponse:
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    return FileResponse(
        handle, as_attachment=True, filename=Path(field.name).name, content_type=content_type
    )


@public
@require_GET
def landscape_file(request: HttpRequest, pk: int) -> FileResponse:
    report = selectors.landscape_file(pk=pk)
    docx = report.document.name.lower().endswith(".docx")
    return _file(report.document, DOCX_TYPE if docx else "application/pdf")


@public
@require_GET
def policies(request: HttpRequest) -> HttpResponse:
    query = selectors.policy_parse(request.GET)
    listing = selectors.policy_search(query=query)
    context = {
        "query": query,
        "page": listing,
        "groups": _groups(listing),
        "q": query.text,
        "coverage": selectors.policy_coverage(),
    }
    return render(request, "portal/directories/policies.html", context)


@public
@require_GET
def policies_download(request: HttpRequest, fmt: str) -> HttpResponse:
    query = selectors.policy_parse(request.GET)
    return _download(query, selectors.policy_download_rows, "ip-policies", fmt)


@public
@require_GET
def policy(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.policy_detail(pk=pk)
    return render(request, "portal/directories/policy.html", {"p": detail.card, "detail": detail})


@public
@require_GET
def policy_document(request: HttpRequest, pk: int) -> FileResponse:
    policy = selectors.policy_document(pk=pk)
    return _file(policy.document, policy.document_type or "application/octet-stream")


@public
@require_GET
def national_models(request: HttpRequest) -> HttpResponse:
    rows = selectors.national_models()
    coverage = selectors.policy_coverage()
    return render(
        request, "portal/directories/national_models.html", {"rows": rows, "coverage": coverage}
    )


def _use_charts(request: HttpRequest) -> tuple[list[Chart], selectors.UseFigures, str]:
    directory = request.GET.get("directory") or ""
    if directory and directory not in dict(selectors.DIRECTORIES):
        directory = ""
    figures = selectors.use_figures(directory=directory)
    labels = {"visitor": _("Users"), "view": _("Page views"), "download": _("Downloads")}
    by_year = Chart(
        key="users-by-year",
        title=_("Users by year"),
        caption=_("Users, page views and downloads of the directories by year"),
        heading=_("Year"),
        columns=(labels["visitor"], labels["view"], labels["download"]),
        rows=tuple(
            ChartRow(
                str(y),
                tuple(float(figures.by_year[y].get(k, 0)) for k in ("visitor", "view", "download")),
            )
            for y in figures.years
        ),
        series=1,
        note=_(
            "A user is a browser counted once a year per directory: it keeps only the year in a "
            "cookie, and the server keeps only the sums."
        ),
    )
    top = Chart(
        key="top-countries",
        title=_("Top ten countries of users in %(year)s") % {"year": figures.year or "-"},
        caption=_("The ten countries with the most users"),
        heading=_("Country"),
        columns=(labels["visitor"],),
        rows=tuple(ChartRow(n.name, (float(c),), code=n.code) for n, c in figures.top_countries),
        kind="hbar",
        note=_("Users whose country could not be told: %(n)s.") % {"n": figures.unknown},
    )
    return [by_year, top], figures, directory


@public
@require_GET
def use(request: HttpRequest) -> HttpResponse:
    charts, figures, directory = _use_charts(request)
    context = {
        "charts": charts,
        "figures": figures,
        "directory": directory,
        "choices": selectors.DIRECTORIES,
    }
    return render(request, "portal/directories/use.html", context)


@public
@require_GET
def use_csv(request: HttpRequest, key: str) -> HttpResponse:
    charts, _figures, _directory = _use_charts(request)
    chart = next((c for c in charts if c.key == key), None)
    if chart is None:
        raise Http404("No such chart.")
    response = HttpResponse(chart.csv_text(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ipdev-directories-{key}.csv"'
    return response
