import pytest
from django.utils import translation

from danvan.accounts.roles import Role
from danvan.orgunits.models import Unit, UnitKind, UnitLevel
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True))
    return client


def form_data(unit, **changes):
    data = {
        "name": unit.name,
        "kind": unit.kind,
        "level": unit.level,
        "parent": unit.parent_id or "",
        "division_code": unit.division_code,
        "valid_from": "",
        "valid_to": "",
        "successor": "",
    }
    return {**data, **changes}


def test_administrator_adds_a_unit_with_its_path(admin_client):
    province = UnitFactory(name="Tỉnh A", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    response = admin_client.post(
        "/admin/orgunits/unit/add/",
        form_data(province, name="Sở Tư pháp", kind=UnitKind.DEPARTMENT, parent=province.pk, division_code=""),
    )
    assert response.status_code == 302
    created = Unit.objects.get(name="Sở Tư pháp")
    assert created.path == f"{province.path}{created.pk}/"


def test_moving_a_unit_in_the_admin_moves_its_subtree(admin_client):
    province = UnitFactory(name="Tỉnh A", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    commune = UnitFactory(name="Xã B", kind=UnitKind.COMMUNE, parent=province)
    other = UnitFactory(name="Xã C", kind=UnitKind.COMMUNE, parent=province)
    committee = UnitFactory(name="UBND", parent=commune)
    office = UnitFactory(name="Văn phòng", kind=UnitKind.DEPARTMENT, parent=committee)
    response = admin_client.post(f"/admin/orgunits/unit/{committee.pk}/change/", form_data(committee, parent=other.pk))
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.path == f"{other.path}{committee.pk}/{office.pk}/"


def test_a_cycle_is_refused_with_a_vietnamese_message_and_the_form_kept(admin_client):
    province = UnitFactory(name="Tỉnh A", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    commune = UnitFactory(name="Xã B", kind=UnitKind.COMMUNE, parent=province)
    with translation.override("vi"):
        response = admin_client.post(
            f"/admin/orgunits/unit/{province.pk}/change/", form_data(province, parent=commune.pk, name="Tên mới")
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Không thể đặt một đơn vị vào dưới chính nó" in html
    assert 'value="Tên mới"' in html
    province.refresh_from_db()
    assert province.parent is None and province.name == "Tỉnh A"
