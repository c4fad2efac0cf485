"""Working-day arithmetic on real Vietnamese dates (holidays from the `holidays` package)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from danvan.workdays.calendar import WorkCalendar, add_days_rolling, add_working_days, is_working_day
from danvan.workdays.models import DayOff, WorkingDay

pytestmark = pytest.mark.django_db


def d(day, month, year=2026):
    return date(year, month, day)


class TestHolidays:
    def test_tet_2026_is_five_weekdays_off(self):
        assert is_working_day(d(13, 2))  # Friday before Tết
        for day in range(16, 21):  # Monday 16 to Friday 20 February
            assert not is_working_day(d(day, 2)), day
        assert is_working_day(d(23, 2))  # back to work on Monday

    def test_tet_days_are_named_in_vietnamese(self):
        with translation.override("vi"):
            reason = WorkCalendar().reason_off(d(17, 2))
        assert "Tết Nguyên Đán" in reason

    def test_national_day_with_its_adjacent_day(self):
        # 2025: Monday 1/9 and Tuesday 2/9.
        assert not is_working_day(d(1, 9, 2025))
        assert not is_working_day(d(2, 9, 2025))
        assert is_working_day(d(3, 9, 2025))
        # 2027: Thursday 2/9 and Friday 3/9.
        assert not is_working_day(d(2, 9, 2027))
        assert not is_working_day(d(3, 9, 2027))

    def test_substituted_day_off_and_the_saturday_worked_for_it(self):
        # 2/5/2025 (Friday) was a day off in exchange for working Saturday 26/4/2025.
        assert not is_working_day(d(2, 5, 2025))
        assert is_working_day(d(26, 4, 2025))
        # 31/8/2026 (Monday) off, Saturday 22/8/2026 worked instead.
        assert not is_working_day(d(31, 8))
        assert is_working_day(d(22, 8))
        assert not is_working_day(d(29, 8))  # an ordinary Saturday stays off

    def test_holiday_on_a_weekend_gives_a_compensatory_day(self):
        # Hùng Kings' day 2026 falls on Sunday 26/4; Monday 27/4 is off instead.
        assert not is_working_day(d(27, 4))
        assert is_working_day(d(28, 4))

    def test_weekends(self):
        assert not is_working_day(d(21, 11))  # Saturday
        assert not is_working_day(d(22, 11))  # Sunday
        assert is_working_day(d(23, 11))


class TestAddWorkingDays:
    def test_ten_working_days_from_friday_13_february_2026_cross_tet(self):
        # Not counting the 13th; 16–20 Feb is Tết: 23, 24, 25, 26, 27 Feb, 2, 3, 4, 5, 6 Mar.
        assert add_working_days(d(13, 2), 10) == d(6, 3)

    def test_start_day_is_not_counted(self):
        assert add_working_days(d(23, 11), 1) == d(25, 11)  # 24/11 is Vietnamese Culture Day
        assert add_working_days(d(25, 11), 1) == d(26, 11)

    def test_received_on_a_weekend_counts_from_the_next_working_day(self):
        assert add_working_days(d(21, 11), 1) == d(23, 11)

    def test_zero_days_is_the_start_itself(self):
        assert add_working_days(d(22, 11), 0) == d(22, 11)

    def test_negative_days_count_back_over_holidays(self):
        assert add_working_days(d(23, 2), -1) == d(13, 2)
        assert add_working_days(d(6, 3), -10) == d(13, 2)

    def test_across_the_new_year(self):
        # 31/12/2026 Thursday; 1/1/2027 New Year's Day (Friday) is off.
        assert add_working_days(d(31, 12), 1) == d(4, 1, 2027)

    def test_working_days_between_is_the_inverse(self):
        calendar = WorkCalendar()
        assert calendar.working_days_between(d(13, 2), d(6, 3)) == 10
        assert calendar.working_days_between(d(6, 3), d(13, 2)) == -10


class TestCalendarDaysWithRollForward:
    def test_period_ending_on_a_sunday_ends_on_monday(self):
        # 30 days from Friday 6/2/2026 is Sunday 8/3/2026.
        assert add_days_rolling(d(6, 2), 30) == d(9, 3)

    def test_period_ending_in_tet_ends_after_it(self):
        # 30 days from 17/1/2026 is Monday 16/2, the first day of Tết.
        assert add_days_rolling(d(17, 1), 30) == d(23, 2)

    def test_period_ending_on_a_working_day_is_unchanged(self):
        assert add_days_rolling(d(2, 10), 30) == d(2, 11)  # Monday


class TestOverrideRows:
    def test_a_saturday_made_a_working_day_counts(self):
        WorkingDay.objects.create(date=d(28, 2), name="Làm bù cho ngày nghỉ")
        assert is_working_day(d(28, 2))
        assert add_working_days(d(13, 2), 10) == d(5, 3)

    def test_an_extra_day_off_is_skipped(self):
        DayOff.objects.create(date=d(2, 3), name="Nghỉ bù theo thông báo của tỉnh")
        assert not is_working_day(d(2, 3))
        assert add_working_days(d(13, 2), 10) == d(9, 3)
        assert WorkCalendar().reason_off(d(2, 3)) == "Nghỉ bù theo thông báo của tỉnh"

    def test_a_working_day_row_beats_a_package_holiday(self):
        WorkingDay.objects.create(date=d(20, 2), name="Trực Tết")
        assert is_working_day(d(20, 2))

    def test_a_date_cannot_be_both_a_day_off_and_a_working_day(self):
        WorkingDay.objects.create(date=d(28, 2), name="Làm bù")
        clash = DayOff(date=d(28, 2), name="Nghỉ")
        with translation.override("vi"), pytest.raises(ValidationError) as excinfo:
            clash.full_clean()
        assert "ngày làm việc bổ sung" in str(excinfo.value)

    def test_one_calendar_reads_the_override_tables_once_per_year(self, django_assert_num_queries):
        calendar = WorkCalendar()
        with django_assert_num_queries(2):
            calendar.add_working_days(d(2, 1), 200)
        with django_assert_num_queries(0):
            calendar.is_working_day(d(1, 6))


def test_special_days_lists_holidays_and_swaps_by_date():
    WorkingDay.objects.create(date=d(28, 2), name="Làm bù")
    rows = WorkCalendar(language="vi").special_days(2026)
    dates = [row[0] for row in rows]
    assert dates == sorted(dates)
    assert (d(28, 2), "Làm bù", True) in rows
    assert (d(22, 8), rows[dates.index(d(22, 8))][1], True) in rows
    assert any(day == d(17, 2) and not working for day, _name, working in rows)
