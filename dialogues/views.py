"""Pages of the heads' dialogues with the people: lists, one dialogue and its record, commitments, figures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST
from django_filters.views import FilterView

from danvan.accounts.roles import has_role
from danvan.history.selectors import history_of
from danvan.workflow import DomainError
from petitions.permissions import can_view_petition

from . import exports, permissions, selectors, services
from .filters import CommitmentFilter, DialogueFilter
from .forms import CancelForm, CommitmentForm, CompleteForm, DialogueForm, FiguresForm, HeldForm, IssueForm
from .workflow import CommitmentStatus, DialogueStatus

PAGE_SIZE = 25


class _ScopedFilterView(FilterView):
    """A FilterView told the user, so its choices stay within the user's scope."""

    paginate_by = PAGE_SIZE

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


def _can_plan(user):
    return has_role(user, *permissions.ORGANISERS) and selectors.holding_units(user).exists()


class DialogueListView(_ScopedFilterView):
    """The dialogues of the user's units, latest first."""

    filterset_class = DialogueFilter
    template_name = "dialogues/dialogues.html"
    context_object_name = "dialogues"

    def get_queryset(self):
        return selectors.dialogue_list(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_plan=_can_plan(self.request.user), **kwargs)


class DialogueCreateView(View):
    template_name = "dialogues/dialogue_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not _can_plan(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": DialogueForm(user=request.user)})

    def post(self, request):
        form = DialogueForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                dialogue = services.plan_dialogue(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The dialogue is planned."))
                return redirect("dialogues:dialogue", dialogue.pk)
        return render(request, self.template_name, {"form": form}, status=400)


def _dialogue_page(request, dialogue, forms=None, status=200):
    forms = forms or {}
    can_manage = permissions.can_manage_dialogue(request.user, dialogue)
    planned = dialogue.status == DialogueStatus.PLANNED
    held = dialogue.status == DialogueStatus.HELD
    today = timezone.localdate()
    # Each step's form only when it may be taken now; a refused one comes back with its errors.
    offered = {
        "held": can_manage and planned and dialogue.date <= today,
        "cancel": can_manage and planned,
        "issue": can_manage and held,
        "commitment": can_manage and held,
    }
    blank = {
        "held": HeldForm,
        "cancel": CancelForm,
        "issue": IssueForm,
        "commitment": lambda: CommitmentForm(dialogue=dialogue),
    }
    context = {
        "dialogue": dialogue,
        "issues": dialogue.issues.select_related("recorded_by"),
        "commitments": dialogue.commitments.select_related("responsible_unit", "issue"),
        "history": history_of(dialogue),
        "today": today,
        "can_manage": can_manage,
        "show_petition": dialogue.petition is not None and can_view_petition(request.user, dialogue.petition),
        **{f"{name}_form": forms.get(name) or blank[name]() if shown else None for name, shown in offered.items()},
    }
    return render(request, "dialogues/dialogue.html", context, status=status)


@require_GET
def dialogue(request, pk):
    return _dialogue_page(request, get_object_or_404(selectors.dialogue_page(request.user), pk=pk))


def _managed(request, pk):
    item = get_object_or_404(selectors.dialogue_page(request.user), pk=pk)
    if not permissions.can_manage_dialogue(request.user, item):
        raise PermissionDenied
    return item


def _step(request, pk, name, bind, service, done_message):
    """Authorise, bind the form, call the service, then redirect; or show the page again with the errors."""
    item = _managed(request, pk)
    form = bind(request.POST, item)
    if form.is_valid():
        try:
            service(dialogue=item, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done_message)
            return redirect("dialogues:dialogue", item.pk)
    return _dialogue_page(request, item, forms={name: form}, status=400)


def _plain(form_class):
    return lambda data, item: form_class(data)


@require_POST
def record_held(request, pk):
    return _step(
        request, pk, "held", _plain(HeldForm), services.record_dialogue_held, _("The dialogue is recorded as held.")
    )


@require_POST
def cancel(request, pk):
    return _step(request, pk, "cancel", _plain(CancelForm), services.cancel_dialogue, _("The dialogue is cancelled."))


@require_POST
def add_issue(request, pk):
    return _step(request, pk, "issue", _plain(IssueForm), services.add_dialogue_issue, _("The issue is recorded."))


@require_POST
def add_commitment(request, pk):
    return _step(
        request, pk, "commitment", lambda data, item: CommitmentForm(data, dialogue=item),
        services.add_dialogue_commitment, _("The commitment is recorded."),
    )  # fmt: skip


class CommitmentListView(_ScopedFilterView):
    """Commitments of the user's dialogues or owed by their units, soonest due first."""

    filterset_class = CommitmentFilter
    template_name = "dialogues/commitments.html"
    context_object_name = "commitments"

    def get_queryset(self):
        return selectors.commitments_visible_to(self.request.user).order_by("due_date", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


def _commitment_page(request, item, form=None, status=200):
    can_complete = item.status == CommitmentStatus.OPEN and permissions.can_complete_commitment(request.user, item)
    context = {
        "commitment": item,
        "today": timezone.localdate(),
        "dialogue_in_scope": permissions.can_view_dialogue(request.user, item.dialogue),
        "history": history_of(item),
        "form": (form or CompleteForm()) if can_complete else None,
    }
    return render(request, "dialogues/commitment.html", context, status=status)


@require_GET
def commitment(request, pk):
    return _commitment_page(request, get_object_or_404(selectors.commitments_visible_to(request.user), pk=pk))


@require_POST
def complete_commitment(request, pk):
    item = get_object_or_404(selectors.commitments_visible_to(request.user), pk=pk)
    if not permissions.can_complete_commitment(request.user, item):
        raise PermissionDenied
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            services.complete_commitment(commitment=item, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The commitment is recorded as done."))
            return redirect("dialogues:commitment", item.pk)
    return _commitment_page(request, item, form=form, status=400)


def _figures_year(request):
    form = FiguresForm(request.GET or None, initial={"year": timezone.localdate().year})
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["year"], True
    return form, timezone.localdate().year, not form.is_bound


@require_GET
def figures(request):
    """Dialogues held per head in a year against the norm for their position, and commitments kept on time."""
    form, year, valid = _figures_year(request)
    rows = selectors.head_figures(request.user, year)
    if request.GET.get("format") == "xlsx" and valid:
        return exports.figures_response(rows, year)
    context = {
        "form": form,
        "year": year,
        "rows": rows,
        "totals": selectors.commitment_totals(rows),
        "norms": selectors.norms_in_force(selectors.norm_day(year)).values(),
    }
    return render(request, "dialogues/figures.html", context, status=200 if valid else 400)
