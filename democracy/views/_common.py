"""What the grassroots democracy pages share: the scoped FilterView and the form-then-service step."""

from django.contrib import messages
from django.shortcuts import redirect
from django_filters.views import FilterView

from danvan.workflow import DomainError

PAGE_SIZE = 25


class ScopedFilterView(FilterView):
    """A FilterView whose FilterSet is told the user; subclasses give `get_queryset` from a scoped selector."""

    paginate_by = PAGE_SIZE

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


def run_step(request, form, step, success, redirect_to):
    """Call `step(**form.cleaned_data)` when the form is valid; on success say `success` and redirect.
    Returns the redirect, or None with the refusal added to the form for the page to show again."""
    if not form.is_valid():
        return None
    try:
        result = step(**form.cleaned_data)
    except DomainError as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, success)
    return redirect(*redirect_to(result))
