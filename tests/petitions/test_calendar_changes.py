"""Issued deadlines and a later change of the official calendar: the New Year 2026 swap (Friday
2/1/2026 off, Saturday 10/1/2026 worked; Official Letter 12729/VPCP-KGVX of 25/12/2025) announced
after the deadlines were issued. Nothing issued is rewritten; the leaders decide."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from danvan.notifications.models import Notification
from danvan.workdays import services as workdays
from danvan.workdays.models import DayOff, WorkingDay
from danvan.workflow import DomainError
from petitions import services
from petitions.models import EventKind, Kind, MovedDeadline, MovedStatus, PetitionDeadline, Stage

pytestmark = pytest.mark.django_db

NEW_YEAR_OFF = date(2026, 1, 2)
SWAPPED_SATURDAY = date(2026, 1, 10)
LETTER = "12729/VPCP-KGVX"


@pytest.fixture(autouse=True)
def _without_the_swap(time_machine):
    """The calendar as it stood before the announcement: the swap rows (seeded by a data migration) gone."""
    time_machine.move_to("2026-01-05 08:00 +0700", tick=False)
    WorkingDay.objects.filter(date=SWAPPED_SATURDAY).delete()
    DayOff.objects.filter(date=NEW_YEAR_OFF).delete()


def _document():
    return {"document_number": LETTER, "document_date": date(2025, 12, 25), "issuing_body": "Văn phòng Chính phủ"}


def announce_day_off(actor=None):
    row = DayOff(date=NEW_YEAR_OFF, name="Nghỉ hoán đổi dịp Tết Dương lịch", **_document())
    return workdays.save_override(override=row, actor=actor)


def announce_working_saturday(actor=None):
    row = WorkingDay(date=SWAPPED_SATURDAY, name="Làm bù cho ngày 02/01/2026", **_document())
    return workdays.save_override(override=row, actor=actor)


def announce_swap(actor=None):
    return [*announce_day_off(actor).lines, *announce_working_saturday(actor).lines]


@pytest.fixture
def recommendation(make_petition):
    """Received on Monday 5/1/2026: 10 working days to process (Law on Citizen Reception Art 28), due
    19/1 without the swap; with Saturday 10/1 worked it would end on Friday 16/1."""
    return make_petition(kind=Kind.RECOMMENDATION, received=date(2026, 1, 5))


def moved_rows(petition):
    return MovedDeadline.objects.filter(deadline__petition=petition)


def test_a_deadline_the_working_saturday_shortens_is_listed_not_rewritten(recommendation, people):
    deadline = recommendation.deadline
    assert (deadline.stage, deadline.due_date) == (Stage.PROCESSING, date(2026, 1, 19))
    lines = announce_swap()
    moved = moved_rows(recommendation).get()
    assert (moved.issued_due_date, moved.new_due_date, moved.status) == (
        date(2026, 1, 19),
        date(2026, 1, 16),
        MovedStatus.OPEN,
    )
    assert moved.deadline_id == deadline.pk and moved.is_earlier
    assert LETTER in moved.announcement and "10/01/2026" in moved.changed_days
    assert any("1 issued deadline" in line or "1 hạn" in line for line in lines)
    # Nothing issued was rewritten.
    deadline.refresh_from_db()
    recommendation.refresh_from_db()
    assert deadline.is_current and deadline.due_date == recommendation.due_date == date(2026, 1, 19)
    assert PetitionDeadline.objects.filter(petition=recommendation).count() == 1


def test_the_leaders_are_told_once_with_a_link_that_opens(recommendation, people, client):
    announce_swap()
    # Saving the same announcement again changes no day: no second record, no second notice.
    row = WorkingDay.objects.get(date=SWAPPED_SATURDAY)
    row.name = "Làm bù cho ngày thứ Sáu 02/01/2026"
    workdays.save_override(override=row, actor=None)
    notices = Notification.objects.filter(kind="petition_deadline_moved")
    assert [n.recipient for n in notices] == [people["leader"]]
    assert moved_rows(recommendation).count() == 1
    notice = notices.get()
    assert recommendation.code in notice.title and "16/01/2026" in notice.title
    client.force_login(people["leader"])
    page = client.get(notice.url)
    assert page.status_code == 200
    assert recommendation.code in page.content.decode() and LETTER in page.content.decode()


def test_a_deadline_the_day_off_lengthens(make_petition):
    """A denunciation received on 29/12/2025: 7 working days (Law on Denunciation Art 24) end on 8/1
    without the swap; with 2/1 off they end on 9/1 (10/1 comes after)."""
    denunciation = make_petition(kind=Kind.DENUNCIATION, received=date(2025, 12, 29))
    assert denunciation.deadline.due_date == date(2026, 1, 8)
    announce_swap()
    moved = moved_rows(denunciation).get()
    assert (moved.issued_due_date, moved.new_due_date) == (date(2026, 1, 8), date(2026, 1, 9))
    assert "02/01/2026" in moved.changed_days and LETTER in moved.announcement


def test_a_ten_day_period_over_both_days_of_the_swap_keeps_its_date(make_petition):
    """From 29/12/2025, 10 working days end on 13/1 either way: the day off and the working Saturday
    both fall inside. The record the day off alone made is closed when the Saturday is announced."""
    petition = make_petition(kind=Kind.RECOMMENDATION, received=date(2025, 12, 29))
    assert petition.deadline.due_date == date(2026, 1, 13)
    announce_day_off()
    first = moved_rows(petition).get()
    assert (first.new_due_date, first.status) == (date(2026, 1, 14), MovedStatus.OPEN)
    lines = announce_working_saturday().lines
    first.refresh_from_db()
    assert first.status == MovedStatus.SUPERSEDED
    assert not moved_rows(petition).filter(status=MovedStatus.OPEN).exists()
    assert lines  # the administrator is told the record was closed
    petition.deadline.refresh_from_db()
    assert petition.deadline.due_date == date(2026, 1, 13)


def test_a_deadline_not_touching_the_changed_days_gets_no_record(make_petition, time_machine):
    time_machine.move_to("2026-01-20 08:00 +0700", tick=False)
    later = make_petition(kind=Kind.RECOMMENDATION, received=date(2026, 1, 20))
    announce_swap()
    assert not moved_rows(later).exists()


def test_a_by_date_deadline_is_left_alone(make_petition, units):
    """A voters' recommendation is answered by the date set for it (the next council session)."""
    from petitions.models import RuleCondition

    petition = make_petition(
        kind=Kind.RECOMMENDATION,
        received=date(2026, 1, 5),
        channel="voter_meeting",
        answer_by=date(2026, 1, 12),
    )
    if petition.deadline.rule.condition != RuleCondition.VOTER_MEETING:
        pytest.skip("no by-date rule applies to this petition")
    announce_swap()
    assert not moved_rows(petition).exists()


