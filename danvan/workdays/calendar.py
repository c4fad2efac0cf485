"""Working-day arithmetic for Vietnamese public bodies; every deadline goes through here.

A day is a working day when it is Monday–Friday and not a public holiday, or when
it is a weekend day that the Government made a working day in exchange for a
bridge day off. Holidays, their substitutions and the swapped Saturdays come from
the `holidays` package (country VN, Labour Code 2019 Art 112); `DayOff` and
`WorkingDay` rows take precedence over it: the Government's announcements the package
lacks, seeded with their document (migration 0003, listed in announcements.py), and the
rows administrators add. A day such a row settles is named with its document
("Ngày làm việc bù theo Công văn 12729/VPCP-KGVX ngày 25/12/2025"); `announcement(day)`
gives the row itself.

Counting follows the Civil Code 2015: the day of the triggering event is not
counted (Art 147), and a period whose last day is a weekend day or a holiday ends
at the close of the next working day (Art 148(5)).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.utils.translation import get_language
from django.utils.translation import gettext as _

ONE_DAY = timedelta(days=1)
WEEKEND = (5, 6)  # Saturday, Sunday: officials work Monday to Friday.

# The package names holidays in these languages; anything else gets English.
_HOLIDAY_LANGUAGES = {"vi": "vi", "en": "en_US"}


@dataclass
class _Year:
    days_off: dict[date, str] = field(default_factory=dict)
    working_days: dict[date, str] = field(default_factory=dict)
    rows: dict[date, object] = field(default_factory=dict)  # the override row settling each day


def _named(row):
    """The row's name with the document that announced it, if it has one."""
    document = row.document
    if not document:
        return row.name
    return _("%(name)s under %(document)s") % {"name": row.name, "document": document}


@lru_cache(maxsize=128)
def _package_year(year, language):
    """The package's holidays and swapped working weekend days of a year: fixed for an installed version,
    computed once per process (the lunar calendar costs tens of milliseconds a year)."""
    package = holidays.VN(years=year, language=language)
    return tuple(package.items()), tuple(day for day in package.weekend_workdays if day.year == year)


class WorkCalendar:
    """Working days, loaded a year at a time (two small queries per year).

    Build one per request or per batch job and pass it to the functions below,
    so a scan over many petitions reads the override tables once.
    """

    def __init__(self, language=None):
        lang = (language or get_language() or "vi").split("-")[0]
        self.language = _HOLIDAY_LANGUAGES.get(lang, "en_US")
        self._years = {}

    def _year(self, year):
        if year not in self._years:
            self._years[year] = self._load(year)
        return self._years[year]

    def _load(self, year):
        from .models import DayOff, WorkingDay

        days_off, weekend_workdays = _package_year(year, self.language)
        data = _Year(days_off=dict(days_off))
        for day in weekend_workdays:
            data.working_days[day] = _("Working day in exchange for a bridge day off")
        # Rows entered by administrators win over the package.
        for row in WorkingDay.objects.filter(date__year=year):
            data.working_days[row.date] = _named(row)
            data.days_off.pop(row.date, None)
            data.rows[row.date] = row
        for row in DayOff.objects.filter(date__year=year):
            data.days_off[row.date] = _named(row)
            data.working_days.pop(row.date, None)
            data.rows[row.date] = row
        return data

    def special_name(self, day):
        """The name of a holiday, extra day off or swapped working day (with its document), or None."""
        data = self._year(day.year)
        return data.working_days.get(day) or data.days_off.get(day)

    def announcement(self, day):
        """The DayOff or WorkingDay row that sets `day` apart (with its document), or None."""
        return self._year(day.year).rows.get(day)

    def working_weekend_days_between(self, start, end):
        """[(day, name)] for each Saturday or Sunday from start to end inclusive that is a
        working day (a swapped working day), named with its announcement when known."""
        result, current = [], start
        while current <= end:
            if current.weekday() in WEEKEND and self.is_working_day(current):
                result.append((current, self._year(current.year).working_days[current]))
            current += ONE_DAY
        return result

    def is_working_day(self, day):
        year = self._year(day.year)
        if day in year.working_days:
            return True
        if day in year.days_off:
            return False
        return day.weekday() not in WEEKEND

    def reason_off(self, day):
        """Why `day` is not a working day ("Tết Nguyên Đán", "Sunday"), or None if it is one."""
        if self.is_working_day(day):
            return None
        year = self._year(day.year)
        if day in year.days_off:
            return year.days_off[day]
        return _("Saturday") if day.weekday() == 5 else _("Sunday")

    def add_working_days(self, start, days):
        """The date `days` working days after `start` (before it, if negative).

        `start` itself is never counted; zero days gives `start` back.
        """
        step = ONE_DAY if days >= 0 else -ONE_DAY
        remaining = abs(days)
        current = start
        while remaining:
            current += step
            if self.is_working_day(current):
                remaining -= 1
        return current

    def add_days_rolling(self, start, days):
        """End of a period of `days` calendar days from `start`, rolled forward
        to the next working day if it ends on a weekend day or a holiday."""
        end = start + timedelta(days=days)
        while not self.is_working_day(end):
            end += ONE_DAY
        return end

    def next_working_day(self, day, *, include_self=True):
        """`day` if it is a working day (and include_self), else the next one."""
        current = day if include_self else day + ONE_DAY
        while not self.is_working_day(current):
            current += ONE_DAY
        return current

    def working_days_between(self, start, end):
        """Number of working days in (start, end]; negative if end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        count, current = 0, start
        while current < end:
            current += ONE_DAY
            count += self.is_working_day(current)
        return count

    def days_off_between(self, start, end):
        """[(day, reason)] for each non-working day from start to end inclusive."""
        result, current = [], start
        while current <= end:
            reason = self.reason_off(current)
            if reason:
                result.append((current, reason))
            current += ONE_DAY
        return result

    def special_days(self, year):
        """The year's holidays and swapped days: [(day, name, is_working_day)], by date.

        Ordinary weekends are left out; weekend holidays are kept.
        """
        data = self._year(year)
        rows = [(day, name, False) for day, name in data.days_off.items()]
        rows += [(day, name, True) for day, name in data.working_days.items()]
        return sorted(rows)


def is_working_day(day, *, calendar=None):
    """True if public bodies work on `day`."""
    return (calendar or WorkCalendar()).is_working_day(day)


def add_working_days(start, days, *, calendar=None):
    """The date `days` working days after `start` (Civil Code Art 147: start not counted)."""
    return (calendar or WorkCalendar()).add_working_days(start, days)


def add_days_rolling(start, days, *, calendar=None):
    """A calendar-day period with the Civil Code Art 148(5) roll-forward."""
    return (calendar or WorkCalendar()).add_days_rolling(start, days)
