"""The Government's calendar announcements known to this portal, as data.

Each entry is one document with the days it declares off and the weekend days it makes
working days. `compare(year)` compares them with the `holidays` package and with the
effective calendar (package + DayOff/WorkingDay rows): `manage.py check_calendar` prints
the result and tests/workdays/test_announcements.py fails if any announced day is not so
in the effective calendar. The swaps are seeded as override rows by migration 0003 (with
the same documents), so the calendar names the document for each swapped day.

Sources: press reports quoting the documents (baochinhphu, sggp, vietnamnews,
luatvietnam), checked 11/2026. Years 2020–2023 have no swap that we could source; the
package's Tết and National Day days for 2022 agree with 245/VPCP-KGVX, listed below.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import holidays

from .models import DocumentType

GOVERNMENT_OFFICE = "Văn phòng Chính phủ"


def _span(first, last):
    return tuple(first + timedelta(days=n) for n in range((last - first).days + 1))


@dataclass(frozen=True)
class Announcement:
    number: str
    issued: date
    subject: str
    days_off: tuple = ()  # Labour Code days off the announcement fixes (the package computes them)
    swaps: tuple = ()  # (weekday given off, Saturday worked instead): seeded as override rows
    document_type: str = DocumentType.OFFICIAL_LETTER
    issuing_body: str = GOVERNMENT_OFFICE
    carried_out_by: str = ""  # the ministry's notice that passed it on

    @property
    def years(self):
        days = list(self.days_off) + [day for swap in self.swaps for day in swap]
        return {day.year for day in days}

    def expected(self):
        """{day: True if announced as a working day, False if announced as a day off}."""
        result = dict.fromkeys(self.days_off, False)
        for day_off, saturday in self.swaps:
            result[day_off], result[saturday] = False, True
        return result


KNOWN = [
    Announcement(
        number="245/VPCP-KGVX",
        issued=date(2022, 1, 11),
        subject="Nghỉ Tết Âm lịch và Quốc khánh năm 2022",
        days_off=_span(date(2022, 1, 31), date(2022, 2, 4)) + (date(2022, 9, 1), date(2022, 9, 2)),
    ),
    Announcement(
        number="2450/VPCP-KGVX",
        issued=date(2024, 4, 12),
        subject="Hoán đổi ngày làm việc dịp 30/4 và 1/5 năm 2024",
        swaps=((date(2024, 4, 29), date(2024, 5, 4)),),
        carried_out_by="Thông báo 1570/TB-BLĐTBXH ngày 12/4/2024",
    ),
    Announcement(
        number="8726/VPCP-KGVX",
        issued=date(2024, 11, 26),
        subject="Nghỉ Tết Âm lịch và một số dịp nghỉ lễ năm 2025",
        days_off=_span(date(2025, 1, 27), date(2025, 1, 31)) + (date(2025, 9, 1), date(2025, 9, 2)),
        swaps=((date(2025, 5, 2), date(2025, 4, 26)),),
        carried_out_by="Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024",
    ),
    Announcement(
        number="9859/VPCP-KGVX",
        issued=date(2025, 10, 13),
        subject="Nghỉ Tết Âm lịch và Quốc khánh năm 2026",
        days_off=_span(date(2026, 2, 16), date(2026, 2, 20)) + (date(2026, 9, 1), date(2026, 9, 2)),
        swaps=((date(2026, 8, 31), date(2026, 8, 22)),),
        carried_out_by="Thông báo 9441/TB-BNV ngày 16/10/2025",
    ),
    Announcement(
        number="12729/VPCP-KGVX",
        issued=date(2025, 12, 25),
        subject="Nghỉ Tết Dương lịch năm 2026",
        days_off=(date(2026, 1, 1),),
        swaps=((date(2026, 1, 2), date(2026, 1, 10)),),
    ),
]


@dataclass(frozen=True)
class Finding:
    """One announced day, what the package and the effective calendar make of it."""

    day: date
    announcement: Announcement
    announced_working: bool
    package_working: bool
    effective_working: bool
    row: object  # the override row for the day, or None

    @property
    def package_agrees(self):
        return self.package_working == self.announced_working

    @property
    def settled(self):
        """The effective calendar says what was announced."""
        return self.effective_working == self.announced_working


def known_years():
    return sorted({year for announcement in KNOWN for year in announcement.years})


def package_is_working_day(day, package):
    if day in package.weekend_workdays:
        return True
    return day not in package and day.weekday() < 5


def compare(year, *, calendar=None):
    """[Finding] for each day the known announcements set in `year`, by date."""
    from .calendar import WorkCalendar

    calendar = calendar or WorkCalendar()
    package = holidays.VN(years=year)
    findings = []
    for announcement in KNOWN:
        for day, working in announcement.expected().items():
            if day.year != year:
                continue
            findings.append(
                Finding(
                    day=day,
                    announcement=announcement,
                    announced_working=working,
                    package_working=package_is_working_day(day, package),
                    effective_working=calendar.is_working_day(day),
                    row=calendar.announcement(day),
                )
            )
    return sorted(findings, key=lambda finding: finding.day)
