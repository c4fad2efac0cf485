"""Matters put to the people to discuss and decide (dân bàn): planned, opened, concluded with the result."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.history.models import ChangeKind
from danvan.history.services import record_change
from danvan.text import short_date
from danvan.workflow import DomainError, check_transition, require, required_text

from .. import permissions
from ..models import Consultation, ConsultationMethod
from ..workflow import CONSULTATION_TRANSITIONS, ConsultationStatus


def _locked(consultation):
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


@transaction.atomic
def plan_consultation(*, actor, unit, subject, method, opens_on, closes_on, village="", description=""):
    """A consultation of the commune's (or one village's) people on a local matter."""
    require(permissions.can_manage_consultation(actor, unit))
    if method not in ConsultationMethod.values:
        raise DomainError(_("Choose how the opinions are collected."))
    if closes_on < opens_on:
        raise DomainError(_("The consultation cannot close before it opens."))
    consultation = Consultation.objects.create(
        unit=unit,
        village=village.strip(),
        subject=required_text(subject, _("Write the matter put to the people.")),
        description=description.strip(),
        method=method,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor,
    )
    record_change(
        consultation,
        actor=actor,
        kind=ChangeKind.CREATED,
        to_status=consultation.status,
        note=_("Opinions from %(start)s to %(end)s") % {"start": short_date(opens_on), "end": short_date(closes_on)},
    )
    return consultation


def _move(consultation, actor, target, *, note="", fields=()):
    previous = consultation.status
    consultation.status = target
    consultation.save(update_fields=["status", *fields])
    record_change(consultation, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=target, note=note)
    return consultation


@transaction.atomic
def open_consultation(*, consultation, actor):
    """Start collecting opinions."""
    consultation = _locked(consultation)
    require(permissions.can_manage_consultation(actor, consultation.unit))
    check_transition(CONSULTATION_TRANSITIONS, consultation.status, ConsultationStatus.OPEN)
    return _move(consultation, actor, ConsultationStatus.OPEN)


@transaction.atomic
def conclude_consultation(*, consultation, actor, participants, agreed, decision, concluded_on):
    """Record the result: how many took part, how many were in favour, and what was decided."""
    consultation = _locked(consultation)
    require(permissions.can_manage_consultation(actor, consultation.unit))
    check_transition(CONSULTATION_TRANSITIONS, consultation.status, ConsultationStatus.CONCLUDED)
    if participants < 1:
        raise DomainError(_("Enter how many households or people took part."))
    if agreed > participants:
        raise DomainError(_("Those in favour cannot be more than those who took part."))
    if concluded_on < consultation.opens_on or concluded_on > timezone.localdate():
        raise DomainError(_("The result date must be between the opening of the consultation and today."))
    consultation.participants, consultation.agreed = participants, agreed
    consultation.decision = required_text(decision, _("Write the result and what was decided."))
    consultation.concluded_on = concluded_on
    note = _("%(agreed)d of %(participants)d in favour (%(percent)d %%)") % {
        "agreed": agreed,
        "participants": participants,
        "percent": consultation.agreed_percent,
    }
    fields = ["participants", "agreed", "decision", "concluded_on"]
    return _move(consultation, actor, ConsultationStatus.CONCLUDED, note=note, fields=fields)


@transaction.atomic
def cancel_consultation(*, consultation, actor, reason):
    """Call the consultation off before its result, saying why."""
    consultation = _locked(consultation)
    require(permissions.can_manage_consultation(actor, consultation.unit))
    check_transition(CONSULTATION_TRANSITIONS, consultation.status, ConsultationStatus.CANCELLED)
    reason = required_text(reason, _("Write why the consultation is cancelled."))
    return _move(consultation, actor, ConsultationStatus.CANCELLED, note=reason)
