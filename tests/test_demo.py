import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from danvan.accounts.models import Membership, User
from danvan.accounts.roles import Role, roles_of
from danvan.orgunits.models import Unit
from demo.people import DEMO_PASSWORD, PEOPLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(capsys):
    call_command("load_demo", "--force")
    return capsys.readouterr().out


def test_demo_builds_lai_chau_and_one_official_per_role(demo):
    assert Unit.objects.filter(name="Tỉnh Lai Châu").exists()
    assert {role for user in User.objects.all() for role in roles_of(user)} == set(Role)
    for person in PEOPLE:
        assert person.username in demo
    assert DEMO_PASSWORD in demo
    tiep_dan = User.objects.get(username="tiepdan")
    assert tiep_dan.units.get().name == "Ban Tiếp công dân tỉnh Lai Châu"


def test_demo_is_idempotent(demo):
    counts = (Unit.objects.count(), User.objects.count(), Membership.objects.count())
    call_command("load_demo", "--force")
    assert (Unit.objects.count(), User.objects.count(), Membership.objects.count()) == counts


def test_printed_demo_logins_work(demo, client):
    for person in PEOPLE:
        response = client.post("/accounts/login/", {"username": person.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, person.username
        assert response["Location"] == "/"
        client.post("/accounts/logout/")


def test_demo_refuses_a_production_database_without_force():
    if connection.vendor == "sqlite":
        pytest.skip("The guard is for PostgreSQL; on SQLite the demo is the embedded default.")
    with pytest.raises(CommandError):
        call_command("load_demo")
