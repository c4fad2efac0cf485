import pytest
from django.contrib.auth.models import AnonymousUser

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind, UnitLevel
from danvan.orgunits.selectors import units_visible_to
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    root = UnitFactory(name="Tỉnh A", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    for commune_name in ("Xã B", "Xã C"):
        commune = UnitFactory(name=commune_name, kind=UnitKind.COMMUNE, parent=root)
        council = UnitFactory(name=f"HĐND {commune_name}", kind=UnitKind.PEOPLE_COUNCIL, parent=commune)
        UnitFactory(name=f"Thường trực HĐND {commune_name}", kind=UnitKind.COUNCIL_STANDING, parent=council)
        committee = UnitFactory(name=f"UBND {commune_name}", kind=UnitKind.PEOPLE_COMMITTEE, parent=commune)
        UnitFactory(name=f"Văn phòng UBND {commune_name}", kind=UnitKind.DEPARTMENT, parent=committee)
    return root


def names(qs):
    return sorted(unit.name for unit in qs)


def test_member_sees_own_unit_and_its_sub_units_only(province):
    user = UserFactory(roles=[Role.HANDLER], units=[province.children.get(name="Xã B").children.get(name="UBND Xã B")])
    assert names(units_visible_to(user)) == ["UBND Xã B", "Văn phòng UBND Xã B"]


def test_member_of_a_locality_sees_all_its_bodies(province):
    user = UserFactory(roles=[Role.LEADER], units=[province.children.get(name="Xã C")])
    assert names(units_visible_to(user)) == [
        "HĐND Xã C",
        "Thường trực HĐND Xã C",
        "UBND Xã C",
        "Văn phòng UBND Xã C",
        "Xã C",
    ]


def test_several_memberships_add_up(province):
    commune_b = province.children.get(name="Xã B")
    commune_c = province.children.get(name="Xã C")
    user = UserFactory(units=[commune_b.children.get(name="HĐND Xã B"), commune_c.children.get(name="UBND Xã C")])
    assert names(units_visible_to(user)) == [
        "HĐND Xã B",
        "Thường trực HĐND Xã B",
        "UBND Xã C",
        "Văn phòng UBND Xã C",
    ]


def test_administrator_and_superuser_see_everything(province):
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    superuser = UserFactory(is_superuser=True)
    assert units_visible_to(admin).count() == 11
    assert units_visible_to(superuser).count() == 11


def test_nobody_else_sees_anything(province):
    inactive = UserFactory(units=[province], is_active=False)
    without_unit = UserFactory(roles=[Role.LEADER])
    assert not units_visible_to(AnonymousUser()).exists()
    assert not units_visible_to(inactive).exists()
    assert not units_visible_to(without_unit).exists()


def test_scope_takes_a_fixed_number_of_queries_whatever_the_memberships(province, django_assert_num_queries):
    user = UserFactory(roles=[Role.HANDLER], units=list(province.children.all()))
    user = type(user).objects.get(pk=user.pk)
    with django_assert_num_queries(3):  # roles, membership paths, the units
        assert len(list(units_visible_to(user))) == 10
