from datetime import datetime

import django_filters
from django import forms
from django.db.models import F
from django.forms.utils import flatatt
from django.utils.formats import get_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from danvan.forms import DateInput
from danvan.orgunits.models import UnitKind
from danvan.orgunits.selectors import unit_with_descendants, units_visible_to

from . import selectors
from .models import Category, Channel, Kind
from .workflow import Status

YES_NO = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]
# The filters always in view; the others are under "More filters".
SHOWN_FIRST = {"q", "overdue", "due_within", "order", "mine"}


# Both directions of every sortable column, named in words (the register's select and its headers).
SORT_CHOICES = [
    ("code", _("Code, ascending")),
    ("-code", _("Code, descending")),
    ("received", _("Received date, oldest first")),
    ("-received", _("Received date, newest first")),
    ("deadline", _("Deadline, most urgent first")),
    ("-deadline", _("Deadline, latest first")),
    ("status", _("Status, in the order of handling")),
    ("-status", _("Status, in reverse order")),
    ("unit", _("Handling unit, A to Z")),
    ("-unit", _("Handling unit, Z to A")),
]


class DayMonthYearInput(DateInput):
    """The shared day/month/year box, which also shows a date that arrived in another accepted form
    (2026-09-15 from a link) as 15/09/2026, so what the official sees is what the filter applies."""

    def format_value(self, value):
        if isinstance(value, str):
            for pattern in get_format("DATE_INPUT_FORMATS"):
                try:
                    return datetime.strptime(value.strip(), pattern).strftime(self.format)
                except ValueError:
                    continue
        return super().format_value(value)


class QuickSelect(forms.Select):
    """A select written out in Python. Django renders each option through two templates: for the hundreds of
    units and officials a province leader may choose from, that took longer than all the register's queries.
    The same elements and attributes as Django's templates write (selected options, groups), escaped alike."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = []
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'<optgroup label="{escape(group_name)}">')
            # A select's options carry no attribute but "selected" (Select.option_inherits_attrs is False).
            for option in options:
                selected = " selected" if option["selected"] else ""
                html.append(f'<option value="{escape(option["value"])}"{selected}>{escape(option["label"])}</option>')
            if group_name:
                html.append("</optgroup>")
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), mark_safe("".join(html))
        )


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    """QuickSelect for several choices."""


class RegisterOrdering(django_filters.OrderingFilter):
    """Sort by a column; rows without a value (no running deadline) last either way, ties in a fixed order."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        ordering = []
        for param in value:
            if param in EMPTY_VALUES:
                continue
            name = self.get_ordering_value(param)
            column = F(name.removeprefix("-"))
            ordering.append(column.desc(nulls_last=True) if name.startswith("-") else column.asc(nulls_last=True))
        return qs.order_by(*ordering, "-pk")


class PetitionFilter(django_filters.FilterSet):
    """The register's filters, applied on top of the user's scoped petitions."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    # Columns of the petition itself: no join can repeat a row, so no DISTINCT (django-filter's default for
    # multiple choices), which would sort every matching row over all its columns.
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=Kind.choices, distinct=False, widget=QuickSelectMultiple
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Status.choices, distinct=False, widget=QuickSelectMultiple
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit (with its sub-units)"), method="filter_unit", queryset=None, widget=QuickSelect
    )
    handler = django_filters.ModelChoiceFilter(label=_("Handler"), queryset=None, widget=QuickSelect)
    category = django_filters.ModelChoiceFilter(label=_("Field"), queryset=Category.objects.all(), widget=QuickSelect)
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices, widget=QuickSelect)
    received_from = django_filters.DateFilter(
        label=_("Received from"), field_name="received_date", lookup_expr="gte", widget=DayMonthYearInput()
    )
    received_to = django_filters.DateFilter(
        label=_("Received until"), field_name="received_date", lookup_expr="lte", widget=DayMonthYearInput()
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=QuickSelect(choices=YES_NO)
    )
    due_within = django_filters.NumberFilter(
        label=_("Due within (days)"), method="filter_due_within", min_value=0, max_value=3650
    )
    escalated = django_filters.BooleanFilter(
        label=_("Reported to a higher level"), method="filter_escalated", widget=QuickSelect(choices=YES_NO)
    )
    accepted = django_filters.BooleanFilter(
        label=_("Within competence"), field_name="accepted_date", lookup_expr="isnull", exclude=True,
        widget=QuickSelect(choices=YES_NO),
    )  # fmt: skip
    resolved = django_filters.BooleanFilter(
        label=_("Resolved (by a decision or an answer)"), method="filter_resolved", widget=QuickSelect(choices=YES_NO)
    )
    repeated = django_filters.BooleanFilter(
        label=_("Repeated or duplicate"), method="filter_repeated", widget=QuickSelect(choices=YES_NO)
    )
    is_group = django_filters.BooleanFilter(label=_("Group petition"), widget=QuickSelect(choices=YES_NO))
    is_anonymous = django_filters.BooleanFilter(label=_("Anonymous"), widget=QuickSelect(choices=YES_NO))
    is_skipped_level = django_filters.BooleanFilter(label=_("Skipped level"), widget=QuickSelect(choices=YES_NO))
    mine = django_filters.BooleanFilter(label=_("My petitions"), method="filter_mine", widget=forms.HiddenInput)
    order = RegisterOrdering(
        label=_("Sort by"),
        # Column → what it sorts by; petition_list annotates the deadline and the status's rank.
        fields=(
            ("code", "code"),
            ("received_date", "received"),
            ("urgent_due", "deadline"),
            ("status_rank", "status"),
            ("handling_unit__name", "unit"),
        ),
        choices=SORT_CHOICES,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Only what a choice shows (and the path the unit filter reads): a province offers hundreds.
        self.filters["unit"].queryset = (
            units_visible_to(user).exclude(kind=UnitKind.DISTRICT).only("pk", "name", "path")
        )
        self.filters["handler"].queryset = selectors.handler_choices(user, selected=self.data.get("handler"))

    def more_in_use(self):
        """Whether a filter under "More filters" is set, so the section opens and shows it."""
        return any(self.data.get(name) for name in self.filters if name not in SHOWN_FIRST)

    def filter_mine(self, queryset, name, value):
        return queryset.filter(handler=self.user) if value else queryset

    def filter_search(self, queryset, name, value):
        return selectors.search(queryset, value)

    def filter_unit(self, queryset, name, value):
        # Ids, not a subquery: the database then knows how many petitions the units hold (see listed_scope).
        return queryset.filter(handling_unit_id__in=list(unit_with_descendants(value).values_list("pk", flat=True)))

    # Yes/no filters over the one definition each condition has in the selectors (the dashboard counts by it).

    def _condition(self, queryset, condition, value):
        if value is None:
            return queryset
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_overdue(self, queryset, name, value):
        return self._condition(queryset, selectors.overdue_condition(), value)

    def filter_escalated(self, queryset, name, value):
        return self._condition(queryset, selectors.escalated_condition(), value)

    def filter_resolved(self, queryset, name, value):
        return self._condition(queryset, selectors.resolved_condition(), value)

    def filter_repeated(self, queryset, name, value):
        return self._condition(queryset, selectors.repeated_condition(), value)

    def filter_due_within(self, queryset, name, value):
        return selectors.due_within(queryset, int(value))
