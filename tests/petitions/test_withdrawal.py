"""Withdrawal by kind and date (dated rules with their legal basis), and the Art. 33 choice for a
withdrawn denunciation; time frozen on both sides of 1/7/2026."""

from datetime import date

import pytest
from django.urls import reverse

from danvan.workflow import DomainError
from dashboard.selectors import resolution_results
from petitions import services
from petitions.models import ContinuationGround, EventKind, Kind, Withdrawal, WithdrawalRule
from petitions.steps import take_step
from petitions.workflow import Status

pytestmark = pytest.mark.django_db


def accepted(make_petition, people, kind, received, accepted_on):
    petition = make_petition(kind=kind, received=received)
    services.accept_petition(petition=petition, actor=people["leader"], accepted_date=accepted_on)
    petition.refresh_from_db()
    return petition


def test_the_seeded_rules_name_their_law_per_kind():
    assert services.withdrawal_rule_for(Kind.DENUNCIATION, date(2026, 3, 15)).allows_partial
    assert services.withdrawal_rule_for(Kind.DENUNCIATION, date(2026, 3, 15)).legal_basis == (
        "Luật Tố cáo 2018, Điều 33"
    )
    before, after = (
        services.withdrawal_rule_for(Kind.COMPLAINT_FIRST, day) for day in (date(2026, 6, 30), date(2026, 7, 1))
    )
    assert (before.allows_partial, after.allows_partial) == (False, True)
    assert "136/2025/QH15" in after.legal_basis and before.legal_basis == "Luật Khiếu nại 2011, Điều 10"
    assert services.withdrawal_rule_for(Kind.DENUNCIATION, date(2018, 12, 31)) is None  # Art 33 from 1/1/2019
    assert WithdrawalRule.objects.filter(kind=Kind.COMPLAINT_SECOND).count() == 2


def test_a_denunciation_is_withdrawn_in_part_on_15_march_2026(time_machine, make_petition, people):
    time_machine.move_to("2026-03-16 09:00 +0700", tick=False)
    petition = accepted(make_petition, people, Kind.DENUNCIATION, date(2026, 3, 2), date(2026, 3, 5))
    due = petition.due_date
    withdrawal = services.withdraw_petition(
        petition=petition, actor=people["handler"], withdrawn_on=date(2026, 3, 15), partial=True,
        note="Rút nội dung tố cáo về việc thu tiền sai quy định",
    )  # fmt: skip
    petition.refresh_from_db()
    assert petition.status == Status.ACCEPTED and petition.due_date == due
    assert withdrawal.is_partial and not withdrawal.continues
    assert withdrawal.rule.legal_basis == "Luật Tố cáo 2018, Điều 33"
    assert petition.events.last().kind == EventKind.PARTLY_WITHDRAWN


def test_a_complaint_is_withdrawn_in_part_only_from_1_july_2026(time_machine, make_petition, people):
    time_machine.move_to("2026-03-16 09:00 +0700", tick=False)
    petition = accepted(make_petition, people, Kind.COMPLAINT_FIRST, date(2026, 3, 2), date(2026, 3, 5))
    with pytest.raises(DomainError) as refused:
        services.withdraw_petition(
            petition=petition, actor=people["handler"], withdrawn_on=date(2026, 3, 15), partial=True, note="Một phần"
        )
    assert "1/7/2026" in str(refused.value) and "136/2025/QH15" in str(refused.value)
    assert "khiếu nại" in str(refused.value)  # the message is in Vietnamese and names the kind
    assert not Withdrawal.objects.exists()

    time_machine.move_to("2026-07-02 09:00 +0700", tick=False)
    later = accepted(make_petition, people, Kind.COMPLAINT_FIRST, date(2026, 6, 20), date(2026, 6, 25))
    withdrawal = services.withdraw_petition(
        petition=later, actor=people["handler"], withdrawn_on=date(2026, 7, 2), partial=True,
        note="Rút yêu cầu bồi thường tiền thuê nhà",
    )  # fmt: skip
    later.refresh_from_db()
    assert later.status == Status.ACCEPTED and withdrawal.rule.allows_partial


