import pytest
from rest_framework.test import APIClient

from api import services
from danvan.accounts.roles import Role
from tests.factories import UserFactory


@pytest.fixture
def admin_user(db):
    return UserFactory(is_superuser=True, is_staff=True, roles=[Role.ADMINISTRATOR])


@pytest.fixture
def make_client(admin_user):
    """An API client acting for `unit`, and its token."""

    def make(unit, **options):
        return services.create_api_client(actor=admin_user, name="Cổng dịch vụ công tỉnh", unit=unit, **options)

    return make


@pytest.fixture
def api():
    return APIClient()


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
