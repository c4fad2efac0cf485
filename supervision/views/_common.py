"""What the supervision list pages share: the scoped FilterView with 25 rows a page."""

from django_filters.views import FilterView

PAGE_SIZE = 25


class ScopedFilterView(FilterView):
    """A FilterView whose FilterSet is told the user, so its choices stay within the user's scope;
    subclasses give `get_queryset` from a scoped selector."""

    paginate_by = PAGE_SIZE

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


def final_values(targets, final):
    """The offered targets among `final`, space-separated: form_card's `confirm_values`, so that the
    form asks before a step recorded for good and only then."""
    return " ".join(target.value for target in targets if target in final)
