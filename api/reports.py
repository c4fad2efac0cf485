"""The period and units an API report or export is for, and the statutory figures (the dashboard's report)."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from danvan.orgunits.selectors import unit_with_descendants, units_visible_to
from dashboard import selectors as figures
from dashboard.models import ReportPolicy
from dashboard.periods import Period, period_for


def period_of(query):
    """A Period from a validated ReportQuerySerializer's data."""
    if query["period"] == "custom":
        return Period(query["start"], query["end"], f"{query['start']:%d/%m/%Y} – {query['end']:%d/%m/%Y}")
    year = query.get("year") or timezone.localdate().year
    return period_for(query["period"], year, query["number"], ReportPolicy.current().cutoff_day)


def scope_of(user, unit_id):
    """(units, the chosen unit or None): the user's units, or one of them with its sub-units; 404 outside."""
    visible = units_visible_to(user)
    if unit_id is None:
        return visible, None
    unit = get_object_or_404(visible, pk=unit_id)
    return visible.filter(pk__in=unit_with_descendants(unit)), unit


def statutory_figures(units, period):
    """The periodic report's figures (forms 01/TCD, 01/XLD, 01/KQGQ, 03/KQGQ, voters' recommendations)."""
    return {
        "reception": figures.reception_figures(units, period),
        "petitions": figures.petition_figures(units, period),
        "results": figures.resolution_results(units, period),
        "timeliness": figures.timeliness(units, period),
        "voters": figures.voter_recommendation_figures(units, period),
        "recommendations": figures.recommendation_figures(units, period),
    }
