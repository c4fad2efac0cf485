from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from danvan import xlsx
from danvan.accounts.roles import Role, has_role
from danvan.db import reads_from_replica
from danvan.orgunits.selectors import unit_with_descendants, units_visible_to

from . import selectors
from .forms import CUSTOM, DashboardForm
from .models import ReportPolicy
from .periods import Period, period_for


def _allowed(user):
    return user.is_superuser or has_role(user, Role.LEADER, Role.SUPERVISOR, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class Scope:
    """What the page shows: the form (the values shown, or the refused input with its errors), the period and
    units the figures are for, the chosen unit, whether the input was valid and the query naming this period."""

    form: DashboardForm
    period: Period
    units: object
    unit: object
    valid: bool
    query: str


def _query(shown):
    """The query string of the period and unit shown, for the report links."""
    values = {**shown, "unit": shown["unit"].pk if shown["unit"] else None}
    for key in ("start", "end"):
        values[key] = values[key] and f"{values[key]:%d/%m/%Y}"
    return urlencode({key: value for key, value in values.items() if value is not None})


def _scope_and_period(request):
    if not _allowed(request.user):
        raise PermissionDenied
    visible = units_visible_to(request.user)
    choices = visible.order_by("path")
    form = DashboardForm(request.GET, units=choices)
    valid = form.is_valid()
    if valid:  # the controls show the period shown, defaults filled in
        shown = form.shown()
        form = DashboardForm(initial=shown, units=choices)
    else:  # the refused input stays with its errors; the figures are those of the default period
        fallback = DashboardForm({}, units=choices)
        fallback.is_valid()
        shown = fallback.shown()
    if shown["period"] == CUSTOM:
        start, end = shown["start"], shown["end"]
        period = Period(start, end, f"{start:%d/%m/%Y} – {end:%d/%m/%Y}")
    else:
        cutoff = ReportPolicy.current().cutoff_day
        period = period_for(shown["period"], shown["year"], shown["number"] or 1, cutoff)
    unit = shown["unit"]
    units = visible.filter(pk__in=unit_with_descendants(unit)) if unit else visible
    return Scope(form, period, units, unit, valid, _query(shown))


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
        "grassroots": selectors.grassroots_figures(units, period),
    }


def _url(name, **query):
    query = {key: value for key, value in query.items() if value not in (None, "")}
    return f"{reverse(name)}?{urlencode(query, doseq=True)}" if query else reverse(name)


def _links(period, unit):
    """Each figure's list, filtered to the same unit and period: it holds as many rows as the figure says."""
    unit_pk = unit.pk if unit else None
    # As the date boxes of every list show and take them: day/month/year.
    start, end = f"{period.start:%d/%m/%Y}", f"{period.end:%d/%m/%Y}"

    def petitions(**extra):
        return _url("petitions:list", received_from=start, received_to=end, unit=unit_pk, **extra)

    def sessions(**extra):
        return _url("reception:sessions", date_from=start, date_to=end, host=unit_pk, **extra)

    def recommendations(**extra):
        return _url("supervision:recommendations", due_from=start, due_to=end, unit=unit_pk, **extra)

    def initiatives(**extra):
        return _url("supervision:initiatives", year=period.end.year, unit=unit_pk, **extra)

    now = _url("petitions:list", unit=unit_pk)
    return {
        "received": petitions(),
        "complaints": petitions(kind=["complaint_1", "complaint_2"]),
        "denunciations": petitions(kind="denunciation"),
        "recommendations": petitions(kind=["recommendation", "feedback"]),
        "within_competence": petitions(accepted="true"),
        "resolved": petitions(accepted="true", resolved="true"),
        "voters": petitions(channel="voter_meeting"),
        "voters_answered": petitions(channel="voter_meeting", resolved="true"),
        "sessions": sessions(status="held"),
        # The visits are made at the sessions of the period, whatever became of them (no list of visits).
        "visits": sessions(),
        "recommendations_due": recommendations(),
        "recommendations_implemented": recommendations(status="implemented"),
        "models": initiatives(),
        "exemplars": initiatives(exemplar="true"),
        "group": petitions(is_group="true"),
        "skipped_level": petitions(is_skipped_level="true"),
        "transferred": petitions(status="transferred"),
        "repeated": petitions(repeated="true"),
        "overdue": f"{now}{'&' if unit else '?'}overdue=true",
        "escalated": f"{now}{'&' if unit else '?'}escalated=true",
    }


