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


@pytest.mark.parametrize("model", ["petitionreader", "readerviewing", "savedfilter"])
def test_readers_viewings_and_saved_filters_are_shown_read_only(client, make_petition, people, model):
    """Written by services only (escalate_petition, record_reader_viewing, save_filter): listed and shown, never
    added, changed or deleted in the admin."""
    from petitions.models import PetitionReader, ReaderViewing, SavedFilter

    petition = make_petition()
    outsider = people["stranger"]
    reader = PetitionReader.objects.create(petition=petition, user=outsider, level=2)
    viewing = ReaderViewing.objects.create(petition=petition, user=outsider)
    saved = SavedFilter.objects.create(user=people["leader"], name="Quá hạn", query="overdue=true")
    row = {"petitionreader": reader, "readerviewing": viewing, "savedfilter": saved}[model]
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True))
    base = f"/admin/petitions/{model}/"
    listing = client.get(base)
    assert listing.status_code == 200 and f"{base}{row.pk}/change/" in listing.content.decode()
    assert f'href="{base}add/"' not in listing.content.decode()
    page = client.get(f"{base}{row.pk}/change/")
    assert page.status_code == 200 and 'type="submit"' not in page.content.decode().split('id="content-main"')[1]
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}{row.pk}/change/", {}).status_code == 403
    assert client.post(f"{base}{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert type(row).objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize(
    "model", ["withdrawalrule", "dialoguerule", "limitationrule", "grouprepresentationrule", "deadlinerule"]
)
def test_an_administrator_keeps_each_dated_rule_and_cannot_delete_one(client, model):
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True))
    listing = client.get(f"/admin/petitions/{model}/")
    assert listing.status_code == 200
    first = listing.context["cl"].result_list[0]
    page = client.get(f"/admin/petitions/{model}/{first.pk}/change/")
    assert page.status_code == 200 and "valid_to" in page.content.decode()
    assert client.get(f"/admin/petitions/{model}/{first.pk}/delete/").status_code == 403