def test_a_leader_corrects_the_deadline(recommendation, people):
    announce_swap()
    moved = moved_rows(recommendation).get()
    old = recommendation.deadline
    new = services.correct_moved_deadline(moved=moved, actor=people["leader"], reason="Theo lịch mới")
    old.refresh_from_db()
    recommendation.refresh_from_db()
    moved.refresh_from_db()
    assert not old.is_current and new.is_current
    assert (new.rule_id, new.start_date, new.complexity, new.due_date) == (
        old.rule_id,
        old.start_date,
        old.complexity,
        date(2026, 1, 16),
    )
    assert recommendation.deadline_id == new.pk and recommendation.due_date == date(2026, 1, 16)
    assert (moved.status, moved.decided_by, moved.reason, moved.correction_id) == (
        MovedStatus.CORRECTED,
        people["leader"],
        "Theo lịch mới",
        new.pk,
    )
    event = recommendation.events.get(kind=EventKind.DEADLINE_CORRECTED)
    assert event.is_public and LETTER in event.note and "19/01/2026" in event.note and "16/01/2026" in event.note
    reason = recommendation.events.filter(kind=EventKind.NOTE, is_public=False).last()
    assert "Theo lịch mới" in reason.note
    # Decided once.
    with pytest.raises(DomainError):
        services.keep_moved_deadline(moved=moved, actor=people["leader"], reason="Đổi ý")


def test_a_leader_keeps_the_deadline_as_issued(recommendation, people):
    announce_swap()
    moved = moved_rows(recommendation).get()
    services.keep_moved_deadline(moved=moved, actor=people["leader"], reason="Đã hẹn công dân ngày 19/01")
    moved.refresh_from_db()
    recommendation.refresh_from_db()
    assert moved.status == MovedStatus.KEPT and moved.reason == "Đã hẹn công dân ngày 19/01"
    assert recommendation.due_date == date(2026, 1, 19) and recommendation.deadline.is_current
    assert PetitionDeadline.objects.filter(petition=recommendation).count() == 1
    note = recommendation.events.filter(kind=EventKind.NOTE).last()
    assert not note.is_public and "Đã hẹn công dân" in note.note


def test_only_a_leader_of_the_unit_decides_and_a_reason_is_needed(recommendation, people):
    announce_swap()
    moved = moved_rows(recommendation).get()
    for outsider in (people["handler"], people["stranger"]):
        with pytest.raises(PermissionDenied):
            services.correct_moved_deadline(moved=moved, actor=outsider, reason="x")
    with pytest.raises(DomainError):
        services.correct_moved_deadline(moved=moved, actor=people["leader"], reason="  ")
    moved.refresh_from_db()
    assert moved.status == MovedStatus.OPEN


