"""The register at scale: constant queries per page, handler choices from the memberships, no DISTINCT, a count
that stops at a bound and says so, pages read by id, and (on PostgreSQL) the indexes the plans use."""

from datetime import date, timedelta
from io import BytesIO
from types import SimpleNamespace

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from petitions import pagination, selectors, services, views
from petitions.filters import PetitionFilter
from petitions.models import Kind, Petition
from petitions.pagination import BoundedPaginator
from petitions.permissions import scope
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


@pytest.fixture
def province_leader(units):
    return UserFactory(full_name="Giàng A Lử", roles=[Role.LEADER], units=[units["province"]])


def register(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("petitions:list"), params)
    assert response.status_code == 200
    return response, len(queries)


# -- queries per page ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["province_leader", "commune_handler"])
@pytest.mark.parametrize("params", [{}, {"status": "received"}, {"q": "dat dai"}], ids=["all", "status", "search"])
def test_the_register_makes_as_many_queries_for_20_rows_as_for_1(
    client, make_petition, people, province_leader, who, params
):
    user = province_leader if who == "province_leader" else people["handler"]

    def petition(n):
        # Two petitioners, a handler and a running deadline each: every column of the row has something to show.
        made = make_petition(
            summary=f"Tranh chấp đất đai số {n}", petitioners=[{"full_name": "Lò Thị Mai"}, {"full_name": "Lò Văn Páo"}]
        )
        services.assign_petition(petition=made, handler=people["handler"], actor=people["leader"])
        return made

    client.force_login(user)
    first = petition(0)
    response, one = register(client, **params)
    assert first.code in response.content.decode()
    later = [petition(n) for n in range(1, 20)]
    response, twenty = register(client, **params)
    html = response.content.decode()
    assert all(p.code in html for p in [first, *later]) and "20 đơn" in html
    assert twenty == one


# -- the handler filter's choices -----------------------------------------------------------------------------


def handler_choices(user, **data):
    return list(PetitionFilter(data, queryset=selectors.petition_list(user), user=user).form.fields["handler"].queryset)


def test_the_handler_choices_are_the_assignable_members_of_the_units_in_scope(people, units, province_leader):
    idle = UserFactory(full_name="Hà Văn Nhàn", roles=[Role.HANDLER], units=[units["committee"]])  # handles nothing
    UserFactory(roles=[Role.HANDLER], units=[units["committee"]], is_active=False)
    with CaptureQueriesContext(connection) as queries:
        offered = handler_choices(people["leader"])
    assert set(offered) == {people["handler"], people["colleague"], people["leader"], idle}  # not the officer
    assert not any("petitions_petition" in q["sql"] for q in queries.captured_queries)  # never reads petitions
    assert people["other_handler"] in handler_choices(province_leader)  # the province sees every commune's
    assert people["other_handler"] not in offered


def test_a_handler_who_left_the_unit_stays_a_valid_choice_while_selected(client, make_petition, people):
    petition = make_petition(summary="Đơn do cán bộ cũ xử lý")
    services.assign_petition(petition=petition, handler=people["colleague"], actor=people["leader"])
    make_petition(summary="Đơn khác")
    Membership.objects.filter(user=people["colleague"]).delete()  # moved to another body
    leader = people["leader"]
    assert people["colleague"] not in handler_choices(leader)
    assert people["colleague"] in handler_choices(leader, handler=str(people["colleague"].pk))
    client.force_login(leader)
    response, _queries = register(client, handler=people["colleague"].pk)
    html = response.content.decode()
    assert "Đơn do cán bộ cũ xử lý" in html and "Đơn khác" not in html and "1 đơn" in html
    # An official who never handled a petition the leader sees is no choice, even when asked for.
    stranger = people["other_handler"]
    assert stranger not in handler_choices(leader, handler=str(stranger.pk))
    response, _queries = register(client, handler=stranger.pk)
    assert "Đơn khác" not in response.content.decode()


def test_the_selects_show_what_is_chosen_and_escape_names(client, people, units):
    units["committee"].name = 'UBND phường Tân Phong & "Đoàn"'
    units["committee"].save()
    client.force_login(people["leader"])
    response, _queries = register(client, status=["received", "accepted"], handler=people["handler"].pk)
    html = response.content.decode()
    statuses = html.split('<select name="status"', 1)[1].split("</select>", 1)[0]
    assert statuses.startswith(' class="quickselectmultiple form-select" id="id_status" multiple>')
    assert '<option value="received" selected>' in statuses and '<option value="accepted" selected>' in statuses
    assert '<option value="closed">' in statuses
    assert f'<option value="{people["handler"].pk}" selected>Phạm Quốc Bảo</option>' in html
    assert "UBND phường Tân Phong &amp; &quot;Đoàn&quot;</option>" in html


# -- no DISTINCT, no repeated rows ------------------------------------------------------------------------------

