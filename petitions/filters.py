import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.models import UnitKind
from danvan.orgunits.selectors import unit_with_descendants, units_visible_to

from . import selectors
from .models import Category, Channel, Kind
from .workflow import Status

YES_NO = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]


class PetitionFilter(django_filters.FilterSet):
    """The register's filters, applied on top of the user's scoped petitions."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=Kind.choices)
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=Status.choices)
    unit = django_filters.ModelChoiceFilter(label=_("Unit (with its sub-units)"), method="filter_unit", queryset=None)
    handler = django_filters.ModelChoiceFilter(label=_("Handler"), queryset=None)
    category = django_filters.ModelChoiceFilter(label=_("Field"), queryset=Category.objects.all())
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    received_from = django_filters.DateFilter(
        label=_("Received from"), field_name="received_date", lookup_expr="gte",
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )  # fmt: skip
    received_to = django_filters.DateFilter(
        label=_("Received until"), field_name="received_date", lookup_expr="lte",
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )  # fmt: skip
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=forms.Select(choices=YES_NO)
    )
    due_within = django_filters.NumberFilter(
        label=_("Due within (days)"), method="filter_due_within", min_value=0, max_value=3650
    )
    escalated = django_filters.BooleanFilter(
        label=_("Reported to a higher level"), method="filter_escalated", widget=forms.Select(choices=YES_NO)
    )
    accepted = django_filters.BooleanFilter(
        label=_("Within competence"), field_name="accepted_date", lookup_expr="isnull", exclude=True,
        widget=forms.Select(choices=YES_NO),
    )  # fmt: skip
    is_group = django_filters.BooleanFilter(label=_("Group petition"), widget=forms.Select(choices=YES_NO))
    is_anonymous = django_filters.BooleanFilter(label=_("Anonymous"), widget=forms.Select(choices=YES_NO))
    is_skipped_level = django_filters.BooleanFilter(label=_("Skipped level"), widget=forms.Select(choices=YES_NO))
    order = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("received_date", "received"), ("due_date", "due"), ("code", "code"), ("status", "status")),
        field_labels={
            "received": _("Received date"),
            "due": _("Deadline"),
            "code": _("Code"),
            "status": _("Status"),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = units_visible_to(user).exclude(kind=UnitKind.DISTRICT)
        self.filters["handler"].queryset = (
            get_user_model().objects.filter(assigned_petitions__in=selectors.petitions_visible_to(user)).distinct()
        )

    def filter_search(self, queryset, name, value):
        return selectors.search(queryset, value)

    def filter_unit(self, queryset, name, value):
        return queryset.filter(handling_unit__in=unit_with_descendants(value))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = selectors.overdue(queryset)
        return late if value else queryset.exclude(pk__in=late.values("pk"))

    def filter_escalated(self, queryset, name, value):
        if value is None:
            return queryset
        escalated = selectors.overdue(queryset).filter(deadline__escalation_level__gte=1)
        return escalated if value else queryset.exclude(pk__in=escalated.values("pk"))

    def filter_due_within(self, queryset, name, value):
        return selectors.due_within(queryset, int(value))
