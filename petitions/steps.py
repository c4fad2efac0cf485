"""The steps offered on the petition page: which form, who may, when, and which service runs.

This is the one table from step to service. The petition page offers and runs
its steps from here; the demo and the workflow tests take the same steps with
`take_step`, so all three go through the same path to the services. The
services stay the authority: they lock, check the transition and the actor.
`allowed` and `available` only decide what the page offers.
"""

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.workflow import allowed_targets

from . import enforcement_forms, forms, permissions, resolution_forms, services
from .services import enforcement
from .workflow import ANSWERED_STATUSES, OPEN_STATUSES, TRANSITIONS, Status


@dataclass(frozen=True)
class Step:
    name: str
    label: Any
    form: type  # a forms.StepForm; its cleaned fields are the `data` that `run` takes
    allowed: Any  # predicate(user, petition): may this user take it
    run: Any  # (petition, actor, data) -> the service's result
    done: Any  # the message after it succeeded
    style: str = "outline-primary"
    target: Status | None = None  # the status it leads to; offered where the workflow allows that
    when: Any = None  # predicate(petition), for steps offered other than by their target

    def available(self, petition):
        """Whether the page offers this step for the petition as it stands."""
        if self.when is not None:
            return self.when(petition)
        return self.target in allowed_targets(TRANSITIONS, petition.status)

    def bind(self, petition, user, data=None, files=None):
        """The step's form, prefixed with its name so several forms share the page."""
        return self.form(data, files, prefix=self.name, petition=petition, user=user)


def _handles_or_classifies(user, petition):
    return permissions.can_handle_petition(user, petition) or permissions.can_classify_petition(user, petition)


def _is_open(petition):
    return petition.status in OPEN_STATUSES


def _is_late(petition):
    return _is_open(petition) and petition.due_date is not None and petition.due_date < timezone.localdate()


