from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from danvan import xlsx
from danvan.accounts.roles import Role, has_role
from danvan.orgunits.selectors import unit_with_descendants, units_visible_to

from . import selectors
from .forms import DashboardForm
from .models import ReportPolicy
from .periods import Period, period_for


def _allowed(user):
    return user.is_superuser or has_role(user, Role.LEADER, Role.SUPERVISOR, Role.ADMINISTRATOR)


def _scope_and_period(request):
    if not _allowed(request.user):
        raise PermissionDenied
    visible = units_visible_to(request.user)
    choices = visible.order_by("path")
    form = DashboardForm(request.GET, units=choices)
    if form.is_valid():
        data = form.cleaned_data
    else:  # the errors are shown; the figures use the default period
        fallback = DashboardForm({}, units=choices)
        fallback.is_valid()
        data = fallback.cleaned_data
    if data["period"] == "custom":
        period = Period(data["start"], data["end"], f"{data['start']:%d/%m/%Y} – {data['end']:%d/%m/%Y}")
    else:
        period = period_for(data["period"], data["year"], data.get("number") or 1, ReportPolicy.current().cutoff_day)
    unit = data.get("unit")
    units = visible.filter(pk__in=unit_with_descendants(unit)) if unit else visible
    return form, period, units, unit


def _figures(units, period):
    return {
        "petitions": selectors.petition_figures(units, period),
        "timeliness": selectors.timeliness(units, period),
        "now": selectors.current_state(units),
        "satisfaction": selectors.satisfaction(units, period),
        "reception": selectors.reception_figures(units, period),
        "recommendations": selectors.recommendation_figures(units, period),
        "voters": selectors.voter_recommendation_figures(units, period),
        "models": selectors.initiative_figures(units, period.end.year),
    }


@require_GET
def dashboard(request):
    """Key figures for the period and unit, each linking to the list behind it."""
    form, period, units, unit = _scope_and_period(request)
    figures = _figures(units, period)
    base = {"received_from": period.start.isoformat(), "received_to": period.end.isoformat()}
    if unit:
        base["unit"] = unit.pk
    petitions = reverse("petitions:list")

    def link(**extra):
        return f"{petitions}?{urlencode({**base, **extra}, doseq=True)}"

    now_base = {"unit": unit.pk} if unit else {}
    links = {
        "received": link(),
        "complaints": link(kind=["complaint_1", "complaint_2"]),
        "denunciations": link(kind="denunciation"),
        "recommendations": link(kind=["recommendation", "feedback"]),
        "within_competence": link(accepted="true"),
        "resolved": link(accepted="true", status=["resolved", "closed"]),
        "voters": link(channel="voter_meeting"),
        "sessions": reverse("reception:sessions"),
        "recommendations_due": reverse("supervision:programmes"),
        "models": f"{reverse('supervision:initiatives')}?year={period.end.year}",
        "group": link(is_group="true"),
        "skipped_level": link(is_skipped_level="true"),
        "transferred": link(status="transferred"),
        "repeated": link(status="duplicate"),
        "overdue": f"{petitions}?{urlencode({**now_base, 'overdue': 'true'})}",
        "escalated": f"{petitions}?{urlencode({**now_base, 'escalated': 'true'})}",
    }
    charts = {
        "trend": selectors.monthly_trend(units, period),
        "units": [
            (label, n) for _pk, label, n in selectors.breakdown(units, period, "handling_unit", "handling_unit__name")
        ],
        "categories": [
            (label, n) for _pk, label, n in selectors.breakdown(units, period, "category", "category__name")
        ],
    }
    context = {
        "form": form,
        "period": period,
        "unit": unit,
        "figures": figures,
        "links": links,
        "charts": charts,
        "hotspots": [
            {**spot, "href": f"{petitions}?{urlencode({'unit': spot['pk'], 'overdue': 'true'})}"}
            for spot in selectors.hotspots(units)
        ],
        "category_hotspots": [
            {**spot, "href": f"{petitions}?{urlencode({**now_base, 'category': spot['pk'], 'overdue': 'true'})}"}
            for spot in selectors.hotspots(units, by="category")
        ],
        "query": request.GET.urlencode(),
    }
    return render(request, "dashboard/dashboard.html", context)


