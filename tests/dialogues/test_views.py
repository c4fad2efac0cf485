"""The dialogue pages: scoping (404 outside), the steps through the pages, the public calendar and its feed,
and the figures."""

from datetime import date, time

import pytest
from django.urls import reverse
from django.utils import translation

from dialogues import services
from dialogues.models import Dialogue
from dialogues.workflow import DialogueStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2024-03-21 09:00 +0700", tick=False)


def login(client, user):
    client.force_login(user)
    return client


def test_an_official_outside_the_units_gets_404(client, world, plan):
    dialogue = services.record_dialogue_held(dialogue=plan(), actor=world["officer"], attendance=1, summary="x")
    commitment = services.add_dialogue_commitment(
        dialogue=dialogue, actor=world["officer"], text="Sửa đường", responsible_unit=world["committee"],
        due_date=date(2024, 4, 30),
    )  # fmt: skip
    login(client, world["stranger"])
    assert client.get(reverse("dialogues:dialogue", args=[dialogue.pk])).status_code == 404
    assert client.get(reverse("dialogues:commitment", args=[commitment.pk])).status_code == 404
    response = client.post(reverse("dialogues:cancel", args=[dialogue.pk]), {"reason": "x"})
    assert response.status_code == 404
    listing = client.get(reverse("dialogues:dialogues"))
    assert listing.status_code == 200 and dialogue.topic not in listing.content.decode()


