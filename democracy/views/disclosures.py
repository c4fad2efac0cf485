"""Disclosures recorded by commune People's Committees (dân biết)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from danvan.accounts.roles import has_role

from .. import permissions, selectors, services
from ..filters import DisclosureFilter
from ..forms import DisclosureRecordForm
from ._common import ScopedFilterView, run_step


def _can_record(user):
    return has_role(user, *permissions.COMMUNE_OFFICIALS) and selectors.commune_committees(user).exists()


class DisclosureListView(ScopedFilterView):
    """What the communes in the user's scope disclosed, newest first."""

    filterset_class = DisclosureFilter
    template_name = "democracy/disclosures.html"
    context_object_name = "disclosures"

    def get_queryset(self):
        return selectors.disclosures_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_record=_can_record(self.request.user), **kwargs)


class DisclosureCreateView(View):
    template_name = "democracy/disclosure_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not _can_record(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        user = self.request.user
        return DisclosureRecordForm(
            data, units=selectors.commune_committees(user), contents=selectors.disclosure_contents()
        )

    def get(self, request):
        return render(request, self.template_name, {"form": self.form()})

    def post(self, request):
        form = self.form(request.POST)
        done = run_step(
            request,
            form,
            lambda **data: services.record_disclosure(actor=request.user, **data),
            _("The disclosure is recorded."),
            lambda item: ("democracy:disclosures",),
        )
        return done or render(request, self.template_name, {"form": form}, status=400)
