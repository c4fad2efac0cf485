"""Deadlines around the New Year 2026 swap (Official Letter 12729/VPCP-KGVX of 25/12/2025:
Friday 2/1/2026 off, Saturday 10/1/2026 worked) and Tết 2026 (officials off 14–22/2/2026)."""

from datetime import date

import pytest
from django.utils import translation

from danvan.workdays.calendar import WorkCalendar, add_days_rolling, add_working_days, is_working_day

pytestmark = pytest.mark.django_db

NAME = "Ngày làm việc bù theo Công văn 12729/VPCP-KGVX ngày 25/12/2025"


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2025-12-31 08:00 +0700", tick=False)


def d(day, month, year=2026):
    return date(year, month, day)


def test_new_year_2026_runs_from_thursday_to_sunday_and_saturday_10_is_worked():
    for day in range(1, 5):
        assert not is_working_day(d(day, 1)), day
    assert is_working_day(d(5, 1))
    assert is_working_day(d(10, 1))
    assert not is_working_day(d(11, 1))


def test_working_days_from_31_december_2025():
    assert add_working_days(d(31, 12, 2025), 1) == d(5, 1)  # not Friday 2/1
    assert add_working_days(d(31, 12, 2025), 6) == d(10, 1)  # 5–9/1, then Saturday 10/1
    assert add_working_days(d(31, 12, 2025), 10) == d(15, 1)
    assert WorkCalendar().working_days_between(d(9, 1), d(12, 1)) == 2  # Saturday 10 and Monday 12


def test_a_calendar_day_period_ending_on_2_january_rolls_to_monday_5():
    assert add_days_rolling(d(3, 12, 2025), 30) == d(5, 1)
    assert add_days_rolling(d(11, 12, 2025), 30) == d(10, 1)  # ends on the worked Saturday


def test_tet_2026_officials_off_14_to_22_february():
    calendar = WorkCalendar()
    assert calendar.is_working_day(d(13, 2))
    assert not any(calendar.is_working_day(d(day, 2)) for day in range(14, 23))
    assert calendar.is_working_day(d(23, 2))
    assert calendar.add_working_days(d(13, 2), 1) == d(23, 2)


def test_the_calendar_names_the_announcement():
    with translation.override("vi"):
        calendar = WorkCalendar()
        assert calendar.announcement(d(10, 1)).document_number == "12729/VPCP-KGVX"
        assert calendar.announcement(d(5, 1)) is None
        assert calendar.special_name(d(10, 1)) == NAME
        reason = calendar.reason_off(d(2, 1))
        assert reason.startswith("Nghỉ hoán đổi dịp Tết Dương lịch") and reason.endswith(
            "theo Công văn 12729/VPCP-KGVX ngày 25/12/2025"
        )
        assert (d(10, 1), NAME, True) in calendar.special_days(2026)


def test_working_weekend_days_between():
    with translation.override("vi"):
        days = WorkCalendar().working_weekend_days_between(d(1, 1), d(31, 12))
    assert [day for day, _name in days] == [d(10, 1), d(22, 8)]
    assert days[0][1] == NAME
    assert days[1][1] == "Ngày làm việc bù theo Công văn 9859/VPCP-KGVX ngày 13/10/2025"
    assert WorkCalendar().working_weekend_days_between(d(11, 1), d(21, 8)) == []


def test_in_english_the_document_reads_in_english():
    with translation.override("en"):
        assert WorkCalendar().special_name(d(10, 1)) == (
            "Ngày làm việc bù under Official Letter 12729/VPCP-KGVX of 25/12/2025"
        )
