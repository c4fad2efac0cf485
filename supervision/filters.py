"""The list pages' filters, each applied on top of the user's scoped records."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput
from danvan.orgunits.models import Unit
from danvan.orgunits.selectors import unit_with_descendants, units_visible_to

from . import selectors
from .forms import YEAR_ERRORS
from .models import InitiativeField, RecommendationKind
from .workflow import EXEMPLARS, InitiativeStatus, RecommendationStatus

YES_NO = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]


class ProgrammeFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"), min_value=2000, max_value=2100, error_messages=YEAR_ERRORS)
    body = django_filters.ModelChoiceFilter(label=_("Body"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["body"].queryset = selectors.supervising_bodies(user)


def _date_filter(label, field_name, lookup_expr):
    return django_filters.DateFilter(label=label, field_name=field_name, lookup_expr=lookup_expr, widget=DateInput())


class RecommendationFilter(django_filters.FilterSet):
    """Recommendations and commitments: by status, unit, deadline, kind, and whether overdue."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=RecommendationStatus.choices)
    # As the dashboard counts them: made by or addressed to the unit or a unit below it.
    unit = django_filters.ModelChoiceFilter(label=_("Unit (with its sub-units)"), queryset=None, method="filter_unit")
    addressed_to = django_filters.ModelChoiceFilter(label=_("Addressed to"), queryset=None)
    due_from = _date_filter(_("Deadline from"), "due_date", "gte")
    due_to = _date_filter(_("Deadline until"), "due_date", "lte")
    kind = django_filters.ChoiceFilter(label=_("Recommendation or commitment"), choices=RecommendationKind.choices)
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=forms.Select(choices=YES_NO)
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only units something in scope is addressed to: a short list, not the whole province.
        addressed = selectors.recommendations_visible_to(user).values("addressed_to")
        self.filters["addressed_to"].queryset = Unit.objects.filter(pk__in=addressed).order_by("name")
        self.filters["unit"].queryset = units_visible_to(user).order_by("path")

    def filter_unit(self, queryset, name, value):
        units = unit_with_descendants(value)
        return queryset.filter(Q(body__in=units) | Q(addressed_to__in=units))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = selectors.overdue(queryset)
        return late if value else queryset.exclude(pk__in=late.values("pk"))


class CommitmentFilter(RecommendationFilter):
    """Interpellation promises; the written answer can be pending, late or sent."""

    PENDING, LATE, SENT = "pending", "late", "sent"
    kind = None  # every row is a commitment
    written_answer = django_filters.ChoiceFilter(
        label=_("Written answer"),
        method="filter_written_answer",
        choices=[(PENDING, _("Not sent yet")), (LATE, _("Late")), (SENT, _("Sent"))],
    )

    def filter_written_answer(self, queryset, name, value):
        pending = Q(written_answer_on__isnull=True)
        if value == self.SENT:
            return queryset.exclude(pending)
        if value == self.LATE:
            return queryset.filter(pending, written_answer_due__lt=timezone.localdate())
        return queryset.filter(pending)


class InitiativeFilter(django_filters.FilterSet):
    """The registry's filters within a year."""

    unit = django_filters.ModelChoiceFilter(label=_("Unit (with its sub-units)"), queryset=None, method="filter_unit")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InitiativeStatus.choices)
    exemplar = django_filters.BooleanFilter(
        label=_("Exemplars (recognised or commended)"), method="filter_exemplar", widget=forms.Select(choices=YES_NO)
    )
    field = django_filters.ChoiceFilter(label=_("Field"), choices=InitiativeField.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A commune or the province as well as a body: the dashboard's unit, with what is below it.
        self.filters["unit"].queryset = units_visible_to(user).order_by("path")

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit__in=unit_with_descendants(value))

    def filter_exemplar(self, queryset, name, value):
        if value is None:
            return queryset
        exemplars = Q(status__in=EXEMPLARS)
        return queryset.filter(exemplars) if value else queryset.exclude(exemplars)
