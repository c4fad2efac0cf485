from datetime import date, time
from io import BytesIO

import pytest
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from danvan.accounts.roles import Role
from danvan.alerts import tasks as alert_tasks
from danvan.notifications.models import Notification
from danvan.orgunits.models import UnitKind
from petitions.models import Category, Petition
from reception.models import ReceptionSession, SessionStatus, VoterMeeting
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)


@pytest.fixture
def setup():
    commune = UnitFactory(name="Phường Tân Phong", kind=UnitKind.COMMUNE)
    committee = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE, parent=commune)
    officer = UserFactory(full_name="Lường Thị Thu", roles=[Role.RECEPTION_OFFICER], units=[committee])
    chairman = UserFactory(full_name="Đỗ Văn Long", roles=[Role.LEADER], units=[committee])
    session = ReceptionSession.objects.create(
        date=date(2026, 3, 10), start_time=time(7, 30), end_time=time(11, 30), place="Trụ sở UBND phường",
        presiding_position="Chủ tịch UBND phường", presiding=chairman,
    )  # fmt: skip
    session.hosts.set([committee])
    stranger = UserFactory(roles=[Role.RECEPTION_OFFICER], units=[UnitFactory(name="UBND xã khác")])
    return {"committee": committee, "officer": officer, "chairman": chairman, "session": session, "stranger": stranger}


def visit_post(**changes):
    data = {
        "visit-kind": "complaint_1",
        "visit-category": Category.objects.get(name="Đất đai").pk,
        "visit-topic": "Khiếu nại việc thu hồi đất tổ 12",
        "visit-citizen_count": "1",
        "visit-outcome": "petition",
        "visit-visitors": "Lò Văn Pọm; 012078001245; Tổ 12",
        "visit-petition_content": "Không đồng ý mức bồi thường.",
    }
    data.update(changes)
    return data


def test_a_visit_with_a_petition_creates_it_in_the_petitions_queue(client, setup):
    client.force_login(setup["officer"])
    response = client.post(reverse("reception:record_visit", args=[setup["session"].pk]), visit_post())
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.channel == "in_person" and petition.received_date == date(2026, 3, 10)
    assert petition.receiving_unit == setup["committee"]
    assert petition.petitioners.get().citizen_id == "012078001245"
    assert petition.due_date == date(2026, 3, 20)  # 10 days to accept a complaint


def test_a_refusal_needs_its_legal_reason_and_keeps_the_input(client, setup):
    client.force_login(setup["officer"])
    response = client.post(
        reverse("reception:record_visit", args=[setup["session"].pk]), visit_post(**{"visit-outcome": "refused"})
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Chọn lý do từ chối tiếp theo quy định" in html
    assert "Khiếu nại việc thu hồi đất tổ 12" in html


def test_a_bad_citizen_id_line_is_explained(client, setup):
    client.force_login(setup["officer"])
    html = client.post(
        reverse("reception:record_visit", args=[setup["session"].pk]),
        visit_post(**{"visit-visitors": "Lò Văn Pọm; 123"}),
    ).content.decode()
    assert "Dòng 1" in html and "12 chữ số" in html


def test_another_units_officer_gets_404(client, setup):
    client.force_login(setup["stranger"])
    assert client.get(reverse("reception:session", args=[setup["session"].pk])).status_code == 404


def test_held_needs_who_presided(client, setup):
    client.force_login(setup["officer"])
    url = reverse("reception:set_status", args=[setup["session"].pk])
    assert "Ghi rõ ai trực tiếp chủ trì" in client.post(url, {"status-status": "held"}).content.decode()
    client.post(url, {"status-status": "held", "status-presided_by": setup["chairman"].pk})
    setup["session"].refresh_from_db()
    assert setup["session"].status == SessionStatus.HELD and setup["session"].presided_by == setup["chairman"]


def test_reception_book_export_seals_denouncers(client, setup):
    client.force_login(setup["officer"])
    client.post(reverse("reception:record_visit", args=[setup["session"].pk]), visit_post())
    client.post(
        reverse("reception:record_visit", args=[setup["session"].pk]),
        visit_post(
            **{
                "visit-kind": "denunciation",
                "visit-topic": "Tố cáo cán bộ",
                "visit-visitors": "Giàng A Chứ; 012090007731",
            }
        ),
    )
    response = client.get(reverse("reception:book"), {"start": "01/03/2026", "end": "31/03/2026"})
    rows = [[c.value for c in row] for row in load_workbook(BytesIO(response.content)).active.iter_rows(min_row=3)]
    assert len(rows) == 2
    text = " ".join(str(v) for row in rows for v in row)
    assert "Lò Văn Pọm" in text and "Giàng A Chứ" not in text and "012090007731" not in text


def test_the_presiding_official_is_reminded_before_the_session(setup, time_machine):
    session = setup["session"]
    ReceptionSession.objects.filter(pk=session.pk).update(date=date(2026, 3, 11))
    with TestCase.captureOnCommitCallbacks(execute=True):
        alert_tasks.scan_deadlines()
    notice = Notification.objects.get(recipient=setup["chairman"])
    assert notice.title == "Tiếp công dân ngày 11/03/2026 lúc 07:30, Trụ sở UBND phường"
    time_machine.move_to("2026-03-13 08:00 +0700", tick=False)
    alert_tasks.scan_deadlines()  # past and still planned: no escalation for a session
    assert Notification.objects.count() == 1


def test_voter_meeting_pages_record_a_meeting_and_its_recommendations(client, setup):
    council = UnitFactory(name="HĐND phường Tân Phong", kind=UnitKind.PEOPLE_COUNCIL, parent=setup["committee"].parent)
    supervisor = UserFactory(roles=[Role.SUPERVISOR], units=[council])
    client.force_login(supervisor)
    bad = client.post(reverse("reception:add_voter_meeting"), {
        "council": council.pk, "date": "05/03/2026", "place": "Nhà văn hóa tổ 14", "deputies": "Đỗ Văn Long",
        "council_session": "Kỳ họp thứ 5", "next_session_date": "01/03/2026", "voters_present": "60",
    })  # fmt: skip
    assert bad.status_code == 400 and "Kỳ họp tiếp theo phải sau ngày tiếp xúc" in bad.content.decode()
    response = client.post(reverse("reception:add_voter_meeting"), {
        "council": council.pk, "date": "05/03/2026", "place": "Nhà văn hóa tổ 14", "deputies": "Đỗ Văn Long",
        "council_session": "Kỳ họp thứ 5", "next_session_date": "25/06/2026", "voters_present": "60",
    })  # fmt: skip
    meeting = VoterMeeting.objects.get()
    assert response["Location"] == reverse("reception:voter_meeting", args=[meeting.pk])
    client.post(reverse("reception:add_voter_recommendation", args=[meeting.pk]), {
        "unit": setup["committee"].pk, "category": Category.objects.first().pk,
        "summary": "Cử tri kiến nghị sửa đường tổ 14", "content": "Đường xuống cấp.",
    })  # fmt: skip
    petition = meeting.petitions.get()
    assert petition.handling_unit == setup["committee"] and petition.due_date == date(2026, 6, 25)
    assert (
        "Cử tri kiến nghị sửa đường tổ 14"
        in client.get(reverse("reception:voter_meeting", args=[meeting.pk])).content.decode()
    )
