"""A commune with its People's Committee and Fatherland Front, the officials of each, a neighbouring
commune's official, an answered feedback and a supervision recommendation with a result."""

from datetime import date

import pytest

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind, UnitLevel
from petitions import services as petition_services
from petitions.models import Kind
from supervision import services as supervision_services
from supervision.models import SupervisionKind
from supervision.workflow import SupervisionStatus
from tests.factories import UnitFactory, UserFactory

# The petitioner of the answered feedback: none of this may reach a public page.
PETITIONER = {
    "full_name": "Hoàng Văn Thụ",
    "citizen_id": "012088000777",
    "province_code": "12",
    "commune_code": "3408",
    "address": "Số 17 ngõ Hoa Ban, tổ 6",
    "phone": "0987654321",
    "is_representative": False,
}
RAW_CONTENT = "Ông Thụ ở số 17 ngõ Hoa Ban phản ánh cống thoát nước trước nhà bị tắc."


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-16 09:00 +0700", tick=False)


@pytest.fixture
def world(units, people, category):
    commune = units["committee"].parent
    front = UnitFactory(name="Ủy ban MTTQ phường Tân Phong", kind=UnitKind.FATHERLAND_FRONT, parent=commune)
    standing = UnitFactory(
        name="Thường trực HĐND tỉnh", kind=UnitKind.COUNCIL_STANDING, level=UnitLevel.PROVINCE, parent=units["province"]
    )
    return {
        **units,
        **people,
        "commune": commune,
        "front": front,
        "standing": standing,
        "front_officer": UserFactory(full_name="Lò Thị Én", roles=[Role.SUPERVISOR], units=[front]),
        "supervisor": UserFactory(full_name="Tòng Thị Mai", roles=[Role.SUPERVISOR], units=[standing]),
        "category": category,
    }


@pytest.fixture
def answered_feedback(world, make_petition):
    """A feedback the commune answered on 10/3/2026."""
    petition = make_petition(
        kind=Kind.FEEDBACK,
        received=date(2026, 3, 2),
        petitioners=[PETITIONER],
        summary="Phản ánh cống thoát nước tổ 6 bị tắc",
        content=RAW_CONTENT,
        respondent="",
    )
    leader = world["leader"]
    petition_services.accept_petition(petition=petition, actor=leader, accepted_date=date(2026, 3, 3))
    petition_services.resolve_petition(
        petition=petition,
        actor=leader,
        decided_on=date(2026, 3, 10),
        text="Đã giao tổ dân phố nạo vét; ông Thụ được báo kết quả qua số 0987654321.",
    )
    return petition


@pytest.fixture
def programme(world):
    supervisor = world["supervisor"]
    programme = supervision_services.create_programme(
        actor=supervisor, year=2026, body=world["standing"], title="Chương trình giám sát năm 2026"
    )
    return programme


def concluded_supervision(programme, actor, *, report_date=date(2026, 3, 1)):
    supervision = supervision_services.create_supervision(
        programme=programme,
        actor=actor,
        kind=SupervisionKind.THEMATIC,
        topic="Quản lý trật tự xây dựng",
        period_from=date(2025, 1, 1),
        period_to=date(2025, 12, 31),
    )
    for target in (SupervisionStatus.FIELDWORK, SupervisionStatus.REPORTING):
        supervision_services.change_supervision_status(supervision=supervision, actor=actor, target=target)
    supervision_services.change_supervision_status(
        supervision=supervision,
        actor=actor,
        target=SupervisionStatus.CONCLUDED,
        report_number="01/BC",
        report_date=report_date,
        summary="Báo cáo kết quả giám sát.",
    )
    return supervision
