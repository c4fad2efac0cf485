"""The session page offers only the steps the session can take now: no visit before its day or after it was
called off, no “held” before its day, and no status chosen in advance."""

from datetime import date

import pytest
from django.urls import reverse

from reception import services
from reception.workflow import SessionStatus
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)


def page(client, session):
    return client.get(reverse("reception:session", args=[session.pk]))


def choices(response):
    return [value for value, _label in response.context["status_form"].fields["status"].choices if value]


def test_a_future_session_offers_no_visit_and_cannot_be_held_yet(client, units, people):
    future = SessionFactory(date=date(2026, 3, 20), hosts=[units["committee"]])
    client.force_login(people["officer"])
    response = page(client, future)
    html = response.content.decode()
    assert "visit-heading" not in html
    assert "Có thể ghi lượt tiếp từ ngày 20/03/2026, ngày diễn ra buổi tiếp." in html
    assert choices(response) == [SessionStatus.POSTPONED, SessionStatus.CANCELLED]
    assert (
        response.context["status_form"]["status"].value() is None and "selected" not in html.split("status-heading")[1]
    )
    data = {"status-status": "postponed", "status-reason": "Trùng kỳ họp HĐND"}
    assert client.post(reverse("reception:set_status", args=[future.pk]), data).status_code == 302


def test_on_its_day_the_session_takes_visits_and_any_status_but_none_is_chosen(client, units, people):
    today = SessionFactory(date=date(2026, 3, 10), hosts=[units["committee"]])
    client.force_login(people["officer"])
    response = page(client, today)
    assert "visit-heading" in response.content.decode()
    assert choices(response) == [SessionStatus.HELD, SessionStatus.POSTPONED, SessionStatus.CANCELLED]
    assert response.context["status_form"]["status"].value() is None
    refused = client.post(reverse("reception:set_status", args=[today.pk]), {})
    assert refused.status_code == 400 and "Chọn kết quả của buổi tiếp." in refused.content.decode()


def test_a_cancelled_session_offers_neither_a_visit_nor_a_status(client, units, people):
    session = SessionFactory(date=date(2026, 3, 9), hosts=[units["committee"]])
    services.set_session_status(session=session, actor=people["officer"], status="cancelled", reason="Bão")
    client.force_login(people["officer"])
    html = page(client, session).content.decode()
    assert "visit-heading" not in html and "status-heading" not in html
    assert "Buổi tiếp không diễn ra: không ghi được lượt tiếp." in html
