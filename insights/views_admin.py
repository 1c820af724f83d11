"""The staff's "Fréquentation" report (Reports menu) and its CSV exports: thin; the
figures come from insights.reports."""

import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from core import clock
from core.spreadsheet import safe_cell
from insights import reports, search_gaps, tables
from insights.charts import daily_chart
from insights.period import PERIOD_CHOICES, parse_period
from offers import merchants

PERIOD_PARAMS = ("periode", "du", "au")


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
    params = period_params(request.GET)
    return TemplateResponse(
        request,
        "insights/admin/report.html",
        {
            "choice": choice,
            "period_choices": PERIOD_CHOICES,
            "report": report,
            "chart": daily_chart(report.series),
            "export_prefix": "?" + urlencode({**params, "export": ""}),
            "period_params": params,
            "search_term_targets": search_gaps.target_choices(),
            "today": today,
        },
    )


def period_params(params):
    """The report's period as its query string says it (to come back to the same
    period), each value cut to a date's length: nothing else is carried over."""
    return {key: params[key][:10] for key in PERIOD_PARAMS if params.get(key)}


def report_url(params):
    query = urlencode(period_params(params))
    return (
        reverse("insights_report")
        + (f"?{query}" if query else "")
        + "#table-recherches-sans-resultat"
    )


@require_POST
def add_search_term(request):
    """Add a search without result to the words residents use for a category or a
    service (from the report's form), then back to the report with a message."""
    _require_staff(request.user)
    form = search_gaps.AddSearchTermForm(request.POST)
    back = report_url(request.POST)
    if not form.is_valid():
        for name, errors in form.errors.items():
            field = form.fields.get(name)
            for error in errors:
                messages.error(request, f"{field.label} : {error}" if field else error)
        return redirect(back)
    target, query = form.cleaned_data["cible"], form.cleaned_data["recherche"]
    if not request.user.has_perm(f"directory.change_{target._meta.model_name}"):
        raise PermissionDenied
    names = {"query": query, "target": target.name}
    try:
        added = search_gaps.add_to_words(target, query)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    if added:
        log(instance=target, action="wagtail.edit", user=request.user)
        messages.success(
            request,
            _("« %(query)s » fait maintenant partie des mots de « %(target)s ».") % names,
        )
    else:
        messages.info(
            request, _("« %(query)s » fait déjà partie des mots de « %(target)s ».") % names
        )
    return redirect(back)
