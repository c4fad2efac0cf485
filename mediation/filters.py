"""Filters of the mediation lists, applied on top of the user's scoped teams and cases."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput
from petitions.models import Category

from . import selectors
from .workflow import CaseStatus, TeamStatus

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_filter(label, lookup):
    return django_filters.DateFilter(
        label=label, field_name="received_date", lookup_expr=lookup, widget=DateInput(), input_formats=DATE_FORMATS
    )


class TeamFilter(django_filters.FilterSet):
    committee = django_filters.ModelChoiceFilter(label=_("Commune People's Committee"), queryset=None)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=TeamStatus.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["committee"].queryset = selectors.committees_visible_to(user)


class CaseFilter(django_filters.FilterSet):
    committee = django_filters.ModelChoiceFilter(
        label=_("Commune People's Committee"), queryset=None, field_name="team__committee"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices)
    field = django_filters.ModelChoiceFilter(label=_("Field"), queryset=Category.objects.order_by("order", "name"))
    date_from = _date_filter(_("Received from"), "gte")
    date_to = _date_filter(_("Received until"), "lte")
    linked = django_filters.ChoiceFilter(
        label=_("Link with petitions"),
        choices=[
            ("from_petition", _("Guided from a petition")),
            ("petition_after", _("Followed by a petition")),
        ],
        method="filter_linked",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["committee"].queryset = selectors.committees_visible_to(user)

    def filter_linked(self, queryset, name, value):
        if value == "from_petition":
            return queryset.filter(source_petition__isnull=False)
        return queryset.filter(Q(follow_up_petition__isnull=False))
