"""Recommendations and interpellation commitments: lists, one recommendation's follow-up, the Excel book."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from danvan.accounts.roles import Role, has_role
from danvan.history.selectors import history_of
from danvan.workflow import DomainError

from .. import exports, permissions, selectors, services
from ..filters import CommitmentFilter, RecommendationFilter
from ..forms import CommitmentForm, ProgressForm, WrittenAnswerForm
from ..models import RecommendationKind
from ..workflow import RECOMMENDATION_FINAL, RecommendationStatus
from ._common import ScopedFilterView, final_values


class RecommendationListView(ScopedFilterView):
    """Recommendations and commitments made by or addressed to the user's units."""

    filterset_class = RecommendationFilter
    template_name = "supervision/recommendations.html"
    context_object_name = "recommendations"

    def get_queryset(self):
        return selectors.recommendations_visible_to(self.request.user)


def _can_record_commitments(user):
    return has_role(user, Role.SUPERVISOR, Role.LEADER) and selectors.councils(user).exists()


class CommitmentListView(ScopedFilterView):
    """Promises made answering interpellations, with their written answers."""

    filterset_class = CommitmentFilter
    template_name = "supervision/commitments.html"
    context_object_name = "commitments"

    def get_queryset(self):
        return selectors.commitments_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_record=_can_record_commitments(self.request.user), **kwargs)


class CommitmentCreateView(View):
    """Record a promise made at a council session; its written answer is due 20 days after the question."""

    template_name = "supervision/commitment_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not _can_record_commitments(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(CommitmentForm(bodies=selectors.councils(request.user)))

    def post(self, request):
        form = CommitmentForm(request.POST, bodies=selectors.councils(request.user))
        if form.is_valid():
            try:
                item = services.record_commitment(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                due = date_format(item.written_answer_due, "SHORT_DATE_FORMAT")
                messages.success(
                    request, _("The commitment is recorded; the written answer is due on %(date)s.") % {"date": due}
                )
                return redirect("supervision:recommendation", item.pk)
        return self.render(form, status=400)

    def render(self, form, status=200):
        return render(self.request, self.template_name, {"form": form}, status=status)


def _recommendation_page(request, item, form=None, answer_form=None, status=200):
    can_assess = permissions.can_assess(request.user, item)
    # A refused step is shown again with its reason, even when the step is no longer offered.
    show_progress = item.status != RecommendationStatus.IMPLEMENTED or form is not None
    form = form or ProgressForm(initial={"percent": item.percent}, current=item.status, can_assess=can_assess)
    context = {
        "show_progress": show_progress,
        "show_answer": (item.kind == RecommendationKind.COMMITMENT and item.written_answer_on is None)
        or answer_form is not None,
        "recommendation": item,
        # A reader told by an escalation notice opens this page only: no link to the body's programme.
        "in_scope": permissions.can_view_recommendation(request.user, item),
        "updates": item.updates.select_related("recorded_by"),
        "history": history_of(item),
        "can_report": permissions.can_report_progress(request.user, item),
        "form": form,
        # Only a report that ends the recommendation asks first.
        "progress_confirm_values": final_values(form.targets, RECOMMENDATION_FINAL),
        "answer_form": answer_form or WrittenAnswerForm(),
    }
    return render(request, "supervision/recommendation.html", context, status=status)


@require_GET
def recommendation(request, pk):
    """One recommendation for anyone who may open it, readers told by an escalation notice included."""
    return _recommendation_page(request, get_object_or_404(selectors.recommendations_readable_by(request.user), pk=pk))


def _reportable(request, pk):
    item = get_object_or_404(selectors.recommendations_readable_by(request.user), pk=pk)
    if not permissions.can_report_progress(request.user, item):
        raise PermissionDenied
    return item


@require_POST
def record_progress(request, pk):
    item = _reportable(request, pk)
    form = ProgressForm(
        request.POST, request.FILES, current=item.status, can_assess=permissions.can_assess(request.user, item)
    )
    if form.is_valid():
        try:
            services.record_progress(recommendation=item, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The progress update is recorded."))
            return redirect("supervision:recommendation", item.pk)
    return _recommendation_page(request, item, form=form, status=400)


@require_POST
def record_written_answer(request, pk):
    item = _reportable(request, pk)
    form = WrittenAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.record_written_answer(recommendation=item, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The written answer is recorded."))
            return redirect("supervision:recommendation", item.pk)
    return _recommendation_page(request, item, answer_form=form, status=400)


@require_GET
def evidence(request, pk):
    """Download the evidence attached to a progress update of a recommendation in scope."""
    update = get_object_or_404(selectors.progress_updates_readable_by(request.user), pk=pk)
    if not update.evidence:
        raise Http404
    return FileResponse(update.evidence.open("rb"), as_attachment=True, filename=update.evidence_name)


@require_GET
def export_recommendations(request):
    """The recommendations and commitments in scope, filtered as on the list page, as .xlsx."""
    filterset = RecommendationFilter(
        request.GET, queryset=selectors.recommendations_visible_to(request.user), user=request.user
    )
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    return exports.recommendations_response(rows)
