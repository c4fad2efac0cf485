"""Every change of a dialogue and of its commitments, through the services, each leaving its history row."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from danvan.history.models import ChangeKind
from danvan.history.selectors import history_of
from danvan.notifications.models import Notification
from danvan.workflow import DomainError, TransitionError
from dialogues import services
from dialogues.workflow import COMMITMENT_TRANSITIONS, DIALOGUE_TRANSITIONS, CommitmentStatus, DialogueStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2024-03-21 09:00 +0700", tick=False)


def rows(target):
    """(kind, from, to, actor) of each history row of `target`, oldest first."""
    return [(row.kind, row.from_status, row.to_status, row.actor) for row in history_of(target)]


def hold(world, dialogue):
    return services.record_dialogue_held(
        dialogue=dialogue, actor=world["officer"], attendance=85, summary="Người dân đồng tình với phương án."
    )


def test_the_workflow_tables_are_strict():
    assert DIALOGUE_TRANSITIONS[DialogueStatus.PLANNED] == {DialogueStatus.HELD, DialogueStatus.CANCELLED}
    assert DIALOGUE_TRANSITIONS[DialogueStatus.HELD] == DIALOGUE_TRANSITIONS[DialogueStatus.CANCELLED] == set()
    assert COMMITMENT_TRANSITIONS[CommitmentStatus.DONE] == set()


def test_a_planned_dialogue_has_its_history_and_the_head_is_told(world, plan):
    dialogue = plan()
    assert dialogue.status == DialogueStatus.PLANNED
    assert rows(dialogue) == [(ChangeKind.CREATED, "", "planned", world["officer"])]
    notice = Notification.objects.get(recipient=world["chairman"], kind="dialogue_planned")
    assert "20/03/2024" in notice.title


def test_planning_is_refused_for_a_stranger_a_head_of_another_unit_or_no_audience(world, plan):
    with pytest.raises(PermissionDenied):
        plan(actor=world["stranger"])
    with translation.override("vi"), pytest.raises(DomainError, match="Người đứng đầu"):
        plan(head=world["stranger"])
    with pytest.raises(DomainError):
        plan(commune=None, audience="")
    assert plan(commune=None, audience="Các hộ dân bị thu hồi đất").audience == "Các hộ dân bị thu hồi đất"


def test_held_then_no_further_step(world, plan):
    dialogue = hold(world, plan())
    assert dialogue.status == DialogueStatus.HELD and dialogue.attendance == 85 and dialogue.revision == 1
    assert rows(dialogue)[-1] == (ChangeKind.STATUS, "planned", "held", world["officer"])
    with translation.override("vi"), pytest.raises(TransitionError) as refused:
        services.cancel_dialogue(dialogue=dialogue, actor=world["officer"], reason="Trùng lịch")
    assert str(refused.value) == "Không thể chuyển từ “Đã tổ chức” sang “Hủy”."
    assert len(history_of(dialogue)) == 2


def test_a_dialogue_cannot_be_recorded_held_before_its_day(world, plan):
    dialogue = plan(date=date(2024, 4, 2))
    with pytest.raises(DomainError):
        hold(world, dialogue)
    dialogue.refresh_from_db()
    assert dialogue.status == DialogueStatus.PLANNED


def test_cancelling_needs_a_reason_and_ends_the_dialogue(world, plan):
    dialogue = plan(date=date(2024, 4, 2))
    with translation.override("vi"), pytest.raises(DomainError, match="lý do"):
        services.cancel_dialogue(dialogue=dialogue, actor=world["officer"], reason="  ")
    dialogue = services.cancel_dialogue(dialogue=dialogue, actor=world["officer"], reason="Mưa lũ, đường bị chia cắt")
    assert dialogue.status == DialogueStatus.CANCELLED and dialogue.cancel_reason == "Mưa lũ, đường bị chia cắt"
    assert rows(dialogue)[-1] == (ChangeKind.STATUS, "planned", "cancelled", world["officer"])
    assert Notification.objects.filter(recipient=world["chairman"], kind="dialogue_cancelled").count() == 1
    with pytest.raises(TransitionError):
        hold(world, dialogue)


def test_issues_and_commitments_belong_to_a_held_dialogue(world, plan):
    dialogue = plan()
    with pytest.raises(DomainError):
        services.add_dialogue_issue(dialogue=dialogue, actor=world["officer"], raised_by="Tổ 5", text="Giá đất")
    hold(world, dialogue)
    issue = services.add_dialogue_issue(
        dialogue=dialogue, actor=world["officer"], raised_by="Hộ dân tổ 5", text="Đơn giá bồi thường thấp",
        answer="Sẽ rà soát lại đơn giá.",
    )  # fmt: skip
    commitment = services.add_dialogue_commitment(
        dialogue=dialogue, actor=world["officer"], issue=issue, text="Rà soát đơn giá bồi thường",
        responsible_unit=world["department"], due_date=date(2024, 4, 30),
    )  # fmt: skip
    assert commitment.status == CommitmentStatus.OPEN
    assert rows(commitment) == [(ChangeKind.CREATED, "", "open", world["officer"])]
    assert [row[0] for row in rows(dialogue)][-2:] == [ChangeKind.ADDED, ChangeKind.ADDED]
    # The responsible department's leader is told.
    assert Notification.objects.filter(recipient=world["director"], kind="dialogue_commitment").count() == 1
    with pytest.raises(DomainError):
        services.add_dialogue_commitment(
            dialogue=dialogue, actor=world["officer"], text="X", responsible_unit=world["department"],
            due_date=date(2024, 3, 1),
        )  # fmt: skip


def test_a_commitment_is_done_once_on_time_or_late(world, plan, time_machine):
    dialogue = hold(world, plan())
    commitment = services.add_dialogue_commitment(
        dialogue=dialogue, actor=world["officer"], text="Sửa đường tổ 7", responsible_unit=world["committee"],
        due_date=date(2024, 3, 21),
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.complete_commitment(
            commitment=commitment, actor=world["stranger"], done_on=date(2024, 3, 21), result="x"
        )
    time_machine.move_to("2024-03-25 09:00 +0700", tick=False)
    commitment = services.complete_commitment(
        commitment=commitment, actor=world["chairman"], done_on=date(2024, 3, 25), result="Đã rải đá, láng nhựa."
    )
    assert commitment.status == CommitmentStatus.DONE and commitment.on_time is False
    assert rows(commitment)[-1] == (ChangeKind.STATUS, "open", "done", world["chairman"])
    with translation.override("vi"), pytest.raises(TransitionError, match="Không thể chuyển"):
        services.complete_commitment(
            commitment=commitment, actor=world["chairman"], done_on=date(2024, 3, 25), result="lại"
        )


def test_the_responsible_unit_may_report_a_commitment_done(world, plan):
    dialogue = hold(world, plan())
    commitment = services.add_dialogue_commitment(
        dialogue=dialogue, actor=world["officer"], text="Rà soát đơn giá", responsible_unit=world["department"],
        due_date=date(2024, 4, 30),
    )  # fmt: skip
    done = services.complete_commitment(
        commitment=commitment, actor=world["director"], done_on=date(2024, 3, 21), result="Đã điều chỉnh đơn giá."
    )
    assert done.on_time is True