@require_GET
@reads_from_replica
def dashboard(request):
    """Key figures for the period and unit, each linking to the list behind it; 400 with the errors shown
    (and the default period's figures) when the period or unit is refused."""
    scope = _scope_and_period(request)
    units, period, unit = scope.units, scope.period, scope.unit
    petitions = reverse("petitions:list")
    now_base = {"unit": unit.pk} if unit else {}
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
        "form": scope.form,
        "period": period,
        "unit": unit,
        "figures": _figures(units, period),
        "links": _links(period, unit),
        "charts": charts,
        "hotspots": [
            {**spot, "href": f"{petitions}?{urlencode({'unit': spot['pk'], 'overdue': 'true'})}"}
            for spot in selectors.hotspots(units)
        ],
        "category_hotspots": [
            {**spot, "href": f"{petitions}?{urlencode({**now_base, 'category': spot['pk'], 'overdue': 'true'})}"}
            for spot in selectors.hotspots(units, by="category")
        ],
        "report_query": scope.query,
    }
    return render(request, "dashboard/dashboard.html", context, status=200 if scope.valid else 400)


# In the order the forms add up (see selectors.resolution_results).
RESULT_KEYS = [
    "within_competence",
    "resolved",
    "on_time",
    "late",
    "withdrawn",
    "terminated",
    "being_resolved",
    "justified",
    "partly",
    "unjustified",
    # What the decisions ordered, then their enforcement (columns of the forms; see selectors.resolution_results).
    "money_to_state",
    "land_to_state",
    "money_to_citizens",
    "land_to_citizens",
    "people_for_discipline",
    "cases_to_investigation",
    "people_to_investigation",
    "urged",
    "enforcement_completed",
    "enforcement_in_progress",
    "money_to_state_recovered",
    "land_to_state_recovered",
    "money_to_citizens_returned",
    "land_to_citizens_returned",
    "people_disciplined",
    "resolution_rate",
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
        "being_resolved": _("Still being resolved"),
        "justified": _("Justified"),
        "partly": _("Partly justified"),
        "unjustified": _("Unjustified"),
        "money_to_state": _("Money to be returned to the State (đồng)"),
        "land_to_state": _("Land to be returned to the State (m²)"),
        "money_to_citizens": _("Money to be returned to citizens and organisations (đồng)"),
        "land_to_citizens": _("Land to be returned to citizens and organisations (m²)"),
        "people_for_discipline": _("People proposed for administrative or disciplinary handling"),
        "cases_to_investigation": _("Cases referred to the investigating body"),
        "people_to_investigation": _("People referred to the investigating body"),
        "urged": _("Petitions urged"),
        "enforcement_completed": _("Decisions whose enforcement is completed"),
        "enforcement_in_progress": _("Decisions still being enforced"),
        "money_to_state_recovered": _("Money actually returned to the State (đồng)"),
        "land_to_state_recovered": _("Land actually returned to the State (m²)"),
        "money_to_citizens_returned": _("Money actually returned to citizens and organisations (đồng)"),
        "land_to_citizens_returned": _("Land actually returned to citizens and organisations (m²)"),
        "people_disciplined": _("People actually handled or disciplined"),
    }


def report_sheets(units, period):
    """The periodic report's forms, each (code, title, [(label, value), …]), for the units over the period."""
    figures = {**_figures(units, period), "results": selectors.resolution_results(units, period)}
    labels = _labels()
    titles = {
        "01/TCD": _("Citizen reception"),
        "01/XLD": _("Processing of petitions"),
        "01/KQGQ": _("Results of resolving complaints"),
        "03/KQGQ": _("Results of resolving denunciations"),
        "KNCT": _("Voters' recommendations"),
    }
    return [
        (code, titles[code], [(labels[key.removeprefix("complaint_").removeprefix("denunciation_")]
                               if group == "results" else labels[key], figures[group][key]) for key in keys])
        for code, group, keys in REPORT_SHEETS
    ]  # fmt: skip


def report_scope(request):
    """The report's period and unit from the request, as the report page takes them (documents use it too)."""
    return _scope_and_period(request)


@require_GET
@reads_from_replica
def report(request):
    """The periodic report (reception, processing, results, voters' recommendations) as .xlsx or a printable page;
    a refused period or unit is answered with its errors (400), never with another period's figures."""
    scope = _scope_and_period(request)
    if not scope.valid:
        return render(request, "dashboard/report.html", {"form": scope.form}, status=400)
    period, units, unit = scope.period, scope.units, scope.unit
    sheets = report_sheets(units, period)
    scope_name = unit.name if unit else _("All units in your scope")
    if request.GET.get("format") != "xlsx":
        context = {"sheets": sheets, "period": period, "scope": scope_name, "report_query": scope.query}
        return render(request, "dashboard/report.html", context)
    workbook = xlsx.new_workbook()
    for code, title, rows in sheets:
        sheet = xlsx.add_sheet(workbook, code.replace("/", "-"), widths=[40, 30, 24])
        xlsx.append(
            sheet,
            [f"{code} – {title}", scope_name, f"{xlsx.short_date(period.start)} – {xlsx.short_date(period.end)}"],
        )
        xlsx.append(sheet, [_("Indicator"), _("Value")])
        for label, value in rows:
            xlsx.append(sheet, [label, value])
    return xlsx.xlsx_response(workbook, f"bao-cao-{period.start.isoformat()}-{period.end.isoformat()}.xlsx")
