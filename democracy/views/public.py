"""The citizens' pages, no login: disclosures published on the portal, and published answers and results.

They read this app's public rows only (selectors.public_*), which hold no personal data.
"""

from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from django_filters.views import FilterView

from .. import selectors
from ..filters import PublicAnswerFilter, PublicDisclosureFilter
from ._common import PAGE_SIZE


@method_decorator(login_not_required, name="dispatch")
class PublicDisclosureListView(FilterView):
    """What the communes disclose on the portal (Law 10/2022/QH15, Art 12(1)): current and past."""

    filterset_class = PublicDisclosureFilter
    template_name = "democracy/public_disclosures.html"
    context_object_name = "disclosures"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.public_disclosures()


@method_decorator(login_not_required, name="dispatch")
class PublicAnswerListView(FilterView):
    """Answers to recommendations and feedback, and results of supervision recommendations, as published."""

    filterset_class = PublicAnswerFilter
    template_name = "democracy/public_answers.html"
    context_object_name = "publications"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.public_publications()
