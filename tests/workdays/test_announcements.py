"""The Government's announcements are in the calendar: the seeded swaps with their documents,
checked against the `holidays` package for every year an announcement is known for."""

from datetime import date

import holidays
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from danvan.workdays import announcements
from danvan.workdays.calendar import WorkCalendar
from danvan.workdays.models import DayOff, WorkingDay

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize("year", announcements.known_years())
def test_every_announced_day_is_so_in_the_effective_calendar(year):
    findings = announcements.compare(year)
    assert findings, year
    wrong = [(f.day, f.announcement.number) for f in findings if not f.settled]
    assert wrong == []


def test_every_swap_is_a_row_naming_its_document():
    calendar = WorkCalendar()
    for announcement in announcements.KNOWN:
        for day_off, saturday in announcement.swaps:
            for day in (day_off, saturday):
                row = calendar.announcement(day)
                assert row is not None and row.document_number == announcement.number, day
                assert row.document_date == announcement.issued and row.issuing_body == "Văn phòng Chính phủ"
            assert isinstance(calendar.announcement(day_off), DayOff)
            assert isinstance(calendar.announcement(saturday), WorkingDay)


def test_the_package_lacks_the_new_year_2026_swap_so_the_check_sees_it():
    package = holidays.VN(years=2026)
    assert announcements.package_is_working_day(date(2026, 1, 2), package)
    assert not announcements.package_is_working_day(date(2026, 1, 10), package)
    disagreeing = {f.day for f in announcements.compare(2026) if not f.package_agrees}
    assert disagreeing == {date(2026, 1, 2), date(2026, 1, 10)}


def test_a_missing_announcement_is_caught():
    WorkingDay.objects.filter(date=date(2026, 1, 10)).delete()
    unsettled = [f.day for f in announcements.compare(2026) if not f.settled]
    assert unsettled == [date(2026, 1, 10)]
    with pytest.raises(CommandError):
        call_command("check_calendar", "2026", stdout=None)


def test_a_row_contradicting_an_announcement_is_caught():
    DayOff.objects.filter(date=date(2026, 8, 31)).delete()
    WorkingDay.objects.create(date=date(2026, 9, 1), name="Nhập sai")
    assert [f.day for f in announcements.compare(2026) if not f.settled] == [date(2026, 9, 1)]


def test_check_calendar_prints_each_disagreement_and_the_row_that_settles_it(capsys):
    call_command("check_calendar", "2026", "2022")
    out = capsys.readouterr().out
    assert "02/01/2026" in out and "10/01/2026" in out and "12729/VPCP-KGVX" in out
    assert out.count("đã được điều chỉnh bởi dòng") == 2
    assert "7 trên 7 ngày đã công bố khớp với gói holidays" in out  # 2022: the package agrees
    assert "24/11/2026 Ngày Văn hóa Việt Nam: ngày nghỉ còn chờ xác nhận" in out
