"""The sessions list and the voter meetings list: scope, filters, pages, and a query count that does not grow."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind
from reception.workflow import SessionStatus
from tests.factories import SessionFactory, UnitFactory, UserFactory, VoterMeetingFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)


@pytest.fixture
def province_leader(units):
    return UserFactory(full_name="Giàng Thị Dua", roles=[Role.LEADER], units=[units["province"]])


@pytest.fixture
def councils(units):
    return {
        "tan_phong": UnitFactory(
            name="HĐND phường Tân Phong", kind=UnitKind.PEOPLE_COUNCIL, parent=units["committee"].parent
        ),
        "binh_lu": UnitFactory(name="HĐND xã Bình Lư", kind=UnitKind.PEOPLE_COUNCIL, parent=units["other"].parent),
    }


def places(response, name):
    return [obj.place for obj in response.context[name]]


# Sessions


def test_the_list_starts_a_month_back_and_shows_only_the_users_units(client, units, people):
    SessionFactory(date=date(2026, 1, 5), place="Tháng Một", hosts=[units["committee"]])
    SessionFactory(date=TODAY, place="Hôm nay", hosts=[units["committee"]])
    SessionFactory(date=date(2026, 4, 1), place="Tháng Tư", hosts=[units["committee"]])
    SessionFactory(date=TODAY, place="Xã khác", hosts=[units["other"]])
    client.force_login(people["officer"])
    response = client.get(reverse("reception:sessions"))
    assert places(response, "sessions") == ["Hôm nay", "Tháng Tư"]
    assert response.context["filter"].form["date_from"].value() == "07/02/2026"
    assert places(client.get(reverse("reception:sessions"), {"date_from": ""}), "sessions") == [
        "Tháng Một",
        "Hôm nay",
        "Tháng Tư",
    ]
    january = {"date_from": "01/01/2026", "date_to": "31/01/2026"}
    assert places(client.get(reverse("reception:sessions"), january), "sessions") == ["Tháng Một"]


def test_sessions_filter_by_host_status_and_ad_hoc(client, units, province_leader):
    SessionFactory(place="Tân Phong định kỳ", hosts=[units["committee"]])
    SessionFactory(place="Tân Phong đột xuất", is_ad_hoc=True, hosts=[units["committee"]])
    SessionFactory(place="Bình Lư đã hủy", status=SessionStatus.CANCELLED, hosts=[units["other"]])
    client.force_login(province_leader)
    url = reverse("reception:sessions")
    commune = units["committee"].parent
    assert places(client.get(url, {"host": commune.pk}), "sessions") == ["Tân Phong định kỳ", "Tân Phong đột xuất"]
    assert places(client.get(url, {"host": units["other"].pk}), "sessions") == ["Bình Lư đã hủy"]
    assert places(client.get(url, {"status": "cancelled"}), "sessions") == ["Bình Lư đã hủy"]
    assert places(client.get(url, {"is_ad_hoc": "true"}), "sessions") == ["Tân Phong đột xuất"]
    assert len(places(client.get(url, {"is_ad_hoc": "false"}), "sessions")) == 2


def test_a_host_out_of_scope_is_not_a_choice(client, units, people):
    SessionFactory(place="Tân Phong", hosts=[units["committee"]])
    client.force_login(people["officer"])
    response = client.get(reverse("reception:sessions"), {"host": units["other"].pk})
    assert response.status_code == 200 and places(response, "sessions") == []
    assert "host" in response.context["filter"].form.errors


def test_sessions_are_paged_by_25(client, units, people):
    for offset in range(30):
        SessionFactory(date=TODAY + timedelta(days=offset), place=f"Buổi {offset:02d}", hosts=[units["committee"]])
    client.force_login(people["officer"])
    first = client.get(reverse("reception:sessions"))
    assert len(first.context["sessions"]) == 25 and first.context["page_obj"].paginator.num_pages == 2
    assert "page=2" in first.content.decode()
    second = client.get(reverse("reception:sessions"), {"page": 2})
    assert places(second, "sessions") == [f"Buổi {n}" for n in range(25, 30)]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_sessions_list_makes_as_many_queries_for_20_rows_as_for_1(client, units, people, councils):
    client.force_login(people["officer"])
    url = reverse("reception:sessions")
    SessionFactory(hosts=[units["committee"], councils["tan_phong"]])
    one = count_queries(client, url)
    for offset in range(1, 20):
        SessionFactory(date=TODAY + timedelta(days=offset), hosts=[units["committee"], councils["tan_phong"]])
    assert len(client.get(url).context["sessions"]) == 20
    assert count_queries(client, url) == one


# Voter meetings


def test_voter_meetings_of_the_users_councils_filtered_by_council_and_date(client, councils, province_leader, people):
    VoterMeetingFactory(council=councils["tan_phong"], date=date(2026, 3, 5), place="Tổ 14")
    VoterMeetingFactory(council=councils["tan_phong"], date=date(2025, 11, 20), place="Tổ 3")
    VoterMeetingFactory(council=councils["binh_lu"], date=date(2026, 3, 2), place="Bản Hon")
    url = reverse("reception:voter_meetings")
    client.force_login(province_leader)
    assert places(client.get(url), "meetings") == ["Tổ 14", "Bản Hon", "Tổ 3"]
    assert places(client.get(url, {"council": councils["binh_lu"].pk}), "meetings") == ["Bản Hon"]
    assert places(client.get(url, {"date_from": "01/01/2026"}), "meetings") == ["Tổ 14", "Bản Hon"]
    assert places(client.get(url, {"date_to": "31/12/2025"}), "meetings") == ["Tổ 3"]
    client.force_login(people["stranger"])  # Bình Lư's committee: its commune's council, not Tân Phong's
    assert places(client.get(url), "meetings") == ["Bản Hon"]


def test_voter_meetings_are_paged_by_25(client, councils, province_leader):
    for offset in range(27):
        VoterMeetingFactory(council=councils["tan_phong"], date=date(2026, 3, 1) - timedelta(days=offset))
    client.force_login(province_leader)
    response = client.get(reverse("reception:voter_meetings"), {"page": 2})
    assert len(response.context["meetings"]) == 2 and response.context["page_obj"].number == 2


def test_the_voter_meetings_list_makes_as_many_queries_for_20_rows_as_for_1(client, councils, province_leader):
    client.force_login(province_leader)
    url = reverse("reception:voter_meetings")
    VoterMeetingFactory(council=councils["tan_phong"])
    one = count_queries(client, url)
    for offset in range(1, 20):
        council = councils["tan_phong"] if offset % 2 else councils["binh_lu"]
        VoterMeetingFactory(council=council, date=date(2026, 3, 1) - timedelta(days=offset))
    assert len(client.get(url).context["meetings"]) == 20
    assert count_queries(client, url) == one
