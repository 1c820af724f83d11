"""The staff's "Fréquentation" report (Reports menu) and its CSV exports: thin; the
figures come from insights.reports."""

import csv
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse

from core import clock
from core.spreadsheet import safe_cell
from insights import reports, tables
from insights.charts import daily_chart
from insights.period import PERIOD_CHOICES, parse_period
from offers import merchants


def _require_staff(user):
    if not merchants.is_staff_member(user):
        raise PermissionDenied


def csv_cell(value):
    """A cell of the export: text made safe for spreadsheets (a shop's title or a
    resident's search could hold a formula); numbers as they are."""
    if isinstance(value, str | tables.Link):
        return safe_cell(str(value))
    return str(value)


def csv_response(table, period):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"frequentation-{table.slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that spreadsheets read the accents as UTF-8
    writer = csv.writer(response)
    writer.writerow([csv_cell(column) for column in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return response


def frequentation_report(request):
    _require_staff(request.user)
    today = clock.today()
    choice = parse_period(request.GET, today)
    export = request.GET.get("export")
    if export is not None:
        table = reports.report_table(export, choice.period, today)
        if table is None:
            raise Http404
        return csv_response(table, choice.period)
    report = reports.build_report(choice.period, today)
    params = {key: request.GET[key] for key in ("periode", "du", "au") if request.GET.get(key)}
    return TemplateResponse(
        request,
        "insights/admin/report.html",
        {
            "choice": choice,
            "period_choices": PERIOD_CHOICES,
            "report": report,
            "chart": daily_chart(report.series),
            "export_prefix": "?" + urlencode({**params, "export": ""}),
            "today": today,
        },
    )
