"""Dân vận khéo initiatives: the year's registry, registering and carrying over, one initiative's page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from danvan.accounts.roles import Role, has_role
from danvan.history.selectors import history_of
from danvan.workflow import DomainError, allowed_targets

from .. import exports, permissions, selectors, services
from ..filters import InitiativeFilter
from ..forms import CarryOverForm, EvidenceForm, InitiativeForm, InitiativeStatusForm
from ..workflow import INITIATIVE_FINAL, INITIATIVE_TRANSITIONS, InitiativeStatus
from ._common import ScopedFilterView, final_values


def _year(request):
    """The registry's year from the request; anything outside 2000–2100 means this year."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or this_year)
    except ValueError:
        return this_year
    return year if 2000 <= year <= 2100 else this_year


def _registry_url(year):
    return f"{reverse('supervision:initiatives')}?year={year}"


def _can_register(user):
    return has_role(user, Role.SUPERVISOR, Role.LEADER, Role.HANDLER) and selectors.registering_units(user).exists()


class InitiativeRegistryView(ScopedFilterView):
    """Initiatives per unit and year: maintained, new, exemplars against the target of one or two."""

    filterset_class = InitiativeFilter
    template_name = "supervision/initiatives.html"
    context_object_name = "initiatives"

    def get_queryset(self):
        self.year = _year(self.request)
        return selectors.initiative_list(self.request.user, self.year)

    def get_context_data(self, **kwargs):
        counts, without = selectors.initiative_registry(self.request.user, self.year)
        return super().get_context_data(
            year=self.year, counts=counts, without=without, can_register=_can_register(self.request.user), **kwargs
        )


def _registering_units(request):
    """The units the user may register initiatives for; 403 if none."""
    if not _can_register(request.user):
        raise PermissionDenied
    return selectors.registering_units(request.user)


def _new_initiative_page(request, units, initiative_form=None, carry_form=None, status=200):
    initial = {"year": _year(request)}
    context = {
        "year": initial["year"],
        "initiative_form": initiative_form or InitiativeForm(units=units, initial=initial),
        "carry_form": carry_form or CarryOverForm(units=units, initial=initial),
    }
    return render(request, "supervision/initiative_form.html", context, status=status)


class InitiativeCreateView(View):
    """Register an initiative for a year; the same page carries the year before over (see `carry_over`)."""

    def dispatch(self, request, *args, **kwargs):
        self.units = _registering_units(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return _new_initiative_page(request, self.units)

    def post(self, request):
        form = InitiativeForm(request.POST, units=self.units)
        if form.is_valid():
            try:
                item = services.register_initiative(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The model is registered."))
                return redirect(_registry_url(item.year))
        return _new_initiative_page(request, self.units, initiative_form=form, status=400)


@require_POST
def carry_over(request):
    """Register again for the year the unit's initiatives of the year before."""
    units = _registering_units(request)
    form = CarryOverForm(request.POST, units=units)
    if form.is_valid():
        year, unit = form.cleaned_data["year"], form.cleaned_data["unit"]
        try:
            carried = services.carry_over_initiatives(actor=request.user, unit=unit, from_year=year - 1, to_year=year)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("%(n)d models carried over from %(year)d.") % {"n": len(carried), "year": year - 1}
            )
            return redirect(_registry_url(year))
    return _new_initiative_page(request, units, carry_form=form, status=400)


def _status_form(item, data=None):
    return InitiativeStatusForm(data, targets=allowed_targets(INITIATIVE_TRANSITIONS, item.status))


def _status_confirm(targets):
    """The question asked before a step that cannot be taken back (recognition, then commendation);
    only when that step is the one chosen (`status_confirm_values`)."""
    if InitiativeStatus.COMMENDED in targets:
        return _("A commendation is recorded for good. Continue?")
    if InitiativeStatus.EXEMPLAR in targets:
        return _("Recognition as an exemplar cannot be taken back. Record this step?")
    return ""


def _initiative_page(request, item, status_form=None, evidence_form=None, status=200):
    targets = allowed_targets(INITIATIVE_TRANSITIONS, item.status)
    context = {
        "initiative": item,
        "evidence": item.evidence.all(),
        "history": history_of(item),
        "can_manage": permissions.can_manage_initiatives(request.user, item.unit_id),
        "status_form": status_form or _status_form(item),
        "has_targets": bool(targets) or status_form is not None,
        "status_confirm": _status_confirm(targets),
        "status_confirm_values": final_values(targets, INITIATIVE_FINAL),
        "evidence_form": evidence_form or EvidenceForm(),
    }
    return render(request, "supervision/initiative.html", context, status=status)


@require_GET
def initiative(request, pk):
    return _initiative_page(request, get_object_or_404(selectors.initiatives_visible_to(request.user), pk=pk))


def _managed_initiative(request, pk):
    item = get_object_or_404(selectors.initiatives_visible_to(request.user), pk=pk)
    if not permissions.can_manage_initiatives(request.user, item.unit_id):
        raise PermissionDenied
    return item


@require_POST
def advance_initiative(request, pk):
    item = _managed_initiative(request, pk)
    form = _status_form(item, request.POST)
    if form.is_valid():
        try:
            services.advance_initiative(initiative=item, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The model's status is recorded."))
            return redirect("supervision:initiative", item.pk)
    return _initiative_page(request, item, status_form=form, status=400)


@require_POST
def add_initiative_evidence(request, pk):
    item = _managed_initiative(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_initiative_evidence(initiative=item, actor=request.user, upload=form.cleaned_data["upload"])
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The evidence is attached."))
            return redirect("supervision:initiative", item.pk)
    return _initiative_page(request, item, evidence_form=form, status=400)


@require_GET
def initiative_evidence_file(request, pk):
    """Download a file attached to an initiative of a unit in the user's scope."""
    item = get_object_or_404(selectors.initiative_evidence_visible_to(request.user), pk=pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)


@require_GET
def export_initiatives(request):
    """The year's registry, filtered as on the page, as .xlsx."""
    year = _year(request)
    filterset = InitiativeFilter(request.GET, queryset=selectors.initiative_list(request.user, year), user=request.user)
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    return exports.initiatives_response(rows, year)
