"""The steps offered on a petition's page: which form, who may, from which status, which service.

Views stay thin: they look the step up here, bind its form, and call `run`.
"""

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.workflow import allowed_targets

from . import forms, permissions, services
from .workflow import ANSWERED_STATUSES, OPEN_STATUSES, TRANSITIONS, Status


@dataclass(frozen=True)
class Action:
    name: str
    label: Any
    form: type
    allowed: Any  # predicate(user, petition)
    available: Any  # predicate(petition)
    run: Any  # (petition, user, cleaned_data, form) -> object
    done: Any  # success message
    style: str = "outline-primary"


def _can_go(target):
    return lambda petition: Status(target) in allowed_targets(TRANSITIONS, petition.status)


def _assignable(petition):
    return petition.status in OPEN_STATUSES


ACTIONS = [
    Action(
        "classify", _("Within competence"), forms.OptionalNoteForm, permissions.can_classify_petition,
        _can_go(Status.CLASSIFIED),
        lambda p, u, d, f: services.classify_petition(petition=p, actor=u, note=d["note"]),
        _("The petition is classified as within competence."),
    ),
    Action(
        "accept", _("Accept for resolution"), forms.AcceptForm, permissions.can_classify_petition,
        _can_go(Status.ACCEPTED),
        lambda p, u, d, f: services.accept_petition(
            petition=p, actor=u, accepted_date=d["accepted_date"], note=d["note"]
        ),
        _("The petition is accepted; the resolution deadline is set."), "primary",
    ),
    Action(
        "refuse", _("Do not accept"), forms.RefuseForm, permissions.can_classify_petition,
        _can_go(Status.NOT_ACCEPTED),
        lambda p, u, d, f: services.refuse_petition(
            petition=p, actor=u, reason=f.reason_text(), decided_on=d["decided_on"], number=d["number"],
            signer=d["signer"],
        ),
        _("The refusal is recorded."), "outline-danger",
    ),
    Action(
        "transfer", _("Transfer"), forms.TransferForm, permissions.can_classify_petition,
        _can_go(Status.TRANSFERRED),
        lambda p, u, d, f: services.transfer_petition(
            petition=p, actor=u, note=d["note"], to_unit=d["to_unit"], to_name=d["to_name"]
        ),
        _("The petition is transferred."),
    ),
    Action(
        "guide", _("Guide the citizen"), forms.RequiredNoteForm, permissions.can_classify_petition,
        _can_go(Status.GUIDED),
        lambda p, u, d, f: services.guide_petition(petition=p, actor=u, note=d["note"]),
        _("The guidance is recorded."),
    ),
    Action(
        "file", _("File without action"), forms.RequiredNoteForm, permissions.can_classify_petition,
        _can_go(Status.FILED),
        lambda p, u, d, f: services.file_petition(petition=p, actor=u, note=d["note"]),
        _("The petition is filed."), "outline-secondary",
    ),
    Action(
        "duplicate", _("Mark as duplicate"), forms.DuplicateForm, permissions.can_classify_petition,
        _can_go(Status.DUPLICATE),
        lambda p, u, d, f: services.mark_duplicate(petition=p, original=d["original_code"], actor=u),
        _("The petition is linked to the original as a duplicate."), "outline-secondary",
    ),
    Action(
        "assign", _("Assign a handler"), forms.AssignForm, permissions.can_assign_petition, _assignable,
        lambda p, u, d, f: services.assign_petition(petition=p, handler=d["handler"], actor=u),
        _("The handler is assigned and notified."),
    ),
    Action(
        "verify", _("Start verification"), forms.OptionalNoteForm, permissions.can_handle_petition,
        _can_go(Status.VERIFYING),
        lambda p, u, d, f: services.start_verification(petition=p, actor=u, note=d["note"]),
        _("Verification started."),
    ),
    Action(
        "note", _("Add a note"), forms.NoteForm,
        lambda u, p: permissions.can_handle_petition(u, p) or permissions.can_classify_petition(u, p),
        lambda p: p.status in OPEN_STATUSES,
        lambda p, u, d, f: services.add_petition_note(petition=p, actor=u, note=d["note"], is_public=d["is_public"]),
        _("The note is added."), "outline-secondary",
    ),
    Action(
        "notice", _("Record the acceptance notice"), forms.NoticeForm,
        lambda u, p: permissions.can_handle_petition(u, p) or permissions.can_classify_petition(u, p),
        lambda p: p.is_open and services.pending_acceptance_notice(p) is not None,
        lambda p, u, d, f: services.record_acceptance_notice(petition=p, actor=u, notified_on=d["notified_on"]),
        _("The acceptance notice is recorded."),
    ),
    Action(
        "delay", _("Explain the delay"), forms.DelayForm, permissions.can_handle_petition,
        lambda p: p.is_open and p.due_date is not None and p.due_date < timezone.localdate(),
        lambda p, u, d, f: services.explain_petition_delay(
            petition=p, actor=u, reason=d["reason"], committed_date=d["committed_date"], is_public=d["is_public"]
        ),
        _("The explanation is recorded; the legal deadline is unchanged."), "outline-danger",
    ),
    Action(
        "extend", _("Extend the deadline"), forms.ExtendForm, permissions.can_extend_petition,
        lambda p: p.status in (Status.ACCEPTED, Status.VERIFYING),
        lambda p, u, d, f: services.extend_petition_deadline(
            petition=p, actor=u, complexity=d["complexity"], number=d["number"], decided_on=d["decided_on"],
            reason=d["reason"],
        ),
        _("The deadline is extended."), "outline-warning",
    ),
    Action(
        "resolve", _("Record the decision or answer"), forms.ResolveForm, permissions.can_handle_petition,
        _can_go(Status.RESOLVED),
        lambda p, u, d, f: services.resolve_petition(
            petition=p, actor=u, decided_on=d["decided_on"], number=d["number"], signer=d["signer"],
            outcome=d["outcome"], text=d["text"],
        ),
        _("The resolution is recorded."), "primary",
    ),
    Action(
        "withdraw", _("Record a withdrawal"), forms.WithdrawForm,
        lambda u, p: permissions.can_handle_petition(u, p) or permissions.can_classify_petition(u, p),
        lambda p: p.status in OPEN_STATUSES,
        lambda p, u, d, f: services.withdraw_petition(
            petition=p, actor=u, withdrawn_on=d["withdrawn_on"], partial=d["partial"], note=d["note"]
        ),
        _("The withdrawal is recorded."), "outline-secondary",
    ),
    Action(
        "terminate", _("Terminate"), forms.TerminateForm, permissions.can_handle_petition,
        _can_go(Status.TERMINATED),
        lambda p, u, d, f: services.terminate_petition(
            petition=p, actor=u, decided_on=d["decided_on"], number=d["number"], reason=d["reason"]
        ),
        _("The termination is recorded."), "outline-danger",
    ),
    Action(
        "close", _("Close the file"), forms.OptionalNoteForm, permissions.can_handle_petition,
        lambda p: p.status in ANSWERED_STATUSES,
        lambda p, u, d, f: services.close_petition(petition=p, actor=u, note=d["note"]),
        _("The file is closed."), "outline-secondary",
    ),
]  # fmt: skip

BY_NAME = {action.name: action for action in ACTIONS}


def form_kwargs(action, petition, user):
    """Extra arguments some action forms need."""
    if action.form is forms.TransferForm or action.form is forms.AssignForm:
        return {"petition": petition}
    if action.form is forms.DuplicateForm:
        return {"user": user}
    return {}


def actions_for(user, petition):
    """The steps this user can take on this petition now."""
    return [a for a in ACTIONS if a.available(petition) and a.allowed(user, petition)]
