"""The petitions admin: read-only petitions within the user's scope, rules that are only ever ended."""

import pytest

from danvan.accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


def test_a_used_rule_can_only_be_ended_in_the_admin(client, make_petition):
    petition = make_petition()
    rule = petition.deadline.rule
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True))
    page = client.get(f"/admin/petitions/deadlinerule/{rule.pk}/change/").content.decode()
    assert 'name="days"' not in page and 'name="valid_to"' in page
    assert client.post(f"/admin/petitions/deadlinerule/{rule.pk}/delete/").status_code == 403
    assert client.post(f"/admin/petitions/petition/{petition.pk}/delete/").status_code == 403


def test_admin_lists_only_the_units_petitions(client, make_petition, people, units):
    mine = make_petition()
    theirs = make_petition(receiving_unit=units["other"], actor=people["stranger"])
    staff = people["leader"]
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    client.force_login(staff)
    page = client.get("/admin/petitions/petition/").content.decode()
    assert mine.code in page and theirs.code not in page
