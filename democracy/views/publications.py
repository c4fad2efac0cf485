"""Answers and supervision results put on the public pages ("Công bố công khai"), and taken off again."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.history.selectors import history_of
from petitions import selectors as petition_selectors
from supervision import selectors as supervision_selectors

from .. import permissions, selectors, services
from ..filters import PublicationFilter
from ..forms import PublishForm, ReasonForm
from ..workflow import PublicationStatus
from ._common import ScopedFilterView, run_step

# The lists of what may still be published show the newest this many; older ones are found by their pages.
WAITING_LIMIT = 30


class PublicationListView(ScopedFilterView):
    """Publications of the user's units, and the answered recommendations, feedback and supervision
    results in scope that are not on the public pages yet."""

    filterset_class = PublicationFilter
    template_name = "democracy/publications.html"
    context_object_name = "publications"

    def get_queryset(self):
        return selectors.publications_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            waiting_answers=selectors.answered_petitions(user)[:WAITING_LIMIT],
            waiting_results=selectors.supervision_results(user)[:WAITING_LIMIT],
            **kwargs,
        )


def _publish_page(request, source, form, *, kind, original, status=200):
    context = {"source": source, "form": form, "kind": kind, "original": original}
    return render(request, "democracy/publish.html", context, status=status)


@require_http_methods(["GET", "POST"])
def publish_answer(request, pk):
    """Publish the answer to a recommendation or feedback of the user's units, anonymised."""
    petition = permissions.get_visible_or_404(petition_selectors.petitions_visible_to(request.user), pk)
    if not permissions.can_publish_petition_answer(request.user, petition):
        raise PermissionDenied
    answer = selectors.answer_of(petition)
    if request.method == "GET":
        initial = {"public_summary": petition.summary, "public_answer": answer.text if answer else ""}
        return _publish_page(request, petition, PublishForm(initial=initial), kind="answer", original=answer)
    form = PublishForm(request.POST)
    done = run_step(
        request,
        form,
        lambda **data: services.publish_petition_answer(petition=petition, actor=request.user, **data),
        _("The answer is published on the portal's public pages."),
        lambda item: ("democracy:publication", item.pk),
    )
    return done or _publish_page(request, petition, form, kind="answer", original=answer, status=400)


@require_http_methods(["GET", "POST"])
def publish_result(request, pk):
    """Publish the result of a supervision recommendation of the user's supervising body."""
    recommendation = permissions.get_visible_or_404(supervision_selectors.recommendations_visible_to(request.user), pk)
    if not permissions.can_publish_supervision_result(request.user, recommendation):
        raise PermissionDenied
    update = selectors.latest_update(recommendation)
    if request.method == "GET":
        initial = {"public_summary": recommendation.text, "public_answer": update.text if update else ""}
        return _publish_page(request, recommendation, PublishForm(initial=initial), kind="result", original=update)
    form = PublishForm(request.POST)
    done = run_step(
        request,
        form,
        lambda public_summary, public_answer: services.publish_supervision_result(
            recommendation=recommendation,
            actor=request.user,
            public_summary=public_summary,
            public_result=public_answer,
        ),
        _("The result is published on the portal's public pages."),
        lambda item: ("democracy:publication", item.pk),
    )
    return done or _publish_page(request, recommendation, form, kind="result", original=update, status=400)


def _publication_page(request, publication, form=None, status=200):
    context = {
        "publication": publication,
        "history": history_of(publication),
        "can_withdraw": publication.status == PublicationStatus.PUBLISHED
        and permissions.can_withdraw_publication(request.user, publication),
        "form": form or ReasonForm(),
    }
    return render(request, "democracy/publication.html", context, status=status)


@require_GET
def publication(request, pk):
    return _publication_page(
        request, permissions.get_visible_or_404(selectors.publications_visible_to(request.user), pk)
    )


@require_POST
def withdraw(request, pk):
    item = permissions.get_visible_or_404(selectors.publications_visible_to(request.user), pk)
    if not permissions.can_withdraw_publication(request.user, item):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    done = run_step(
        request,
        form,
        lambda reason: services.withdraw_publication(publication=item, actor=request.user, reason=reason),
        _("The publication is withdrawn from the public pages."),
        lambda result: ("democracy:publication", result.pk),
    )
    return done or _publication_page(request, item, form, status=400)
