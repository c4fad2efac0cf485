"""The list pages' filters, each applied on top of the user's scoped records (or the public rows)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput

from . import selectors
from .models import ConsultationMethod, DisclosureForm, PublicationKind
from .workflow import ConsultationStatus, PublicationStatus


def _date_filter(label, field_name, lookup_expr):
    return django_filters.DateFilter(label=label, field_name=field_name, lookup_expr=lookup_expr, widget=DateInput())


class DisclosureFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("Disclosed by"), queryset=None)
    content = django_filters.ModelChoiceFilter(label=_("Content"), queryset=None)
    form = django_filters.ChoiceFilter(label=_("Form of disclosure"), choices=DisclosureForm.choices)
    disclosed_from = _date_filter(_("Disclosed from"), "disclosed_on", "gte")
    disclosed_to = _date_filter(_("Disclosed until"), "disclosed_on", "lte")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = selectors.commune_committees(user)
        self.filters["content"].queryset = selectors.disclosure_contents()


class PublicDisclosureFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("Commune"), queryset=None)
    content = django_filters.ModelChoiceFilter(label=_("Content"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = selectors.public_disclosure_units()
        self.filters["content"].queryset = selectors.disclosure_contents()


class PublicationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PublicationKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PublicationStatus.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)


class PublicAnswerFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PublicationKind.choices)
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = selectors.public_publication_units()


class ConsultationFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("Organised by"), queryset=None)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ConsultationStatus.choices)
    method = django_filters.ChoiceFilter(label=_("Method"), choices=ConsultationMethod.choices)
    opens_from = _date_filter(_("Opening from"), "opens_on", "gte")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = selectors.commune_committees(user)
