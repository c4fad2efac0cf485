"""Answers to recommendations and feedback, and results of supervision recommendations, put on the
portal's public pages by an official, with texts written for the public; and taken off again.

The petition, its petitioners and its content never reach the public pages: only the public summary
and the public answer written here, the field, the answering unit and the date do.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.history.models import ChangeKind
from danvan.history.services import record_change
from danvan.workflow import DomainError, check_transition, require, required_text
from petitions import selectors as petition_selectors
from petitions.models import ANSWERED_KINDS, Petition
from supervision.models import Recommendation, RecommendationKind

from .. import permissions, selectors
from ..models import Publication, PublicationKind
from ..workflow import PUBLICATION_TRANSITIONS, PublicationStatus


def _texts(public_summary, public_answer):
    summary = required_text(public_summary, _("Write the summary the public will read, without any personal data."))
    answer = required_text(public_answer, _("Write the answer or result the public will read."))
    return summary, answer


def _created(publication, actor):
    record_change(
        publication,
        actor=actor,
        kind=ChangeKind.CREATED,
        to_status=publication.status,
        note=_("Published on the portal's public pages."),
    )
    return publication


@transaction.atomic
def publish_petition_answer(*, petition, actor, public_summary, public_answer):
    """Publish ("Công bố công khai") the written answer to a recommendation or feedback, anonymised."""
    # The lock makes a second official's publication of the same answer wait for this one and then fail.
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    require(permissions.can_publish_petition_answer(actor, petition))
    answered = Petition.objects.filter(petition_selectors.resolved_condition(), pk=petition.pk).exists()
    if petition.kind not in ANSWERED_KINDS or not answered:
        raise DomainError(_("Only a recommendation or feedback that has been answered can be published."))
    if Publication.objects.filter(petition=petition, status=PublicationStatus.PUBLISHED).exists():
        raise DomainError(_("This answer is already on the public pages."))
    summary, answer = _texts(public_summary, public_answer)
    decision = selectors.answer_of(petition)
    publication = Publication.objects.create(
        kind=PublicationKind.PETITION_ANSWER,
        petition=petition,
        unit=petition.handling_unit,
        topic=petition.category.name,
        public_summary=summary,
        public_answer=answer,
        answered_on=decision.date if decision else timezone.localdate(),
        published_by=actor,
    )
    return _created(publication, actor)


@transaction.atomic
def publish_supervision_result(*, recommendation, actor, public_summary, public_result):
    """Publish the result of a supervision recommendation (done, partly done, or not implemented)."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    require(permissions.can_publish_supervision_result(actor, recommendation))
    if recommendation.kind != RecommendationKind.SUPERVISION or recommendation.status not in selectors.RESULT_STATUSES:
        raise DomainError(_("Only a supervision recommendation with a reported result can be published."))
    if Publication.objects.filter(recommendation=recommendation, status=PublicationStatus.PUBLISHED).exists():
        raise DomainError(_("This result is already on the public pages."))
    summary, result = _texts(public_summary, public_result)
    update = selectors.latest_update(recommendation)
    topic = recommendation.supervision.topic if recommendation.supervision_id else ""
    publication = Publication.objects.create(
        kind=PublicationKind.SUPERVISION_RESULT,
        recommendation=recommendation,
        unit=recommendation.body,
        topic=topic[:150],
        public_summary=summary,
        public_answer=result,
        answered_on=timezone.localdate(update.recorded_at) if update else timezone.localdate(),
        published_by=actor,
    )
    return _created(publication, actor)


@transaction.atomic
def withdraw_publication(*, publication, actor, reason):
    """Take a publication off the public pages, saying why (kept in its history)."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    require(permissions.can_withdraw_publication(actor, publication))
    check_transition(PUBLICATION_TRANSITIONS, publication.status, PublicationStatus.WITHDRAWN)
    reason = required_text(reason, _("Write why it is withdrawn."))
    previous = publication.status
    publication.status = PublicationStatus.WITHDRAWN
    publication.save(update_fields=["status"])
    record_change(
        publication,
        actor=actor,
        kind=ChangeKind.STATUS,
        from_status=previous,
        to_status=publication.status,
        note=reason,
    )
    return publication
