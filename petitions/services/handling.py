"""Handling an accepted petition: assignment, verification, extension, resolution, withdrawal, closing."""

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.notifications.services import notify
from danvan.orgunits.selectors import nearest_leaders
from danvan.workflow import DomainError, check_transition, require

from .. import permissions
from ..deadlines import due_date_for
from ..models import Complexity, DecisionKind, EventKind, Kind, PetitionDeadline, PetitionDecision, Stage
from ..workflow import TRANSITIONS, Status
from ._common import _check_decision_date, _event, _locked, _meet_deadline, _notes, _today, _transition
from .dialogue import check_dialogue_held


@transaction.atomic
def assign_petition(*, petition, handler, actor):
    """A leader gives the petition to a handler, who is notified."""
    petition = _locked(petition)
    require(permissions.can_assign_petition(actor, petition))
    if not permissions.can_be_assigned_petition(handler, petition):
        raise DomainError(
            _("%(name)s is not a handler or leader of %(unit)s or of a unit under it.")
            % {"name": handler, "unit": petition.handling_unit.name}
        )
    petition.handler = handler
    petition.version += 1
    petition.save(update_fields=["handler", "version", "updated_at"])
    _event(petition, EventKind.ASSIGNED, actor, note=_("Assigned to %(name)s.") % {"name": handler})
    notify(
        recipient=handler,
        kind="petition_assigned",
        key=f"petition:{petition.pk}:assigned:{petition.version}",
        title=_("You have been assigned petition %(code)s") % {"code": petition.code},
        body=petition.summary,
        target=petition,
        url=reverse("petitions:detail", args=[petition.pk]),
    )
    return petition


# The statuses in which a petition needs someone to handle it (verify, resolve).
HANDLING_STATUSES = (Status.ACCEPTED, Status.VERIFYING)


@transaction.atomic
def take_petition(*, petition, actor):
    """A handler of the handling unit takes an accepted petition nobody handles; the unit's leaders are told."""
    petition = _locked(petition)
    if petition.handler_id is not None:
        raise DomainError(_("%(name)s already handles this petition.") % {"name": petition.handler})
    require(permissions.can_take_petition(actor, petition))
    if petition.status not in HANDLING_STATUSES:
        raise DomainError(_("A petition is taken for handling once it has been accepted."))
    petition.handler = actor
    petition.version += 1
    petition.save(update_fields=["handler", "version", "updated_at"])
    _event(petition, EventKind.ASSIGNED, actor, note=_("Taken for handling by %(name)s.") % {"name": actor})
    transaction.on_commit(lambda: _tell_leaders_taken(petition, actor))
    return petition


def _tell_leaders_taken(petition, actor):
    for leader in nearest_leaders(petition.handling_unit):
        if leader.pk != actor.pk:
            notify(
                recipient=leader,
                kind="petition_taken",
                key=f"petition:{petition.pk}:taken:{petition.version}",
                title=_("%(name)s took petition %(code)s for handling") % {"name": actor, "code": petition.code},
                body=petition.summary,
                target=petition,
                url=reverse("petitions:detail", args=[petition.pk]),
            )


@transaction.atomic
def start_verification(*, petition, actor, note="", is_public=False):
    """Start verifying the facts. The note is internal unless `is_public`."""
    petition = _locked(petition)
    require(permissions.can_handle_petition(actor, petition))
    shown, internal = _notes(_("Verification started."), note, is_public)
    return _transition(
        petition, Status.VERIFYING, actor, EventKind.VERIFICATION_STARTED, note=shown, internal_note=internal
    )


@transaction.atomic
def add_petition_note(*, petition, actor, note, is_public=False):
    """A verification note or message on the timeline; internal unless marked public."""
    petition = _locked(petition)
    require(permissions.can_handle_petition(actor, petition) or permissions.can_classify_petition(actor, petition))
    if not note.strip():
        raise DomainError(_("The note is empty."))
    return _event(petition, EventKind.NOTE, actor, note=note, is_public=is_public)


@transaction.atomic
def extend_petition_deadline(*, petition, actor, complexity, number, decided_on, reason):
    """Extend the resolution period by decision, within what the rule allows."""
    petition = _locked(petition)
    require(permissions.can_extend_petition(actor, petition))
    current = petition.deadline
    if current is None or current.stage != Stage.RESOLUTION or not petition.is_open:
        raise DomainError(_("Only the resolution period of an accepted petition can be extended."))
    order = [Complexity.NORMAL, Complexity.COMPLEX, Complexity.VERY_COMPLEX]
    if order.index(complexity) <= order.index(current.complexity):
        raise DomainError(_("The deadline has already been extended to that level."))
    if petition.kind == Kind.DENUNCIATION and order.index(complexity) != order.index(current.complexity) + 1:
        # Luật TC Art 30: each extension decision adds at most 30 days.
        raise DomainError(_("A denunciation is extended one step at a time: first as complex, then again."))
    if decided_on > current.due_date:
        raise DomainError(_("An extension must be decided before the deadline it extends has passed."))
    if current.rule.days_for(complexity) is None:
        raise DomainError(_("The rule “%(rule)s” does not allow this extension.") % {"rule": current.rule.name})
    _check_decision_date(petition, decided_on)
    PetitionDecision.objects.create(
        petition=petition,
        kind=DecisionKind.EXTENSION,
        number=number,
        date=decided_on,
        text=reason,
        recorded_by=actor,
    )
    # Same rule and start, longer period: the extension never moves the start.
    PetitionDeadline.objects.filter(pk=current.pk).update(is_current=False)
    deadline = PetitionDeadline.objects.create(
        petition=petition,
        stage=current.stage,
        rule=current.rule,
        complexity=complexity,
        start_date=current.start_date,
        due_date=due_date_for(current.rule, current.start_date, complexity),
    )
    petition.deadline, petition.due_date, petition.complexity = deadline, deadline.due_date, complexity
    petition.version += 1
    petition.save(update_fields=["deadline", "due_date", "complexity", "version", "updated_at"])
    note = _("Resolution deadline extended to %(date)s by decision %(number)s.") % {
        "date": date_format(deadline.due_date, "SHORT_DATE_FORMAT"),
        "number": number,
    }
    _event(petition, EventKind.EXTENDED, actor, note=note, is_public=True)
    return deadline


