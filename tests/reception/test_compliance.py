"""Compliance with the reception norms, for a commune chairman before and after 1/7/2026: weeks without a working
day (Tết) require no session."""

from datetime import date, time

import pytest

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind
from reception import selectors
from reception.models import ReceptionDuty, ReceptionSession, SessionStatus
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-09-01 08:00 +0700", tick=False)


@pytest.fixture
def chairman():
    unit = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE)
    user = UserFactory(full_name="Đỗ Văn Long", roles=[Role.LEADER], units=[unit])
    ReceptionDuty.objects.create(user=user, unit=unit, position="commune_chairman", valid_from=date(2025, 1, 1))
    return user


def held(user, day, presided_by=None):
    return ReceptionSession.objects.create(
        date=day, start_time=time(7, 30), end_time=time(11, 0), place="Trụ sở", presiding_position="Chủ tịch",
        status=SessionStatus.HELD, presided_by=presided_by or user,
    )  # fmt: skip


def row(user, year, month):
    (result,) = selectors.compliance(ReceptionDuty.objects.filter(user=user), year, month)
    return result


def test_before_1_july_2026_a_commune_chairman_receives_every_week(chairman):
    # June 2026 has four weeks whose Thursday is in June (from Mondays 1, 8, 15 and 22);
    # the week of 29/6 belongs to July.
    for day in (date(2026, 6, 4), date(2026, 6, 11), date(2026, 6, 18)):
        held(chairman, day)
    june = row(chairman, 2026, 6)
    assert (june.norm.period, june.required, june.held, june.ok) == ("week", 4, 3, False)
    held(chairman, date(2026, 6, 25))
    assert row(chairman, 2026, 6).ok
    # Two sessions in one week still count once for that week.
    held(chairman, date(2026, 6, 26))
    assert row(chairman, 2026, 6).held == 4


def test_a_week_spanning_two_months_is_counted_once(chairman):
    # Every Tuesday from March to April 2026: the week of 30/3–5/4 belongs to April (Thursday 2/4),
    # and its session on Tuesday 31/3 satisfies it.
    for day in (date(2026, 3, 31), date(2026, 4, 7), date(2026, 4, 14), date(2026, 4, 21), date(2026, 4, 28)):
        held(chairman, day)
    april = row(chairman, 2026, 4)
    assert (april.required, april.held, april.ok) == (5, 5, True)


def test_from_1_july_2026_two_days_a_month_in_person(chairman):
    deputy = UserFactory(full_name="Phó Chủ tịch")
    held(chairman, date(2026, 7, 10))
    held(chairman, date(2026, 7, 24), presided_by=deputy)  # delegated: does not count
    july = row(chairman, 2026, 7)
    assert (july.norm.period, july.norm.may_delegate, july.required, july.held, july.ok) == (
        "month",
        False,
        2,
        1,
        False,
    )
    held(chairman, date(2026, 7, 27))
    assert row(chairman, 2026, 7).ok


def test_the_tet_2026_week_requires_no_session(chairman):
    # Officials were off from Saturday 14/2 to Sunday 22/2/2026: the week of Monday 16/2 has no working day.
    # February counts the weeks of Mondays 2/2, 9/2, 16/2 and 23/2 (by their Thursday); three are required.
    for day in (date(2026, 2, 5), date(2026, 2, 12), date(2026, 2, 26)):
        held(chairman, day)
    february = row(chairman, 2026, 2)
    assert (february.required, february.held, february.ok) == (3, 3, True)
    assert [week.monday.day for week in february.weeks] == [2, 9, 16, 23]
    assert [week.monday.day for week in february.required_weeks] == [2, 9, 23]
    tet = february.weeks[2]
    assert not tet.required and tet.sunday == date(2026, 2, 22) and not tet.out_of_term
    assert "Tết Nguyên Đán" in tet.days_off and all("Tết" in name for name in tet.days_off)  # Giao thừa … Mùng bốn
    assert february.held_days == [date(2026, 2, 5), date(2026, 2, 12), date(2026, 2, 26)]


def test_a_session_in_the_tet_week_does_not_stand_for_another_week(chairman):
    for day in (date(2026, 2, 5), date(2026, 2, 20), date(2026, 2, 26)):
        held(chairman, day)
    february = row(chairman, 2026, 2)
    assert (february.required, february.held, february.ok) == (3, 2, False)
    assert [week.met for week in february.weeks] == [True, False, False, True]


def test_weeks_before_the_official_took_the_position_are_not_required(chairman):
    duty = ReceptionDuty.objects.get(user=chairman)
    duty.valid_from = date(2026, 3, 18)  # a Wednesday: that week still has working days in the term
    duty.save()
    held(chairman, date(2026, 3, 19))
    march = row(chairman, 2026, 3)
    # March 2026: weeks of Mondays 2, 9, 16, 23 and 30/3 (Thursday 2/4 is in April) -> 2, 9, 16, 23.
    assert [(week.monday.day, week.required, week.out_of_term) for week in march.weeks] == [
        (2, False, True),
        (9, False, True),
        (16, True, False),
        (23, True, False),
    ]
    assert (march.required, march.held) == (2, 1)


def test_the_new_year_2026_swap_is_named_in_the_week_it_makes_longer(chairman):
    # January 2026 counts the weeks of Mondays 29/12/2025 (Thursday 1/1), 5/1, 12/1, 19/1 and 26/1. The week of
    # 29/12 keeps three working days in 2025 although Friday 2/1 was given off; Saturday 10/1 was worked instead
    # (Official Letter 12729/VPCP-KGVX, seeded with the calendar's announcements).
    held(chairman, date(2025, 12, 30))
    january = row(chairman, 2026, 1)
    assert [week.monday for week in january.weeks][:2] == [date(2025, 12, 29), date(2026, 1, 5)]
    assert (january.required, january.held) == (5, 1)
    assert january.weeks[0].held_days == [date(2025, 12, 30)]
    ((saturday, name),) = january.weeks[1].working_weekend
    assert saturday == date(2026, 1, 10) and "12729/VPCP-KGVX" in name