def test_the_page_and_its_actions(recommendation, people, client):
    announce_swap()
    moved = moved_rows(recommendation).get()
    client.force_login(people["stranger"])
    assert recommendation.code not in client.get(reverse("petitions:moved_deadlines")).content.decode()
    url = reverse("petitions:decide_moved_deadline", args=[moved.pk])
    assert client.post(url, {"decision": "correct", "reason": "x"}).status_code == 404
    client.force_login(people["handler"])
    assert client.get(reverse("petitions:moved_deadlines")).status_code == 403
    detail = client.get(reverse("petitions:detail", args=[recommendation.pk])).content.decode()
    assert 'data-testid="moved-notice"' in detail and "16/01/2026" in detail
    client.force_login(people["leader"])
    refused = client.post(url, {"decision": "correct", "reason": ""})
    assert refused.status_code == 400 and "Ghi lý do" in refused.content.decode()
    assert client.post(url, {"decision": "correct", "reason": "Theo Công văn"}).status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.due_date == date(2026, 1, 16)
    detail = client.get(reverse("petitions:detail", args=[recommendation.pk])).content.decode()
    assert 'data-testid="moved-notice"' not in detail


def test_the_explanation_page_names_the_announcement(make_petition, people, client):
    announce_swap()
    petition = make_petition(kind=Kind.RECOMMENDATION, received=date(2025, 12, 29))
    client.force_login(people["leader"])
    html = client.get(reverse("petitions:deadlines", args=[petition.pk])).content.decode()
    assert "10/01/2026" in html and LETTER in html and "25/12/2025" in html
    assert 'data-testid="swapped-working-days"' in html
    # The day off in between names its document too.
    assert html.count(LETTER) >= 2


def test_the_citizens_status_page_names_the_announcement(recommendation, people, client):
    announce_swap()
    moved = moved_rows(recommendation).get()
    services.correct_moved_deadline(moved=moved, actor=people["leader"], reason="Lý do nội bộ 7731")
    html = client.post(
        reverse("lookup"), {"code": recommendation.code, "key": recommendation.lookup_key}
    ).content.decode()
    line = html.split('data-testid="calendar-note">')[1].split("</p>")[0]
    assert LETTER in line and "10/01/2026" in line
    assert "16/01/2026" in html
    # The leader's reason stays internal.
    assert "7731" not in html


def test_the_administrator_saving_the_working_saturday_in_the_admin_is_told(recommendation, client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser(username="quantri", password="x", email="")
    client.force_login(admin)
    response = client.post(
        reverse("admin:workdays_workingday_add"),
        {
            "date": "10/01/2026",
            "name": "Làm bù cho ngày 02/01/2026",
            "document_type": "official_letter",
            "document_number": LETTER,
            "document_date": "25/12/2025",
            "issuing_body": "Văn phòng Chính phủ",
            "legal_basis": "",
        },
        follow=True,
    )
    assert WorkingDay.objects.filter(date=SWAPPED_SATURDAY).exists()
    html = response.content.decode()
    assert "1 hạn đã cấp bị ảnh hưởng theo lịch mới" in html
    assert moved_rows(recommendation).get().new_due_date == date(2026, 1, 16)


def test_the_page_reads_in_a_fixed_number_of_queries(make_petition, people, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_petition(kind=Kind.RECOMMENDATION, received=date(2026, 1, 5))
    announce_working_saturday()
    client.force_login(people["leader"])
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("petitions:moved_deadlines"))
    WorkingDay.objects.filter(date=SWAPPED_SATURDAY).delete()
    for _ in range(3):
        make_petition(kind=Kind.RECOMMENDATION, received=date(2026, 1, 5))
    announce_working_saturday()
    with CaptureQueriesContext(connection) as four:
        html = client.get(reverse("petitions:moved_deadlines")).content.decode()
    assert html.count('data-testid="moved-deadline"') == 4
    assert len(four) == len(one)


def test_removing_the_working_saturday_moves_a_deadline_issued_with_it(make_petition, people):
    announce_swap()
    petition = make_petition(kind=Kind.RECOMMENDATION, received=date(2026, 1, 5))
    assert petition.deadline.due_date == date(2026, 1, 16)
    workdays.delete_override(override=WorkingDay.objects.get(date=SWAPPED_SATURDAY), actor=None)
    moved = moved_rows(petition).get()
    assert (moved.issued_due_date, moved.new_due_date, moved.announcement) == (
        date(2026, 1, 16),
        date(2026, 1, 19),
        "",
    )
    services.correct_moved_deadline(moved=moved, actor=people["leader"], reason="Bỏ ngày làm bù")
    event = petition.events.get(kind=EventKind.DEADLINE_CORRECTED)
    assert "10/01/2026" in event.note and "19/01/2026" in event.note
