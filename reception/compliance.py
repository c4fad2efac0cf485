"""Compliance with the reception norms: per official and month, the days the norm in force required
and those the official presided over in person, with the weeks counted and why (DOMAIN: reception norms).

A weekly norm (Luật Tiếp công dân 2013, Điều 15: the commune chairman receives "ít nhất 01 ngày trong
01 tuần") asks for a day only in a week that has a working day: a week that the Tết holiday fills
(16–20/2/2026, with the weekends around it 14–22/2/2026) requires no session. Working days come from one
`WorkCalendar` per report, read only for the weeks of a weekly norm: a report costs three queries plus the
calendar's two for each year those weeks touch (at most three years for the page's two-year maximum),
whatever the number of officials, months or weeks.

A norm applies to a month when it is in force on the month's first day, so a norm that starts within a
month (Quy định 11-QĐi/TW of 18/2/2019) counts from the next one.
"""

import calendar as month_calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from danvan.orgunits.selectors import unit_with_descendants, units_visible_to
from danvan.workdays.calendar import WorkCalendar

from .models import NormPeriod, ReceptionDuty, ReceptionNorm, ReceptionSession, SessionStatus

ONE_WEEK = timedelta(days=7)


@dataclass
class WeekCheck:
    """One Monday–Sunday week a weekly norm counts in a month, for one official."""

    monday: date
    required: bool
    # The held days in the week the official presided over in person.
    held_days: list = field(default_factory=list)
    # Why a week is not required: the days off that fill its working week ("Tết Nguyên Đán" …),
    # or, when it has working days, that the official did not hold the position then.
    days_off: list = field(default_factory=list)
    out_of_term: bool = False
    # Saturdays or Sundays worked in exchange for a bridge day off, named with their announcement: [(day, name)].
    working_weekend: list = field(default_factory=list)

    @property
    def sunday(self):
        return self.monday + timedelta(days=6)

    @property
    def met(self):
        return self.required and bool(self.held_days)


@dataclass
class ComplianceRow:
    """One official's month: the norm in force on its first day, days required and held in person."""

    duty: ReceptionDuty
    norm: ReceptionNorm | None
    required: int
    held: int
    month: date | None = None
    # The days presided over in person that the norm counts: in the month, or in its counted weeks.
    held_days: list = field(default_factory=list)
    weeks: list = field(default_factory=list)  # [WeekCheck], for a weekly norm only

    @property
    def ok(self):
        return self.held >= self.required

    @property
    def required_weeks(self):
        return [week for week in self.weeks if week.required]


def _weeks_of(first, last):
    """The Mondays of the weeks counted in the month first..last.

    A week (Monday–Sunday) belongs to the month of its Thursday, so a week spanning two
    months is counted in one of them only; its sessions count wherever they fall.
    """
    weeks = []
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        if (monday + timedelta(days=3)).month == first.month:
            weeks.append(monday)
        monday += ONE_WEEK
    return weeks


def _norm_in_force(norms, position, on):
    for norm in norms.get(position, ()):
        if norm.valid_from <= on and (norm.valid_to is None or norm.valid_to >= on):
            return norm
    return None


class _Weeks:
    """The working days and the named days off of each week, read from the calendar once per week."""

    def __init__(self, calendar):
        self.calendar = calendar
        self._weeks = {}

    def __getitem__(self, monday):
        if monday not in self._weeks:
            days = [monday + timedelta(days=n) for n in range(7)]
            working = [day for day in days if self.calendar.is_working_day(day)]
            names = []
            for day in days[:5]:  # an ordinary Saturday or Sunday explains nothing
                reason = self.calendar.reason_off(day)
                if reason and reason not in names:
                    names.append(reason)
            swapped = self.calendar.working_weekend_days_between(days[5], days[6])
            self._weeks[monday] = (working, names, swapped)
        return self._weeks[monday]


def _in_term(duty, day):
    return duty.valid_from <= day and (duty.valid_to is None or day <= duty.valid_to)


def _week_checks(duty, mondays, weeks, days):
    checks = []
    for monday in mondays:
        working, names, swapped = weeks[monday]
        in_term = [day for day in working if _in_term(duty, day)]
        held = sorted(day for day in days if monday <= day <= monday + timedelta(days=6))
        checks.append(
            WeekCheck(
                monday=monday,
                required=bool(in_term),
                held_days=held,
                days_off=names if not working else [],
                out_of_term=bool(working) and not in_term,
                working_weekend=swapped,
            )
        )
    return checks