EVERY_FILTER = [
    {"q": "dat dai"},
    {"kind": [Kind.COMPLAINT_FIRST, Kind.DENUNCIATION]},
    {"status": ["received", "accepted"]},
    {"unit": "committee"},
    {"handler": "handler"},
    {"category": "category"},
    {"channel": "in_person"},
    {"received_from": "01/02/2026", "received_to": "02/03/2026"},
    {"overdue": "false"},
    {"due_within": "30"},
    {"escalated": "false"},
    {"accepted": "true"},
    {"resolved": "false"},
    {"repeated": "false"},
    {"is_group": "false"},
    {"is_anonymous": "false"},
    {"is_skipped_level": "false"},
    {"mine": "true"},
    *[{"order": order} for order in ("code", "-received", "deadline", "-status", "unit")],
]


@pytest.mark.parametrize("params", EVERY_FILTER, ids=lambda params: "+".join(params))
def test_no_filter_makes_the_register_distinct_or_repeat_a_row(make_petition, people, units, category, params):
    # Two petitioners and two running deadlines (the resolution period and the denouncer's notice), which a
    # join to either would repeat.
    petition = make_petition(
        kind=Kind.DENUNCIATION, received=date(2026, 2, 25), petitioners=[{"full_name": "A"}, {"full_name": "B"}]
    )
    services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 27))
    services.assign_petition(petition=petition, handler=people["handler"], actor=people["leader"])
    objects = {"committee": units["committee"].pk, "handler": people["handler"].pk, "category": category.pk}
    data = {name: objects.get(value, value) if isinstance(value, str) else value for name, value in params.items()}
    unfiltered = selectors.petition_list(people["handler"])
    filterset = PetitionFilter(data, queryset=unfiltered, user=people["handler"])
    assert filterset.is_valid(), filterset.errors
    sql = str(filterset.qs.query)
    assert "DISTINCT" not in sql.upper()
    assert sql.count("JOIN") == str(unfiltered.query).count("JOIN")  # the row's own joins, to one row each
    assert [p.pk for p in filterset.qs] == [petition.pk]


# -- the scope the register lists by ---------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [selectors.LISTED_UNITS_LIMIT, 1], ids=["ids", "beyond the limit: subquery"])
def test_the_listed_scope_is_the_permission_scope(
    make_petition, people, units, category, province_leader, monkeypatch, limit
):
    monkeypatch.setattr(selectors, "LISTED_UNITS_LIMIT", limit)
    make_petition(summary="Tân Phong")
    services.create_petition(
        actor=people["stranger"],
        data={
            "kind": Kind.FEEDBACK,
            "channel": "in_person",
            "received_date": date(2026, 2, 20),
            "receiving_unit": units["other"],
            "category": category,
            "summary": "Bình Lư",
            "content": "Đường hỏng",
        },
        petitioners=[{"full_name": "Lò Văn Páo"}],
    )
    handled_elsewhere = Petition.objects.get(summary="Bình Lư")
    services.assign_petition(petition=handled_elsewhere, handler=people["stranger"], actor=people["stranger"])
    inactive = UserFactory(roles=[Role.LEADER], units=[units["committee"]], is_active=False)
    for user in [*people.values(), province_leader, inactive]:
        listed = set(selectors.petition_list(user).values_list("pk", flat=True))
        assert listed == set(Petition.objects.filter(scope(user)).values_list("pk", flat=True)), user
    assert len(selectors.petition_list(province_leader)) == 2 and not selectors.petition_list(inactive).exists()


# -- the bounded count ------------------------------------------------------------------------------------------


@pytest.fixture
def six(make_petition):
    """Six petitions, newest first, one a day."""
    made = [make_petition(summary=f"Đơn số {n}", received=date(2026, 2, 1) + timedelta(days=n)) for n in range(6)]
    return made[::-1]


def test_the_paginator_counts_up_to_its_bound_and_says_whether_there_are_more(six, people):
    rows = selectors.petition_list(people["leader"])
    first = BoundedPaginator(rows, 2, wanted="1", limit=3)
    with CaptureQueriesContext(connection) as queries:
        assert (first.count, first.is_exact, first.num_pages) == (4, False, 2)  # page 1 counts up to page 2
    assert "LIMIT 5" in queries.captured_queries[0]["sql"] and "summary" not in queries.captured_queries[0]["sql"]
    assert list(first.page(1)) == six[:2] and first.page(1).has_next()
    assert BoundedPaginator(rows, 5, wanted="1", limit=3).count == 6  # up to page 2: all of them
    deep = BoundedPaginator(rows, 2, wanted="2", limit=3)
    assert (deep.count, deep.is_exact) == (6, True) and list(deep.page(2)) == six[2:4]
    last = BoundedPaginator(rows, 2, wanted="last", limit=3)
    assert (last.count, last.is_exact, last.num_pages) == (6, True, 3) and list(last.page(3)) == six[4:]
    assert BoundedPaginator(rows, 2, wanted="nonsense", limit=10).count == 6


