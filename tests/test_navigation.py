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
