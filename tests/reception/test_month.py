"""The month calendar of sessions: Monday-first weeks, each day with its sessions and their status, for
administrators, leaders and reception officers within their units; and the sessions in the admin."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from demo.people import DEMO_PASSWORD
from reception.models import SessionStatus
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("reception:month")


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-05 08:00 +0700", tick=False)


@pytest.fixture
def november(units):
    return [
        SessionFactory(date=date(2026, 11, 10), place="Trụ sở phường", hosts=[units["committee"]]),
        SessionFactory(
            date=date(2026, 11, 25),
            place="Nhà văn hóa tổ 5",
            status=SessionStatus.CANCELLED,
            hosts=[units["committee"]],
        ),
        SessionFactory(date=date(2026, 11, 12), place="Trụ sở xã Bình Lư", hosts=[units["other"]]),
        SessionFactory(date=date(2026, 12, 3), place="Buổi tháng sau", hosts=[units["committee"]]),
    ]


def test_the_month_lists_the_users_sessions_by_day(client, people, november):
    client.force_login(people["officer"])
    response = client.get(URL, {"month": "2026-11"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trụ sở phường" in html and "Nhà văn hóa tổ 5" in html and "Hủy" in html
    assert "Trụ sở xã Bình Lư" not in html and "Buổi tháng sau" not in html
    weeks = response.context["grid"].weeks
    # November 2026 starts on a Sunday: the first row starts on Monday 26 October.
    assert weeks[0][0].day == date(2026, 10, 26) and weeks[-1][-1].day == date(2026, 12, 6)
    assert all(len(week) == 7 and week[0].day.weekday() == 0 for week in weeks)
    tenth = next(cell for week in weeks for cell in week if cell.day == date(2026, 11, 10))
    assert [s.place for s in tenth.sessions] == ["Trụ sở phường"]
    assert "?month=2026-10" in html and "?month=2026-12" in html
    assert f'href="{reverse("reception:session", args=[november[0].pk])}"' in html


def test_the_month_defaults_to_this_month_and_survives_a_bad_value(client, people, november):
    client.force_login(people["leader"])
    assert client.get(URL).context["grid"].first == date(2026, 11, 1)
    assert client.get(URL, {"month": "2026-13"}).context["grid"].first == date(2026, 11, 1)


def test_the_month_is_for_administrators_leaders_and_reception_officers(client, people, november):
    client.force_login(people["handler"])
    assert client.get(URL).status_code == 403
    administrator = UserFactory(roles=[Role.ADMINISTRATOR])
    client.force_login(administrator)
    html = client.get(URL, {"month": "2026-11"}).content.decode()
    assert "Trụ sở phường" in html and "Trụ sở xã Bình Lư" in html


def test_the_month_takes_the_same_queries_for_many_sessions(client, people, units, november):
    client.force_login(people["officer"])
    client.get(URL, {"month": "2026-11"})
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"month": "2026-11"})
    for day in range(1, 28):
        SessionFactory(date=date(2026, 11, day), hosts=[units["committee"]])
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"month": "2026-11"})
    assert len(many) == len(few)


def test_the_demo_administrator_opens_the_sessions_in_the_admin(client):
    call_command("load_demo", "--force")
    quantri = User.objects.get(username="quantri")
    assert not quantri.is_superuser
    assert client.post("/accounts/login/", {"username": "quantri", "password": DEMO_PASSWORD}).status_code == 302
    assert client.get(reverse("admin:reception_receptionsession_changelist")).status_code == 200
    assert client.get(reverse("admin:workdays_dayoff_add")).status_code == 200
    assert client.get(URL).status_code == 200