@pytest.mark.parametrize("order", ["-received", "deadline", "-deadline", "status", "-code"])
def test_pages_near_the_end_read_backwards_and_find_the_same_rows(make_petition, people, order):
    for n in range(7):
        petition = make_petition(summary=f"Đơn số {n}", received=date(2026, 2, 2) + timedelta(days=n % 3))
        if n % 2:  # some accepted (a running deadline), some transferred (none: sorted last either way)
            services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 27))
        elif n % 3 == 0:
            services.transfer_petition(
                petition=petition, actor=people["leader"], note="", to_unit=people["stranger"].units.get()
            )
    rows = PetitionFilter(
        {"order": order}, queryset=selectors.petition_list(people["leader"]), user=people["leader"]
    ).qs
    paginator = BoundedPaginator(rows, 3, wanted="last")
    pages = [list(paginator.page(number)) for number in paginator.page_range]
    assert [p for page in pages for p in page] == list(rows) and [len(page) for page in pages] == [3, 3, 1]


def test_the_register_says_more_than_beyond_the_bound_and_the_last_page_works(client, six, people, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 3)
    monkeypatch.setattr(views, "PAGE_SIZES", (2, 5))
    client.force_login(people["leader"])
    html = register(client)[0].content.decode()
    assert "Hơn 4 đơn" in html and "hơn 4" in html and "1 / hơn 2" in html  # 6 match; it counted 5 of them
    assert "Đơn số 5" in html and "Đơn số 4" in html and "Đơn số 3" not in html
    assert 'href="?page=last"' in html and 'href="?page=2"' in html
    last = register(client, page="last")[0].content.decode()
    assert "6 đơn" in last and "3 / 3" in last and "Hơn" not in last
    assert "Đơn số 1" in last and "Đơn số 0" in last and "Đơn số 2" not in last
    second = register(client, page=2)[0].content.decode()
    assert "Đơn số 3" in second and "Đơn số 2" in second
    assert register(client, size=5)[0].content.decode().count("Đơn số") == 5


def test_the_pagination_writes_large_numbers_as_officials_do(rf):
    page = SimpleNamespace(
        number=400, start_index=9976, end_index=10000, has_previous=True, previous_page_number=399,
        has_next=True, next_page_number=401, paginator=SimpleNamespace(is_exact=False, count=10_025, num_pages=401),
    )  # fmt: skip
    html = render_to_string(
        "petitions/includes/register_pagination.html", {"page_obj": page}, request=rf.get("/", {"page": "400"})
    )
    assert "Đang hiển thị 9.976–10.000 trong hơn 10.025" in html and "400 / hơn 401" in html
    assert 'href="?page=last"' in html and 'href="?page=401"' in html and 'href="?page=1"' in html


def test_the_export_holds_every_petition_however_many_the_register_counts(client, six, people, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 2)
    monkeypatch.setattr(views, "PAGE_SIZES", (2,))
    client.force_login(people["leader"])
    response = client.get(reverse("petitions:export"))
    cells = [str(cell.value) for row in load_workbook(BytesIO(response.content)).active.iter_rows() for cell in row]
    assert all(p.code in cells for p in six)


# -- PostgreSQL: the indexes the register's plans need ---------------------------------------------------------

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL indexes and plans")


def plan(queryset, *, off=("seqscan",)):
    """The query's plan with some ways of reading turned off: over a handful of rows the planner would read
    the table and sort, so the test turns that off to see whether an index can do the work instead, as the
    planner chooses at hundreds of thousands of rows (see the EXPLAINs in the register's commit)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        for way in off:
            cursor.execute(f"SET LOCAL enable_{way} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@postgresql_only
def test_search_uses_the_trigram_index(make_petition, people):
    make_petition()
    rows = selectors.search(Petition.objects.order_by(), "bồi thường").values("pk")
    assert "petition_search_trgm_idx" in plan(rows)
    assert list(rows) != []


NO_SORT = ("seqscan", "bitmapscan", "sort", "incremental_sort")


@postgresql_only
def test_the_register_order_is_read_from_an_index(make_petition, people):
    make_petition()
    newest = Petition.objects.order_by("-received_date", "-pk").values("pk")[:25]
    assert "Scan Backward using petition_received_id_idx" in plan(newest, off=NO_SORT)
    closed = Petition.objects.filter(status="closed").order_by("-received_date", "-pk").values("pk")[:25]
    assert "Scan Backward using petition_status_received_idx" in plan(closed, off=NO_SORT)


def test_without_postgresql_there_is_no_trigram_index():
    if connection.vendor == "postgresql":
        pytest.skip("the SQLite path")
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, Petition._meta.db_table)
    assert "petition_search_trgm_idx" not in indexes and "petition_received_id_idx" in indexes
