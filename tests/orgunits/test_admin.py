import pytest
from django.utils import translation

from danvan.accounts.roles import Role
from danvan.orgunits.models import Unit, UnitKind, UnitLevel
from danvan.orgunits.services import path_segment
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
    assert created.path == province.path + path_segment(created.pk)


def test_moving_a_unit_in_the_admin_moves_its_subtree(admin_client):
    province = UnitFactory(name="Tỉnh A", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    commune = UnitFactory(name="Xã B", kind=UnitKind.COMMUNE, parent=province)
    other = UnitFactory(name="Xã C", kind=UnitKind.COMMUNE, parent=province)
    committee = UnitFactory(name="UBND", parent=commune)
    office = UnitFactory(name="Văn phòng", kind=UnitKind.DEPARTMENT, parent=committee)
    response = admin_client.post(f"/admin/orgunits/unit/{committee.pk}/change/", form_data(committee, parent=other.pk))
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.path == other.path + path_segment(committee.pk) + path_segment(office.pk)


def test_a_cycle_is_refused_with_a_vietnamese_message_and_the_form_kept(admin_client):
    province = UnitFactory(name="Tỉnh A", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    commune = UnitFactory(name="Xã B", kind=UnitKind.COMMUNE, parent=province)
    with translation.override("vi"):
        response = admin_client.post(
            f"/admin/orgunits/unit/{province.pk}/change/", form_data(province, parent=commune.pk, name="Tên mới")
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đơn vị cấp trên không được là chính đơn vị này" in html
    assert 'value="Tên mới"' in html
    province.refresh_from_db()
    assert province.parent is None and province.name == "Tỉnh A"


def test_closing_a_unit_in_the_admin_records_its_successor(admin_client):
    province = UnitFactory(name="Tỉnh A", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    old = UnitFactory(name="Xã Cũ", kind=UnitKind.COMMUNE, parent=province)
    new = UnitFactory(name="Xã Mới", kind=UnitKind.COMMUNE, parent=province)
    response = admin_client.post(
        f"/admin/orgunits/unit/{old.pk}/change/",
        form_data(old, name="Xã Cũ (đã sáp nhập)", valid_to="30/06/2025", successor=new.pk),
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.name == "Xã Cũ (đã sáp nhập)"
    assert str(old.valid_to) == "2025-06-30" and old.successor == new


def test_an_administrator_cannot_make_or_edit_a_superuser(admin_client):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    change = f"/admin/accounts/user/{superuser.pk}/change/"
    assert admin_client.post(change, {"username": "hijacked", "is_superuser": "on"}).status_code == 403
    assert admin_client.get(f"/admin/accounts/user/{superuser.pk}/password/").status_code == 403
    superuser.refresh_from_db()
    assert superuser.username != "hijacked"
    officer = UserFactory()
    page = admin_client.get(f"/admin/accounts/user/{officer.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page
