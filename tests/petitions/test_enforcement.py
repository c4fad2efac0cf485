"""The results a decision orders, the enforcement of decisions (reminded and escalated like a deadline) and
urging, with time frozen."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import reverse

from danvan.alerts import tasks as alert_tasks
from danvan.alerts.models import Alert
from danvan.notifications.models import Notification
from danvan.workflow import DomainError
from petitions import services, steps
from petitions.models import Enforcement, EventKind, Kind, Outcome, PetitionDecision, PetitionEvent, PetitionReader
from petitions.workflow import Status

pytestmark = pytest.mark.django_db


def scan(time_machine, day):
    """Run the daily job as beat would, on `day`, with commits (and emails) as in production."""
    time_machine.move_to(f"{day} 06:00 +0700", tick=False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        alert_tasks.scan_deadlines()


def titles(user, kind_prefix="enforcement_"):
    notices = Notification.objects.filter(recipient=user, kind__startswith=kind_prefix).order_by("pk")
    return list(notices.values_list("title", flat=True))


@pytest.fixture
def resolved(time_machine, make_petition, people):
    """A first-instance complaint received 6/2/2026, accepted 10/2, resolved 2/3/2026 by decision 45/QĐ-UBND."""

    def make(kind=Kind.COMPLAINT_FIRST, number="45/QĐ-UBND", **results):
        time_machine.move_to("2026-03-02 09:00 +0700", tick=False)
        petition = make_petition(kind=kind, received=date(2026, 2, 6))
        services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 2, 10))
        services.assign_petition(petition=petition, handler=people["handler"], actor=people["leader"])
        steps.take_step(
            "resolve", petition, people["handler"], decided_on=date(2026, 3, 2), number=number,
            outcome=Outcome.PARTLY, **results,
        )  # fmt: skip
        petition.refresh_from_db()
        return petition

    return make


def start(petition, actor, *, effective=date(2026, 4, 2), due=date(2026, 5, 15), **extra):
    return services.start_enforcement(
        petition=petition,
        actor=actor,
        effective_date=effective,
        measures=extra.pop("measures", "Bồi thường bổ sung 120.000.000 đồng cho hộ ông An."),
        due_date=due,
        **extra,
    )


class TestResults:
    def test_the_decision_records_what_it_orders(self, resolved):
        petition = resolved(
            money_to_state=50_000_000, money_to_citizens=120_000_000, land_to_state=Decimal("250.5"),
            land_to_citizens=Decimal("80"), people_for_discipline=2, cases_to_investigation=1,
            people_to_investigation=3,
        )  # fmt: skip
        decision = PetitionDecision.objects.get(petition=petition)
        assert (decision.money_to_state, decision.money_to_citizens) == (50_000_000, 120_000_000)
        assert (decision.land_to_state, decision.land_to_citizens) == (Decimal("250.5"), Decimal("80"))
        assert (decision.people_for_discipline, decision.cases_to_investigation) == (2, 1)
        assert decision.people_to_investigation == 3

    def test_results_are_optional(self, resolved):
        decision = PetitionDecision.objects.get(petition=resolved())
        assert decision.money_to_state == 0 and decision.land_to_state == 0 and decision.people_for_discipline == 0

    def test_negative_money_is_refused_by_the_service(self, time_machine, make_petition, people):
        time_machine.move_to("2026-03-02 09:00 +0700", tick=False)
        petition = make_petition(received=date(2026, 2, 6))
        services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 2, 10))
        with pytest.raises(DomainError, match="không được là số âm"):
            services.resolve_petition(
                petition=petition, actor=people["leader"], decided_on=date(2026, 3, 2), number="45/QĐ-UBND",
                outcome=Outcome.PARTLY, money_to_state=-1,
            )  # fmt: skip
        petition.refresh_from_db()
        assert petition.status == Status.ACCEPTED and not petition.decisions.exists()

    def test_the_form_refuses_negative_money_in_vietnamese_and_keeps_the_input(
        self, time_machine, make_petition, people, client
    ):
        time_machine.move_to("2026-03-02 09:00 +0700", tick=False)
        petition = make_petition(received=date(2026, 2, 6))
        services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 2, 10))
        client.force_login(people["leader"])
        response = client.post(
            reverse("petitions:step", args=[petition.pk, "resolve"]),
            {
                "resolve-decided_on": "02/03/2026",
                "resolve-number": "45/QĐ-UBND",
                "resolve-outcome": Outcome.PARTLY,
                "resolve-money_to_state": "-5.000",
                "resolve-money_to_citizens": "1.500.000",
                "resolve-land_to_state": "12,5",
            },
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "Số tiền không được là số âm." in html
        assert 'value="1.500.000"' in html and 'value="12,5"' in html
        petition.refresh_from_db()
        assert petition.status == Status.ACCEPTED

    def test_the_form_reads_amounts_as_officials_write_them(self, time_machine, make_petition, people, client):
        time_machine.move_to("2026-03-02 09:00 +0700", tick=False)
        petition = make_petition(received=date(2026, 2, 6))
        services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 2, 10))
        client.force_login(people["leader"])
        response = client.post(
            reverse("petitions:step", args=[petition.pk, "resolve"]),
            {
                "resolve-decided_on": "02/03/2026",
                "resolve-number": "45/QĐ-UBND",
                "resolve-outcome": Outcome.PARTLY,
                "resolve-money_to_citizens": "1.500.000",
                "resolve-land_to_state": "12,5",
                "resolve-people_for_discipline": "2",
            },
        )
        assert response.status_code == 302
        decision = petition.decisions.get()
        assert (decision.money_to_citizens, decision.land_to_state, decision.people_for_discipline) == (
            1_500_000,
            Decimal("12.5"),
            2,
        )
        html = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
        assert "1.500.000 đ" in html and "12,5 m²" in html


class TestEnforcement:
    def test_start_progress_and_completion_keep_the_petition_resolved(self, resolved, people, time_machine, client):
        petition = resolved(money_to_citizens=120_000_000)
        time_machine.move_to("2026-04-03 09:00 +0700", tick=False)
        assert [s.name for s in steps.steps_for(people["leader"], petition)].count("enforce") == 1
        enforcement = start(petition, people["leader"], responsible_unit=petition.handling_unit)
        assert enforcement.decision.number == "45/QĐ-UBND"
        assert "enforce" not in [s.name for s in steps.steps_for(people["leader"], petition)]
        steps.take_step(
            "enforcement_progress", petition, people["handler"], date=date(2026, 4, 3), note="Đã lập dự toán."
        )
        time_machine.move_to("2026-05-12 09:00 +0700", tick=False)
        steps.take_step(
            "enforcement_complete", petition, people["leader"], completed_on=date(2026, 5, 12),
            note="Đã chi trả đủ.", money_to_citizens_returned=120_000_000,
        )  # fmt: skip
        enforcement.refresh_from_db()
        petition.refresh_from_db()
        assert enforcement.completed_on == date(2026, 5, 12) and enforcement.money_to_citizens_returned == 120_000_000
        assert petition.status == Status.RESOLVED
        kinds = list(petition.events.values_list("kind", flat=True))
        assert kinds[-4:] == [
            EventKind.ENFORCEMENT_STARTED,
            EventKind.ENFORCEMENT_PROGRESS,
            EventKind.ENFORCEMENT_COMPLETED,
            EventKind.NOTE,
        ]
        started = petition.events.get(kind=EventKind.ENFORCEMENT_STARTED)
        assert started.is_public and "có hiệu lực pháp luật từ ngày 02/04/2026" in started.note
        client.force_login(people["leader"])
        html = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
        assert "Đã thi hành xong ngày 12/05/2026" in html and "Đã lập dự toán." in html
        assert "120.000.000 đ" in html

    def test_enforcement_needs_a_resolved_complaint_or_denunciation(self, make_petition, people, time_machine):
        time_machine.move_to("2026-03-02 09:00 +0700", tick=False)
        petition = make_petition(received=date(2026, 2, 6))
        services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 2, 10))
        with pytest.raises(DomainError, match="sau khi đơn đã được giải quyết"):
            start(petition, people["leader"], effective=date(2026, 3, 2), due=date(2026, 3, 30))

    def test_dates_and_who_must_act_are_checked(self, resolved, people, time_machine):
        petition = resolved()
        time_machine.move_to("2026-04-03 09:00 +0700", tick=False)
        with pytest.raises(DomainError, match="trước ngày ban hành"):
            start(petition, people["leader"], effective=date(2026, 3, 1), responsible_other="UBND phường")
        with pytest.raises(DomainError, match="Hạn hoàn thành không được trước"):
            start(petition, people["leader"], due=date(2026, 4, 1), responsible_other="UBND phường")
        with pytest.raises(DomainError, match="Ghi rõ ai phải thực hiện"):
            start(petition, people["leader"])
        with pytest.raises(PermissionDenied):
            start(petition, people["stranger"], responsible_other="UBND phường")
        assert not Enforcement.objects.exists()

    def test_a_denunciation_conclusion_is_followed_too(self, resolved, people, time_machine):
        petition = resolved(kind=Kind.DENUNCIATION, number="12/KL-UBND", people_for_discipline=1)
        time_machine.move_to("2026-03-05 09:00 +0700", tick=False)
        start(
            petition,
            people["handler"],
            effective=date(2026, 3, 2),
            due=date(2026, 3, 31),
            responsible_person=people["colleague"],
        )
        # The official who must act may report progress, not close it.
        services.record_enforcement_progress(
            petition=petition, actor=people["colleague"], date=date(2026, 3, 5), note="Đã họp kiểm điểm."
        )
        with pytest.raises(PermissionDenied):
            services.complete_enforcement(petition=petition, actor=people["colleague"], completed_on=date(2026, 3, 5))
        with pytest.raises(DomainError, match="không được là số âm"):
            services.complete_enforcement(
                petition=petition, actor=people["leader"], completed_on=date(2026, 3, 5), people_disciplined=-1
            )

    def test_completion_refused_with_negative_money_in_the_form(self, resolved, people, time_machine, client):
        petition = resolved()
        time_machine.move_to("2026-04-03 09:00 +0700", tick=False)
        start(petition, people["leader"], responsible_other="Phòng Kinh tế")
        client.force_login(people["leader"])
        response = client.post(
            reverse("petitions:step", args=[petition.pk, "enforcement_complete"]),
            {"enforcement_complete-completed_on": "03/04/2026", "enforcement_complete-money_to_state_recovered": "-1"},
        )
        assert response.status_code == 400 and "Số tiền không được là số âm." in response.content.decode()
        assert Enforcement.objects.get().completed_on is None

    def test_the_page_offers_the_step_and_keeps_the_input_of_a_refused_form(
        self, resolved, people, time_machine, client
    ):
        petition = resolved()
        time_machine.move_to("2026-04-03 09:00 +0700", tick=False)
        client.force_login(people["leader"])
        assert (
            "Tổ chức thi hành quyết định"
            in client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
        )
        response = client.post(
            reverse("petitions:step", args=[petition.pk, "enforce"]),
            {
                "enforce-effective_date": "02/04/2026",
                "enforce-measures": "Chi trả bổ sung.",
                "enforce-due_date": "15/05/2026",
            },
        )
        html = response.content.decode()
        assert (
            response.status_code == 400 and "Ghi rõ ai phải thực hiện quyết định" in html and "Chi trả bổ sung." in html
        )
        assert not Enforcement.objects.exists()
        response = client.post(
            reverse("petitions:step", args=[petition.pk, "enforce"]),
            {
                "enforce-effective_date": "02/04/2026",
                "enforce-measures": "Chi trả bổ sung.",
                "enforce-due_date": "15/05/2026",
                "enforce-responsible_person": people["colleague"].pk,
            },
        )
        assert response.status_code == 302
        html = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
        assert "Hạn hoàn thành 15/05/2026" in html and people["colleague"].full_name in html
        # The progress step is offered on the page once the enforcement runs.
        response = client.post(
            reverse("petitions:step", args=[petition.pk, "enforcement_progress"]),
            {"enforcement_progress-date": "03/04/2026", "enforcement_progress-note": "Đã họp."},
        )
        assert response.status_code == 302 and Enforcement.objects.get().progress.count() == 1


class TestEnforcementAlerts:
    @pytest.fixture
    def enforced(self, resolved, people, time_machine):
        petition = resolved()
        time_machine.move_to("2026-04-03 09:00 +0700", tick=False)
        # Due Friday 15/5/2026; 30/4 and 1/5 are days off before it.
        enforcement = start(petition, people["leader"], responsible_person=people["colleague"])
        return petition, enforcement

    def test_reminded_then_escalated_after_the_due_date(self, enforced, people, time_machine, mailoutbox):
        petition, enforcement = enforced
        leader, colleague, handler = people["leader"], people["colleague"], people["handler"]
        scan(time_machine, "2026-05-07")
        assert not Alert.objects.filter(source="enforcement_due").exists()  # six working days left
        scan(time_machine, "2026-05-08")  # 11, 12, 13, 14, 15: five working days
        expected = f"Thi hành quyết định 45/QĐ-UBND (đơn {petition.code}): còn 5 ngày làm việc (15/05/2026)"
        assert titles(colleague) == [expected] and titles(leader) == [expected] and titles(handler) == [expected]
        scan(time_machine, "2026-05-14")
        scan(time_machine, "2026-05-15")
        assert (
            titles(colleague)[-1]
            == f"Thi hành quyết định 45/QĐ-UBND (đơn {petition.code}): hết hạn hôm nay (15/05/2026)"
        )
        scan(time_machine, "2026-05-18")  # the next working day: level 1
        assert titles(colleague)[-1] == (
            f"Thi hành quyết định 45/QĐ-UBND (đơn {petition.code}): quá hạn từ ngày 15/05/2026"
        )
        scan(time_machine, "2026-05-22")  # five working days late: level 2, to the province and its inspectorate
        events = PetitionEvent.objects.filter(petition=petition, kind=EventKind.ENFORCEMENT_ESCALATED)
        assert events.count() == 2 and not events.filter(is_public=True).exists()
        assert "đã quá hạn ngày 15/05/2026: báo cáo cấp 2" in events.last().note
        enforcement.refresh_from_db()
        assert enforcement.escalation_level == 2 and enforcement.due_date == date(2026, 5, 15)
        sent = {(a.kind, a.step) for a in Alert.objects.filter(source="enforcement_due")}
        assert sent == {("reminder", 5), ("reminder", 1), ("reminder", 0), ("escalation", 1), ("escalation", 2)}

    def test_level_two_reaches_the_superior_body_who_may_then_read_it(self, enforced, units, time_machine):
        from danvan.accounts.roles import Role
        from danvan.orgunits.models import UnitKind, UnitLevel
        from tests.factories import UnitFactory, UserFactory

        petition, _enforcement = enforced
        committee = UnitFactory(
            name="UBND tỉnh Lai Châu",
            kind=UnitKind.PEOPLE_COMMITTEE,
            level=UnitLevel.PROVINCE,
            parent=units["province"],
        )
        inspectorate = UnitFactory(
            name="Thanh tra tỉnh Lai Châu", kind=UnitKind.INSPECTORATE, level=UnitLevel.PROVINCE, parent=committee
        )
        inspector = UserFactory(full_name="Phạm Thanh Tra", roles=[Role.HANDLER], units=[inspectorate])
        scan(time_machine, "2026-05-18")
        assert titles(inspector) == []  # level 1 stays with the unit
        scan(time_machine, "2026-05-22")
        assert titles(inspector) == [
            f"Báo cáo cấp 2: thi hành quyết định 45/QĐ-UBND (đơn {petition.code}, UBND phường Tân Phong) "
            "quá hạn từ ngày 15/05/2026"
        ]
        # Told of it from outside the petition's units, the inspector may open it (read only).
        assert PetitionReader.objects.filter(petition=petition, user=inspector, level=2).exists()

    def test_a_completed_enforcement_is_not_reminded(self, enforced, people, time_machine):
        petition, _enforcement = enforced
        time_machine.move_to("2026-05-06 09:00 +0700", tick=False)
        services.complete_enforcement(petition=petition, actor=people["leader"], completed_on=date(2026, 5, 6))
        for day in ("2026-05-08", "2026-05-15", "2026-05-18", "2026-05-29"):
            scan(time_machine, day)
        assert not Alert.objects.filter(source="enforcement_due").exists()
        assert titles(people["colleague"]) == []

    def test_completed_after_the_reminder_is_not_escalated(self, enforced, people, time_machine):
        petition, _enforcement = enforced
        scan(time_machine, "2026-05-08")
        time_machine.move_to("2026-05-11 09:00 +0700", tick=False)
        services.complete_enforcement(petition=petition, actor=people["leader"], completed_on=date(2026, 5, 11))
        scan(time_machine, "2026-05-18")
        scan(time_machine, "2026-05-22")
        assert not Alert.objects.filter(source="enforcement_due", kind="escalation").exists()
        assert not PetitionEvent.objects.filter(petition=petition, kind=EventKind.ENFORCEMENT_ESCALATED).exists()


class TestUrging:
    def test_a_leader_urges_an_open_petition(self, make_petition, people, time_machine):
        time_machine.move_to("2026-03-02 09:00 +0700", tick=False)
        petition = make_petition(received=date(2026, 2, 6))
        services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 2, 10))
        petition.refresh_from_db()
        assert "urge" in [s.name for s in steps.steps_for(people["leader"], petition)]
        assert "urge" not in [s.name for s in steps.steps_for(people["handler"], petition)]
        steps.take_step("urge", petition, people["leader"], note="Đề nghị giải quyết trước 10/3/2026.")
        event = petition.events.get(kind=EventKind.URGED)
        assert event.actor == people["leader"] and "10/3/2026" in event.note
        with pytest.raises(PermissionDenied):
            services.urge_petition(petition=petition, actor=people["handler"], note="x")
        with pytest.raises(DomainError, match="Ghi nội dung đôn đốc"):
            services.urge_petition(petition=petition, actor=people["leader"], note=" ")

    def test_a_resolved_petition_is_urged_only_while_its_decision_is_being_carried_out(
        self, resolved, people, time_machine
    ):
        petition = resolved()
        with pytest.raises(DomainError, match="Chỉ đôn đốc"):
            services.urge_petition(petition=petition, actor=people["leader"], note="Đôn đốc")
        time_machine.move_to("2026-04-03 09:00 +0700", tick=False)
        start(petition, people["leader"], responsible_other="Phòng Kinh tế")
        services.urge_petition(petition=petition, actor=people["leader"], note="Đôn đốc chi trả.")
        assert petition.events.filter(kind=EventKind.URGED).count() == 1