def _compliance_by_month(duties, months, calendar=None):
    """{(year, month): [ComplianceRow]} for the duties in force in each month: three queries, and the
    calendar's (two a year) for the years that the weeks of a weekly norm touch."""
    duties = list(duties.select_related("user", "unit"))
    norms = {}
    for norm in ReceptionNorm.objects.order_by("-valid_from"):
        norms.setdefault(norm.position, []).append(norm)
    spans = {}
    for year, month in months:
        first = date(year, month, 1)
        last = date(year, month, month_calendar.monthrange(year, month)[1])
        spans[(year, month)] = (first, last, _weeks_of(first, last))
    held_days = {}
    if spans and duties:
        window_start = min(first - ONE_WEEK for first, _l, _w in spans.values())
        window_end = max(last + ONE_WEEK for _f, last, _w in spans.values())
        for session in ReceptionSession.objects.filter(
            status=SessionStatus.HELD,
            date__range=(window_start, window_end),
            presided_by__in={d.user_id for d in duties},
        ).values("presided_by", "date"):
            held_days.setdefault(session["presided_by"], set()).add(session["date"])
    weeks = _Weeks(calendar or WorkCalendar())
    result = {}
    for key, (first, last, mondays) in spans.items():
        rows = result.setdefault(key, [])
        for duty in duties:
            if duty.valid_from > last or (duty.valid_to is not None and duty.valid_to < first):
                continue
            norm = _norm_in_force(norms, duty.position, first)
            days = held_days.get(duty.user_id, set())
            in_month = sorted(d for d in days if first <= d <= last)
            row = ComplianceRow(duty=duty, norm=norm, required=0, held=len(in_month), month=first, held_days=in_month)
            if norm is not None and norm.period == NormPeriod.WEEK:
                row.weeks = _week_checks(duty, mondays, weeks, days)
                row.required = norm.required_days * len(row.required_weeks)
                row.held = sum(min(norm.required_days, len(week.held_days)) for week in row.required_weeks)
                row.held_days = [day for week in row.weeks for day in week.held_days]
            elif norm is not None:
                row.required, row.held = norm.required_days, min(norm.required_days, len(in_month))
            rows.append(row)
    return result


def compliance(duties, year, month, *, calendar=None):
    """Per official holding a norm position: sessions required in the month vs held in person.

    A weekly norm asks for its days in every week of the month (by its Thursday) that has a working
    day while the official held the position; a monthly norm for its number of days. Only sessions
    the official presided over in person count.
    """
    return _compliance_by_month(duties, [(year, month)], calendar)[(year, month)]


def months_of(start, end):
    """The (year, month) pairs a period start..end counts: those whose 15th day falls in it.

    So a period with a cut-off day (15/12 – 14/12) counts December of the year before and
    not the last December.
    """
    months = []
    year, month = start.year, start.month
    while date(year, month, 1) <= end:
        if start <= date(year, month, 15) <= end:
            months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def compliance_totals(duties, start, end, *, calendar=None):
    """Sessions required by the norms and held in person, summed over the months of start..end (months_of),
    and the number of officials a norm applied to."""
    by_month = _compliance_by_month(duties, months_of(start, end), calendar)
    rows = [row for month_rows in by_month.values() for row in month_rows]
    return {
        "required": sum(r.required for r in rows),
        "held": sum(r.held for r in rows),
        "officials": len({r.duty.user_id for r in rows if r.norm is not None}),
    }


@dataclass
class ComplianceTotal:
    """One official's position over a period: the norms in force in its months, days required and held,
    and each month's row (ComplianceRow) to say why."""

    duty: ReceptionDuty
    norms: list
    required: int = 0
    held: int = 0
    months: list = field(default_factory=list)

    @property
    def ok(self):
        return self.held >= self.required

    @property
    def has_norm(self):
        return bool(self.norms)


def compliance_report(user, start, end, unit=None, *, calendar=None):
    """Per norm position held in the user's units (or in `unit` and below it, within them) during
    start..end: the sessions required in the months of the period (months_of) and those held in
    person, month by month, in a fixed number of queries whatever the length of the period."""
    units = units_visible_to(user)
    if unit is not None:
        units = units.filter(pk__in=unit_with_descendants(unit).values("pk"))
    duties = ReceptionDuty.objects.filter(unit__in=units, valid_from__lte=end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=start)
    )
    totals = {}
    for rows in _compliance_by_month(duties, months_of(start, end), calendar).values():
        for row in rows:
            total = totals.setdefault(row.duty.pk, ComplianceTotal(duty=row.duty, norms=[]))
            if row.norm is not None and row.norm not in total.norms:
                total.norms.append(row.norm)
            total.required += row.required
            total.held += row.held
            total.months.append(row)
    return sorted(totals.values(), key=lambda total: (total.duty.unit.name, total.duty.user.full_name, total.duty.pk))
