from datetime import date

import pytest

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind, UnitLevel
from tests.factories import ProgrammeFactory, SupervisionFactory, UnitFactory, UserFactory


@pytest.fixture
def world(db):
    province = UnitFactory(name="Tỉnh Lai Châu", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    council = UnitFactory(
        name="HĐND tỉnh Lai Châu", kind=UnitKind.PEOPLE_COUNCIL, level=UnitLevel.PROVINCE, parent=province
    )
    standing = UnitFactory(
        name="Thường trực HĐND tỉnh", kind=UnitKind.COUNCIL_STANDING, level=UnitLevel.PROVINCE, parent=council
    )
    commune = UnitFactory(name="Phường Tân Phong", kind=UnitKind.COMMUNE, parent=province)
    committee = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE, parent=commune)
    supervisor = UserFactory(full_name="Tòng Thị Mai", roles=[Role.SUPERVISOR], units=[standing])
    chairman = UserFactory(full_name="Đỗ Văn Long", roles=[Role.LEADER], units=[committee])
    stranger = UserFactory(roles=[Role.SUPERVISOR], units=[UnitFactory(name="HĐND tỉnh khác")])
    programme = ProgrammeFactory(year=2024, body=standing, title="Chương trình giám sát năm 2024")
    supervision = SupervisionFactory(
        programme=programme, topic="Việc cấp giấy phép xây dựng trên địa bàn giai đoạn 2017–2021",
        period_from=date(2017, 1, 1), period_to=date(2021, 12, 31),
        fieldwork_from=date(2023, 9, 5), fieldwork_to=date(2023, 10, 20),
    )  # fmt: skip
    return {
        "standing": standing, "committee": committee, "supervisor": supervisor, "chairman": chairman,
        "stranger": stranger, "programme": programme, "supervision": supervision, "council": council,
        "province": province,
    }  # fmt: skip
