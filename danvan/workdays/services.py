"""Writes of the working-day overrides: each save or removal says which days changed status.

A day that stops being a working day (a new day off, a working Saturday moved or
removed) is passed to the apps in danvan.workdays.registry, which move or cancel
what was planned on it; a day that becomes a working day changes nothing already
planned, so nothing happens behind the administrator's back.
"""

from dataclasses import dataclass, field

from django.db import transaction

from . import registry
from .calendar import WorkCalendar


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
    if report.days_off:
        days_off = [(day, after_calendar.reason_off(day)) for day in report.days_off]
        report.lines = registry.days_stopped_working(days=days_off, actor=actor)
    return report


@transaction.atomic
def save_override(*, override, actor):
    """Add or change an extra day off or working day; return what it changed (OverrideReport)."""
    model = type(override)
    days = {override.date}
    if override.pk is not None:
        previous = model.objects.select_for_update().filter(pk=override.pk).values_list("date", flat=True).first()
        if previous is not None:
            days.add(previous)
    override.full_clean()
    before = _status(days)
    override.save()
    return _report(override, actor, days, before)


@transaction.atomic
def delete_override(*, override, actor):
    """Remove an extra day off or working day; return what it changed (OverrideReport)."""
    override = type(override).objects.select_for_update().get(pk=override.pk)
    before = _status({override.date})
    override.delete()
    return _report(override, actor, {override.date}, before)
