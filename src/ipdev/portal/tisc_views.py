"""Public pages of the TISC directory: centres with facets and a map, a page per centre and
per network, success stories, statistics, downloads. Thin views over the tisc selectors."""

from __future__ import annotations

import csv
import io

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.styles import Font

from ipdev.reports.charts import Chart, ChartRow, find
from ipdev.reports.worldmap import geometry
from ipdev.tisc import selectors

from .access import public
from .stats_views import _csv

FACET_TITLES = {
    "country": gettext_lazy("Country"),
    "service": gettext_lazy("Service"),
    "host_type": gettext_lazy("Host institution"),
    "level": gettext_lazy("Maturity level"),
    "language": gettext_lazy("Language"),
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bad_query(query) -> HttpResponse | None:
    if not query.errors:
        return None
    lines = "\n".join(f"{k}: {v}" for k, v in query.errors.items())
    return HttpResponse(lines + "\n", status=400, content_type="text/plain; charset=utf-8")


@public
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    query = selectors.parse(request.GET)
    page = selectors.directory(query=query)
    groups = [
        {"name": name, "title": FACET_TITLES[name], "options": page.facets[name]}
        for name in selectors.FACETS
        if page.facets.get(name)
    ]
    geo = geometry()
    context = {
        "page": page,
        "query": query,
        "q": query.text,
        "facet_groups": groups,
        "map": {"width": geo["width"], "height": geo["height"], "shapes": geo["shapes"].values()},
        "params": request.GET.urlencode(),
        "paging": "&".join(
            f"{k}={v}" for k in request.GET for v in request.GET.getlist(k) if k != "page"
        ),
    }
    return render(request, "portal/tisc/directory.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@public
@require_GET
def directory_csv(request: HttpRequest) -> HttpResponse:
    query = selectors.parse(request.GET)
    bad = _bad_query(query)
    if bad:
        return bad
    writer = csv.writer(_Echo())
    rows = selectors.directory_rows(query=query)
    response = StreamingHttpResponse(
        ("\ufeff" if i == 0 else "") + writer.writerow(r) for i, r in enumerate(rows)
    )
    response["Content-Type"] = "text/csv; charset=utf-8"
    response["Content-Disposition"] = 'attachment; filename="ipdev-tisc-centres.csv"'
    return response


@public
@require_GET
def directory_xlsx(request: HttpRequest) -> HttpResponse:
    query = selectors.parse(request.GET)
    bad = _bad_query(query)
    if bad:
        return bad
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Centres"))
    for i, row in enumerate(selectors.directory_rows(query=query)):
        if i == 0:
            cells = []
            for value in row:
                from openpyxl.cell import WriteOnlyCell

                cell = WriteOnlyCell(ws, value=str(value))
                cell.font = Font(bold=True)
                cells.append(cell)
            ws.append(cells)
        else:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="ipdev-tisc-centres.xlsx"'
    return response


@public
@require_GET
def centre(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.centre_detail(user=request.user, pk=pk)
    response = render(request, "portal/tisc/centre.html", {"d": detail, "c": detail.card})
    if detail.private is not None:
        patch_cache_control(response, private=True, no_store=True)
    return response


@public
@require_GET
def networks(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/tisc/networks.html", {"networks": selectors.network_list()})


@public
@require_GET
def network(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.network_detail(user=request.user, pk=pk)
    response = render(request, "portal/tisc/network.html", {"n": detail, "s": detail.summary})
    if detail.can_manage:
        patch_cache_control(response, private=True, no_store=True)
    return response


@public
@require_GET
def stories(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/tisc/stories.html", {"stories": selectors.public_stories()})


def _total_chart(key: str, title, heading, totals) -> Chart:
    columns = (_("Centres"), _("Inquiries"), _("Searches and reports"), _("Events"),
               _("Participants (women)"), _("Participants (men)"), _("Staff trained (women)"),
               _("Staff trained (men)"))  # fmt: skip
    rows = tuple(ChartRow(str(t.key), tuple(t.values[name] for name in t.values)) for t in totals)
    return Chart(key, str(title), str(title), str(heading), columns, rows, kind="bar", series=3)


def _charts(request: HttpRequest) -> list[Chart]:
    r = selectors.rollups(user=request.user)
    levels = {"0": _("Not yet rated"), "1": _("Level 1"), "2": _("Level 2"), "3": _("Level 3")}
    for t in r.by_level:
        t.key = levels.get(t.key, t.key)
    charts = [
        _total_chart("region", _("By WIPO region"), _("Region"), r.by_region),
        _total_chart("level", _("By maturity level"), _("Level"), r.by_level),
        _total_chart("year", _("By year"), _("Year"), r.by_year),
    ]
    if r.by_network is not None:
        charts.append(_total_chart("network", _("By network"), _("Network"), r.by_network))
    meetings = selectors.meetings()
    charts.append(
        Chart("meetings", _("National and regional TISC meetings per year"),
              _("Activities tagged to TISC networks, by start year"), _("Year"),
              (_("National"), _("Regional")),
              tuple(ChartRow(str(y), (n, g)) for y, n, g in meetings), stacked=True)
    )  # fmt: skip
    charts.append(
        Chart("training", _("TISC staff in training by course, language and sex"),
              _("From approved reports"), _("Year, course and language"), (_("Women"), _("Men")),
              tuple(ChartRow(f"{y} · {c} · {lang}", (w, m)) for y, c, lang, w, m in
                    selectors.training()), kind="hbar", stacked=True)
    )  # fmt: skip
    charts.append(
        Chart("certification", _("TISC Foundation Course by network and sex"),
              _("Participants enrolled and certified"), _("Network"),
              (_("Women enrolled"), _("Men enrolled"), _("Women certified"), _("Men certified")),
              tuple(ChartRow(n, (a, b, c, d)) for n, a, b, c, d in
                    selectors.certification_counts()), kind="hbar")
    )  # fmt: skip
    return charts


@public
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    response = render(request, "portal/tisc/statistics.html", {"charts": _charts(request)})
    patch_cache_control(response, private=True)
    return response


@public
@require_GET
def statistics_csv(request: HttpRequest, key: str) -> HttpResponse:
    return _csv(find(_charts(request), key), "tisc")
