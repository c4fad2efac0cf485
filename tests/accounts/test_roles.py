import pytest
from django.contrib.auth.models import Group

from danvan.accounts.roles import Role, has_role, roles_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_migration_creates_one_group_per_role_with_permissions():
    groups = {
        g.name: set(g.permissions.values_list("content_type__app_label", "codename")) for g in Group.objects.all()
    }
    assert set(groups) >= set(Role.values)
    assert ("orgunits", "view_unit") in groups["handler"]
    assert ("workdays", "add_dayoff") in groups["administrator"]
    assert ("accounts", "change_user") in groups["administrator"]
    assert ("accounts", "change_user") not in groups["leader"]
    assert ("workdays", "add_dayoff") not in groups["reception_officer"]


def test_role_permissions_reach_the_user():
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    officer = UserFactory(roles=[Role.RECEPTION_OFFICER])
    assert admin.has_perm("workdays.add_workingday")
    assert not officer.has_perm("workdays.add_workingday")
    assert officer.has_perm("orgunits.view_unit")


def test_roles_of_and_has_role():
    user = UserFactory(roles=[Role.LEADER, Role.SUPERVISOR])
    assert roles_of(user) == {Role.LEADER, Role.SUPERVISOR}
    assert has_role(user, Role.HANDLER, Role.LEADER)
    assert not has_role(user, Role.ADMINISTRATOR)
    user.is_active = False
    assert not has_role(user, Role.LEADER)


def test_roles_are_read_once_per_user_object(django_assert_num_queries):
    user = UserFactory(roles=[Role.HANDLER])
    with django_assert_num_queries(1):
        roles_of(user)
        roles_of(user)
        has_role(user, Role.HANDLER)


def test_user_names():
    user = UserFactory(full_name="Nguyễn Thị Hoa", username="hoant")
    assert user.get_full_name() == "Nguyễn Thị Hoa"
    assert user.get_short_name() == "Hoa"
    assert str(user) == "Nguyễn Thị Hoa"


def test_an_official_has_at_most_one_primary_unit():
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from danvan.accounts.models import Membership
    from tests.factories import UnitFactory

    user = UserFactory(units=[UnitFactory(), UnitFactory()])
    assert list(Membership.objects.filter(user=user).values_list("is_primary", flat=True).order_by("pk")) == [
        True,
        False,
    ]
    second = Membership(user=user, unit=UnitFactory(), is_primary=True)
    with translation.override("vi"), pytest.raises(ValidationError) as excinfo:
        second.full_clean()
    assert "chỉ có một đơn vị chính" in str(excinfo.value)
