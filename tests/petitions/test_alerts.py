"""Reminders and the escalation ladder for petition deadlines, with time frozen across Tết 2026."""

from datetime import date

import pytest
from django.test import TestCase

from danvan.accounts.roles import Role
from danvan.alerts import services as alert_services
from danvan.alerts import tasks as alert_tasks
from danvan.alerts.models import Alert, AlertPolicy
from danvan.notifications.models import Notification
from danvan.orgunits.models import UnitKind, UnitLevel
from petitions import services
from petitions.models import EventKind, Kind, PetitionEvent
from petitions.tasks import send_leader_digests
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_bodies(units):
    province = units["province"]
    committee = UnitFactory(
        name="UBND tỉnh Lai Châu", kind=UnitKind.PEOPLE_COMMITTEE, level=UnitLevel.PROVINCE, parent=province
    )
    inspectorate = UnitFactory(
        name="Thanh tra tỉnh Lai Châu", kind=UnitKind.INSPECTORATE, level=UnitLevel.PROVINCE, parent=committee
    )
    reception = UnitFactory(
        name="Ban Tiếp công dân tỉnh Lai Châu",
        kind=UnitKind.RECEPTION_OFFICE,
        level=UnitLevel.PROVINCE,
        parent=committee,
    )
    return {
        "province_leader": UserFactory(full_name="Lò Văn Hưng", roles=[Role.LEADER], units=[province]),
        "inspector": UserFactory(full_name="Phạm Thanh Tra", roles=[Role.HANDLER], units=[inspectorate]),
        "reception_officer": UserFactory(full_name="Nguyễn Thị Hoa", roles=[Role.RECEPTION_OFFICER], units=[reception]),
    }  # fmt: skip


