"""The compliance page: offered only to who may open it; a unit (with its sub-units, within scope) and a period,
so the dashboard can link to it with its own unit and period; refused input answered in Vietnamese with 400."""

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.accounts.roles import Role
from reception import selectors
from reception.models import ReceptionDuty, ReceptionSession, SessionStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)


@pytest.fixture
def chairmen(units, people):
    stranger = people["stranger"]
    for user, unit in ((people["leader"], units["committee"]), (stranger, units["other"])):
        ReceptionDuty.objects.create(user=user, unit=unit, position="commune_chairman", valid_from=date(2025, 7, 1))
    return {"tan_phong": people["leader"], "binh_lu": stranger}


@pytest.fixture
def province_leader(units):
    return UserFactory(full_name="Giàng Thị Dua", roles=[Role.LEADER], units=[units["province"]])


def held(user, day):
    session = ReceptionSession.objects.create(
        date=day, start_time=time(7, 30), end_time=time(11, 0), place="Trụ sở", presiding_position="Chủ tịch",
        status=SessionStatus.HELD, presided_by=user,
    )  # fmt: skip
    return session


def test_the_button_is_offered_only_to_who_may_open_the_page(client, people):
    client.force_login(people["officer"])
    assert reverse("reception:compliance") not in client.get(reverse("reception:sessions")).content.decode()
    assert client.get(reverse("reception:compliance")).status_code == 403
    client.force_login(people["leader"])
    assert reverse("reception:compliance") in client.get(reverse("reception:sessions")).content.decode()


def test_a_unit_and_a_period_as_the_dashboard_links_them(client, units, chairmen, province_leader):
    for day in (date(2026, 1, 8), date(2026, 2, 5), date(2026, 3, 5)):
        held(chairmen["tan_phong"], day)
    client.force_login(province_leader)
    commune = units["committee"].parent
    response = client.get(
        reverse("reception:compliance"), {"unit": commune.pk, "date_from": "2026-01-01", "date_to": "2026-03-31"}
    )
    assert response.status_code == 200
    (row,) = response.context["rows"]
    assert row.duty.user == chairmen["tan_phong"]
    monthly = [selectors.compliance(ReceptionDuty.objects.filter(pk=row.duty.pk), 2026, m)[0] for m in (1, 2, 3)]
    assert (row.required, row.held) == (sum(r.required for r in monthly), sum(r.held for r in monthly)) != (0, 0)
    assert row.held == 3
    assert response.context["months"] == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    html = response.content.decode()
    assert "01/01/2026 – 31/03/2026" in html and "Phường Tân Phong" in html
    everyone = client.get(reverse("reception:compliance"), {"date_from": "01/01/2026", "date_to": "31/03/2026"})
    assert {r.duty.user for r in everyone.context["rows"]} == set(chairmen.values())


def test_the_default_is_this_month_and_a_month_still_works(client, chairmen):
    client.force_login(chairmen["tan_phong"])
    response = client.get(reverse("reception:compliance"))
    assert response.context["months"] == [date(2026, 3, 1)]
    assert response.context["form"]["date_from"].value() == "01/03/2026"
    assert client.get(reverse("reception:compliance"), {"month": "2026-02"}).context["months"] == [date(2026, 2, 1)]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_from": "31/03/2026", "date_to": "01/01/2026"}, "Ngày kết thúc kỳ không được trước ngày bắt đầu."),
        ({"date_from": "01/01/2023", "date_to": "31/03/2026"}, "Chọn kỳ dài tối đa hai năm."),
        ({"date_from": "16/03/2026", "date_to": "31/03/2026"}, "Kỳ này không có tháng nào được tính"),
        ({"date_from": "01/03/2026"}, "Nhập ngày kết thúc kỳ."),
        ({"month": "2026-13"}, "Chọn tháng theo dạng năm-tháng"),
    ],
)
def test_a_refused_period_is_explained_with_the_input_kept(client, chairmen, query, message):
    client.force_login(chairmen["tan_phong"])
    response = client.get(reverse("reception:compliance"), query)
    html = response.content.decode()
    assert response.status_code == 400 and html.count(message) == 1
    for value in query.values():
        if "/" in value:
            assert f'value="{value}"' in html


