"""The list pages' filters, each applied on top of the user's scoped records."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.models import Unit

from . import selectors
from .models import InitiativeField, RecommendationKind
from .workflow import InitiativeStatus, RecommendationStatus

YES_NO = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]


class ProgrammeFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"), min_value=2000, max_value=2100)
    body = django_filters.ModelChoiceFilter(label=_("Body"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["body"].queryset = selectors.supervising_bodies(user)


class RecommendationFilter(django_filters.FilterSet):
    """Recommendations and commitments: by status, addressed unit, kind, and whether overdue."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=RecommendationStatus.choices)
    addressed_to = django_filters.ModelChoiceFilter(label=_("Addressed to"), queryset=None)
    kind = django_filters.ChoiceFilter(label=_("Recommendation or commitment"), choices=RecommendationKind.choices)
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=forms.Select(choices=YES_NO)
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only units something in scope is addressed to: a short list, not the whole province.
        addressed = selectors.recommendations_visible_to(user).values("addressed_to")
        self.filters["addressed_to"].queryset = Unit.objects.filter(pk__in=addressed).order_by("name")

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

    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=None)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InitiativeStatus.choices)
    field = django_filters.ChoiceFilter(label=_("Field"), choices=InitiativeField.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = selectors.registering_units(user)
