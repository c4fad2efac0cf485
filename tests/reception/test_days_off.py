"""A day off announced after the sessions were generated: sessions move or are cancelled by their schedule's
policy, with history, a message to the administrator, notices to the host units, and the public calendar and
its feed following."""

from datetime import date, time

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from danvan.accounts.roles import Role
from danvan.history.models import Change, ChangeKind
from danvan.history.selectors import history_of
from danvan.notifications.models import Notification
from danvan.workdays import services as workdays_services
from danvan.workdays.models import DayOff, WorkingDay
from reception import services
from reception.models import HolidayPolicy, ReceptionSchedule, ReceptionSession, Recurrence, SessionStatus
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY_OFF = date(2026, 11, 10)  # a Tuesday
SATURDAY = date(2026, 11, 14)


@pytest.fixture(autouse=True)
def _today_and_language(time_machine):
    time_machine.move_to("2026-10-20 08:00 +0700", tick=False)
    with translation.override("vi"):
        yield


@pytest.fixture
def administrator():
    return UserFactory(full_name="Trần Minh Đức", roles=[Role.ADMINISTRATOR], is_staff=True)


def make_schedule(units, name, days, policy=HolidayPolicy.MOVE_NEXT):
    schedule = ReceptionSchedule.objects.create(
        name=name, recurrence=Recurrence.MONTHLY_DAYS, days_of_month=days, presiding_position="Chủ tịch UBND phường",
        place=f"Trụ sở – {name}", start_time=time(7, 30), end_time=time(11, 30), valid_from=date(2026, 1, 1),
        holiday_policy=policy,
    )  # fmt: skip
    schedule.hosts.set([units["committee"]])
    services.materialise_sessions(schedule=schedule, start=date(2026, 11, 1), end=date(2026, 11, 30))
    return schedule


@pytest.fixture
def sessions(units):
    moving = make_schedule(units, "Định kỳ ngày 10", "10")
    skipping = make_schedule(units, "Liên ngành ngày 10", "10", HolidayPolicy.SKIP)
    ad_hoc = SessionFactory(date=DAY_OFF, place="Đột xuất đoàn đông người", is_ad_hoc=True, hosts=[units["committee"]])
    return {
        "moving": moving.sessions.get(),
        "skipping": skipping.sessions.get(),
        "ad_hoc": ad_hoc,
        "schedules": [moving, skipping],
    }


def add_day_off(client, administrator, day=DAY_OFF, name="Nghỉ lễ kỷ niệm thành lập tỉnh"):
    client.force_login(administrator)
    return client.post(
        reverse("admin:workdays_dayoff_add"), {"date": f"{day:%d/%m/%Y}", "name": name, "legal_basis": "TB 12/UBND"}
    )


def test_a_new_day_off_moves_skips_or_flags_the_sessions_on_it(client, administrator, sessions, people):
    response = add_day_off(client, administrator)
    assert response.status_code == 302

    moved = ReceptionSession.objects.get(pk=sessions["moving"].pk)
    assert (moved.date, moved.moved_from, moved.rule_date, moved.status) == (
        date(2026, 11, 11), DAY_OFF, DAY_OFF, SessionStatus.PLANNED,
    )  # fmt: skip
    assert moved.revision == 1
    row = history_of(moved)[-1]
    assert row.actor == administrator and row.kind == ChangeKind.UPDATED
    assert "10/11/2026" in row.note and "11/11/2026" in row.note and "Nghỉ lễ kỷ niệm thành lập tỉnh" in row.note

    skipped = ReceptionSession.objects.get(pk=sessions["skipping"].pk)
    assert skipped.date == DAY_OFF and skipped.status == SessionStatus.CANCELLED and skipped.revision == 1
    assert "10/11/2026" in skipped.status_reason and "Nghỉ lễ kỷ niệm thành lập tỉnh" in skipped.status_reason
    row = history_of(skipped)[-1]
    assert (row.actor, row.from_status, row.to_status) == (administrator, "planned", "cancelled")
    assert "10/11/2026" in row.note

    # An ad hoc session was called for that day on purpose: it stays, and its unit is asked to decide.
    ad_hoc = ReceptionSession.objects.get(pk=sessions["ad_hoc"].pk)
    assert ad_hoc.date == DAY_OFF and ad_hoc.status == SessionStatus.PLANNED and ad_hoc.moved_from is None
    assert "ngày nghỉ" in history_of(ad_hoc)[-1].note and history_of(ad_hoc)[-1].actor == administrator

    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Định kỳ ngày 10" in message and "11/11/2026" in message
    assert "Liên ngành ngày 10" in message and "Đột xuất đoàn đông người" in message


def test_the_admin_lists_the_changed_sessions_after_saving(client, administrator, sessions):
    response = add_day_off(client, administrator)
    html = client.get(response["Location"]).content.decode()
    assert "Những việc đã lên lịch vào ngày 10/11/2026 đã thay đổi:" in html
    assert html.count("<li>10/11/2026 07:30, ") == 3 and "dời sang ngày 11/11/2026" in html


