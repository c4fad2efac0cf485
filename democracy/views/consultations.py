"""Consultations of the people on local matters (dân bàn): planning, opening, the result."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from danvan.accounts.roles import has_role
from danvan.history.selectors import history_of
from danvan.workflow import DomainError

from .. import permissions, selectors, services
from ..filters import ConsultationFilter
from ..forms import ConsultationForm, ConsultationResultForm, ReasonForm
from ..workflow import CONSULTATION_TRANSITIONS, ConsultationStatus
from ._common import ScopedFilterView, run_step


def _can_plan(user):
    return has_role(user, *permissions.COMMUNE_OFFICIALS) and selectors.commune_committees(user).exists()


class ConsultationListView(ScopedFilterView):
    filterset_class = ConsultationFilter
    template_name = "democracy/consultations.html"
    context_object_name = "consultations"

    def get_queryset(self):
        return selectors.consultations_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_plan=_can_plan(self.request.user), **kwargs)


class ConsultationCreateView(View):
    template_name = "democracy/consultation_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not _can_plan(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(
            request, self.template_name, {"form": ConsultationForm(units=selectors.commune_committees(request.user))}
        )

    def post(self, request):
        form = ConsultationForm(request.POST, units=selectors.commune_committees(request.user))
        done = run_step(
            request,
            form,
            lambda **data: services.plan_consultation(actor=request.user, **data),
            _("The consultation is planned."),
            lambda item: ("democracy:consultation", item.pk),
        )
        return done or render(request, self.template_name, {"form": form}, status=400)


def _page(request, item, *, result_form=None, cancel_form=None, status=200):
    allowed = CONSULTATION_TRANSITIONS[ConsultationStatus(item.status)]
    context = {
        "consultation": item,
        "history": history_of(item),
        "can_manage": permissions.can_manage_consultation(request.user, item.unit),
        "can_open": ConsultationStatus.OPEN in allowed,
        "can_conclude": ConsultationStatus.CONCLUDED in allowed,
        "can_cancel": ConsultationStatus.CANCELLED in allowed,
        "result_form": result_form or ConsultationResultForm(),
        "cancel_form": cancel_form or ReasonForm(),
    }
    return render(request, "democracy/consultation.html", context, status=status)


def _managed(request, pk):
    item = permissions.get_visible_or_404(selectors.consultations_visible_to(request.user), pk)
    if not permissions.can_manage_consultation(request.user, item.unit):
        raise PermissionDenied
    return item


@require_GET
def consultation(request, pk):
    return _page(request, permissions.get_visible_or_404(selectors.consultations_visible_to(request.user), pk))


@require_POST
def open_consultation(request, pk):
    item = _managed(request, pk)
    try:
        services.open_consultation(consultation=item, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The consultation is open for opinions."))
    return redirect("democracy:consultation", item.pk)


@require_POST
def conclude_consultation(request, pk):
    item = _managed(request, pk)
    form = ConsultationResultForm(request.POST)
    done = run_step(
        request,
        form,
        lambda **data: services.conclude_consultation(consultation=item, actor=request.user, **data),
        _("The result of the consultation is recorded."),
        lambda result: ("democracy:consultation", result.pk),
    )
    return done or _page(request, item, result_form=form, status=400)


@require_POST
def cancel_consultation(request, pk):
    item = _managed(request, pk)
    form = ReasonForm(request.POST)
    done = run_step(
        request,
        form,
        lambda reason: services.cancel_consultation(consultation=item, actor=request.user, reason=reason),
        _("The consultation is cancelled."),
        lambda result: ("democracy:consultation", result.pk),
    )
    return done or _page(request, item, cancel_form=form, status=400)
