"""Saving or removing an override tells the apps that registered which days stopped being working days."""

from datetime import date

import pytest
from django.utils import translation

from danvan.accounts.roles import Role
from danvan.workdays import registry, services
from danvan.workdays.models import DayOff, WorkingDay
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

THURSDAY = date(2026, 11, 12)
SATURDAY, NEXT_SATURDAY = date(2026, 11, 14), date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def heard(monkeypatch):
    calls = []

    def listener(*, days, actor):
        calls.append((days, actor))
        return [f"heard {len(days)}"]

    # Only this listener: the apps' own ones are tested with the apps.
    monkeypatch.setattr(registry, "LISTENERS", {"test": listener})
    monkeypatch.setattr(registry, "CHANGE_LISTENERS", {})
    return calls


@pytest.fixture
def administrator():
    return UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)


def test_a_new_day_off_is_announced_with_its_name(heard, administrator):
    report = services.save_override(override=DayOff(date=THURSDAY, name="Nghỉ bù của tỉnh"), actor=administrator)
    assert heard == [([(THURSDAY, "Nghỉ bù của tỉnh")], administrator)]
    assert report.days_off == [THURSDAY] and report.working_days == [] and report.lines == ["heard 1"]
    assert DayOff.objects.get(date=THURSDAY).name == "Nghỉ bù của tỉnh"


def test_renaming_a_day_off_announces_nothing(heard, administrator):
    day = services.save_override(override=DayOff(date=THURSDAY, name="Nghỉ"), actor=administrator).override
    heard.clear()
    day.name = "Nghỉ bù theo Thông báo 12/TB-UBND"
    report = services.save_override(override=day, actor=administrator)
    assert heard == [] and report.days_off == [] and report.lines == []


def test_a_working_saturday_moves_nothing_and_says_so(heard, administrator):
    report = services.save_override(override=WorkingDay(date=SATURDAY, name="Làm bù"), actor=administrator)
    assert heard == [] and report.working_days == [SATURDAY] and report.days_off == []


def test_moving_a_working_saturday_gives_the_first_one_back_to_the_weekend(heard, administrator):
    day = services.save_override(override=WorkingDay(date=SATURDAY, name="Làm bù"), actor=administrator).override
    day.date = NEXT_SATURDAY
    report = services.save_override(override=day, actor=administrator)
    assert [days for days, _actor in heard] == [[(SATURDAY, "Saturday")]]
    assert report.days_off == [SATURDAY] and report.working_days == [NEXT_SATURDAY]


def test_moving_a_day_off_announces_its_new_date_only(heard, administrator):
    day = services.save_override(override=DayOff(date=THURSDAY, name="Nghỉ"), actor=administrator).override
    heard.clear()
    day.date = date(2026, 11, 13)
    report = services.save_override(override=day, actor=administrator)
    assert heard == [([(date(2026, 11, 13), "Nghỉ")], administrator)]
    assert report.working_days == [THURSDAY]


def test_removing_overrides(heard, administrator):
    day_off = services.save_override(override=DayOff(date=THURSDAY, name="Nghỉ"), actor=administrator).override
    saturday = services.save_override(override=WorkingDay(date=SATURDAY, name="Làm bù"), actor=administrator).override
    heard.clear()
    assert services.delete_override(override=day_off, actor=administrator).working_days == [THURSDAY]
    assert heard == []
    assert services.delete_override(override=saturday, actor=administrator).days_off == [SATURDAY]
    assert [days for days, _actor in heard] == [[(SATURDAY, "Saturday")]]
    assert not DayOff.objects.filter(date=THURSDAY).exists()
    assert not WorkingDay.objects.filter(date=SATURDAY).exists()


def test_a_day_off_on_a_weekend_changes_no_working_day(heard, administrator):
    report = services.save_override(override=DayOff(date=SATURDAY, name="Nghỉ"), actor=administrator)
    assert heard == [] and report.days_off == [] and report.working_days == []


@pytest.fixture
def changes(monkeypatch):
    calls = []

    def listener(*, days_off, working_days, actor):
        calls.append(([day for day, _ in days_off], [day for day, _ in working_days]))
        return [f"changed {len(days_off)}/{len(working_days)}"]

    monkeypatch.setattr(registry, "LISTENERS", {})
    monkeypatch.setattr(registry, "CHANGE_LISTENERS", {"test": listener})
    return calls


def test_change_listeners_hear_both_directions(changes, administrator):
    saturday = services.save_override(override=WorkingDay(date=SATURDAY, name="Làm bù"), actor=administrator)
    assert changes == [([], [SATURDAY])] and saturday.lines == ["changed 0/1"]
    day = saturday.override
    day.date = NEXT_SATURDAY
    services.save_override(override=day, actor=administrator)
    assert changes[-1] == ([SATURDAY], [NEXT_SATURDAY])
    services.save_override(override=DayOff(date=THURSDAY, name="Nghỉ"), actor=administrator)
    assert changes[-1] == ([THURSDAY], [])


def test_a_change_that_changes_no_day_tells_no_change_listener(changes, administrator):
    services.save_override(override=DayOff(date=SATURDAY, name="Nghỉ"), actor=administrator)
    assert changes == []


def test_each_change_writes_a_history_row_with_its_actor(heard, administrator):
    from danvan.history.models import Change, ChangeKind

    day = services.save_override(override=DayOff(date=THURSDAY, name="Nghỉ"), actor=administrator).override
    services.delete_override(override=day, actor=administrator)
    kinds = list(
        Change.objects.filter(object_id=day.pk, actor=administrator, is_audit=False).values_list("kind", flat=True)
    )
    assert ChangeKind.CREATED in kinds and ChangeKind.CLOSED in kinds
