"""Compliance with the reception norms, for a commune chairman before and after 1/7/2026."""

from datetime import date, time

import pytest

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind
from reception import selectors
from reception.models import ReceptionDuty, ReceptionSession, SessionStatus
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


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