def scan(time_machine, day):
    """Run the daily job as beat would, on `day`, with commits (and emails) as in production."""
    time_machine.move_to(f"{day} 06:00 +0700", tick=False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        alert_tasks.scan_deadlines()


def titles(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("title", flat=True))


@pytest.fixture
def complaint(time_machine, make_petition, people):
    # Received Friday 6/2/2026: the acceptance deadline (10 days) ends in Tết and rolls to Monday 23/2.
    time_machine.move_to("2026-02-06 09:00 +0700", tick=False)
    petition = make_petition(kind=Kind.COMPLAINT_FIRST, received=date(2026, 2, 6))
    assert petition.due_date == date(2026, 2, 23)
    petition.handler = people["handler"]
    petition.save(update_fields=["handler"])
    return petition


def test_reminders_at_five_one_and_zero_working_days_across_tet(time_machine, complaint, people, mailoutbox):
    leader, handler = people["leader"], people["handler"]
    scan(time_machine, "2026-02-06")
    assert not Alert.objects.exists()  # six working days left: too early
    scan(time_machine, "2026-02-09")  # 10, 11, 12, 13, (Tết 16–20), 23: five working days
    # Named as the petition page names the deadline ("Hạn thụ lý"), not by its stage ("quyết định thụ lý").
    assert titles(leader) == [f"Hạn thụ lý đơn {complaint.code}: còn 5 ngày làm việc (23/02/2026)"]
    scan(time_machine, "2026-02-13")  # the last working day before Tết: one working day left
    scan(time_machine, "2026-02-23")
    assert [a.step for a in Alert.objects.filter(kind="reminder").order_by("pk")] == [5, 1, 0]
    assert titles(handler)[1:] == [
        f"Hạn thụ lý đơn {complaint.code}: còn 1 ngày làm việc (23/02/2026)",
        f"Hạn thụ lý đơn {complaint.code}: hết hạn hôm nay (23/02/2026)",
    ]
    assert sorted(m.to[0] for m in mailoutbox) == sorted([leader.email, handler.email] * 3)


def test_the_escalation_ladder(time_machine, complaint, people, province_bodies):
    scan(time_machine, "2026-02-24")  # the day after the deadline: level 1
    assert f"Hạn thụ lý đơn {complaint.code}: quá hạn từ 23/02/2026" in titles(people["leader"])
    assert not titles(province_bodies["province_leader"])
    scan(time_machine, "2026-02-27")  # four working days late: still level 1
    assert not titles(province_bodies["inspector"])
    scan(time_machine, "2026-03-02")  # five working days late: level 2
    assert titles(province_bodies["province_leader"]) == [
        f"Báo cáo cấp 2: hạn thụ lý đơn {complaint.code} (UBND phường Tân Phong) quá hạn từ 23/02/2026"
    ]
    assert len(titles(province_bodies["inspector"])) == 1
    assert not titles(province_bodies["reception_officer"])
    scan(time_machine, "2026-03-09")  # ten working days late: level 3
    assert len(titles(province_bodies["reception_officer"])) == 1
    assert len(titles(province_bodies["inspector"])) == 2
    escalations = PetitionEvent.objects.filter(petition=complaint, kind=EventKind.ESCALATED)
    assert escalations.count() == 3 and not escalations.filter(is_public=True).exists()
    assert all(
        note.startswith("Hạn thụ lý đã qua ngày 23/02/2026") for note in escalations.values_list("note", flat=True)
    )
    assert not any("quyết định thụ lý" in title for title in titles(province_bodies["inspector"]))
    complaint.refresh_from_db()
    assert complaint.deadline.escalation_level == 3
    assert complaint.due_date == date(2026, 2, 23)  # escalation never moves the legal deadline


def test_running_the_scan_twice_sends_nothing_twice(time_machine, complaint, province_bodies, mailoutbox):
    scan(time_machine, "2026-03-02")  # levels 1 and 2 at once: the first scan after a long pause
    counts = (Alert.objects.count(), Notification.objects.count(), PetitionEvent.objects.count(), len(mailoutbox))
    scan(time_machine, "2026-03-02")
    alert_tasks.deliver_alert(Alert.objects.first().pk)  # a retried delivery
    assert (
        Alert.objects.count(),
        Notification.objects.count(),
        PetitionEvent.objects.count(),
        len(mailoutbox),
    ) == counts
    assert Alert.objects.filter(delivered_at__isnull=True).count() == 0


def test_a_met_deadline_gets_no_alert(time_machine, complaint, people):
    time_machine.move_to("2026-02-20 09:00 +0700", tick=False)
    services.accept_petition(petition=complaint, actor=people["leader"], accepted_date=date(2026, 2, 20))
    scan(time_machine, "2026-02-24")
    assert not Alert.objects.filter(kind="escalation").exists()


def test_an_explanation_of_delay_keeps_the_legal_deadline(time_machine, complaint, people):
    scan(time_machine, "2026-02-25")
    services.explain_petition_delay(
        petition=complaint, actor=people["handler"], reason="Chờ kết quả đo đạc lại thửa đất",
        committed_date=date(2026, 3, 6), is_public=True,
    )  # fmt: skip
    complaint.refresh_from_db()
    assert complaint.due_date == date(2026, 2, 23)
    assert complaint.deadline.committed_date == date(2026, 3, 6)
    event = complaint.events.last()
    assert event.kind == EventKind.DELAY_EXPLAINED and "06/03/2026" in event.note and event.is_public


def test_the_offsets_are_data(time_machine, complaint):
    AlertPolicy.objects.filter(pk=1).update(reminder_offsets="3")
    AlertPolicy.objects.get_or_create(pk=1, defaults={"reminder_offsets": "3"})
    scan(time_machine, "2026-02-09")
    assert not Alert.objects.exists()
    scan(time_machine, "2026-02-11")  # 12, 13, 23: three working days
    assert list(Alert.objects.values_list("kind", "step")) == [("reminder", 3)]


def test_the_scan_is_set_based(time_machine, make_petition):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def petitions_then_scan(count):
        time_machine.move_to("2026-02-06 09:00 +0700", tick=False)
        for _ in range(count):
            make_petition(kind=Kind.COMPLAINT_FIRST, received=date(2026, 2, 6))
        Alert.objects.all().delete()
        time_machine.move_to("2026-03-09 06:00 +0700", tick=False)  # all three levels at once
        with CaptureQueriesContext(connection) as queries:
            alert_services.scan_deadlines()
        return len(queries), Alert.objects.count()

    AlertPolicy.current()
    few, few_alerts = petitions_then_scan(2)
    many, many_alerts = petitions_then_scan(40)
    assert (few_alerts, many_alerts) == (2 * 3, 42 * 3)
    assert few == many


def test_each_leader_gets_one_digest_a_day(time_machine, complaint, people, mailoutbox):
    time_machine.move_to("2026-02-20 06:30 +0700", tick=False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        send_leader_digests()
        send_leader_digests()
    digest = Notification.objects.get(recipient=people["leader"], kind="daily_digest")
    assert "1 đơn đến hạn trong tuần" in digest.title and complaint.code in digest.body
    assert [m.to for m in mailoutbox] == [[people["leader"].email]]