def test_a_denunciation_withdrawn_under_coercion_stays_open_with_its_deadline(time_machine, make_petition, people):
    time_machine.move_to("2026-03-16 09:00 +0700", tick=False)
    petition = accepted(make_petition, people, Kind.DENUNCIATION, date(2026, 3, 2), date(2026, 3, 5))
    take_step("assign", petition, people["leader"], handler=people["handler"])
    deadline, due = petition.deadline_id, petition.due_date
    take_step(
        "withdraw", petition, people["handler"], withdrawn_on=date(2026, 3, 13),
        continuation_ground=ContinuationGround.COERCED,
        continuation_reason="Người tố cáo trình bày bị người bị tố cáo đe dọa nên phải rút đơn.",
    )  # fmt: skip
    petition.refresh_from_db()
    assert petition.status == Status.ACCEPTED
    assert (petition.deadline_id, petition.due_date) == (deadline, due)
    assert petition.deadline.met_on is None  # the clock keeps running
    withdrawal = petition.withdrawals.get()
    assert withdrawal.continues and withdrawal.continuation_ground == ContinuationGround.COERCED
    line = petition.events.filter(kind=EventKind.WITHDRAWAL_CONTINUED).get()
    assert line.note.startswith("Rút tố cáo nhưng vẫn tiếp tục giải quyết vì")
    assert "đe dọa" in line.note and not line.is_public
    # In forms 03/KQGQ it is still being resolved, not withdrawn.
    figures = resolution_results([petition.handling_unit], _Period(date(2026, 3, 1), date(2026, 3, 31)))
    assert figures["denunciation_withdrawn"] == 0 and figures["denunciation_being_resolved"] == 1


def test_a_denunciation_withdrawn_without_a_ground_ends_as_withdrawn(time_machine, make_petition, people):
    time_machine.move_to("2026-03-16 09:00 +0700", tick=False)
    petition = accepted(make_petition, people, Kind.DENUNCIATION, date(2026, 3, 2), date(2026, 3, 5))
    services.withdraw_petition(petition=petition, actor=people["leader"], withdrawn_on=date(2026, 3, 13))
    petition.refresh_from_db()
    assert petition.status == Status.WITHDRAWN and petition.due_date is None
    assert not petition.withdrawals.get().continues
    figures = resolution_results([petition.handling_unit], _Period(date(2026, 3, 1), date(2026, 3, 31)))
    assert figures["denunciation_withdrawn"] == 1 and figures["denunciation_being_resolved"] == 0


def test_only_a_denunciation_continues_and_a_ground_needs_its_reason(time_machine, make_petition, people):
    time_machine.move_to("2026-03-16 09:00 +0700", tick=False)
    complaint = accepted(make_petition, people, Kind.COMPLAINT_FIRST, date(2026, 3, 2), date(2026, 3, 5))
    with pytest.raises(DomainError, match="Điều 33"):
        services.withdraw_petition(
            petition=complaint, actor=people["leader"], withdrawn_on=date(2026, 3, 13),
            continuation_ground=ContinuationGround.SIGNS_OF_VIOLATION, continuation_reason="x",
        )  # fmt: skip
    denunciation = accepted(make_petition, people, Kind.DENUNCIATION, date(2026, 3, 2), date(2026, 3, 5))
    with pytest.raises(DomainError, match="vẫn"):
        services.withdraw_petition(
            petition=denunciation, actor=people["leader"], withdrawn_on=date(2026, 3, 13),
            continuation_ground=ContinuationGround.SIGNS_OF_VIOLATION, continuation_reason=" ",
        )  # fmt: skip
    assert not Withdrawal.objects.exists()


def test_the_withdrawal_form_asks_a_denunciations_handler_to_choose(time_machine, client, make_petition, people):
    time_machine.move_to("2026-03-16 09:00 +0700", tick=False)
    petition = accepted(make_petition, people, Kind.DENUNCIATION, date(2026, 3, 2), date(2026, 3, 5))
    client.force_login(people["leader"])
    url = reverse("petitions:step", args=[petition.pk, "withdraw"])
    response = client.post(url, {"withdraw-withdrawn_on": "13/03/2026"})
    assert response.status_code == 400
    assert "Điều 33" in response.content.decode()  # the choice is required, with its reason
    response = client.post(
        url,
        {
            "withdraw-withdrawn_on": "13/03/2026",
            "withdraw-continuation_ground": ContinuationGround.SIGNS_OF_VIOLATION,
            "withdraw-continuation_reason": "Hồ sơ cho thấy có dấu hiệu chi sai quỹ.",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert 'data-testid="withdrawal"' in page and "Hồ sơ cho thấy có dấu hiệu chi sai quỹ." in page
    petition.refresh_from_db()
    assert petition.status == Status.ACCEPTED


class _Period:
    def __init__(self, start, end):
        self.start, self.end = start, end
