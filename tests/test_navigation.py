"""The navbar offers each role the pages of its everyday task."""

import pytest
from django.urls import reverse

from danvan.accounts.roles import Role
from danvan.navigation import nav_items_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_administrators_reach_the_reception_sessions_and_their_month_calendar(client):
    admin = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    urls = [item["url"] for item in nav_items_for(admin)]
    assert reverse("reception:sessions") in urls
    client.force_login(admin)
    assert 'href="/reception/month/"' in client.get(reverse("reception:sessions")).content.decode()


def test_the_grassroots_pages_share_one_menu_entry_and_a_lone_one_stands_alone():
    leader = UserFactory(roles=[Role.LEADER])
    items = nav_items_for(leader, reverse("dialogues:dialogues"))
    groups = [item for item in items if "children" in item]
    assert [str(group["label"]) for group in groups] == ["Dân vận ở cơ sở"]
    children = [child["url"] for child in groups[0]["children"]]
    assert children == [reverse("mediation:cases"), reverse("dialogues:dialogues"), reverse("democracy:disclosures")]
    assert groups[0]["active"] and [c["active"] for c in groups[0]["children"]] == [False, True, False]
    # A supervisor has only the grassroots democracy pages of the three: a plain entry, no menu of one.
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    urls = [item.get("url") for item in nav_items_for(supervisor)]
    assert reverse("democracy:disclosures") in urls and all("children" not in i for i in nav_items_for(supervisor))


def test_the_grassroots_menu_renders_as_a_dropdown(client):
    client.force_login(UserFactory(roles=[Role.HANDLER]))
    html = client.get(reverse("home")).content.decode()
    assert 'data-bs-toggle="dropdown"' in html and "Dân vận ở cơ sở" in html
    assert html.index("Dân vận ở cơ sở") < html.index(f'href="{reverse("mediation:cases")}"')