STEPS = [
    Step(
        "classify", _("Within competence"), forms.OptionalNoteForm, permissions.can_classify_petition,
        lambda p, u, d: services.classify_petition(petition=p, actor=u, note=d["note"], is_public=d["is_public"]),
        _("The petition is classified as within competence."),
        target=Status.CLASSIFIED,
    ),
    Step(
        "accept", _("Accept for resolution"), forms.AcceptForm, permissions.can_accept_petition,
        lambda p, u, d: services.accept_petition(
            petition=p, actor=u, accepted_date=d["accepted_date"], note=d["note"], is_public=d["is_public"]
        ),
        _("The petition is accepted; the resolution deadline is set."), "primary",
        target=Status.ACCEPTED,
    ),
    Step(
        "refuse", _("Do not accept"), forms.RefuseForm, permissions.can_accept_petition,
        lambda p, u, d: services.refuse_petition(
            petition=p, actor=u, reason=d["reason"], decided_on=d["decided_on"], number=d["number"],
            signer=d["signer"],
        ),
        _("The refusal is recorded."), "outline-danger",
        target=Status.NOT_ACCEPTED,
    ),
    Step(
        "transfer", _("Transfer"), forms.TransferForm, permissions.can_classify_petition,
        lambda p, u, d: services.transfer_petition(
            petition=p, actor=u, note=d["note"], to_unit=d["to_unit"], to_name=d["to_name"],
            is_public=d["is_public"],
        ),
        _("The petition is transferred."),
        target=Status.TRANSFERRED,
    ),
    Step(
        "guide", _("Guide the citizen"), forms.RequiredNoteForm, permissions.can_classify_petition,
        lambda p, u, d: services.guide_petition(petition=p, actor=u, note=d["note"], is_public=d["is_public"]),
        _("The guidance is recorded."),
        target=Status.GUIDED,
    ),
    Step(
        "file", _("File without action"), forms.RequiredNoteForm, permissions.can_classify_petition,
        lambda p, u, d: services.file_petition(petition=p, actor=u, note=d["note"], is_public=d["is_public"]),
        _("The petition is filed."), "outline-secondary",
        target=Status.FILED,
    ),
    Step(
        "duplicate", _("Mark as duplicate"), forms.DuplicateForm, permissions.can_classify_petition,
        lambda p, u, d: services.mark_duplicate(petition=p, original=d["original"], actor=u),
        _("The petition is linked to the original as a duplicate."), "outline-secondary",
        target=Status.DUPLICATE,
    ),
    Step(
        "assign", _("Assign a handler"), forms.AssignForm, permissions.can_assign_petition,
        lambda p, u, d: services.assign_petition(petition=p, handler=d["handler"], actor=u),
        _("The handler is assigned and notified."),
        when=_is_open,
    ),
    Step(
        "take", _("Take the petition"), forms.ConfirmForm, permissions.can_take_petition,
        lambda p, u, d: services.take_petition(petition=p, actor=u),
        _("You now handle this petition; the unit's leaders have been told."), "primary",
        when=lambda p: p.status in services.HANDLING_STATUSES and p.handler_id is None,
    ),
    Step(
        "verify", _("Start verification"), forms.OptionalNoteForm, permissions.can_handle_petition,
        lambda p, u, d: services.start_verification(petition=p, actor=u, note=d["note"], is_public=d["is_public"]),
        _("Verification started."),
        target=Status.VERIFYING,
    ),
    Step(
        "note", _("Add a note"), forms.NoteForm, _handles_or_classifies,
        lambda p, u, d: services.add_petition_note(petition=p, actor=u, note=d["note"], is_public=d["is_public"]),
        _("The note is added."), "outline-secondary",
        when=_is_open,
    ),
    Step(
        "notice", _("Record the acceptance notice"), forms.NoticeForm, _handles_or_classifies,
        lambda p, u, d: services.record_acceptance_notice(petition=p, actor=u, notified_on=d["notified_on"]),
        _("The acceptance notice is recorded."),
        when=lambda p: _is_open(p) and services.pending_acceptance_notice(p) is not None,
    ),
    Step(
        "delay", _("Explain the delay"), forms.DelayForm, permissions.can_handle_petition,
        lambda p, u, d: services.explain_petition_delay(
            petition=p, actor=u, reason=d["reason"], committed_date=d["committed_date"], is_public=d["is_public"]
        ),
        _("The explanation is recorded; the legal deadline is unchanged."), "outline-danger",
        when=_is_late,
    ),
    Step(
        "extend", _("Extend the deadline"), forms.ExtendForm, permissions.can_extend_petition,
        lambda p, u, d: services.extend_petition_deadline(
            petition=p, actor=u, complexity=d["complexity"], number=d["number"], decided_on=d["decided_on"],
            reason=d["reason"],
        ),
        _("The deadline is extended."), "outline-warning",
        when=lambda p: p.status in (Status.ACCEPTED, Status.VERIFYING),
    ),
    Step(
        # Luật Khiếu nại 2011 Art 30(1): at verification, whether the request and the result differ.
        "dialogue_finding", _("Assess the need for a dialogue"), resolution_forms.DialogueFindingForm,
        permissions.can_handle_petition,
        lambda p, u, d: services.record_dialogue_finding(petition=p, actor=u, differs=d["differs"], reason=d["reason"]),
        _("The assessment is recorded."), "outline-secondary",
        when=services.takes_dialogue_finding,
    ),
    Step(
        "dialogue", _("Record a dialogue"), resolution_forms.DialogueForm, permissions.can_handle_petition,
        lambda p, u, d: services.record_dialogue(
            petition=p, actor=u, held_on=d["held_on"], place=d["place"], participants=d["participants"],
            content=d["content"], result=d["result"], minutes=d["minutes"],
        ),
        _("The dialogue and its minutes are recorded."),
        when=services.takes_dialogue,
    ),
    Step(
        "resolve", _("Record the decision or answer"), forms.ResolveForm, permissions.can_handle_petition,
        lambda p, u, d: services.resolve_petition(
            petition=p, actor=u, decided_on=d["decided_on"], number=d["number"], signer=d["signer"],
            outcome=d["outcome"], text=d["text"], **{k: d[k] for k in enforcement.ORDERED_RESULTS if k in d},
        ),
        _("The resolution is recorded."), "primary",
        target=Status.RESOLVED,
    ),
    Step(
        # Luật Tố cáo Art 38: the superior body's leaders, who may only read the petition otherwise.
        "overdue_request", _("Request a report on the overdue denunciation"), forms.OverdueRequestForm,
        permissions.can_request_overdue_report,
        lambda p, u, d: services.request_overdue_report(
            petition=p, actor=u, requested_on=d["requested_on"], number=d["number"], content=d["content"]
        ),
        _("The request is recorded; the resolver's report deadline is set."), "outline-danger",
        when=lambda p: services.pending_overdue_request(p) is not None,
    ),
    Step(
        "overdue_report", _("Report on the overdue denunciation"), forms.OverdueReportForm,
        permissions.can_handle_petition,
        lambda p, u, d: services.report_overdue_denunciation(
            petition=p, actor=u, reported_on=d["reported_on"], reasons=d["reasons"], measures=d["measures"],
            committed_date=d["committed_date"],
        ),
        _("The report to the superior body is recorded."), "outline-danger",
        when=lambda p: services.pending_overdue_report(p) is not None,
    ),
    Step(
        # Offered while the petition is open: a partial withdrawal changes no status.
        "withdraw", _("Record a withdrawal"), resolution_forms.WithdrawForm, _handles_or_classifies,
        lambda p, u, d: services.withdraw_petition(
            petition=p, actor=u, withdrawn_on=d["withdrawn_on"], partial=d["partial"], note=d["note"],
            is_public=d["is_public"], continuation_ground=d["continuation_ground"],
            continuation_reason=d["continuation_reason"],
        ),
        _("The withdrawal is recorded."), "outline-secondary",
        target=Status.WITHDRAWN, when=_is_open,
    ),
    Step(
        "terminate", _("Terminate"), forms.TerminateForm, permissions.can_handle_petition,
        lambda p, u, d: services.terminate_petition(
            petition=p, actor=u, decided_on=d["decided_on"], number=d["number"], reason=d["reason"],
            is_public=d["is_public"],
        ),
        _("The termination is recorded."), "outline-danger",
        target=Status.TERMINATED,
    ),
    Step(
        "close", _("Close the file"), forms.OptionalNoteForm, permissions.can_handle_petition,
        lambda p, u, d: services.close_petition(petition=p, actor=u, note=d["note"], is_public=d["is_public"]),
        _("The file is closed."), "outline-secondary",
        target=Status.CLOSED,
    ),
    Step(
        "enforce", _("Start the enforcement of the decision"), enforcement_forms.StartEnforcementForm,
        enforcement.can_manage_enforcement,
        lambda p, u, d: services.start_enforcement(
            petition=p, actor=u, effective_date=d["effective_date"], measures=d["measures"], due_date=d["due_date"],
            responsible_unit=d["responsible_unit"], responsible_person=d["responsible_person"],
            responsible_other=d["responsible_other"],
        ),
        _("The enforcement is recorded; its due date will be reminded."), "outline-primary",
        when=lambda p: enforcement.decision_to_enforce(p) is not None,
    ),
    Step(
        "enforcement_progress", _("Add enforcement progress"), enforcement_forms.EnforcementProgressForm,
        enforcement.can_report_enforcement,
        lambda p, u, d: services.record_enforcement_progress(petition=p, actor=u, date=d["date"], note=d["note"]),
        _("The progress is recorded."), "outline-secondary",
        when=lambda p: enforcement.open_enforcement(p) is not None,
    ),
    Step(
        "enforcement_complete", _("Record the enforcement as completed"), enforcement_forms.CompleteEnforcementForm,
        enforcement.can_manage_enforcement,
        lambda p, u, d: services.complete_enforcement(
            petition=p, actor=u, completed_on=d["completed_on"], note=d["note"],
            **{k: d[k] for k in enforcement.ACHIEVED_RESULTS},
        ),
        _("The enforcement is recorded as completed."), "outline-success",
        when=lambda p: enforcement.open_enforcement(p) is not None,
    ),
    Step(
        "urge", _("Urge (đôn đốc)"), enforcement_forms.UrgeForm, enforcement.can_urge_petition,
        lambda p, u, d: services.urge_petition(petition=p, actor=u, note=d["note"]),
        _("The urging is recorded."), "outline-warning",
        when=enforcement.can_be_urged,
    ),
]  # fmt: skip

