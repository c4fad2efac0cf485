"""The visits list (what the dashboard's "visits / people received" opens): the user's visits, filtered by the
session's date, host unit with its sub-units, outcome, kind and group; a denouncer's identity stays sealed."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.accounts.roles import Role
from reception.models import Visit, Visitor
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)


@pytest.fixture
def province_leader(units):
    return UserFactory(full_name="Giàng Thị Dua", roles=[Role.LEADER], units=[units["province"]])


def visit(session, topic, *, recorder, kind="feedback", outcome="explained", people=("Lò Thị Xuân",), **extra):
    row = Visit.objects.create(
        session=session, topic=topic, kind=kind, outcome=outcome, category=extra.pop("category"),
        citizen_count=len(people), recorded_by=recorder, **extra,
    )  # fmt: skip
    Visitor.objects.bulk_create(Visitor(visit=row, full_name=name, citizen_id="012190003344") for name in people)
    return row


def topics(response):
    return [row.topic for row in response.context["visits"]]


@pytest.fixture
def visits(units, people, category):
    here = SessionFactory(date=date(2026, 3, 2), hosts=[units["committee"]])
    earlier = SessionFactory(date=date(2026, 1, 15), hosts=[units["committee"]])
    there = SessionFactory(date=date(2026, 3, 3), hosts=[units["other"]])
    officer, stranger = people["officer"], people["stranger"]
    return {
        "drain": visit(here, "Cống tổ 6 bị tắc", recorder=officer, category=category),
        "land": visit(
            earlier,
            "Khiếu nại thu hồi đất",
            recorder=officer,
            category=category,
            kind="complaint_1",
            outcome="guided",
            people=("Lò Văn Pọm", "Lò Văn Sáng", "Lò Thị Mai", "Tao Văn Chiến", "Lý A Páo"),
            is_group=True,
        ),  # fmt: skip
        "official": visit(
            here,
            "Tố cáo cán bộ địa chính",
            recorder=officer,
            category=category,
            kind="denunciation",
            people=("Giàng A Chứ",),
        ),  # fmt: skip
        "road": visit(there, "Đường bản Hon sạt lở", recorder=stranger, category=category),
    }


def test_the_users_visits_newest_first(client, people, visits):
    client.force_login(people["officer"])
    response = client.get(reverse("reception:visits"))
    assert response.status_code == 200
    assert topics(response) == ["Tố cáo cán bộ địa chính", "Cống tổ 6 bị tắc", "Khiếu nại thu hồi đất"]
    assert "3 lượt tiếp, 7 người được tiếp" in response.content.decode()  # as the dashboard counts them


def test_a_denouncers_identity_stays_sealed(client, people, visits):
    client.force_login(people["officer"])
    html = client.get(reverse("reception:visits")).content.decode()
    assert "Tố cáo cán bộ địa chính" in html and "Giàng A Chứ" not in html
    assert "Danh tính được bảo mật" in html and "Lò Thị Xuân" in html


def test_the_filters_the_dashboard_links_with(client, units, province_leader, visits):
    client.force_login(province_leader)
    url = reverse("reception:visits")
    march = {"date_from": "2026-03-01", "date_to": "2026-03-31"}
    assert set(topics(client.get(url, march))) == {
        "Tố cáo cán bộ địa chính",
        "Cống tổ 6 bị tắc",
        "Đường bản Hon sạt lở",
    }
    commune = units["committee"].parent
    assert set(topics(client.get(url, {**march, "host": commune.pk}))) == {
        "Tố cáo cán bộ địa chính",
        "Cống tổ 6 bị tắc",
    }
    assert topics(client.get(url, {"outcome": "guided"})) == ["Khiếu nại thu hồi đất"]
    assert topics(client.get(url, {"kind": "denunciation"})) == ["Tố cáo cán bộ địa chính"]
    assert topics(client.get(url, {"is_group": "true"})) == ["Khiếu nại thu hồi đất"]
    assert len(topics(client.get(url, {"is_group": "false"}))) == 3


def test_a_host_out_of_scope_is_not_a_choice(client, units, people, visits):
    client.force_login(people["officer"])
    response = client.get(reverse("reception:visits"), {"host": units["other"].pk})
    assert topics(response) == [] and "host" in response.context["filter"].form.errors


def test_the_sessions_page_links_to_the_visits(client, people):
    client.force_login(people["officer"])
    assert reverse("reception:visits") in client.get(reverse("reception:sessions")).content.decode()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_visits_are_paged_by_25_and_a_page_costs_the_same_for_1_or_20_rows(client, units, people, category):
    client.force_login(people["officer"])
    url = reverse("reception:visits")
    session = SessionFactory(date=date(2026, 3, 2), hosts=[units["committee"]])
    visit(session, "Lượt 00", recorder=people["officer"], category=category, kind="denunciation")
    one = count_queries(client, url)
    for n in range(1, 20):
        day = SessionFactory(date=date(2026, 3, 2) - timedelta(days=n), hosts=[units["committee"]])
        visit(day, f"Lượt {n:02d}", recorder=people["officer"], category=category, people=("A", "B"))
    assert len(client.get(url).context["visits"]) == 20
    assert count_queries(client, url) == one
    for n in range(20, 30):
        visit(session, f"Lượt {n:02d}", recorder=people["officer"], category=category)
    response = client.get(url)
    assert len(response.context["visits"]) == 25 and response.context["page_obj"].paginator.num_pages == 2