def test_the_host_units_officers_and_leaders_are_told_with_a_link_that_opens(client, administrator, sessions, people):
    add_day_off(client, administrator)
    for who in ("officer", "leader"):
        notices = Notification.objects.filter(recipient=people[who]).order_by("pk")
        assert notices.count() == 3, who
        assert any("11/11/2026" in n.title for n in notices)
        client.force_login(people[who])
        for notice in notices:
            assert client.get(notice.url).status_code == 200
    assert not Notification.objects.filter(recipient__in=[people["handler"], people["stranger"]]).exists()


def test_materialising_again_does_not_bring_back_the_old_date(client, administrator, sessions):
    add_day_off(client, administrator)
    for schedule in sessions["schedules"]:
        assert services.materialise_sessions(schedule=schedule, start=date(2026, 11, 1), end=date(2026, 11, 30)) == 0
    assert ReceptionSession.objects.filter(date=DAY_OFF, is_ad_hoc=False, status=SessionStatus.PLANNED).count() == 0


def test_the_public_calendar_and_feed_show_the_move(client, administrator, sessions, units):
    add_day_off(client, administrator)
    client.logout()
    html = client.get(reverse("calendar")).content.decode()
    assert "dời từ 10/11/2026" in html
    feed = Calendar.from_ical(client.get(reverse("calendar_feed", args=[units["province"].pk])).content)
    events = {str(e["UID"]): e for e in feed.walk("VEVENT")}
    moved = events[f"reception-session-{sessions['moving'].pk}@danvan"]
    assert moved.decoded("DTSTART").date() == date(2026, 11, 11) and int(moved["SEQUENCE"]) == 1
    cancelled = events[f"reception-session-{sessions['skipping'].pk}@danvan"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 1


def test_a_working_saturday_moves_and_creates_nothing(client, administrator, units):
    schedule = make_schedule(units, "Định kỳ ngày 14", "14")
    session = schedule.sessions.get()
    assert session.date == date(2026, 11, 16)  # the rule's Saturday was moved to Monday when generated
    client.force_login(administrator)
    response = client.post(
        reverse("admin:workdays_workingday_add"), {"date": "14/11/2026", "name": "Làm bù", "legal_basis": ""}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.date == date(2026, 11, 16) and session.revision == 0 and len(history_of(session)) == 1
    assert services.materialise_sessions(schedule=schedule, start=date(2026, 11, 1), end=date(2026, 11, 30)) == 0
    assert not ReceptionSession.objects.filter(date=SATURDAY).exists()
    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "14/11/2026" in message and "không" in message  # "nothing was moved or added"


def test_moving_a_working_saturday_moves_the_session_planned_on_it(administrator, units):
    saturday = workdays_services.save_override(
        override=WorkingDay(date=SATURDAY, name="Làm bù"), actor=administrator
    ).override
    session = make_schedule(units, "Định kỳ ngày 14", "14").sessions.get()
    assert session.date == SATURDAY
    saturday.date = date(2026, 11, 21)
    report = workdays_services.save_override(override=saturday, actor=administrator)
    session.refresh_from_db()
    assert (session.date, session.moved_from) == (date(2026, 11, 16), SATURDAY)
    assert any("16/11/2026" in line for line in report.lines)


def test_held_postponed_and_past_sessions_are_left_alone(administrator, units):
    held = SessionFactory(
        date=DAY_OFF, status=SessionStatus.POSTPONED, status_reason="Mưa lũ", hosts=[units["committee"]]
    )
    past = SessionFactory(date=date(2026, 10, 19), hosts=[units["committee"]])
    workdays_services.save_override(override=DayOff(date=DAY_OFF, name="Nghỉ"), actor=administrator)
    workdays_services.save_override(override=DayOff(date=date(2026, 10, 19), name="Nghỉ"), actor=administrator)
    assert not Change.objects.filter(object_id__in=[held.pk, past.pk], content_type__model="receptionsession").exists()


def test_a_day_off_removed_again_brings_the_moved_session_back_and_lists_the_cancelled_one(
    client, administrator, sessions, people
):
    add_day_off(client, administrator)
    day_off = DayOff.objects.get(date=DAY_OFF)
    response = client.post(reverse("admin:workdays_dayoff_delete", args=[day_off.pk]), {"post": "yes"})
    assert response.status_code == 302

    back = ReceptionSession.objects.get(pk=sessions["moving"].pk)
    assert (back.date, back.moved_from, back.status, back.revision) == (DAY_OFF, None, SessionStatus.PLANNED, 2)
    row = history_of(back)[-1]
    assert row.actor == administrator and "11/11/2026" in row.note and "10/11/2026" in row.note
    # The cancellation may already have been heard: it stays, and the administrator is told.
    cancelled = ReceptionSession.objects.get(pk=sessions["skipping"].pk)
    assert cancelled.status == SessionStatus.CANCELLED
    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Định kỳ ngày 10" in message and "Liên ngành ngày 10" in message

    # The hosts hear of the move back too (a notice of its own, not swallowed by the first one's key).
    notices = Notification.objects.filter(recipient=people["officer"], target_id=back.pk).order_by("pk")
    assert [("11/11/2026" in n.title, "10/11/2026" in n.title) for n in notices][-1] == (True, True)
    assert notices.count() == 2

    # The public calendar no longer says "moved from".
    client.logout()
    html = client.get(reverse("calendar")).content.decode()
    assert "dời từ 10/11/2026" not in html