BY_NAME = {step.name: step for step in STEPS}
# Steps for officials who only read the petition (see permissions.can_read_petition): the superior body's.
FOR_READERS = frozenset({"overdue_request"})
# The step that takes a petition to each status reachable by a step.
BY_TARGET = {step.target: step for step in STEPS if step.target is not None}


def steps_for(user, petition):
    """The steps this user can take on this petition now."""
    return [step for step in STEPS if step.available(petition) and step.allowed(user, petition)]


def waiting_for(petition):
    """What the petition waits for and who can act, in a sentence for its page; None once this unit is done."""
    unit = petition.handling_unit.name
    handler = petition.handler.get_full_name() if petition.handler_id else None
    if petition.status == Status.RECEIVED:
        if petition.receiving_unit_id != petition.handling_unit_id:
            return _("Waiting for the staff of %(unit)s or of %(receiving)s to classify the petition") % {
                "unit": unit,
                "receiving": petition.receiving_unit.name,
            }
        return _("Waiting for the staff of %(unit)s to classify the petition") % {"unit": unit}
    if petition.status == Status.CLASSIFIED:
        return _("Waiting for %(unit)s to decide on acceptance") % {"unit": unit}
    if petition.status in services.HANDLING_STATUSES and handler is None:
        return _("Waiting for a leader to assign a handler, or for a handler of %(unit)s to take the petition") % {
            "unit": unit
        }
    if petition.status == Status.ACCEPTED:
        return _("Waiting for the handler %(name)s to verify and resolve") % {"name": handler}
    if petition.status == Status.VERIFYING:
        return _("Waiting for the handler %(name)s to finish the verification and record the outcome") % {
            "name": handler
        }
    if petition.status in ANSWERED_STATUSES:
        if handler is None:
            return _("Waiting for a leader of %(unit)s to close the file") % {"unit": unit}
        return _("Waiting for the handler %(name)s or a leader to close the file") % {"name": handler}
    return None


def optional_defaults(step):
    """What the step's form gives for each optional field left empty ("" for text, False, None)."""
    return {name: field.clean("") for name, field in step.form.base_fields.items() if not field.required}


def take_step(name, petition, actor, /, **data):
    """Run step `name` with `data` (its form's cleaned fields); omitted optional fields take their empty value.

    The page passes a bound form's cleaned data; the demo and the tests pass the fields by name.
    A missing required field is a KeyError: the caller has forgotten something the form would ask for.
    """
    step = BY_NAME[name]
    return step.run(petition, actor, {**optional_defaults(step), **data})
