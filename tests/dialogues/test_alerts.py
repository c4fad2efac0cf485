"""An overdue commitment climbs the escalation ladder in the daily scan, each step once."""

from datetime import date

import pytest
from django.test import TestCase

from danvan.alerts import tasks as alert_tasks
from danvan.alerts.models import Alert
from danvan.history.models import ChangeKind
from danvan.history.selectors import history_of
from danvan.notifications.models import Notification
from dialogues import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment(world, plan, time_machine):
    time_machine.move_to("2024-03-21 09:00 +0700", tick=False)
    dialogue = services.record_dialogue_held(dialogue=plan(), actor=world["officer"], attendance=40, summary="Tốt")
    return services.add_dialogue_commitment(
        dialogue=dialogue, actor=world["officer"], text="Rà soát đơn giá bồi thường",
        responsible_unit=world["department"], due_date=date(2024, 3, 29),
    )  # fmt: skip


def scan(time_machine, day):
    time_machine.move_to(f"{day} 06:00 +0700", tick=False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        alert_tasks.scan_deadlines()


def test_an_overdue_commitment_is_reminded_and_escalated_exactly_once(world, commitment, time_machine):
    scan(time_machine, "2024-03-22")  # five working days before 29/3: the department is reminded
    scan(time_machine, "2024-03-22")
    reminders = Notification.objects.filter(recipient=world["director"], kind="dialogue_commitment_reminder")
    assert reminders.count() == 1 and "29/03/2024" in reminders.get().title

    scan(time_machine, "2024-04-01")  # the day after: level 1, the department's leaders
    scan(time_machine, "2024-04-01")
    commitment.refresh_from_db()
    assert commitment.escalation_level == 1
    level_one = Notification.objects.filter(kind="dialogue_commitment_escalation")
    assert list(level_one.values_list("recipient", flat=True)) == [world["director"].pk]

    scan(time_machine, "2024-04-05")  # five working days late: level 2 reaches the chairman's unit
    scan(time_machine, "2024-04-05")
    to_chairman = Notification.objects.filter(recipient=world["chairman"], kind="dialogue_commitment_escalation")
    assert to_chairman.count() == 1
    assert Alert.objects.filter(source="dialogue_commitment", object_id=commitment.pk, kind="escalation").count() == 2
    assert [row.kind for row in history_of(commitment)].count(ChangeKind.ESCALATED) == 2


def test_a_commitment_done_in_time_is_never_escalated(world, commitment, time_machine):
    time_machine.move_to("2024-03-28 09:00 +0700", tick=False)
    services.complete_commitment(
        commitment=commitment, actor=world["director"], done_on=date(2024, 3, 28), result="Đã điều chỉnh"
    )
    scan(time_machine, "2024-04-05")
    assert not Notification.objects.filter(kind="dialogue_commitment_escalation").exists()
    commitment.refresh_from_db()
    assert commitment.escalation_level == 0
