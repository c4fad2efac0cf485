"""The citizen lookup reads only what its page shows, in as many queries however long the timeline (issue 14)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from petitions import services
from petitions.models import Kind, Petition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


def lookup(client, petition):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("lookup"), {"code": petition.code, "key": petition.lookup_key})
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries.captured_queries]


def with_public_notes(petition, actor, count):
    for number in range(count):
        services.add_petition_note(petition=petition, actor=actor, note=f"Thông báo số {number + 1}", is_public=True)
    return petition


@pytest.fixture
def chain_of_three(make_petition, people, units):
    """Received at the ward, transferred to Bình Lư, and from there back to the ward: three petitions, open."""
    first = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20))
    services.transfer_petition(petition=first, actor=people["handler"], note="", to_unit=units["other"])
    second = Petition.objects.get(transferred_from=first)
    services.transfer_petition(petition=second, actor=people["stranger"], note="", to_unit=units["committee"])
    assert Petition.objects.filter(transferred_from=second).exists()
    return first


def test_one_public_line_twenty_and_a_chain_of_three_take_the_same_queries(client, make_petition, people,
                                                                           chain_of_three):  # fmt: skip
    one = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20))
    twenty = with_public_notes(make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20)), people["handler"], 19)

    html_one, queries_one = lookup(client, one)
    html_twenty, queries_twenty = lookup(client, twenty)
    html_chain, queries_chain = lookup(client, chain_of_three)

    assert html_one.count('class="list-group-item"') == 1
    assert html_twenty.count('class="list-group-item"') == 20 and "Thông báo số 19" in html_twenty
    assert "UBND xã Bình Lư" in html_chain and html_chain.count("Nhận đơn chuyển đến") == 2
    assert len(queries_one) == len(queries_twenty) == len(queries_chain) <= 8


def test_the_lookup_reads_no_column_the_page_does_not_show(client, make_petition):
    petition = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20), content="Nội dung riêng của đơn")
    html, queries = lookup(client, petition)
    assert "Nội dung riêng" not in html
    # The petition's long texts and the sender's identity are never read, let alone shown.
    for column in ('"content"', '"search_text"', '"summary"', "petitions_petitioner"):
        assert not [sql for sql in queries if column in sql], column


def answered(make_petition, people):
    petition = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20))
    services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 23))
    services.resolve_petition(petition=petition, actor=people["leader"], decided_on=date(2026, 2, 27), text="Đã xử lý.")
    return petition


def test_an_answered_petition_takes_four_queries_however_long_its_timeline(client, make_petition, people):
    short, long = answered(make_petition, people), answered(make_petition, people)
    with_public_notes(long, people["leader"], 20)
    html_short, queries_short = lookup(client, short)
    html_long, queries_long = lookup(client, long)
    assert "Đã xử lý." in html_short and "Thông báo số 20" in html_long
    # The code and key, the chain, its public timeline, the answer: no row read again for a deferred column.
    assert len(queries_short) == len(queries_long) == 4


def test_the_rating_form_is_offered_only_while_the_petition_can_be_rated(client, make_petition, people):
    waiting = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20))
    assert 'name="access"' not in lookup(client, waiting)[0]
    petition = answered(make_petition, people)
    html = lookup(client, petition)[0]
    assert html.count('type="radio"') == 25 and " checked" not in html  # five scores of five, none chosen
    assert 'name="comment"' in html and f'value="{petition.lookup_key}"' in html
    services.rate_petition(petition=petition, scores=dict.fromkeys(["access", "procedures", "official", "result",
                                                                    "feedback_handling"], 4))  # fmt: skip
    rated = lookup(client, petition)[0]
    assert 'name="access"' not in rated and "Đơn này đã được đánh giá. Xin cảm ơn." in rated


def test_a_refused_rating_keeps_what_the_citizen_chose(client, make_petition, people):
    petition = answered(make_petition, people)
    scores = {"access": 5, "procedures": 2, "official": 4, "feedback_handling": 1}  # the result left out
    response = client.post(
        reverse("rate"), {"code": petition.code, "key": petition.lookup_key, "comment": "Chậm trả lời", **scores}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count(" checked") == 4 and 'value="2" id="id_procedures_2" required checked' in html
    assert html.count("Trường này là bắt buộc.") == 1 and "Chậm trả lời</textarea>" in html
    # The next citizen's form is blank again.
    other = answered(make_petition, people)
    assert " checked" not in lookup(client, other)[0]
