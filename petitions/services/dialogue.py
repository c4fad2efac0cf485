"""Dialogue (đối thoại) in complaint resolution, Luật Khiếu nại 2011 Art. 30 (first instance) and Art. 39
(second instance): whether the law requires one, the handler's finding at verification, the dialogue held
with its minutes, and the check that the resolution decision is not recorded without a required dialogue."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.workflow import DomainError, require

from .. import permissions
from ..models import COMPLAINT_KINDS, Dialogue, DialogueFinding, DialogueRule, EventKind
from ..workflow import Status
from ._common import _event, _locked, _today
from .intake import _store_attachment

# A dialogue belongs to the resolution: from acceptance until the decision.
DIALOGUE_STATUSES = (Status.ACCEPTED, Status.VERIFYING)


def dialogue_rule_for(petition):
    """The dialogue rule for a complaint, as in force when it was accepted (or received); None otherwise."""
    if petition.kind not in COMPLAINT_KINDS:
        return None
    on = petition.accepted_date or petition.received_date
    rules = DialogueRule.objects.filter(kind=petition.kind, valid_from__lte=on).exclude(valid_to__lt=on)
    return rules.order_by("-valid_from").first()


@dataclass(frozen=True)
class DialogueState:
    """What the petition page says about the dialogue, and what the resolution step checks."""

    rule: DialogueRule
    finding: DialogueFinding | None
    dialogues: list

    @property
    def required(self):
        return self.rule.always_required or bool(self.finding and self.finding.differs)

    @property
    def missing(self):
        return self.required and not self.dialogues


def dialogue_state(petition):
    """The complaint's dialogue state, or None for a petition no dialogue rule covers."""
    rule = dialogue_rule_for(petition)
    if rule is None:
        return None
    finding = DialogueFinding.objects.filter(petition=petition).select_related("marked_by").first()
    dialogues = list(petition.dialogues.select_related("minutes", "recorded_by"))
    return DialogueState(rule=rule, finding=finding, dialogues=dialogues)


def check_dialogue_held(petition):
    """Refuse a complaint's resolution decision while a dialogue the law requires has not been held."""
    state = dialogue_state(petition)
    if state is not None and state.missing:
        raise DomainError(
            _(
                "A dialogue with the complainant is required before the resolution decision (%(basis)s): "
                "record the dialogue and its minutes first."
            )
            % {"basis": state.rule.legal_basis}
        )


def _check_complaint_in_resolution(petition):
    if dialogue_rule_for(petition) is None:
        raise DomainError(_("A dialogue is held only in the resolution of a complaint."))
    if petition.status not in DIALOGUE_STATUSES:
        raise DomainError(_("A dialogue is held while the complaint is being resolved, after its acceptance."))


@transaction.atomic
def record_dialogue_finding(*, petition, actor, differs, reason=""):
    """At verification, the handler finds whether the complainant's request and the verification result
    differ (Art. 30(1)); if they do, the resolution decision waits for a dialogue."""
    petition = _locked(petition)
    require(permissions.can_handle_petition(actor, petition))
    _check_complaint_in_resolution(petition)
    if differs and not reason.strip():
        raise DomainError(_("Write how the complainant's request and the verification result differ."))
    finding, _created = DialogueFinding.objects.update_or_create(
        petition=petition, defaults={"differs": differs, "reason": reason.strip(), "marked_by": actor}
    )
    basis = dialogue_rule_for(petition).legal_basis
    if differs:
        note = _(
            "The complainant's request and the verification result differ: a dialogue is required (%(basis)s)."
        ) % {"basis": basis}
        note = f"{note} {finding.reason}"
    else:
        note = _("The complainant's request and the verification result do not differ.")
    _event(petition, EventKind.DIALOGUE_FINDING, actor, note=note)
    return finding


@transaction.atomic
def record_dialogue(*, petition, actor, held_on, place, participants, content, result, minutes):
    """Record a dialogue held with the complainant, the person complained against and the bodies
    concerned, with its signed minutes (biên bản đối thoại) stored as a private attachment."""
    petition = _locked(petition)
    require(permissions.can_handle_petition(actor, petition))
    _check_complaint_in_resolution(petition)
    if held_on > _today():
        raise DomainError(_("The dialogue date cannot be in the future."))
    if petition.accepted_date is None or held_on < petition.accepted_date:
        raise DomainError(
            _("The dialogue cannot be dated before the complaint was accepted (%(date)s).")
            % {"date": date_format(petition.accepted_date or petition.received_date, "SHORT_DATE_FORMAT")}
        )
    texts = {"place": place, "participants": participants, "content": content, "result": result}
    if not all(value.strip() for value in texts.values()):
        raise DomainError(_("Write the place, the participants, the content and the result of the dialogue."))
    if not minutes:
        raise DomainError(_("Attach the minutes of the dialogue, signed by the participants."))
    dialogue = Dialogue.objects.create(
        petition=petition,
        held_on=held_on,
        minutes=_store_attachment(petition, minutes, actor),
        recorded_by=actor,
        **{field: value.strip() for field, value in texts.items()},
    )
    day = date_format(held_on, "SHORT_DATE_FORMAT")
    _event(
        petition,
        EventKind.DIALOGUE_HELD,
        actor,
        note=_("A dialogue with the complainant was held on %(date)s at %(place)s.")
        % {"date": day, "place": dialogue.place},
        is_public=True,
    )
    return dialogue


def takes_dialogue(petition):
    """Whether the page offers recording a dialogue: a complaint being resolved."""
    return petition.status in DIALOGUE_STATUSES and dialogue_rule_for(petition) is not None


def takes_dialogue_finding(petition):
    """Whether the page offers the finding: a complaint being resolved whose rule leaves the need to it."""
    if petition.status not in DIALOGUE_STATUSES:
        return False
    rule = dialogue_rule_for(petition)
    return rule is not None and not rule.always_required