RESULT_KEYS = [
    "within_competence",
    "resolved",
    "resolution_rate",
    "withdrawn",
    "terminated",
    "justified",
    "partly",
    "unjustified",
    "on_time",
    "late",
]
REPORT_SHEETS = [
    (
        "01/TCD",
        "reception",
        [
            "sessions_held", "visits", "people", "periodic_visits", "ad_hoc_visits", "old_cases", "new_cases",
            "group_visits", "group_people", "complaint_visits", "denunciation_visits", "recommendation_visits",
            "petitions_received",
        ],
    ),
    (
        "01/XLD",
        "petitions",
        [
            "carried_over", "received", "complaints", "denunciations", "recommendations", "within_competence",
            "outside_competence", "transferred", "guided", "repeated", "group", "skipped_level",
        ],
    ),
    ("01/KQGQ", "results", [f"complaint_{key}" for key in RESULT_KEYS]),
    ("03/KQGQ", "results", [f"denunciation_{key}" for key in RESULT_KEYS]),
    ("KNCT", "voters", ["received", "answered", "answered_rate", "in_progress"]),
]  # fmt: skip


def _labels():
    return {
        "sessions_held": _("Reception sessions held"),
        "visits": _("Visits"),
        "people": _("People received"),
        "group_visits": _("Group delegations"),
        "petitions_received": _("Petitions received at reception"),
        "received": _("Received"),
        "complaints": _("Complaints"),
        "denunciations": _("Denunciations"),
        "recommendations": _("Recommendations and feedback"),
        "within_competence": _("Within competence"),
        "carried_over": _("Carried over from the previous period"),
        "outside_competence": _("Outside competence"),
        "transferred": _("Transferred"),
        "guided": _("Guided"),
        "repeated": _("Repeated"),
        "group": _("Group petitions"),
        "skipped_level": _("Skipped level"),
        "resolved": _("Resolved"),
        "resolution_rate": _("Resolution rate (%)"),
        "answered": _("Answered"),
        "answered_rate": _("Answered (%)"),
        "in_progress": _("Still in progress"),
        "on_time": _("Resolved on time"),
        "late": _("Resolved late"),
        "periodic_visits": _("Visits at scheduled sessions"),
        "ad_hoc_visits": _("Visits at ad hoc sessions"),
        "old_cases": _("Matters already handled before"),
        "new_cases": _("New matters"),
        "group_people": _("People in group delegations"),
        "complaint_visits": _("Visits about complaints"),
        "denunciation_visits": _("Visits about denunciations"),
        "recommendation_visits": _("Visits about recommendations and feedback"),
        "withdrawn": _("Withdrawn"),
        "terminated": _("Terminated"),
        "justified": _("Justified"),
        "partly": _("Partly justified"),
        "unjustified": _("Unjustified"),
    }


@require_GET
def report(request):
    """The periodic report (reception, processing, results, voters' recommendations) as .xlsx or a printable page."""
    form, period, units, unit = _scope_and_period(request)
    figures = {**_figures(units, period), "results": selectors.resolution_results(units, period)}
    labels = _labels()
    titles = {
        "01/TCD": _("Citizen reception"),
        "01/XLD": _("Processing of petitions"),
        "01/KQGQ": _("Results of resolving complaints"),
        "03/KQGQ": _("Results of resolving denunciations"),
        "KNCT": _("Voters' recommendations"),
    }
    sheets = [
        (code, titles[code], [(labels[key.removeprefix("complaint_").removeprefix("denunciation_")]
                               if group == "results" else labels[key], figures[group][key]) for key in keys])
        for code, group, keys in REPORT_SHEETS
    ]  # fmt: skip
    scope = unit.name if unit else _("All units in your scope")
    if request.GET.get("format") != "xlsx":
        return render(request, "dashboard/report.html", {"sheets": sheets, "period": period, "scope": scope})
    workbook = xlsx.new_workbook()
    for code, title, rows in sheets:
        sheet = xlsx.add_sheet(workbook, code.replace("/", "-"), widths=[40, 30, 24])
        xlsx.append(
            sheet, [f"{code} – {title}", scope, f"{xlsx.short_date(period.start)} – {xlsx.short_date(period.end)}"]
        )
        xlsx.append(sheet, [_("Indicator"), _("Value")])
        for label, value in rows:
            xlsx.append(sheet, [label, value])
    return xlsx.xlsx_response(workbook, f"bao-cao-{period.start.isoformat()}-{period.end.isoformat()}.xlsx")
