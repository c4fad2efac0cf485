"""Every change to dialogues and their commitments goes through these functions.

Each one is atomic, takes keyword-only arguments including `actor` (None for the system), re-reads the row it
changes under a lock, checks the step and the actor's permission, saves only the changed fields, appends a history
row (danvan.history) and leaves its notices to danvan.notifications, whose emails go after commit.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan.history.models import ChangeKind
from danvan.history.services import record_change
from danvan.notifications.services import notify
from danvan.orgunits.models import LOCALITY_KINDS
from danvan.orgunits.selectors import nearest_leaders, same_tree
from danvan.text import short_date
from danvan.workflow import DomainError, check_transition, require, required_text

from . import permissions, selectors
from .models import Dialogue, DialogueCommitment, DialogueIssue
from .workflow import COMMITMENT_TRANSITIONS, DIALOGUE_TRANSITIONS, CommitmentStatus, DialogueStatus


def _locked(dialogue):
    return Dialogue.objects.select_for_update().select_related("unit").get(pk=dialogue.pk)


@transaction.atomic
def plan_dialogue(
    *, actor, unit, head, position, topic, date, start_time, end_time, place, commune=None, audience="",
    participants="", invited_bodies="", petition=None, is_published=True,
):  # fmt: skip
    """Plan a head's dialogue with the people of a commune or a group of citizens; the head is told."""
    require(permissions.can_plan_dialogue(actor, unit))
    if not selectors.is_member(head, unit):
        raise DomainError(_("The head must be an official of the unit holding the dialogue."))
    if commune is None and not audience.strip():
        raise DomainError(_("Choose the commune or name the group of citizens the dialogue is with."))
    if commune is not None and (commune.kind not in LOCALITY_KINDS or not same_tree(commune, unit)):
        raise DomainError(_("Choose a commune of the holding unit's own province."))
    if end_time <= start_time:
        raise DomainError(_("The dialogue must end after it starts."))
    dialogue = Dialogue.objects.create(
        unit=unit, head=head, position=position, commune=commune, audience=audience.strip(),
        topic=required_text(topic, _("Write the topic of the dialogue.")), date=date, start_time=start_time,
        end_time=end_time, place=required_text(place, _("Write where the dialogue is held.")),
        participants=participants.strip(), invited_bodies=invited_bodies.strip(), petition=petition,
        is_published=is_published, created_by=actor,
    )  # fmt: skip
    record_change(
        dialogue,
        actor=actor,
        kind=ChangeKind.CREATED,
        to_status=dialogue.status,
        note=_("Planned for %(date)s at %(place)s") % {"date": short_date(date), "place": dialogue.place},
    )
    if head.pk != actor.pk:
        with translation.override(settings.LANGUAGE_CODE):
            title = _("Dialogue planned for you on %(date)s: %(topic)s") % {"date": short_date(date), "topic": topic}
        notify(
            recipient=head, kind="dialogue_planned", key=f"dialogue:{dialogue.pk}:planned", title=title,
            target=dialogue, url=reverse("dialogues:dialogue", args=[dialogue.pk]),
        )  # fmt: skip
    return dialogue


@transaction.atomic
def record_dialogue_held(*, dialogue, actor, attendance, summary):
    """Record that the dialogue took place, with how many citizens came and what was said."""
    dialogue = _locked(dialogue)
    require(permissions.can_manage_dialogue(actor, dialogue))
    check_transition(DIALOGUE_TRANSITIONS, dialogue.status, DialogueStatus.HELD)
    if dialogue.date > timezone.localdate():
        raise DomainError(_("A dialogue can be recorded as held from its day on."))
    previous = dialogue.status
    dialogue.status = DialogueStatus.HELD
    dialogue.attendance = attendance
    dialogue.summary = required_text(summary, _("Write a summary of the dialogue."))
    dialogue.revision += 1
    dialogue.save(update_fields=["status", "attendance", "summary", "revision"])
    record_change(
        dialogue, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=dialogue.status,
        note=_("%(count)s citizens attended") % {"count": attendance} if attendance is not None else "",
    )  # fmt: skip
    return dialogue


@transaction.atomic
def cancel_dialogue(*, dialogue, actor, reason):
    """Cancel a planned dialogue, saying why; it leaves the public calendar and the head is told."""
    dialogue = _locked(dialogue)
    require(permissions.can_manage_dialogue(actor, dialogue))
    check_transition(DIALOGUE_TRANSITIONS, dialogue.status, DialogueStatus.CANCELLED)
    reason = required_text(reason, _("Give the reason for cancelling the dialogue."))
    previous = dialogue.status
    dialogue.status, dialogue.cancel_reason = DialogueStatus.CANCELLED, reason[:255]
    dialogue.revision += 1
    dialogue.save(update_fields=["status", "cancel_reason", "revision"])
    record_change(
        dialogue, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=dialogue.status, note=reason
    )
    if dialogue.head_id != actor.pk:
        with translation.override(settings.LANGUAGE_CODE):
            title = _("Dialogue of %(date)s cancelled: %(topic)s") % {
                "date": short_date(dialogue.date),
                "topic": dialogue.topic,
            }
        notify(
            recipient=dialogue.head, kind="dialogue_cancelled", key=f"dialogue:{dialogue.pk}:cancelled", title=title,
            body=reason, target=dialogue, url=reverse("dialogues:dialogue", args=[dialogue.pk]),
        )  # fmt: skip
    return dialogue


