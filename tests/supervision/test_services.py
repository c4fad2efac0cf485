"""Every change of programmes, supervisions, recommendations and initiatives, through the services,
each leaving its history row."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import translation

from danvan.alerts import tasks as alert_tasks
from danvan.history.models import ChangeKind
from danvan.history.selectors import history_of
from danvan.notifications.models import Notification
from danvan.workflow import DomainError
from supervision import services
from supervision.models import Finding, Initiative, ProgrammeStatus, Recommendation, Supervision
from supervision.workflow import (
    INITIATIVE_TRANSITIONS,
    RECOMMENDATION_TRANSITIONS,
    SUPERVISION_TRANSITIONS,
    InitiativeStatus,
    RecommendationStatus,
    SupervisionStatus,
)
from tests.factories import InitiativeFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2024-03-15 09:00 +0700", tick=False)


def rows(target):
    """(kind, from, to, actor) of each history row of `target`, oldest first."""
    return [(row.kind, row.from_status, row.to_status, row.actor) for row in history_of(target)]


def last(target):
    return history_of(target)[-1]


def test_a_programme_is_created_in_draft_with_its_history(world):
    programme = services.create_programme(
        actor=world["supervisor"], body=world["standing"], year=2025, title=" Chương trình giám sát năm 2025 "
    )
    assert programme.status == ProgrammeStatus.DRAFT and programme.title == "Chương trình giám sát năm 2025"
    assert rows(programme) == [(ChangeKind.CREATED, "", "draft", world["supervisor"])]
    with pytest.raises(PermissionDenied):
        services.create_programme(actor=world["stranger"], body=world["standing"], year=2025, title="X")
    with pytest.raises(DomainError):  # a People's Committee supervises nobody
        services.create_programme(actor=world["chairman"], body=world["committee"], year=2025, title="X")


def test_programme_is_adopted_by_resolution(world):
    programme = world["programme"]
    with pytest.raises(DomainError):
        services.adopt_programme(
            programme=programme, actor=world["supervisor"], number=" ", adopted_on=date(2023, 12, 8)
        )
    with pytest.raises(DomainError):
        services.adopt_programme(
            programme=programme, actor=world["supervisor"], number="1", adopted_on=date(2024, 4, 1)
        )
    with pytest.raises(PermissionDenied):
        services.adopt_programme(programme=programme, actor=world["stranger"], number="1", adopted_on=date(2023, 12, 8))
    services.adopt_programme(
        programme=programme, actor=world["supervisor"], number="45/NQ-HĐND", adopted_on=date(2023, 12, 8)
    )
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.ADOPTED and programme.resolution_number == "45/NQ-HĐND"
    assert rows(programme) == [(ChangeKind.STATUS, "draft", "adopted", world["supervisor"])]
    assert "45/NQ-HĐND" in last(programme).note and "08/12/2023" in last(programme).note
    with pytest.raises(DomainError):  # adopted once
        services.adopt_programme(
            programme=programme, actor=world["supervisor"], number="46", adopted_on=date(2024, 1, 2)
        )


def test_a_supervision_is_created_in_the_programme_and_noted_in_both_histories(world):
    supervision = services.create_supervision(
        programme=world["programme"], actor=world["supervisor"], topic="Giám sát việc giải quyết khiếu nại",
        kind="thematic", period_from=date(2023, 1, 1), period_to=date(2023, 12, 31),
    )  # fmt: skip
    assert rows(supervision) == [(ChangeKind.CREATED, "", "planned", world["supervisor"])]
    assert last(world["programme"]).kind == ChangeKind.ADDED
    assert "Giám sát việc giải quyết khiếu nại" in last(world["programme"]).note
    with pytest.raises(DomainError):
        services.create_supervision(
            programme=world["programme"], actor=world["supervisor"], topic="Ngược", kind="thematic",
            period_from=date(2023, 1, 1), period_to=date(2022, 1, 1),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.create_supervision(
            programme=world["programme"], actor=world["chairman"], topic="X", kind="thematic",
            period_from=date(2023, 1, 1), period_to=date(2023, 2, 1),
        )  # fmt: skip


@pytest.mark.parametrize(("source", "target"), [(s, t) for s, ts in SUPERVISION_TRANSITIONS.items() for t in ts])
def test_every_supervision_status_change(world, source, target):
    supervision = world["supervision"]
    Supervision.objects.filter(pk=supervision.pk).update(status=source)
    changed = services.change_supervision_status(
        supervision=supervision, actor=world["supervisor"], target=target, report_number="12/BC-HĐND",
        report_date=date(2023, 11, 15), summary="Kết quả giám sát",
    )  # fmt: skip
    assert changed.status == target
    assert rows(supervision) == [(ChangeKind.STATUS, source, target, world["supervisor"])]
    if target == SupervisionStatus.FIELDWORK and source != SupervisionStatus.PLANNED:
        assert changed.times_reopened == 1  # re-supervision
    if target == SupervisionStatus.CONCLUDED:
        assert "12/BC-HĐND" in last(supervision).note


def test_illegal_supervision_changes_and_a_conclusion_without_report(world):
    with pytest.raises(DomainError):
        services.change_supervision_status(
            supervision=world["supervision"], actor=world["supervisor"], target=SupervisionStatus.CLOSED
        )
    Supervision.objects.filter(pk=world["supervision"].pk).update(status=SupervisionStatus.REPORTING)
    with pytest.raises(DomainError):
        services.change_supervision_status(
            supervision=world["supervision"], actor=world["supervisor"], target=SupervisionStatus.CONCLUDED
        )
    assert rows(world["supervision"]) == []


def test_documents_are_versioned_and_each_version_is_in_the_history(world):
    for _ in range(2):
        services.upload_document(
            supervision=world["supervision"], actor=world["supervisor"], kind="plan",
            upload=SimpleUploadedFile("ke-hoach.pdf", b"%PDF"),
        )  # fmt: skip
    assert list(world["supervision"].documents.values_list("kind", "version")) == [("plan", 2), ("plan", 1)]
    assert [row[0] for row in rows(world["supervision"])] == [ChangeKind.FILE, ChangeKind.FILE]
    assert "ke-hoach.pdf" in last(world["supervision"]).note


def test_delegation_members_supervised_units_and_findings_are_added(world):
    supervision = world["supervision"]
    services.add_delegation_member(
        supervision=supervision, actor=world["supervisor"], full_name="Tòng Thị Mai", role="head",
        from_body="Ban Pháp chế HĐND tỉnh",
    )  # fmt: skip
    services.add_supervised_unit(
        supervision=supervision, actor=world["supervisor"], unit=world["committee"], visited=True
    )
    services.add_finding(supervision=supervision, actor=world["supervisor"], text="Hồ sơ trả quá hạn.")
    assert [row[0] for row in rows(supervision)] == [ChangeKind.ADDED] * 3
    notes = [row.note for row in history_of(supervision)]
    assert "Tòng Thị Mai" in notes[0] and "UBND phường Tân Phong" in notes[1] and "Hồ sơ trả quá hạn." in notes[2]
    with pytest.raises(DomainError):  # once only
        services.add_supervised_unit(supervision=supervision, actor=world["supervisor"], unit=world["committee"])
    with pytest.raises(DomainError):  # another province
        services.add_supervised_unit(
            supervision=supervision, actor=world["supervisor"], unit=UnitFactory(name="UBND xã Pa Tần")
        )
    with pytest.raises(PermissionDenied):
        services.add_finding(supervision=supervision, actor=world["chairman"], text="x")


@pytest.fixture
def recommendation(world):
    return services.add_recommendation(
        supervision=world["supervision"], actor=world["supervisor"], addressed_to=world["committee"],
        text="Rà soát, công khai quy trình cấp giấy phép xây dựng", due_date=date(2024, 3, 29),
    )  # fmt: skip


def test_a_recommendation_is_noted_on_the_supervision_and_starts_its_own_history(world, recommendation):
    assert rows(world["supervision"]) == [(ChangeKind.ADDED, "", "", world["supervisor"])]
    assert "UBND phường Tân Phong" in last(world["supervision"]).note
    assert rows(recommendation) == [(ChangeKind.CREATED, "", "not_started", world["supervisor"])]


def test_a_recommendation_and_its_new_finding_are_one_step(world):
    supervision = world["supervision"]
    Supervision.objects.filter(pk=supervision.pk).update(report_date=date(2023, 11, 20))
    with pytest.raises(DomainError):  # deadline before the report: neither the finding nor the recommendation
        services.add_recommendation(
            supervision=supervision, actor=world["supervisor"], addressed_to=world["committee"], text="Kiến nghị",
            due_date=date(2023, 11, 1), finding_text="Còn 5 vụ việc quá hạn.",
        )  # fmt: skip
    assert not Finding.objects.exists() and not Recommendation.objects.exists() and rows(supervision) == []
    made = services.add_recommendation(
        supervision=supervision, actor=world["supervisor"], addressed_to=world["committee"], text="Kiến nghị",
        due_date=date(2024, 6, 30), finding_text="Còn 5 vụ việc quá hạn.",
    )  # fmt: skip
    assert made.finding.text == "Còn 5 vụ việc quá hạn." and made.body == world["standing"]
    assert [row[0] for row in rows(supervision)] == [ChangeKind.ADDED, ChangeKind.ADDED]


@pytest.mark.parametrize(("source", "target"), [(s, t) for s, ts in RECOMMENDATION_TRANSITIONS.items() for t in ts])
def test_every_recommendation_status_change(world, recommendation, source, target):
    Recommendation.objects.filter(pk=recommendation.pk).update(status=source)
    actor = world["supervisor"] if target == RecommendationStatus.NOT_IMPLEMENTED else world["chairman"]
    percent = 100 if target == RecommendationStatus.IMPLEMENTED else 60
    update = services.record_progress(
        recommendation=recommendation, actor=actor, text="Đã ban hành quy trình", status=target, percent=percent
    )
    recommendation.refresh_from_db()
    assert recommendation.status == target == update.status and recommendation.percent == percent
    entry = last(recommendation)
    assert (entry.kind, entry.from_status, entry.to_status, entry.actor) == (ChangeKind.PROGRESS, source, target, actor)
    assert entry.note == f"{percent}% – Đã ban hành quy trình"


def test_implemented_is_final_and_text_is_required(world, recommendation):
    with pytest.raises(DomainError):
        services.record_progress(
            recommendation=recommendation, actor=world["chairman"], text=" ", status="in_progress", percent=10
        )
    services.record_progress(
        recommendation=recommendation, actor=world["chairman"], text="Xong", status="implemented", percent=100
    )
    with pytest.raises(DomainError):
        services.record_progress(
            recommendation=recommendation, actor=world["chairman"], text="Sửa", status="partly", percent=50
        )
    with pytest.raises(PermissionDenied):
        services.record_progress(
            recommendation=recommendation, actor=world["stranger"], text="x", status="partly", percent=5
        )
    assert [row[0] for row in rows(recommendation)] == [ChangeKind.CREATED, ChangeKind.PROGRESS]


def test_escalation_is_recorded_only_when_the_level_rises(recommendation):
    with translation.override("en"):
        assert services.escalate_recommendation(recommendation=recommendation, level=1) is True
        assert services.escalate_recommendation(recommendation=recommendation, level=1) is False
        assert services.escalate_recommendation(recommendation=recommendation, level=2) is True
    escalations = [row for row in history_of(recommendation) if row.kind == ChangeKind.ESCALATED]
    assert len(escalations) == 2 and all(row.actor is None for row in escalations)
    assert escalations[-1].note.startswith("Level 2")


def test_an_overdue_recommendation_is_reminded_and_escalated(world, recommendation, time_machine):
    def scan(day):
        time_machine.move_to(f"{day} 06:00 +0700", tick=False)
        with TestCase.captureOnCommitCallbacks(execute=True):
            alert_tasks.scan_deadlines()

    scan("2024-03-22")  # five working days before 29/3
    assert Notification.objects.filter(recipient=world["chairman"], kind="recommendation_reminder").count() == 1
    scan("2024-04-01")  # the day after: level 1
    recommendation.refresh_from_db()
    assert recommendation.escalation_level == 1
    scan("2024-04-05")  # five working days late: level 2 reaches the supervising body
    assert Notification.objects.filter(recipient=world["supervisor"], kind="recommendation_escalation").count() == 1
    scan("2024-04-05")
    assert Notification.objects.filter(recipient=world["supervisor"]).count() == 1
    assert [row.kind for row in history_of(recommendation)].count(ChangeKind.ESCALATED) == 2


def commit(world, **extra):
    data = {
        "actor": world["supervisor"], "body": world["standing"], "addressed_to": world["committee"],
        "council_session": "Kỳ họp thứ 17 HĐND tỉnh", "question": "Khi nào hoàn thành cấp giấy chứng nhận?",
        "asked_by": "Đại biểu Lò Văn A", "answered_by": "Chủ tịch UBND phường Tân Phong", "asked_on": date(2024, 2, 1),
        "promise": "Hoàn thành trong quý II/2024", "due_date": date(2024, 6, 30),
    }  # fmt: skip
    return services.record_commitment(**{**data, **extra})


def test_interpellation_commitment_and_its_twenty_day_written_answer(world):
    commitment = commit(world)
    assert commitment.written_answer_due == date(2024, 2, 21)  # 20 days
    assert rows(commitment) == [(ChangeKind.CREATED, "", "not_started", world["supervisor"])]
    assert "21/02/2024" in last(commitment).note
    with pytest.raises(DomainError):
        services.record_written_answer(
            recommendation=commitment, actor=world["chairman"], answered_on=date(2024, 1, 31)
        )
    services.record_written_answer(recommendation=commitment, actor=world["chairman"], answered_on=date(2024, 2, 20))
    commitment.refresh_from_db()
    assert commitment.written_answer_on == date(2024, 2, 20)
    assert (last(commitment).kind, last(commitment).actor) == (ChangeKind.ANSWERED, world["chairman"])
    with pytest.raises(DomainError):  # recorded once
        services.record_written_answer(
            recommendation=commitment, actor=world["chairman"], answered_on=date(2024, 2, 21)
        )


def test_a_commitment_is_recorded_only_for_a_council_in_scope_and_its_own_province(world):
    with pytest.raises(PermissionDenied):
        commit(world, actor=world["stranger"])
    with pytest.raises(DomainError):
        commit(world, addressed_to=UnitFactory(name="UBND xã Pa Tần"))
    with pytest.raises(DomainError):
        commit(world, due_date=date(2024, 1, 1))
    assert not Recommendation.objects.exists()


def register(world, **extra):
    data = {
        "actor": world["chairman"], "unit": world["committee"], "year": 2024,
        "name": "Mô hình “Chính quyền thân thiện”", "field": "political_system", "start_date": date(2024, 1, 15),
    }  # fmt: skip
    return services.register_initiative(**{**data, **extra})


def test_an_initiative_is_registered_once_a_year(world):
    initiative = register(world)
    assert rows(initiative) == [(ChangeKind.CREATED, "", "registered", world["chairman"])]
    with pytest.raises(DomainError):
        register(world)
    assert Initiative.objects.count() == 1
    with pytest.raises(PermissionDenied):
        register(world, actor=world["stranger"], name="Khác")


@pytest.mark.parametrize(("source", "target"), [(s, t) for s, ts in INITIATIVE_TRANSITIONS.items() for t in ts])
def test_every_initiative_status_change(world, source, target):
    initiative = InitiativeFactory(unit=world["committee"], status=source)
    services.advance_initiative(
        initiative=initiative, actor=world["chairman"], target=target, recognition="Quyết định 12/QĐ-UBND"
    )
    initiative.refresh_from_db()
    assert initiative.status == target
    assert rows(initiative) == [(ChangeKind.STATUS, source, target, world["chairman"])]


def test_initiatives_carry_over_and_exemplars_need_a_decision(world):
    register(world, year=2023, name="Dân vận khéo trong giải phóng mặt bằng", field="economy")
    carried = services.carry_over_initiatives(
        actor=world["chairman"], unit=world["committee"], from_year=2023, to_year=2024
    )
    again = services.carry_over_initiatives(
        actor=world["chairman"], unit=world["committee"], from_year=2023, to_year=2024
    )
    assert len(carried) == 1 and again == [] and carried[0].carried_from.year == 2023
    initiative = carried[0]
    assert rows(initiative) == [(ChangeKind.CREATED, "", "implementing", world["chairman"])]
    assert "2023" in last(initiative).note
    services.advance_initiative(initiative=initiative, actor=world["chairman"], target=InitiativeStatus.EVALUATED)
    with pytest.raises(DomainError):
        services.advance_initiative(initiative=initiative, actor=world["chairman"], target=InitiativeStatus.EXEMPLAR)


def test_a_planned_initiative_is_registered_but_not_implemented_before_it_starts(world, time_machine):
    planned = register(world, start_date=date(2024, 9, 1))  # today is 15/3/2024: a model may be planned
    assert planned.status == InitiativeStatus.REGISTERED
    with translation.override("vi"), pytest.raises(DomainError) as refused:
        services.advance_initiative(initiative=planned, actor=world["chairman"], target=InitiativeStatus.IMPLEMENTING)
    assert str(refused.value) == (
        "Mô hình bắt đầu từ ngày 01/09/2024; chỉ ghi nhận “Đang triển khai” từ ngày đó trở đi."
    )
    planned.refresh_from_db()
    assert planned.status == InitiativeStatus.REGISTERED and len(rows(planned)) == 1
    time_machine.move_to("2024-09-01 08:00 +0700", tick=False)
    services.advance_initiative(initiative=planned, actor=world["chairman"], target=InitiativeStatus.IMPLEMENTING)
    planned.refresh_from_db()
    assert planned.status == InitiativeStatus.IMPLEMENTING


def test_a_carried_over_initiative_is_being_implemented_only_once_it_has_started(world):
    register(world, year=2023, name="Đã triển khai", start_date=date(2023, 3, 1))
    register(world, year=2023, name="Còn trong kế hoạch", start_date=date(2024, 6, 1))
    carried = services.carry_over_initiatives(
        actor=world["chairman"], unit=world["committee"], from_year=2023, to_year=2024
    )
    assert {item.name: item.status for item in carried} == {
        "Đã triển khai": InitiativeStatus.IMPLEMENTING, "Còn trong kế hoạch": InitiativeStatus.REGISTERED,
    }  # fmt: skip


def test_evidence_is_attached_to_an_initiative(world):
    initiative = InitiativeFactory(unit=world["committee"])
    services.add_initiative_evidence(
        initiative=initiative, actor=world["chairman"], upload=SimpleUploadedFile("anh.jpg", b"\xff\xd8")
    )
    assert initiative.evidence.count() == 1
    assert rows(initiative) == [(ChangeKind.FILE, "", "", world["chairman"])] and last(initiative).note == "anh.jpg"
    with pytest.raises(PermissionDenied):
        services.add_initiative_evidence(
            initiative=initiative, actor=world["stranger"], upload=SimpleUploadedFile("anh.jpg", b"\xff\xd8")
        )


def test_only_the_supervising_body_concludes_not_implemented(world, recommendation):
    with translation.override("vi"), pytest.raises(DomainError, match="Chỉ cơ quan giám sát"):
        services.record_progress(
            recommendation=recommendation, actor=world["chairman"], text="Chưa làm", status="not_implemented", percent=0
        )
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.NOT_STARTED
    services.record_progress(
        recommendation=recommendation, actor=world["supervisor"], text="Kết luận: chưa thực hiện",
        status="not_implemented", percent=0,
    )  # fmt: skip
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.NOT_IMPLEMENTED


def test_a_late_written_answer_is_reminded_then_reported_to_the_council(world, time_machine):
    def scan(day):
        time_machine.move_to(f"{day} 06:00 +0700", tick=False)
        with TestCase.captureOnCommitCallbacks(execute=True):
            alert_tasks.scan_deadlines()

    commit(world)
    scan("2024-02-21")  # the due day: a reminder to the committee's leader
    reminder = Notification.objects.get(recipient=world["chairman"], kind="written_answer_reminder")
    assert "21/02/2024" in reminder.title
    scan("2024-03-06")  # long overdue: levels reach the council's standing committee
    escalations = Notification.objects.filter(kind="written_answer_escalation")
    assert escalations.filter(recipient=world["supervisor"]).exists()
    assert "quá hạn" in escalations.filter(recipient=world["chairman"]).first().title


@pytest.fixture
def superior(world):
    """The province's People's Committee: the addressed commune committee's superior, outside the records' scope."""
    from danvan.accounts.roles import Role
    from danvan.orgunits.models import UnitKind, UnitLevel
    from tests.factories import UserFactory

    committee = UnitFactory(
        name="UBND tỉnh Lai Châu", kind=UnitKind.PEOPLE_COMMITTEE, level=UnitLevel.PROVINCE, parent=world["province"]
    )
    return UserFactory(full_name="Lò Văn Hưng", roles=[Role.LEADER], units=[committee])


def test_the_superior_told_at_level_two_becomes_a_reader_in_the_same_step(
    world, recommendation, superior, time_machine
):
    from supervision.models import RecommendationReader

    for day in ("2024-04-01", "2024-04-05", "2024-04-05"):  # level 1, then level 2 (twice: once only)
        time_machine.move_to(f"{day} 06:00 +0700", tick=False)
        with TestCase.captureOnCommitCallbacks(execute=True):
            alert_tasks.scan_deadlines()
    assert Notification.objects.filter(recipient=superior, kind="recommendation_escalation").count() == 1
    # Only the one outside the scope is written; the chairman and the supervisor see it already.
    assert list(RecommendationReader.objects.values_list("user", "level")) == [(superior.pk, 2)]


def test_readers_are_written_even_when_the_level_was_already_reached(world, recommendation, superior):
    from supervision.models import RecommendationReader

    assert services.escalate_recommendation(recommendation=recommendation, level=2) is True
    assert (
        services.escalate_recommendation(recommendation=recommendation, level=2, readers=[superior, superior]) is False
    )
    assert RecommendationReader.objects.filter(recommendation=recommendation, user=superior).count() == 1


@pytest.mark.parametrize(
    ("status", "percent"),
    [
        ("implemented", 50),  # item 11: was saved as 100 % and closed for good
        ("implemented", 99),
        ("in_progress", 0),
        ("in_progress", 100),
        ("partly", 0),
        ("partly", 100),
        ("not_implemented", 100),
    ],
)
def test_a_report_whose_status_and_percent_contradict_is_refused(world, recommendation, status, percent):
    actor = world["supervisor"]
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.record_progress(recommendation=recommendation, actor=actor, text="x", status=status, percent=percent)
    assert "%" in str(refused.value)
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.percent) == ("not_started", 0)
    assert not recommendation.updates.exists() and rows(recommendation)[-1][0] == ChangeKind.CREATED


@pytest.mark.parametrize(
    ("status", "percent"),
    [("implemented", 100), ("in_progress", 1), ("partly", 99), ("not_implemented", 0), ("not_implemented", 40)],
)
def test_a_consistent_report_is_recorded_as_given(world, recommendation, status, percent):
    services.record_progress(
        recommendation=recommendation, actor=world["supervisor"], text="x", status=status, percent=percent
    )
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.percent) == (status, percent)


def test_the_written_answer_period_is_the_row_in_force_on_the_question_day(world):
    from supervision.models import AnswerPeriod

    # A later law shortens the period: questions asked before it keep the 20 days, later ones get the new period.
    AnswerPeriod.objects.filter(valid_to__isnull=True).update(valid_to=date(2026, 3, 31))
    AnswerPeriod.objects.create(name="Rút ngắn (thử)", days=15, valid_from=date(2026, 4, 1), legal_basis="Thử nghiệm")
    before = commit(world, asked_on=date(2024, 2, 1))
    assert before.written_answer_due == date(2024, 2, 21)
    with time_machine.travel(date(2026, 4, 10)):
        after = commit(world, asked_on=date(2026, 4, 6), due_date=date(2026, 6, 30))
    assert after.written_answer_due == date(2026, 4, 21)  # 15 days from Monday 6/4/2026


def test_an_administrator_keeps_the_answer_period_in_the_admin(client):
    from danvan.accounts.roles import Role
    from tests.factories import UserFactory

    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True))
    listing = client.get("/admin/supervision/answerperiod/")
    assert listing.status_code == 200 and "Luật Hoạt động giám sát" in listing.content.decode()
