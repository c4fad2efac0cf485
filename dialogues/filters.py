"""The list pages' filters, each applied on top of the user's scoped records."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput
from danvan.orgunits.selectors import unit_with_descendants, units_visible_to

from . import selectors
from .models import HeadPosition
from .workflow import CommitmentStatus, DialogueStatus

YES_NO = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]


def _date_filter(label, field_name, lookup_expr):
    return django_filters.DateFilter(label=label, field_name=field_name, lookup_expr=lookup_expr, widget=DateInput())


class _UnitFilterSet(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("Unit (with its sub-units)"), queryset=None, method="filter_unit")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = units_visible_to(user).order_by("path")


class DialogueFilter(_UnitFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DialogueStatus.choices)
    position = django_filters.ChoiceFilter(label=_("Head's position"), choices=HeadPosition.choices)
    date_from = _date_filter(_("From"), "date", "gte")
    date_to = _date_filter(_("Until"), "date", "lte")

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit__in=unit_with_descendants(value))


class CommitmentFilter(_UnitFilterSet):
    """Commitments by status, responsible unit (with its sub-units), due date, and whether overdue."""

    unit = django_filters.ModelChoiceFilter(
        label=_("Responsible unit (with its sub-units)"), queryset=None, method="filter_unit"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CommitmentStatus.choices)
    due_from = _date_filter(_("Due from"), "due_date", "gte")
    due_to = _date_filter(_("Due until"), "due_date", "lte")
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=forms.Select(choices=YES_NO)
    )

    def filter_unit(self, queryset, name, value):
        return queryset.filter(responsible_unit__in=unit_with_descendants(value))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = selectors.overdue(queryset)
        return late if value else queryset.exclude(pk__in=late.values("pk"))
