"""The roles' page in the admin names every permission in Vietnamese."""

import pytest
from django.contrib.auth.models import Group

from danvan.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_permissions_of_a_role_are_named_in_vietnamese(admin_client):
    role = Group.objects.get(name=Role.HANDLER)
    html = admin_client.get(f"/admin/auth/group/{role.pk}/change/").content.decode()
    assert "Được xem buổi tiếp công dân" in html
    assert "Can view" not in html and "Can add" not in html


def test_sign_in_records_are_named_in_vietnamese(admin_client):
    from axes.models import AccessAttempt, AccessLog
    from django.utils import timezone

    log = AccessLog.objects.create(username="tiepdan", ip_address="127.0.0.1", attempt_time=timezone.now())
    attempt = AccessAttempt.objects.create(
        username="tiepdan", ip_address="127.0.0.1", attempt_time=timezone.now(), failures_since_start=1
    )
    assert str(log).startswith("Lượt đăng nhập của tiepdan lúc ")
    html = admin_client.get(f"/admin/axes/accessattempt/{attempt.pk}/change/").content.decode()
    assert "Lần thử đăng nhập lúc" in html and "Attempted Access" not in html


def test_a_role_shown_read_only_names_its_permissions_in_vietnamese(client):
    from danvan.accounts.roles import Role as Roles
    from tests.factories import UserFactory

    viewer = UserFactory(roles=[Roles.ADMINISTRATOR], is_staff=True)
    client.force_login(viewer)
    role = Group.objects.get(name=Role.HANDLER)
    response = client.get(f"/admin/auth/group/{role.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Được xem buổi tiếp công dân" in html and "Can view" not in html


def test_roles_and_the_lockout_app_are_named_in_vietnamese(admin_client):
    html = admin_client.get("/admin/auth/group/").content.decode()
    assert "Cán bộ xử lý đơn" in html or str(Role.HANDLER.label) in html
    assert ">handler<" not in html
    index = admin_client.get("/admin/").content.decode()
    assert "Bảo vệ đăng nhập" in index and ">Axes<" not in index


def test_the_favicon_is_found(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert "/img/favicon" in response["Location"] and response["Location"].endswith(".svg")
