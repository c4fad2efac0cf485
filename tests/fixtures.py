"""Fixtures shared by every test package: a small province, its officials, a field, a petition maker."""

from datetime import date

import pytest

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind, UnitLevel
from petitions import services
from petitions.models import Kind
from tests.factories import CategoryFactory, UnitFactory, UserFactory


@pytest.fixture
def units(db):
    province = UnitFactory(name="Tỉnh Lai Châu", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    commune = UnitFactory(name="Phường Tân Phong", kind=UnitKind.COMMUNE, parent=province)
    committee = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE, parent=commune)
    other_commune = UnitFactory(name="Xã Bình Lư", kind=UnitKind.COMMUNE, parent=province)
    other = UnitFactory(name="UBND xã Bình Lư", kind=UnitKind.PEOPLE_COMMITTEE, parent=other_commune)
    return {"province": province, "committee": committee, "other": other}


@pytest.fixture
def people(units):
    committee = units["committee"]
    return {
        "officer": UserFactory(full_name="Lường Thị Thu", roles=[Role.RECEPTION_OFFICER], units=[committee]),
        "handler": UserFactory(full_name="Phạm Quốc Bảo", roles=[Role.HANDLER], units=[committee]),
        "colleague": UserFactory(full_name="Lò Văn Tâm", roles=[Role.HANDLER], units=[committee]),
        "leader": UserFactory(full_name="Đỗ Văn Long", roles=[Role.LEADER], units=[committee]),
        "stranger": UserFactory(full_name="Vàng A Sử", roles=[Role.LEADER, Role.HANDLER], units=[units["other"]]),
        "other_handler": UserFactory(roles=[Role.HANDLER], units=[units["other"]]),
    }


@pytest.fixture
def category(db):
    """The seeded "Đất đai" (land) field."""
    return CategoryFactory(name="Đất đai")


PERSON = {
    "full_name": "Nguyễn Văn An",
    "citizen_id": "012345678901",
    "province_code": "12",
    "commune_code": "3408",
    "address": "Tổ 5",
    "phone": "0912345678",
    "is_representative": False,
}


@pytest.fixture
def make_petition(units, people, category):
    def make(kind=Kind.COMPLAINT_FIRST, received=date(2026, 2, 13), actor=None, petitioners=None, **extra):
        data = {
            "kind": kind,
            "channel": "in_person",
            "received_date": received,
            "receiving_unit": units["committee"],
            "category": category,
            "summary": "Khiếu nại quyết định thu hồi đất ở tổ 5",
            "content": "Ông An khiếu nại việc bồi thường khi thu hồi đất đai.",
            "respondent": "UBND phường Tân Phong",
            "people_count": 1,
            **extra,
        }
        return services.create_petition(
            actor=actor or people["officer"], data=data, petitioners=[PERSON] if petitioners is None else petitioners
        )

    return make