def _held(dialogue):
    if dialogue.status != DialogueStatus.HELD:
        raise DomainError(_("Record the dialogue as held first: issues and commitments belong to its record."))


@transaction.atomic
def add_dialogue_issue(*, dialogue, actor, raised_by, text, answer=""):
    """An issue the people raised at the dialogue, with the answer given on the spot (if any)."""
    dialogue = _locked(dialogue)
    require(permissions.can_manage_dialogue(actor, dialogue))
    _held(dialogue)
    issue = DialogueIssue.objects.create(
        dialogue=dialogue,
        raised_by=required_text(raised_by, _("Name the citizen group or area that raised the issue.")),
        text=required_text(text, _("Write the issue raised.")),
        answer=answer.strip(),
        recorded_by=actor,
    )
    record_change(
        dialogue, actor=actor, kind=ChangeKind.ADDED, note=_("Issue raised by %(who)s") % {"who": issue.raised_by}
    )
    return issue


@transaction.atomic
def add_dialogue_commitment(*, dialogue, actor, text, responsible_unit, due_date, issue=None):
    """A commitment made at the dialogue, owed by a unit by a due date; the unit's leaders are told."""
    dialogue = _locked(dialogue)
    require(permissions.can_manage_dialogue(actor, dialogue))
    _held(dialogue)
    if issue is not None and issue.dialogue_id != dialogue.pk:
        raise DomainError(_("The issue belongs to another dialogue."))
    if not same_tree(responsible_unit, dialogue.unit):
        raise DomainError(_("Choose a unit of the holding unit's own province."))
    if due_date < dialogue.date:
        raise DomainError(_("The due date cannot be before the dialogue."))
    commitment = DialogueCommitment.objects.create(
        dialogue=dialogue,
        issue=issue,
        text=required_text(text, _("Write what was committed.")),
        responsible_unit=responsible_unit,
        due_date=due_date,
    )
    due = short_date(due_date)
    record_change(
        dialogue,
        actor=actor,
        kind=ChangeKind.ADDED,
        note=_("Commitment owed by %(unit)s by %(date)s") % {"unit": responsible_unit.name, "date": due},
    )
    record_change(
        commitment,
        actor=actor,
        kind=ChangeKind.CREATED,
        to_status=commitment.status,
        note=_("Due on %(date)s") % {"date": due},
    )
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Commitment from a dialogue owed by %(unit)s by %(date)s") % {
            "unit": responsible_unit.name,
            "date": due,
        }
    for person in nearest_leaders(responsible_unit):
        notify(
            recipient=person, kind="dialogue_commitment", key=f"dialogue_commitment:{commitment.pk}:created",
            title=title, body=commitment.text[:500], target=commitment,
            url=reverse("dialogues:commitment", args=[commitment.pk]),
        )  # fmt: skip
    return commitment


def _locked_commitment(commitment):
    return DialogueCommitment.objects.select_for_update().select_related("dialogue").get(pk=commitment.pk)


@transaction.atomic
def complete_commitment(*, commitment, actor, done_on, result):
    """The commitment is done, with its result; on time when done by its due date."""
    commitment = _locked_commitment(commitment)
    require(permissions.can_complete_commitment(actor, commitment))
    check_transition(COMMITMENT_TRANSITIONS, commitment.status, CommitmentStatus.DONE)
    if done_on > timezone.localdate() or done_on < commitment.dialogue.date:
        raise DomainError(_("The date it was done must be between the dialogue and today."))
    previous = commitment.status
    commitment.status, commitment.done_on = CommitmentStatus.DONE, done_on
    commitment.result = required_text(result, _("Write the result."))
    commitment.save(update_fields=["status", "done_on", "result"])
    note = _("Done on %(date)s") % {"date": short_date(done_on)}
    if not commitment.on_time:
        note = _("Done on %(date)s, after its due date") % {"date": short_date(done_on)}
    record_change(
        commitment, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=commitment.status,
        note=f"{note}: {commitment.result}",
    )  # fmt: skip
    return commitment


@transaction.atomic
def escalate_commitment(*, commitment, level, actor=None):
    """Record the escalation level an overdue commitment reached (its due date never moves).
    Returns whether the level rose; a level already reached writes nothing."""
    commitment = _locked_commitment(commitment)
    if level <= commitment.escalation_level:
        return False
    commitment.escalation_level = level
    commitment.save(update_fields=["escalation_level"])
    record_change(
        commitment,
        actor=actor,
        kind=ChangeKind.ESCALATED,
        note=_("Level %(level)d: overdue since %(date)s") % {"level": level, "date": short_date(commitment.due_date)},
    )
    return True
