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
