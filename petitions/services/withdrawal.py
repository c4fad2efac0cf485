"""Withdrawal of a petition: wholly or in part as the rule in force allows for its kind, and for a
denunciation the handler's choice whether it is still resolved (Luật Tố cáo 2018, Art. 33)."""

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.workflow import DomainError, check_transition, require

from .. import permissions
from ..models import ContinuationGround, EventKind, Kind, Withdrawal, WithdrawalRule
from ..workflow import TRANSITIONS, Status
from ._common import _event, _locked, _meet_deadline, _notes, _today, _transition


def _legal_date(day):
    """A date as the laws write it: 1/7/2026."""
    return f"{day.day}/{day.month}/{day.year}"


def withdrawal_rules(kind):
    """The withdrawal rules for a kind: its own, or the general ones (blank kind) if it has none."""
    own = WithdrawalRule.objects.filter(kind=kind)
    return own if own.exists() else WithdrawalRule.objects.filter(kind="")


def withdrawal_rule_for(kind, on):
    """The withdrawal rule in force for `kind` on day `on`, or None."""
    return withdrawal_rules(kind).filter(valid_from__lte=on).exclude(valid_to__lt=on).order_by("-valid_from").first()


def _check_partial(petition, rule, withdrawn_on):
    if rule.allows_partial:
        return
    kind = str(Kind(petition.kind).label).lower()
    later = withdrawal_rules(petition.kind).filter(allows_partial=True, valid_from__gt=withdrawn_on)
    later = later.order_by("valid_from").first()
    if later is not None:
        raise DomainError(
            _("A %(kind)s can be withdrawn in part only from %(date)s (%(basis)s); before that only wholly (%(rule)s).")
            % {
                "kind": kind,
                "date": _legal_date(later.valid_from),
                "basis": later.legal_basis,
                "rule": rule.legal_basis,
            }
        )
    raise DomainError(
        _("On %(date)s a %(kind)s can only be withdrawn wholly (%(basis)s).")
        % {"date": _legal_date(withdrawn_on), "kind": kind, "basis": rule.legal_basis}
    )


def _check_continuation(petition, ground, reason):
    if not ground:
        return
    if petition.kind != Kind.DENUNCIATION:
        raise DomainError(_("Only a withdrawn denunciation is still resolved (Law on Denunciation 2018, Art. 33)."))
    if ground not in ContinuationGround.values:
        raise DomainError(_("Choose why the denunciation is still resolved."))
    if not reason.strip():
        raise DomainError(_("Write why the denunciation is still resolved despite the withdrawal."))


@transaction.atomic
def withdraw_petition(
    *, petition, actor, withdrawn_on, partial=False, note="", is_public=False, continuation_ground="",
    continuation_reason="",
):  # fmt: skip
    """The petitioner withdraws the petition, wholly or in part as the rule in force on the day allows.

    A denunciation whose handler names a `continuation_ground` (Art. 33: signs of violation, a coerced
    withdrawal, slander) stays open with its deadline running; otherwise a whole withdrawal ends the
    petition as withdrawn. The note is internal unless `is_public`."""
    petition = _locked(petition)
    require(permissions.can_handle_petition(actor, petition) or permissions.can_classify_petition(actor, petition))
    if withdrawn_on > _today() or withdrawn_on < petition.received_date:
        raise DomainError(_("The withdrawal date must be between the received date and today."))
    if not petition.is_open:
        raise DomainError(_("The petition is no longer being handled."))
    rule = withdrawal_rule_for(petition.kind, withdrawn_on)
    if rule is None:
        raise DomainError(
            _("No withdrawal rule applies on %(date)s for this kind of petition. Ask the administrator to add one.")
            % {"date": _legal_date(withdrawn_on)}
        )
    if partial:
        _check_partial(petition, rule, withdrawn_on)
        if not note.strip():
            raise DomainError(_("Write which part of the petition is withdrawn."))
    _check_continuation(petition, continuation_ground, continuation_reason)
    continues = bool(continuation_ground)
    withdrawal = Withdrawal.objects.create(
        petition=petition,
        withdrawn_on=withdrawn_on,
        is_partial=partial,
        part=note.strip() if partial else "",
        rule=rule,
        continues=continues,
        continuation_ground=continuation_ground,
        continuation_reason=continuation_reason.strip(),
        recorded_by=actor,
    )
    day = date_format(withdrawn_on, "SHORT_DATE_FORMAT")
    if partial:
        shown, internal = _notes(_("Part of the petition was withdrawn on %(date)s.") % {"date": day}, note, is_public)
        if internal:
            _event(petition, EventKind.NOTE, actor, note=internal)
        _event(petition, EventKind.PARTLY_WITHDRAWN, actor, note=shown, is_public=True)
    elif continues:
        # The petition stays as it is: no status change, the deadline keeps running.
        shown, internal = _notes(
            _("The denouncer withdrew the denunciation on %(date)s.") % {"date": day}, note, is_public
        )
        if internal:
            _event(petition, EventKind.NOTE, actor, note=internal)
        _event(petition, EventKind.NOTE, actor, note=shown, is_public=True)
    if continues:
        # Internal: the ground may concern a threat to the denouncer or a violation not yet concluded.
        line = _("Denunciation withdrawn but still resolved because %(ground)s: %(reason)s") % {
            "ground": withdrawal.get_continuation_ground_display(),
            "reason": withdrawal.continuation_reason,
        }
        _event(petition, EventKind.WITHDRAWAL_CONTINUED, actor, note=line)
        return withdrawal
    if partial:
        return withdrawal
    check_transition(TRANSITIONS, petition.status, Status.WITHDRAWN)
    _meet_deadline(petition, withdrawn_on)
    standard = _("The petitioner withdrew the petition on %(date)s.") % {"date": day}
    shown, internal = _notes(standard, note, is_public)
    _transition(
        petition, Status.WITHDRAWN, actor, EventKind.WITHDRAWN, note=shown, internal_note=internal,
        fields=["deadline", "due_date"],
    )  # fmt: skip
    return withdrawal
