from datetime import date, time

import pytest

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind, UnitLevel
from dialogues import services
from tests.factories import UnitFactory, UserFactory


@pytest.fixture
def world(db):
    """A province with two communes: Tân Phong's chairman holds dialogues, its office keeps them; a department
    of the province answers for some commitments; Bình Lư's leader is a stranger to all of it."""
    province = UnitFactory(name="Tỉnh Lai Châu", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    department = UnitFactory(
        name="Sở Nông nghiệp và Môi trường", kind=UnitKind.DEPARTMENT, level=UnitLevel.PROVINCE, parent=province
    )
    commune = UnitFactory(name="Phường Tân Phong", kind=UnitKind.COMMUNE, parent=province)
    committee = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE, parent=commune)
    other_commune = UnitFactory(name="Xã Bình Lư", kind=UnitKind.COMMUNE, parent=province)
    other = UnitFactory(name="UBND xã Bình Lư", kind=UnitKind.PEOPLE_COMMITTEE, parent=other_commune)
    return {
        "province": province, "department": department, "commune": commune, "committee": committee,
        "other": other,
        "chairman": UserFactory(
            full_name="Đỗ Văn Long", position_title="Chủ tịch UBND phường", roles=[Role.LEADER], units=[committee]
        ),
        "officer": UserFactory(full_name="Lường Thị Thu", roles=[Role.RECEPTION_OFFICER], units=[committee]),
        "director": UserFactory(full_name="Hoàng Văn Nam", roles=[Role.LEADER], units=[department]),
        "stranger": UserFactory(full_name="Vàng A Sử", roles=[Role.LEADER, Role.HANDLER], units=[other]),
    }  # fmt: skip


@pytest.fixture
def plan(world):
    def make(**extra):
        data = {
            "actor": world["officer"], "unit": world["committee"], "head": world["chairman"],
            "position": "commune_chairman", "commune": world["commune"],
            "topic": "Bồi thường, hỗ trợ tái định cư dự án đường vành đai", "date": date(2024, 3, 20),
            "start_time": time(8, 0), "end_time": time(11, 0), "place": "Nhà văn hóa tổ 5, phường Tân Phong",
            "participants": "Ông Nguyễn Văn An, tổ 5; bà Lò Thị Hằng, tổ 7",
            "invited_bodies": "Ủy ban MTTQ phường; Văn phòng Đăng ký đất đai",
        }  # fmt: skip
        return services.plan_dialogue(**{**data, **extra})

    return make