def test_a_unit_out_of_scope_is_refused(client, units, chairmen):
    client.force_login(chairmen["tan_phong"])
    response = client.get(reverse("reception:compliance"), {"unit": units["other"].pk})
    assert response.status_code == 400 and "Chọn một đơn vị trong danh sách." in response.content.decode()


def count_queries(client, query):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("reception:compliance"), query).status_code == 200
    return len(queries)


def test_a_year_costs_as_many_queries_as_a_month(client, chairmen, province_leader):
    client.force_login(province_leader)
    one = count_queries(client, {"date_from": "01/03/2026", "date_to": "31/03/2026"})
    assert count_queries(client, {"date_from": "15/12/2024", "date_to": "14/12/2025"}) == one


def test_more_officials_and_months_cost_no_more_queries(client, units, chairmen, province_leader):
    """Working days come from one calendar per report, read a year at a time: twelve months of 2026
    for three officials cost the queries of one month for two."""
    client.force_login(province_leader)
    one = count_queries(client, {"date_from": "01/03/2026", "date_to": "31/03/2026"})
    third = UserFactory(full_name="Lò Văn Pao", roles=[Role.LEADER], units=[units["committee"]])
    ReceptionDuty.objects.create(
        user=third, unit=units["committee"], position="commune_secretary", valid_from=date(2025, 7, 1)
    )
    for day in (date(2026, 2, 5), date(2026, 6, 4), date(2026, 7, 9)):
        held(chairmen["tan_phong"], day)
    assert count_queries(client, {"date_from": "01/02/2026", "date_to": "30/11/2026"}) == one


def test_each_month_says_which_weeks_were_required_and_why(client, chairmen):
    """February 2026 for a commune chairman: the weeks counted with their dates, the Tết week not required,
    the days held in person, and the norm applied with its legal basis."""
    for day in (date(2026, 2, 5), date(2026, 2, 26), date(2026, 3, 5)):
        held(chairmen["tan_phong"], day)
    client.force_login(chairmen["tan_phong"])
    response = client.get(reverse("reception:compliance"), {"date_from": "01/02/2026", "date_to": "31/03/2026"})
    (row,) = response.context["rows"]
    assert [(month.month, month.required, month.held) for month in row.months] == [
        (date(2026, 2, 1), 3, 2),
        (date(2026, 3, 1), 4, 1),
    ]
    html = " ".join(response.content.decode().split())
    assert "Tháng 02/2026" in html and "Tháng 03/2026" in html
    assert "02/02 – 08/02/2026</span>: trực tiếp tiếp ngày 05/02" in html
    assert "09/02 – 15/02/2026</span>: phải tiếp, chưa trực tiếp tiếp buổi nào" in html
    assert (
        "16/02 – 22/02/2026</span>: không bắt buộc: không có ngày làm việc (Giao thừa Tết Nguyên Đán, Tết Nguyên Đán"
        in html
    )
    assert "Định mức áp dụng:" in html and "Luật Tiếp công dân 2013, Điều 15" in html
    assert f'id="official-{row.duty.pk}"' in html and f'href="#official-{row.duty.pk}"' in html


def test_a_swapped_working_saturday_is_named_with_its_announcement(client, chairmen):
    client.force_login(chairmen["tan_phong"])
    html = " ".join(client.get(reverse("reception:compliance"), {"month": "2026-01"}).content.decode().split())
    assert "Thứ Bảy 10/01 là ngày làm việc:" in html and "12729/VPCP-KGVX" in html


def test_the_calendar_is_read_once_per_year_a_weekly_norm_touches(client, chairmen, province_leader):
    """Two years of weekly weeks (7/2025–6/2026) read the calendar for 2025 and 2026: two queries a year,
    never a query per week, month or official."""
    client.force_login(province_leader)
    one = count_queries(client, {"date_from": "01/03/2026", "date_to": "31/03/2026"})
    assert count_queries(client, {"date_from": "01/01/2025", "date_to": "31/12/2026"}) == one + 2
