"""Writes of the calendar: override rows and the decisions on days to confirm.

Each save or removal of an override says which days changed status. A day that
stops being a working day (a new day off, a working Saturday moved or removed) is
passed to the days-off listeners of danvan.workdays.registry, which move or cancel
what was planned on it; both directions (days off and new working days) are passed
to its change listeners, which list the issued deadlines the change moves without
rewriting them. Every change writes a history row (danvan.history) with its actor.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.history.models import ChangeKind
from danvan.history.services import record_change
from danvan.workflow import DomainError

from . import registry
from .calendar import WorkCalendar
from .models import DayStatus, DayToConfirm, WorkingDay
from .permissions import can_edit_calendar


@dataclass
class OverrideReport:
    """What saving or removing one override changed."""

    override: object
    days_off: list = field(default_factory=list)  # days that stopped being working days
    working_days: list = field(default_factory=list)  # days that became working days
    lines: list = field(default_factory=list)  # the listeners' descriptions of what they changed


def _status(days):
    # A fresh calendar reads the override rows as they are now.
    calendar = WorkCalendar()
    return {day: calendar.is_working_day(day) for day in days}


def _report(override, actor, days, before):
    after_calendar = WorkCalendar()
    report = OverrideReport(override=override)
    for day in sorted(days):
        now = after_calendar.is_working_day(day)
        if before[day] and not now:
            report.days_off.append(day)
        elif now and not before[day]:
            report.working_days.append(day)
    days_off = [(day, after_calendar.reason_off(day)) for day in report.days_off]
    if days_off:
        report.lines = registry.days_stopped_working(days=days_off, actor=actor)
    if report.days_off or report.working_days:
        working_days = [(day, after_calendar.special_name(day)) for day in report.working_days]
        report.lines += registry.days_changed(days_off=days_off, working_days=working_days, actor=actor)
    return report


def _note(override):
    values = {"date": date_format(override.date, "d/m/Y"), "name": override.name, "kind": override._meta.verbose_name}
    note = _("%(kind)s %(date)s: %(name)s") % values
    return f"{note} ({override.document})" if override.document else note


@transaction.atomic
def save_override(*, override, actor):
    """Add or change an extra day off or working day; return what it changed (OverrideReport)."""
    model = type(override)
    days = {override.date}
    created = override.pk is None
    if not created:
        previous = model.objects.select_for_update().filter(pk=override.pk).values_list("date", flat=True).first()
        if previous is not None:
            days.add(previous)
    override.full_clean()
    before = _status(days)
    override.save()
    record_change(
        override, actor=actor, kind=ChangeKind.CREATED if created else ChangeKind.UPDATED, note=_note(override)
    )
    if isinstance(override, WorkingDay):
        _settle_day_to_confirm(override, actor)
    return _report(override, actor, days, before)


@transaction.atomic
def delete_override(*, override, actor):
    """Remove an extra day off or working day; return what it changed (OverrideReport)."""
    override = type(override).objects.select_for_update().get(pk=override.pk)
    before = _status({override.date})
    record_change(override, actor=actor, kind=ChangeKind.CLOSED, note=_note(override))
    override.delete()
    return _report(override, actor, {override.date}, before)


def _settle_day_to_confirm(working_day, actor):
    # A working day entered for a day still to confirm decides it, whoever entered it and how.
    day = DayToConfirm.objects.select_for_update().filter(date=working_day.date, status=DayStatus.PENDING).first()
    if day is not None:
        _decide(day, DayStatus.OVERRIDDEN, actor, working_day.legal_basis or working_day.name)


def _decide(day, status, actor, note):
    previous = day.status
    day.status, day.decided_at, day.decision_note = status, timezone.now(), note.strip()
    day.decided_by = actor if actor is not None and actor.is_authenticated else None
    day.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    record_change(
        day, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=status, note=day.decision_note
    )


def _pending_day(day, actor):
    if not can_edit_calendar(actor):
        raise DomainError(_("Only an administrator may decide on a day of the calendar."))
    day = DayToConfirm.objects.select_for_update().get(pk=day.pk)
    if day.status != DayStatus.PENDING:
        raise DomainError(
            _("%(date)s was already decided: %(status)s.")
            % {"date": date_format(day.date, "d/m/Y"), "status": day.get_status_display()}
        )
    return day


@transaction.atomic
def confirm_day(*, day, actor, note=""):
    """Confirm a day to confirm as a day off (as the package has it); record who and when."""
    day = _pending_day(day, actor)
    _decide(day, DayStatus.CONFIRMED, actor, note)
    return day


@transaction.atomic
def override_day(*, day, actor, note):
    """Make a day to confirm a working day: a WorkingDay row saved through save_override (which
    tells the listeners), the reason kept as its legal basis; return the OverrideReport."""
    day = _pending_day(day, actor)
    if not note.strip():
        raise DomainError(_("Say why this day is a working day (e.g. the document that settles it)."))
    _decide(day, DayStatus.OVERRIDDEN, actor, note)
    name = _("Working day: %(name)s is not a day off") % {"name": day.name}
    try:
        return save_override(override=WorkingDay(date=day.date, name=name, legal_basis=note.strip()[:255]), actor=actor)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error
