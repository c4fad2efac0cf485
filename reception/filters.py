"""Filters of the reception lists, applied on top of the user's scoped sessions and meetings."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput
from danvan.orgunits.selectors import unit_with_descendants, units_visible_to

from . import selectors
from .forms import DATE_FORMATS
from .models import Visit, VisitOutcome
from .workflow import SessionStatus

YES_NO = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]


def _date_filter(label, lookup, field_name="date"):
    return django_filters.DateFilter(
        label=label, field_name=field_name, lookup_expr=lookup, widget=DateInput(), input_formats=DATE_FORMATS
    )


class SessionFilter(django_filters.FilterSet):
    date_from = _date_filter(_("From"), "gte")
    date_to = _date_filter(_("Until"), "lte")
    host = django_filters.ModelChoiceFilter(
        label=_("Host unit (with its sub-units)"), queryset=None, method="filter_host"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SessionStatus.choices)
    is_ad_hoc = django_filters.BooleanFilter(
        label=_("Kind of session"),
        widget=forms.Select(
            choices=[("", _("All sessions")), ("true", _("Ad hoc only")), ("false", _("Scheduled only"))]
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["host"].queryset = units_visible_to(user).order_by("name")

    def filter_host(self, queryset, name, value):
        return queryset.filter(hosts__in=unit_with_descendants(value))


class VisitFilter(django_filters.FilterSet):
    """The dashboard opens it with the same names as the sessions list: date_from, date_to, host."""

    date_from = _date_filter(_("From"), "gte", field_name="session__date")
    date_to = _date_filter(_("Until"), "lte", field_name="session__date")
    host = django_filters.ModelChoiceFilter(
        label=_("Host unit (with its sub-units)"), queryset=None, method="filter_host"
    )
    outcome = django_filters.ChoiceFilter(label=_("Result of the visit"), choices=VisitOutcome.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind of matter"), choices=Visit._meta.get_field("kind").choices)
    is_group = django_filters.BooleanFilter(label=_("Group delegation"), widget=forms.Select(choices=YES_NO))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["host"].queryset = units_visible_to(user).order_by("name")

    def filter_host(self, queryset, name, value):
        # A subquery, not a join: a session with two hosts in the unit would list its visits twice.
        return queryset.filter(session__in=selectors.sessions_hosted_in(value))


class VoterMeetingFilter(django_filters.FilterSet):
    council = django_filters.ModelChoiceFilter(label=_("Council"), queryset=None)
    date_from = _date_filter(_("From"), "gte")
    date_to = _date_filter(_("Until"), "lte")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["council"].queryset = selectors.council_choices(user)