@transaction.atomic
def resolve_petition(*, petition, actor, decided_on, number="", signer="", outcome="", text="", **results):
    """Record the resolution decision, or the written answer to a recommendation or feedback.

    `results` are what a decision orders, as forms 01/KQGQ and 03/KQGQ count them (enforcement.ORDERED_RESULTS)."""
    from .enforcement import ORDERED_RESULTS, check_results

    if set(results) - set(ORDERED_RESULTS):
        raise TypeError(f"unknown results: {sorted(set(results) - set(ORDERED_RESULTS))}")
    results = check_results(results)
    petition = _locked(petition)
    require(permissions.can_handle_petition(actor, petition))
    check_transition(TRANSITIONS, petition.status, Status.RESOLVED)
    _check_decision_date(petition, decided_on)
    check_dialogue_held(petition)
    if petition.is_answered_kind:
        if not text.strip():
            raise DomainError(_("Write the answer given to the citizen."))
        if outcome:
            raise DomainError(_("A recommendation or feedback is answered; it is not found justified or unjustified."))
        if any(results.values()):
            raise DomainError(_("An answer to a recommendation or feedback orders no return of money or land."))
    elif not (number.strip() and outcome):
        raise DomainError(_("A resolution decision needs its number and its outcome."))
    decision = PetitionDecision.objects.create(
        petition=petition,
        kind=DecisionKind.RESOLUTION,
        number=number,
        date=decided_on,
        signer=signer,
        outcome=outcome,
        text=text,
        recorded_by=actor,
        **results,
    )
    _meet_deadline(petition, decided_on)
    if number:
        note = _("Resolved by decision %(number)s of %(date)s.") % {
            "number": number,
            "date": date_format(decided_on, "SHORT_DATE_FORMAT"),
        }
        if outcome:
            note = f"{note} {_('Outcome')}: {decision.get_outcome_display().lower()}."
    else:
        note = _("Answered on %(date)s.") % {"date": date_format(decided_on, "SHORT_DATE_FORMAT")}
    return _transition(petition, Status.RESOLVED, actor, EventKind.RESOLVED, note=note, fields=["deadline", "due_date"])


@transaction.atomic
def terminate_petition(*, petition, actor, decided_on, number, reason, is_public=False):
    """End the resolution by a termination decision (đình chỉ). The reason is internal unless `is_public`."""
    petition = _locked(petition)
    require(permissions.can_handle_petition(actor, petition))
    check_transition(TRANSITIONS, petition.status, Status.TERMINATED)
    _check_decision_date(petition, decided_on)
    if not reason.strip():
        raise DomainError(_("Write the reason for the termination."))
    PetitionDecision.objects.create(
        petition=petition,
        kind=DecisionKind.TERMINATION,
        number=number,
        date=decided_on,
        text=reason,
        recorded_by=actor,
    )
    _meet_deadline(petition, decided_on)
    standard = _("Terminated by decision %(number)s of %(date)s.") % {
        "number": number,
        "date": date_format(decided_on, "SHORT_DATE_FORMAT"),
    }
    shown, internal = _notes(standard, reason, is_public)
    return _transition(
        petition, Status.TERMINATED, actor, EventKind.TERMINATED, note=shown, internal_note=internal,
        fields=["deadline", "due_date"],
    )  # fmt: skip


@transaction.atomic
def close_petition(*, petition, actor, note="", is_public=False):
    """Close the file once the unit has answered. The note is internal unless `is_public`."""
    petition = _locked(petition)
    require(permissions.can_handle_petition(actor, petition))
    shown, internal = _notes(_("File closed."), note, is_public)
    return _transition(petition, Status.CLOSED, actor, EventKind.CLOSED, note=shown, internal_note=internal)


def pending_acceptance_notice(petition):
    """The unmet acceptance-notice deadline of a denunciation, if any."""
    return petition.deadlines.filter(stage=Stage.ACCEPTANCE_NOTICE, is_current=True, met_on__isnull=True).first()


@transaction.atomic
def record_acceptance_notice(*, petition, actor, notified_on):
    """Record that the denouncer was notified of the acceptance (Luật TC Art 29)."""
    petition = _locked(petition)
    require(permissions.can_handle_petition(actor, petition) or permissions.can_classify_petition(actor, petition))
    notice = pending_acceptance_notice(petition)
    if notice is None:
        raise DomainError(_("There is no acceptance notice waiting to be recorded."))
    if notified_on > _today() or notified_on < notice.start_date:
        raise DomainError(_("The notice date must be between the acceptance date and today."))
    PetitionDeadline.objects.filter(pk=notice.pk).update(met_on=notified_on)
    note = _("The denouncer was notified of the acceptance on %(date)s.") % {
        "date": date_format(notified_on, "SHORT_DATE_FORMAT")
    }
    return _event(petition, EventKind.NOTE, actor, note=note, is_public=True)
