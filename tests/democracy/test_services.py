"""Every change of disclosures, publications, consultations and boards, through the services, each
leaving its history row; refused steps and strangers."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from danvan.history.models import ChangeKind
from danvan.history.selectors import history_of
from danvan.workflow import DomainError, TransitionError
from democracy import selectors, services
from democracy.models import DisclosureContent, DisclosureForm, PublicationKind
from democracy.workflow import (
    CONSULTATION_TRANSITIONS,
    PUBLICATION_TRANSITIONS,
    ConsultationStatus,
    PublicationStatus,
)
from petitions.models import Kind
from supervision import services as supervision_services
from supervision.workflow import RecommendationStatus

from .conftest import concluded_supervision

pytestmark = pytest.mark.django_db


def rows(target):
    return [(row.kind, row.from_status, row.to_status, row.actor) for row in history_of(target)]


def test_the_law_s_contents_are_seeded_with_their_article():
    bases = list(DisclosureContent.objects.values_list("legal_basis", flat=True))
    assert len(bases) >= 4
    assert all("10/2022/QH15" in basis and "Điều 11" in basis for basis in bases)


def _disclosure(world, **extra):
    data = {
        "actor": world["leader"],
        "unit": world["committee"],
        "content": DisclosureContent.objects.order_by("order").first(),
        "title": "Dự toán ngân sách phường năm 2026",
        "summary": "Dự toán thu, chi ngân sách phường năm 2026 đã được HĐND phường quyết định.",
        "form": DisclosureForm.PORTAL,
        "disclosed_on": date(2026, 3, 2),
        "period_from": date(2026, 3, 2),
        "period_to": date(2026, 4, 1),
        **extra,
    }
    return services.record_disclosure(**data)


def test_a_disclosure_is_recorded_with_its_history(world):
    disclosure = _disclosure(world, title="  Dự toán ngân sách  ")
    assert disclosure.title == "Dự toán ngân sách"
    assert rows(disclosure) == [(ChangeKind.CREATED, "", "", world["leader"])]
    with pytest.raises(DomainError):
        _disclosure(world, period_to=date(2026, 3, 1))
    with pytest.raises(DomainError):
        _disclosure(world, disclosed_on=date(2026, 3, 17))
    with pytest.raises(PermissionDenied):
        _disclosure(world, actor=world["stranger"])


def test_an_answered_feedback_is_published_once_and_withdrawn_with_its_history(world, answered_feedback):
    handler = world["handler"]
    publication = services.publish_petition_answer(
        petition=answered_feedback,
        actor=handler,
        public_summary=" Phản ánh cống thoát nước tổ 6 bị tắc ",
        public_answer="Đã giao tổ dân phố nạo vét cống.",
    )
    assert publication.kind == PublicationKind.PETITION_ANSWER and publication.status == PublicationStatus.PUBLISHED
    assert publication.public_summary == "Phản ánh cống thoát nước tổ 6 bị tắc"
    assert publication.answered_on == date(2026, 3, 10) and publication.topic == world["category"].name
    assert publication.unit == world["committee"]
    with pytest.raises(DomainError):
        services.publish_petition_answer(
            petition=answered_feedback, actor=handler, public_summary="Lần hai", public_answer="Lần hai"
        )
    assert list(selectors.answered_petitions(handler)) == []

    with pytest.raises(DomainError):
        services.withdraw_publication(publication=publication, actor=handler, reason=" ")
    services.withdraw_publication(publication=publication, actor=handler, reason="Nội dung chưa được rà soát.")
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.WITHDRAWN
    assert rows(publication) == [
        (ChangeKind.CREATED, "", "published", handler),
        (ChangeKind.STATUS, "published", "withdrawn", handler),
    ]
    assert history_of(publication)[-1].note == "Nội dung chưa được rà soát."
    with pytest.raises(TransitionError):
        services.withdraw_publication(publication=publication, actor=handler, reason="Lần hai")
    # Withdrawn, the answer may be published again, as a new publication.
    assert list(selectors.answered_petitions(handler)) == [answered_feedback]
    again = services.publish_petition_answer(
        petition=answered_feedback, actor=handler, public_summary="Cống tổ 6", public_answer="Đã nạo vét."
    )
    assert again.pk != publication.pk


def test_only_an_answered_recommendation_or_feedback_is_published(world, make_petition, answered_feedback):
    handler = world["handler"]
    complaint = make_petition(kind=Kind.COMPLAINT_FIRST)
    waiting = make_petition(kind=Kind.FEEDBACK, summary="Phản ánh chưa trả lời")
    for petition in (complaint, waiting):
        with pytest.raises(DomainError):
            services.publish_petition_answer(petition=petition, actor=handler, public_summary="X", public_answer="Y")
    with pytest.raises(DomainError):  # the public texts are written, not left blank
        services.publish_petition_answer(
            petition=answered_feedback, actor=handler, public_summary="X", public_answer="  "
        )
    for stranger in (world["stranger"], world["officer"]):  # another commune; a reception officer
        with pytest.raises(PermissionDenied):
            services.publish_petition_answer(
                petition=answered_feedback, actor=stranger, public_summary="X", public_answer="Y"
            )


def test_a_supervision_result_is_published_by_the_supervising_body(world, programme):
    supervisor = world["supervisor"]
    supervision = concluded_supervision(programme, supervisor)
    recommendation = supervision_services.add_recommendation(
        supervision=supervision,
        actor=supervisor,
        addressed_to=world["committee"],
        text="Rà soát, xử lý dứt điểm các công trình xây dựng sai phép.",
        due_date=date(2026, 6, 30),
    )
    with pytest.raises(DomainError):  # nothing reported yet
        services.publish_supervision_result(
            recommendation=recommendation, actor=supervisor, public_summary="X", public_result="Y"
        )
    supervision_services.record_progress(
        recommendation=recommendation,
        actor=world["leader"],
        text="Đã xử lý 12/15 công trình.",
        status=RecommendationStatus.PARTLY,
        percent=80,
    )
    assert list(selectors.supervision_results(supervisor)) == [recommendation]
    with pytest.raises(PermissionDenied):  # the addressed unit reports; the supervising body publishes
        services.publish_supervision_result(
            recommendation=recommendation, actor=world["leader"], public_summary="X", public_result="Y"
        )
    publication = services.publish_supervision_result(
        recommendation=recommendation,
        actor=supervisor,
        public_summary="Kiến nghị xử lý công trình xây dựng sai phép",
        public_result="Đã xử lý 12/15 công trình.",
    )
    assert publication.unit == world["standing"] and publication.topic == "Quản lý trật tự xây dựng"
    assert rows(publication) == [(ChangeKind.CREATED, "", "published", supervisor)]


def _consultation(world, **extra):
    data = {
        "actor": world["leader"],
        "unit": world["committee"],
        "subject": "Đóng góp làm đường bê tông tổ 9",
        "method": "meeting",
        "opens_on": date(2026, 3, 20),
        "closes_on": date(2026, 3, 20),
        "village": "Tổ 9",
        **extra,
    }
    return services.plan_consultation(**data)


def test_a_consultation_is_planned_opened_and_concluded_with_its_result(world):
    leader = world["leader"]
    consultation = _consultation(world)
    assert consultation.status == ConsultationStatus.PLANNED
    with pytest.raises(TransitionError):
        services.conclude_consultation(
            consultation=consultation,
            actor=leader,
            participants=80,
            agreed=70,
            decision="X",
            concluded_on=date(2026, 3, 16),
        )
    services.open_consultation(consultation=consultation, actor=leader)
    with pytest.raises(DomainError):
        services.conclude_consultation(
            consultation=consultation,
            actor=leader,
            participants=80,
            agreed=81,
            decision="X",
            concluded_on=date(2026, 3, 16),
        )
    with pytest.raises(PermissionDenied):
        services.open_consultation(consultation=consultation, actor=world["stranger"])


def test_the_result_is_recorded_with_the_share_in_favour(world, time_machine):
    leader = world["leader"]
    consultation = _consultation(world)
    services.open_consultation(consultation=consultation, actor=leader)
    time_machine.move_to("2026-03-21 09:00 +0700", tick=False)
    services.conclude_consultation(
        consultation=consultation,
        actor=leader,
        participants=80,
        agreed=68,
        decision="Nhân dân thống nhất đóng góp 150.000 đồng/hộ.",
        concluded_on=date(2026, 3, 20),
    )
    consultation.refresh_from_db()
    assert (consultation.status, consultation.agreed_percent) == (ConsultationStatus.CONCLUDED, 85)
    assert rows(consultation) == [
        (ChangeKind.CREATED, "", "planned", leader),
        (ChangeKind.STATUS, "planned", "open", leader),
        (ChangeKind.STATUS, "open", "concluded", leader),
    ]
    note = history_of(consultation)[-1].note
    assert all(figure in note for figure in ("68", "80", "85"))
    with pytest.raises(TransitionError):
        services.cancel_consultation(consultation=consultation, actor=leader, reason="Muộn")


def test_a_planned_consultation_can_be_cancelled_with_a_reason(world):
    consultation = _consultation(world)
    with pytest.raises(DomainError):
        services.cancel_consultation(consultation=consultation, actor=world["leader"], reason="")
    services.cancel_consultation(consultation=consultation, actor=world["leader"], reason="Hoãn do mưa lũ.")
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CANCELLED


@pytest.mark.parametrize(
    ("table", "current", "target", "allowed"),
    [
        (CONSULTATION_TRANSITIONS, ConsultationStatus.PLANNED, ConsultationStatus.OPEN, True),
        (CONSULTATION_TRANSITIONS, ConsultationStatus.PLANNED, ConsultationStatus.CONCLUDED, False),
        (CONSULTATION_TRANSITIONS, ConsultationStatus.OPEN, ConsultationStatus.CANCELLED, True),
        (CONSULTATION_TRANSITIONS, ConsultationStatus.CONCLUDED, ConsultationStatus.OPEN, False),
        (CONSULTATION_TRANSITIONS, ConsultationStatus.CANCELLED, ConsultationStatus.OPEN, False),
        (PUBLICATION_TRANSITIONS, PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN, True),
        (PUBLICATION_TRANSITIONS, PublicationStatus.WITHDRAWN, PublicationStatus.PUBLISHED, False),
    ],
)
def test_the_transition_tables(table, current, target, allowed):
    assert (target in table[current]) is allowed
