"""The audit of configuration (danvan/ops/audit.py): who changed which rule, unit, user or role, when, from
what to what — in the admin or elsewhere — readable by administrators."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from danvan.accounts.roles import Role
from danvan.history.models import Change, ChangeKind
from danvan.workdays import services as workdays
from danvan.workdays.models import DayOff
from petitions.models import Category
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def audit_of(obj):
    return Change.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, is_audit=True
    ).order_by("pk")


@pytest.fixture
def administrator(client):
    user = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    client.force_login(user)
    return user


def test_a_change_in_the_admin_records_who_and_the_old_and_new_values(client, administrator):
    category = Category.objects.create(name="Đất đai tạm", order=5)
    response = client.post(
        f"/admin/petitions/category/{category.pk}/change/", {"name": "Đất đai, nhà ở", "is_active": "on", "order": 7}
    )
    assert response.status_code == 302
    change = audit_of(category).get(kind=ChangeKind.UPDATED)
    assert change.actor == administrator
    assert change.values == {"name": ["Đất đai tạm", "Đất đai, nhà ở"], "order": [5, 7]}
    # Administrators read it in the admin, values included.
    page = client.get("/admin/history/change/").content.decode()
    assert "Đất đai, nhà ở" in page


def test_a_rule_of_the_calendar_saved_by_its_service_is_audited_without_a_request():
    day = workdays.save_override(override=DayOff(date=date(2026, 11, 12), name="Nghỉ bù của tỉnh"), actor=None).override
    created = audit_of(day).get()  # beside the history row the service writes
    assert created.kind == ChangeKind.CREATED and created.actor is None
    assert created.values["date"] == "2026-11-12" and created.values["name"] == "Nghỉ bù của tỉnh"
    day.delete()
    deleted = Change.objects.get(kind=ChangeKind.DELETED)
    assert deleted.values["name"] == "Nghỉ bù của tỉnh" and deleted.object_id == created.object_id


def test_roles_and_passwords_are_audited_but_never_the_secret(client, administrator):
    user = UserFactory(username="can.bo.moi", units=[UnitFactory()])
    leader = Group.objects.get(name=Role.LEADER)
    user.groups.add(leader)
    assert audit_of(user).filter(kind=ChangeKind.UPDATED).last().values == {"groups": {"added": [str(leader)]}}
    user.groups.remove(leader)
    assert audit_of(user).last().values == {"groups": {"removed": [str(leader)]}}
    user.set_password("Mat-khau-moi-2026")
    user.save()
    change = audit_of(user).last()
    assert change.values == {"password": ["(changed)", "(changed)"]}
    assert "pbkdf2" not in str(Change.objects.values_list("values", flat=True))


def test_a_login_writes_no_audit_row(client):
    user = UserFactory(username="dang.nhap")
    user.set_password("Mat-khau-2026!")
    user.save()
    before = Change.objects.count()
    assert client.post("/accounts/login/", {"username": "dang.nhap", "password": "Mat-khau-2026!"}).status_code == 302
    assert Change.objects.count() == before
