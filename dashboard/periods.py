"""Reporting periods (Circular 02/2021/TT-TTCP): month, quarter, 6 and 9 months, year, with a cut-off day."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

KINDS = {
    "month": (_("Month"), 1),
    "quarter": (_("Quarter"), 3),
    "half": (_("6 months"), 6),
    "nine": (_("9 months"), 9),
    "year": (_("Year"), 12),
}


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str


def _month_end(year, month):
    return date(year, month, calendar.monthrange(year, month)[1])


def period_for(kind, year, number=1, cutoff_day=0):
    """The period `number` of `kind` in `year` (quarter 2, month 7, …; the 6-, 9-month and year
    periods start in January). With a cut-off day d, data run from day d of the month before the
    period's first month to day d−1 of its last month (d = 15: the first quarter is 15/12 → 14/3)."""
    months = KINDS[kind][1]
    first_month = 1 if kind in ("half", "nine", "year") else (number - 1) * months + 1
    last_month = first_month + months - 1
    if cutoff_day:
        before = date(year, first_month, 1) - timedelta(days=1)
        start = date(before.year, before.month, cutoff_day)
        end = date(year, last_month, cutoff_day) - timedelta(days=1)
    else:
        start, end = date(year, first_month, 1), _month_end(year, last_month)
    label = f"{KINDS[kind][0]} {number}/{year}" if kind in ("month", "quarter") else f"{KINDS[kind][0]} {year}"
    return Period(start, end, label)
