"""Schedules into sessions on real dates: Tết 2026 and 2027, Sundays, 2/9, joint hosts, the skip policy."""

from datetime import date, time

import pytest

from danvan.orgunits.models import UnitKind
from reception import selectors, services
from reception.models import HolidayPolicy, ReceptionSchedule, ReceptionSession, Recurrence
from reception.schedules import occurrences
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def schedule(**fields):
    defaults = {
        "name": "Tiếp công dân định kỳ",
        "recurrence": Recurrence.MONTHLY_DAYS,
        "days_of_month": "10,25",
        "presiding_position": "Chủ tịch UBND phường",
        "place": "Trụ sở UBND phường Tân Phong",
        "start_time": time(7, 30),
        "end_time": time(11, 30),
        "valid_from": date(2026, 1, 1),
    }
    return ReceptionSchedule.objects.create(**{**defaults, **fields})


def dates(s, start, end):
    return [day for _rule, day in occurrences(s, start, end)]


def test_the_10th_and_25th_with_a_sunday_moved_to_monday():
    s = schedule()
    # 25/10/2026 is a Sunday: the session moves to Monday 26/10.
    assert dates(s, date(2026, 10, 1), date(2026, 10, 31)) == [date(2026, 10, 12), date(2026, 10, 26)]
    # 10/10/2026 is a Saturday: Monday 12/10.


def test_the_skip_policy_drops_days_off():
    s = schedule(holiday_policy=HolidayPolicy.SKIP)
    assert dates(s, date(2026, 10, 1), date(2026, 10, 31)) == []
    assert dates(s, date(2026, 11, 1), date(2026, 11, 30)) == [date(2026, 11, 10), date(2026, 11, 25)]


def test_tet_2026_moves_a_thursday_session_out_of_the_holiday():
    s = schedule(recurrence=Recurrence.WEEKLY, weekday=3, days_of_month="")
    assert dates(s, date(2026, 2, 9), date(2026, 2, 28)) == [date(2026, 2, 12), date(2026, 2, 23), date(2026, 2, 26)]


def test_tet_2027_moves_the_10th():
    s = schedule(days_of_month="10")
    # 10/2/2027 is the fifth day of Tết (4–10 February): Thursday 11/2/2027.
    assert dates(s, date(2027, 2, 1), date(2027, 2, 28)) == [date(2027, 2, 11)]


def test_national_day_and_its_bridge():
    s = schedule(days_of_month="2")
    # 2/9/2026 (Wednesday) is National Day: Thursday 3/9.
    assert dates(s, date(2026, 9, 1), date(2026, 9, 30)) == [date(2026, 9, 3)]


def test_the_nth_weekday():
    s = schedule(recurrence=Recurrence.NTH_WEEKDAY, weekday=3, nth=2, days_of_month="")
    assert dates(s, date(2026, 3, 1), date(2026, 4, 30)) == [date(2026, 3, 12), date(2026, 4, 9)]


def test_materialising_is_idempotent_and_keeps_the_joint_hosts():
    commune = UnitFactory(name="Phường Tân Phong", kind=UnitKind.COMMUNE)
    council = UnitFactory(name="HĐND phường Tân Phong", kind=UnitKind.PEOPLE_COUNCIL, parent=commune)
    committee = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE, parent=commune)
    front = UnitFactory(name="Ủy ban MTTQ phường Tân Phong", kind=UnitKind.FATHERLAND_FRONT, parent=commune)
    s = schedule(name="Tiếp công dân liên ngành ngày 25", days_of_month="25")
    s.hosts.set([council, committee, front])
    assert services.materialise_sessions(schedule=s, start=date(2026, 8, 1), end=date(2026, 12, 31)) == 5
    assert services.materialise_sessions(schedule=s, start=date(2026, 8, 1), end=date(2026, 12, 31)) == 0
    assert ReceptionSession.objects.count() == 5
    october = ReceptionSession.objects.get(rule_date=date(2026, 10, 25))
    assert october.date == date(2026, 10, 26)
    assert {h.name for h in october.hosts.all()} == {council.name, committee.name, front.name}
    feed = selectors.published_sessions(start=date(2026, 8, 1), end=date(2026, 12, 31), unit=front)
    assert len(feed) == 5 and "Ủy ban MTTQ phường Tân Phong" in feed[0].unit_name


def test_a_schedule_ending_stops_its_sessions():
    s = schedule(valid_to=date(2026, 10, 31))
    assert dates(s, date(2026, 10, 1), date(2026, 12, 31)) == [date(2026, 10, 12), date(2026, 10, 26)]


def test_a_schedule_without_its_days_is_refused_with_a_message():
    from django.core.exceptions import ValidationError
    from django.utils import translation

    def schedule(**changes):
        fields = {
            "name": "Thiếu ngày", "recurrence": Recurrence.MONTHLY_DAYS, "days_of_month": "10;25",
            "presiding_position": "Chủ tịch", "place": "Trụ sở", "start_time": time(7, 30), "end_time": time(11, 0),
            "valid_from": date(2026, 1, 1),
        }  # fmt: skip
        return ReceptionSchedule(**{**fields, **changes})

    with translation.override("vi"), pytest.raises(ValidationError) as excinfo:
        schedule().clean()
    assert "ngày trong tháng từ 1 đến 31" in str(excinfo.value)
    with translation.override("vi"), pytest.raises(ValidationError) as excinfo:
        schedule(recurrence=Recurrence.WEEKLY, days_of_month="").clean()
    assert "Chọn thứ trong tuần" in str(excinfo.value)
    schedule(days_of_month="10,25").clean()  # a well-formed schedule passes
