"""Dates of a recurring reception schedule, with its holiday policy (dateutil's rrule)."""

from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday

from danvan.workdays.calendar import WorkCalendar

from .models import HolidayPolicy, Recurrence


def rule_dates(schedule, start, end):
    """The dates the rule gives from `start` to `end`, before any holiday move."""
    first = max(start, schedule.valid_from)
    last = min(end, schedule.valid_to) if schedule.valid_to else end
    if first > last:
        return []
    if schedule.recurrence == Recurrence.MONTHLY_DAYS:
        days = sorted({int(day) for day in schedule.days_of_month.split(",") if day.strip()})
        dates = rrule(MONTHLY, dtstart=first, until=last, bymonthday=days)
    elif schedule.recurrence == Recurrence.WEEKLY:
        dates = rrule(WEEKLY, dtstart=first, until=last, byweekday=schedule.weekday)
    else:
        dates = rrule(MONTHLY, dtstart=first, until=last, byweekday=weekday(schedule.weekday, schedule.nth))
    return [moment.date() for moment in dates]


def occurrences(schedule, start, end, *, calendar=None):
    """[(rule date, session date)]: a rule date on a day off moves to the next working day, or
    is skipped, as the schedule's policy says (DOMAIN: configurable default, move)."""
    calendar = calendar or WorkCalendar()
    result = []
    for day in rule_dates(schedule, start, end):
        if calendar.is_working_day(day):
            result.append((day, day))
        elif schedule.holiday_policy == HolidayPolicy.MOVE_NEXT:
            result.append((day, calendar.next_working_day(day)))
    return result