def test_the_responsible_unit_sees_the_commitment_but_not_the_dialogue(client, world, plan):
    dialogue = services.record_dialogue_held(dialogue=plan(), actor=world["officer"], attendance=1, summary="x")
    commitment = services.add_dialogue_commitment(
        dialogue=dialogue, actor=world["officer"], text="Rà soát đơn giá", responsible_unit=world["department"],
        due_date=date(2024, 4, 30),
    )  # fmt: skip
    login(client, world["director"])
    assert client.get(reverse("dialogues:dialogue", args=[dialogue.pk])).status_code == 404
    page = client.get(reverse("dialogues:commitment", args=[commitment.pk]))
    assert page.status_code == 200 and page.context["form"] is not None
    response = client.post(
        reverse("dialogues:complete_commitment", args=[commitment.pk]),
        {"done_on": "21/03/2024", "result": "Đã điều chỉnh đơn giá"},
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == "done"


def test_planning_through_the_page(client, world):
    login(client, world["officer"])
    assert client.get(reverse("dialogues:plan")).status_code == 200
    data = {
        "unit": world["committee"].pk, "head": world["chairman"].pk, "position": "commune_chairman",
        "topic": "Chỉnh trang đô thị", "commune": world["commune"].pk, "date": "28/03/2024",
        "start_time": "08:00", "end_time": "10:30", "place": "Hội trường UBND phường", "is_published": "on",
    }  # fmt: skip
    response = client.post(reverse("dialogues:plan"), data)
    assert response.status_code == 302, response.context["form"].errors
    dialogue = Dialogue.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("dialogues:dialogue", args=[dialogue.pk])
    assert dialogue.created_by == world["officer"] and dialogue.end_time == time(10, 30)


def test_planning_refuses_bad_input_with_the_reason(client, world):
    login(client, world["officer"])
    data = {
        "unit": world["committee"].pk, "head": world["chairman"].pk, "position": "commune_chairman",
        "topic": "Chỉnh trang đô thị", "date": "28/03/2024", "start_time": "10:00", "end_time": "08:00",
        "place": "Hội trường", "petition": "KN-0000",
    }  # fmt: skip
    with translation.override("vi"):
        response = client.post(reverse("dialogues:plan"), data, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"audience", "end_time", "petition"} <= set(errors)
    assert not Dialogue.objects.exists()


def test_the_heads_position_is_chosen_not_preset_and_must_fit_the_unit(client, world):
    login(client, world["officer"])
    form = client.get(reverse("dialogues:plan")).content.decode()
    assert '<option value="" selected>Chọn chức vụ người chủ trì</option>' in form
    data = {
        "unit": world["committee"].pk, "head": world["chairman"].pk, "position": "province_secretary",
        "topic": "Chỉnh trang đô thị", "commune": world["commune"].pk, "date": "28/03/2024",
        "start_time": "08:00", "end_time": "10:30", "place": "Hội trường UBND phường",
    }  # fmt: skip
    response = client.post(reverse("dialogues:plan"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["position"] == [
        f"Chức vụ này không phải của người đứng đầu {world['committee'].name}."
    ]
    assert not Dialogue.objects.exists()


def test_a_stranger_cannot_plan_for_another_unit(client, world):
    login(client, world["stranger"])
    data = {
        "unit": world["committee"].pk, "head": world["chairman"].pk, "position": "commune_chairman",
        "topic": "X", "commune": world["commune"].pk, "date": "28/03/2024", "start_time": "08:00",
        "end_time": "10:00", "place": "Hội trường",
    }  # fmt: skip
    response = client.post(reverse("dialogues:plan"), data)
    assert response.status_code == 400 and "unit" in response.context["form"].errors
    assert not Dialogue.objects.exists()


def test_recording_the_dialogue_held_then_issues_through_the_page(client, world, plan):
    dialogue = plan()
    login(client, world["officer"])
    page = client.get(reverse("dialogues:dialogue", args=[dialogue.pk]))
    assert page.context["held_form"] is not None and page.context["issue_form"] is None
    client.post(reverse("dialogues:record_held", args=[dialogue.pk]), {"attendance": "60", "summary": "Tốt"})
    client.post(
        reverse("dialogues:add_issue", args=[dialogue.pk]),
        {"raised_by": "Cử tri tổ 5", "text": "Đèn đường hỏng", "answer": "Sửa trong tuần"},
    )
    dialogue.refresh_from_db()
    assert dialogue.status == DialogueStatus.HELD and dialogue.issues.get().raised_by == "Cử tri tổ 5"
    refused = client.post(reverse("dialogues:add_issue", args=[dialogue.pk]), {"raised_by": "", "text": ""})
    assert refused.status_code == 400


def test_the_public_calendar_shows_a_planned_dialogue_and_hides_a_cancelled_one(client, world, plan):
    shown = plan(date=date(2024, 3, 28), topic="Đối thoại về chỉnh trang đô thị")
    cancelled = plan(date=date(2024, 3, 29), topic="Đối thoại về giá nước sạch")
    services.cancel_dialogue(dialogue=cancelled, actor=world["officer"], reason="Trùng lịch")
    plan(date=date(2024, 3, 30), topic="Đối thoại nội bộ không công bố", is_published=False)
    page = client.get(reverse("calendar")).content.decode()
    assert shown.topic in page and 'data-testid="calendar-dialogue"' in page
    assert cancelled.topic not in page and "không công bố" not in page
    # Public fields only: no participant's name.
    assert "Nguyễn Văn An" not in page
    filtered = client.get(reverse("calendar"), {"unit": world["commune"].pk}).content.decode()
    assert shown.topic in filtered
    feed = client.get(reverse("calendar_feed", args=[world["commune"].pk])).content.decode()
    assert f"UID:dialogue-{shown.pk}@danvan" in feed and "giá nước sạch" not in feed
    other = client.get(reverse("calendar_feed", args=[world["other"].pk])).content.decode()
    assert "dialogue-" not in other


def test_the_figures_count_dialogues_per_head_and_commitments_on_time(client, world, plan, time_machine):
    time_machine.move_to("2024-07-10 09:00 +0700", tick=False)
    first = services.record_dialogue_held(dialogue=plan(), actor=world["officer"], attendance=1, summary="x")
    services.record_dialogue_held(
        dialogue=plan(date=date(2024, 6, 5)), actor=world["officer"], attendance=1, summary="y"
    )
    services.cancel_dialogue(dialogue=plan(date=date(2024, 8, 5)), actor=world["officer"], reason="Bão")
    plan(date=date(2023, 5, 5))  # another year
    kept = services.add_dialogue_commitment(
        dialogue=first, actor=world["officer"], text="A", responsible_unit=world["committee"],
        due_date=date(2024, 4, 30),
    )  # fmt: skip
    services.complete_commitment(commitment=kept, actor=world["officer"], done_on=date(2024, 4, 2), result="Xong")
    services.add_dialogue_commitment(
        dialogue=first, actor=world["officer"], text="B", responsible_unit=world["committee"],
        due_date=date(2024, 5, 30),
    )  # fmt: skip
    login(client, world["chairman"])
    response = client.get(reverse("dialogues:figures"), {"year": "2024"})
    [row] = response.context["rows"]
    assert (row["held"], row["cancelled"], row["planned"]) == (2, 1, 0)
    # The seeded default: two a year for a commune chairman, one of them due by the end of June.
    assert (row["expected"], row["expected_so_far"], row["met"]) == (2, 1, True)
    assert (row["commitments"], row["on_time"], row["overdue"]) == (2, 1, 1)
    assert response.context["totals"]["on_time_rate"] == 50
    page = response.content.decode()
    assert "Đã tổ chức" in page and "Đã tiếp" not in page  # the dialogue's "held", not a reception's
    login(client, world["stranger"])
    assert client.get(reverse("dialogues:figures"), {"year": "2024"}).context["rows"] == []
    workbook = client.get(reverse("dialogues:figures"), {"year": "2024", "format": "xlsx"})
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_petition_page_lists_the_dialogue_held_about_it(client, units, people, make_petition):
    petition = make_petition(received=date(2024, 3, 1))
    other = make_petition(received=date(2024, 3, 1))
    committee = units["committee"]
    dialogue = services.plan_dialogue(
        actor=people["officer"], unit=committee, head=people["leader"], position="commune_chairman",
        commune=committee.parent, topic="Đối thoại với hộ ông An về bồi thường", date=date(2024, 3, 28),
        start_time=time(8, 0), end_time=time(10, 0), place="Trụ sở UBND phường", petition=petition,
    )  # fmt: skip
    login(client, people["leader"])
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert 'data-testid="petition-dialogues"' in page and reverse("dialogues:dialogue", args=[dialogue.pk]) in page
    unrelated = client.get(reverse("petitions:detail", args=[other.pk])).content.decode()
    assert 'data-testid="petition-dialogues"' not in unrelated
    page = client.get(reverse("dialogues:dialogue", args=[dialogue.pk])).content.decode()
    assert reverse("petitions:detail", args=[petition.pk]) in page


def test_the_list_pages_make_as_many_queries_for_many_rows_as_for_one(client, world, plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(name):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name)).status_code == 200
        return len(captured)

    first = services.record_dialogue_held(dialogue=plan(), actor=world["officer"], attendance=1, summary="x")
    services.add_dialogue_commitment(
        dialogue=first, actor=world["officer"], text="A", responsible_unit=world["committee"],
        due_date=date(2024, 4, 30),
    )  # fmt: skip
    login(client, world["chairman"])
    one = {name: queries(name) for name in ("dialogues:dialogues", "dialogues:commitments")}
    for day in (22, 25, 26, 27):
        dialogue = services.record_dialogue_held(
            dialogue=plan(date=date(2024, 3, day - 10)), actor=world["officer"], attendance=1, summary="x"
        )
        services.add_dialogue_commitment(
            dialogue=dialogue, actor=world["officer"], text="B", responsible_unit=world["department"],
            due_date=date(2024, 4, day),
        )  # fmt: skip
    assert {name: queries(name) for name in one} == one


def test_the_dashboard_counts_the_years_dialogues_heads_behind_and_commitments_on_time(
    client, world, plan, time_machine
):
    time_machine.move_to("2024-07-10 09:00 +0700", tick=False)
    held = services.record_dialogue_held(dialogue=plan(), actor=world["officer"], attendance=1, summary="x")
    kept = services.add_dialogue_commitment(
        dialogue=held, actor=world["officer"], text="A", responsible_unit=world["committee"],
        due_date=date(2024, 4, 30),
    )  # fmt: skip
    services.complete_commitment(commitment=kept, actor=world["officer"], done_on=date(2024, 4, 2), result="Xong")
    services.add_dialogue_commitment(
        dialogue=held, actor=world["officer"], text="B", responsible_unit=world["committee"],
        due_date=date(2024, 5, 30),
    )  # fmt: skip
    login(client, world["chairman"])
    response = client.get("/dashboard/", {"period": "year", "year": "2024"})
    figures = response.context["figures"]["grassroots"]["dialogues"]
    # One held of the two a year a commune chairman owes, one due by June: on track; one commitment of two on time.
    assert (figures["held"], figures["heads"], figures["heads_behind"]) == (1, 1, 0)
    assert figures["on_time_rate"] == 50
    assert "Cam kết sau đối thoại thực hiện đúng hạn" in response.content.decode()
