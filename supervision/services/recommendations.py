"""Recommendations after a supervision and promises made answering interpellations, followed up until done."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.history.models import ChangeKind
from danvan.history.services import record_change
from danvan.orgunits.selectors import same_tree
from danvan.text import short_date
from danvan.workdays.calendar import add_days_rolling
from danvan.workflow import DomainError, check_transition, require, required_text

from .. import permissions
from ..models import AnswerPeriod, ProgressUpdate, Recommendation, RecommendationKind, RecommendationReader
from ..selectors import COUNCIL_KINDS
from ..workflow import RECOMMENDATION_TRANSITIONS, RecommendationStatus, percent_problem
from ._common import _check_not_future
from .programmes import _locked_supervision, _new_finding

# Law on Supervision 2015, Art 15 and 60: a written answer within 20 days of the question. The period in
# force is data (AnswerPeriod, seeded); this is the fallback when no row covers the question's date.
WRITTEN_ANSWER_DAYS = 20


def answer_period(asked_on):
    """The AnswerPeriod row in force on the day of the question, or None."""
    in_force = Q(valid_from__lte=asked_on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=asked_on))
    return AnswerPeriod.objects.filter(in_force).order_by("-valid_from").first()


def written_answer_due(asked_on):
    """The last day for the written answer (calendar days, rolled past days off; Civil Code Art 148)."""
    period = answer_period(asked_on)
    return add_days_rolling(asked_on, period.days if period else WRITTEN_ANSWER_DAYS)


def _locked(recommendation):
    return Recommendation.objects.select_for_update().get(pk=recommendation.pk)


@transaction.atomic
def add_recommendation(*, supervision, actor, addressed_to, text, due_date, finding=None, finding_text=""):
    """A recommendation from the supervision's report to a unit, followed up until implemented.

    It answers an existing `finding` of the supervision, or a new one written as `finding_text`
    (recorded in the same transaction), or none.
    """
    supervision = _locked_supervision(supervision)
    require(permissions.can_manage_programme(actor, supervision.programme))
    text = required_text(text, _("Write the recommendation."))
    if due_date < (supervision.report_date or due_date):
        raise DomainError(_("The deadline cannot be before the report."))
    if finding is not None and finding.supervision_id != supervision.pk:
        raise DomainError(_("The finding belongs to another supervision."))
    if finding_text.strip():
        finding = _new_finding(supervision, actor, finding_text)
    recommendation = Recommendation.objects.create(
        kind=RecommendationKind.SUPERVISION,
        supervision=supervision,
        finding=finding,
        body=supervision.programme.body,
        addressed_to=addressed_to,
        text=text,
        due_date=due_date,
    )
    record_change(
        supervision,
        actor=actor,
        kind=ChangeKind.ADDED,
        note=_("Recommendation to %(unit)s: %(text)s")
        % {
            "unit": addressed_to.name,
            "text": text,
        },
    )
    record_change(
        recommendation,
        actor=actor,
        kind=ChangeKind.CREATED,
        to_status=recommendation.status,
        note=_("Due on %(date)s") % {"date": short_date(due_date)},
    )
    return recommendation


@transaction.atomic
def record_commitment(
    *, actor, body, addressed_to, council_session, question, asked_by, answered_by, asked_on, promise, due_date
):
    """A promise made answering an interpellation; the written answer is due within 20 days."""
    require(permissions.can_record_commitment(actor, body))
    if body.kind not in COUNCIL_KINDS:
        raise DomainError(_("Interpellations are held at a People's Council or its standing committee."))
    if not same_tree(addressed_to, body):
        raise DomainError(_("Choose a unit of the council's own province."))
    _check_not_future(asked_on, timezone.localdate())
    if due_date < asked_on:
        raise DomainError(_("The promised date cannot be before the question."))
    commitment = Recommendation.objects.create(
        kind=RecommendationKind.COMMITMENT,
        body=body,
        addressed_to=addressed_to,
        council_session=council_session.strip(),
        question=required_text(question, _("Write the question.")),
        asked_by=asked_by.strip(),
        answered_by=answered_by.strip(),
        asked_on=asked_on,
        text=required_text(promise, _("Write what was promised.")),
        due_date=due_date,
        written_answer_due=written_answer_due(asked_on),
    )
    record_change(
        commitment,
        actor=actor,
        kind=ChangeKind.CREATED,
        to_status=commitment.status,
        note=_("Asked by %(name)s on %(date)s; written answer due on %(due)s")
        % {
            "name": commitment.asked_by,
            "date": short_date(asked_on),
            "due": short_date(commitment.written_answer_due),
        },
    )
    return commitment


@transaction.atomic
def record_written_answer(*, recommendation, actor, answered_on):
    """The date the written answer to an interpellation was sent."""
    recommendation = _locked(recommendation)
    require(permissions.can_report_progress(actor, recommendation))
    if recommendation.kind != RecommendationKind.COMMITMENT:
        raise DomainError(_("Only an interpellation has a written answer."))
    if recommendation.written_answer_on is not None:
        raise DomainError(_("The written answer is already recorded."))
    if answered_on > timezone.localdate() or answered_on < recommendation.asked_on:
        raise DomainError(_("The answer date must be between the question and today."))
    recommendation.written_answer_on = answered_on
    recommendation.save(update_fields=["written_answer_on"])
    record_change(
        recommendation,
        actor=actor,
        kind=ChangeKind.ANSWERED,
        note=_("Sent on %(date)s") % {"date": short_date(answered_on)},
    )
    return recommendation


@transaction.atomic
def record_progress(*, recommendation, actor, text, status, percent, evidence=None):
    """The addressed unit reports what it did; the recommendation takes the reported status and percentage,
    which must agree (workflow.RECOMMENDATION_PERCENT)."""
    recommendation = _locked(recommendation)
    require(permissions.can_report_progress(actor, recommendation))
    check_transition(RECOMMENDATION_TRANSITIONS, recommendation.status, status)
    text = required_text(text, _("Write what was done."))
    if status == RecommendationStatus.NOT_IMPLEMENTED and not permissions.can_assess(actor, recommendation):
        raise DomainError(_("Only the supervising body can conclude that a recommendation was not implemented."))
    if problem := percent_problem(status, percent):
        raise DomainError(problem)
    update = ProgressUpdate.objects.create(
        recommendation=recommendation,
        text=text,
        status=status,
        percent=percent,
        evidence=evidence or "",
        evidence_name=evidence.name[:255] if evidence else "",
        recorded_by=actor,
    )
    previous = recommendation.status
    recommendation.status, recommendation.percent = status, percent
    recommendation.save(update_fields=["status", "percent"])
    record_change(
        recommendation,
        actor=actor,
        kind=ChangeKind.PROGRESS,
        from_status=previous,
        to_status=status,
        note=f"{percent}% – {text}",
    )
    return update


@transaction.atomic
def escalate_recommendation(*, recommendation, level, readers=(), actor=None):
    """Record the escalation level an overdue recommendation reached (never moves its deadline).

    `readers` are the people told of it: those outside its scope (the addressed unit's superior)
    may from now on open it, read only, since a notice that leads to "not found" tells nothing.
    Returns whether the level rose; a level already reached changes nothing and writes no row.
    """
    recommendation = _locked(recommendation)
    RecommendationReader.objects.bulk_create(
        [
            RecommendationReader(recommendation=recommendation, user=user, level=level)
            for user in {user.pk: user for user in readers}.values()
            if not permissions.can_view_recommendation(user, recommendation)
        ],
        ignore_conflicts=True,
    )
    if level <= recommendation.escalation_level:
        return False
    recommendation.escalation_level = level
    recommendation.save(update_fields=["escalation_level"])
    record_change(
        recommendation,
        actor=actor,
        kind=ChangeKind.ESCALATED,
        note=_("Level %(level)d: overdue since %(date)s")
        % {"level": level, "date": short_date(recommendation.due_date)},
    )
    return True
