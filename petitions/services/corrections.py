"""The leader's decision on a deadline a change of the official calendar moved (petitions.calendar_changes).

A correction is issued as an extension is: the deadline in force is retired and a new row, same
rule, start and complexity, carries the date the calendar now gives. Keeping the deadline as issued
changes nothing but the record. Either way the reason is written down and the timeline says so.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.text import short_date
from danvan.workflow import DomainError, require

from .. import permissions
from ..deadlines import deadline_name, due_date_for
from ..models import EventKind, MovedDeadline, MovedStatus, PetitionDeadline
from ._common import _event, _locked


def _locked_open(moved, actor):
    """Lock the petition, check the actor, lock the record; refuse one decided already or a deadline
    no longer running."""
    petition = _locked(moved.deadline.petition)
    require(permissions.can_correct_deadline(actor, petition))
    moved = MovedDeadline.objects.select_for_update().select_related("deadline__rule").get(pk=moved.pk)
    deadline = moved.deadline
    if moved.status != MovedStatus.OPEN:
        raise DomainError(_("This moved deadline has already been decided (%(status)s).") % {
            "status": moved.get_status_display().lower()
        })  # fmt: skip
    if not (deadline.is_current and deadline.met_on is None and petition.is_open):
        raise DomainError(_("This deadline is no longer running: there is nothing left to correct."))
    return petition, moved


def _decided(moved, actor, status, reason):
    if not reason.strip():
        raise DomainError(_("Write the reason for the decision."))
    moved.status, moved.decided_by, moved.decided_at, moved.reason = status, actor, timezone.now(), reason.strip()


def _source(moved):
    return moved.announcement or _("the change of the calendar on %(days)s") % {"days": moved.changed_days}


@transaction.atomic
def correct_moved_deadline(*, moved, actor, reason):
    """Issue the deadline again with the date the calendar now gives; the one in force is retired."""
    petition, moved = _locked_open(moved, actor)
    current = moved.deadline
    new_date = due_date_for(current.rule, current.start_date, current.complexity)
    if new_date != moved.new_due_date:
        # A later change of the calendar reached this deadline since: its own record says what it gives now.
        raise DomainError(_("The calendar has changed again since this was recorded. Reload the page."))
    _decided(moved, actor, MovedStatus.CORRECTED, reason)
    PetitionDeadline.objects.filter(pk=current.pk).update(is_current=False)
    deadline = PetitionDeadline.objects.create(
        petition=petition,
        stage=current.stage,
        rule=current.rule,
        complexity=current.complexity,
        start_date=current.start_date,
        due_date=new_date,
    )
    moved.correction = deadline
    moved.save(update_fields=["status", "decided_by", "decided_at", "reason", "correction"])
    if petition.deadline_id == current.pk:
        petition.deadline, petition.due_date = deadline, deadline.due_date
        petition.version += 1
        petition.save(update_fields=["deadline", "due_date", "version", "updated_at"])
    values = {
        "deadline": deadline_name(current),
        "source": _source(moved),
        "old": short_date(current.due_date),
        "new": short_date(new_date),
    }
    # The citizen reads the new date and why; the leader's own words stay internal.
    note = _("%(deadline)s corrected under %(source)s: from %(old)s to %(new)s.") % values
    _event(petition, EventKind.DEADLINE_CORRECTED, actor, note=note, is_public=True)
    _event(petition, EventKind.NOTE, actor, note=_("Reason for the correction: %(reason)s") % {"reason": moved.reason})
    return deadline


@transaction.atomic
def keep_moved_deadline(*, moved, actor, reason):
    """Keep the deadline as issued although the calendar now gives another date; the reason is recorded."""
    petition, moved = _locked_open(moved, actor)
    _decided(moved, actor, MovedStatus.KEPT, reason)
    moved.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    note = _(
        "%(deadline)s kept as issued (%(old)s) although under %(source)s it would be %(new)s. Reason: %(reason)s"
    ) % {
        "deadline": deadline_name(moved.deadline),
        "old": short_date(moved.issued_due_date),
        "source": _source(moved),
        "new": short_date(moved.new_due_date),
        "reason": moved.reason,
    }
    _event(petition, EventKind.NOTE, actor, note=note)
    return moved
