"""Each reception page: refused to whom it must be, the happy path, and invalid input kept with its message."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.accounts.roles import Role
from danvan.history.models import ChangeKind
from danvan.history.selectors import history_of
from danvan.orgunits.models import UnitKind
from reception import services
from reception.models import ReceptionSession, VoterMeeting
from reception.workflow import SessionStatus
from tests.factories import SessionFactory, UnitFactory, UserFactory, VoterMeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)


@pytest.fixture
def session(units):
    return SessionFactory(date=date(2026, 3, 10), hosts=[units["committee"]])


@pytest.fixture
def council(units):
    return UnitFactory(name="HĐND phường Tân Phong", kind=UnitKind.PEOPLE_COUNCIL, parent=units["committee"].parent)


@pytest.fixture
def deputy(council):
    return UserFactory(full_name="Tòng Thị Mai", roles=[Role.SUPERVISOR], units=[council])


@pytest.fixture
def meeting(council):
    return VoterMeetingFactory(council=council, date=date(2026, 3, 5))


def ad_hoc_post(units, people, **changes):
    data = {
        "hosts": [units["committee"].pk], "date": "12/03/2026", "start_time": "08:00", "end_time": "11:00",
        "place": "Nhà văn hóa tổ 12", "presiding_position": "Chủ tịch UBND phường",
        "presiding": people["leader"].pk, "is_published": "on",
    }  # fmt: skip
    return {**data, **changes}


# Ad hoc session


def test_only_leaders_and_reception_officers_call_an_ad_hoc_session(client, people):
    client.force_login(people["handler"])
    assert client.get(reverse("reception:add_session")).status_code == 403
    assert client.post(reverse("reception:add_session"), {}).status_code == 403


def test_the_ad_hoc_form_offers_the_users_own_unit(client, units, people):
    client.force_login(people["officer"])
    response = client.get(reverse("reception:add_session"))
    assert response.status_code == 200
    assert response.context["form"].initial["hosts"].get() == units["committee"]
    assert units["other"] not in response.context["form"].fields["hosts"].queryset


def test_an_officer_calls_an_ad_hoc_session(client, units, people):
    client.force_login(people["officer"])
    response = client.post(reverse("reception:add_session"), ad_hoc_post(units, people))
    session = ReceptionSession.objects.get()
    assert response["Location"] == reverse("reception:session", args=[session.pk])
    assert session.is_ad_hoc and session.is_published and session.presiding == people["leader"]
    assert session.date == date(2026, 3, 12) and session.hosts.get() == units["committee"]
    (row,) = history_of(session)
    assert (row.kind, row.actor) == (ChangeKind.CREATED, people["officer"])
    page = client.get(reverse("reception:sessions"), {"is_ad_hoc": "true"}).content.decode()
    assert "Nhà văn hóa tổ 12" in page and "đột xuất" in page


def test_an_ad_hoc_session_ending_before_it_starts_is_refused_with_the_input_kept(client, units, people):
    client.force_login(people["officer"])
    response = client.post(reverse("reception:add_session"), ad_hoc_post(units, people, end_time="07:00"))
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count("Buổi tiếp phải kết thúc sau giờ bắt đầu.") == 1
    assert "Nhà văn hóa tổ 12" in html
    assert not ReceptionSession.objects.exists()


def test_an_ad_hoc_session_cannot_be_hosted_by_another_unit(client, units, people):
    client.force_login(people["officer"])
    response = client.post(reverse("reception:add_session"), ad_hoc_post(units, people, hosts=[units["other"].pk]))
    assert response.status_code == 400 and not ReceptionSession.objects.exists()


# The session page and its steps


def test_a_session_of_another_unit_is_not_found(client, session, people):
    client.force_login(people["stranger"])
    assert client.get(reverse("reception:session", args=[session.pk])).status_code == 404
    assert client.post(reverse("reception:record_visit", args=[session.pk]), {}).status_code == 404
    assert client.post(reverse("reception:set_status", args=[session.pk]), {}).status_code == 404


def test_who_sees_a_session_but_may_not_record_is_refused(client, units, session):
    supervisor = UserFactory(roles=[Role.SUPERVISOR], units=[units["committee"].parent])
    client.force_login(supervisor)
    page = client.get(reverse("reception:session", args=[session.pk]))
    assert page.status_code == 200 and "visit-heading" not in page.content.decode()
    assert client.post(reverse("reception:record_visit", args=[session.pk]), {}).status_code == 403
    assert client.post(reverse("reception:set_status", args=[session.pk]), {}).status_code == 403


def test_cancelling_shows_in_the_sessions_history(client, session, people):
    client.force_login(people["officer"])
    before = client.get(reverse("reception:session", args=[session.pk])).content.decode()
    assert 'data-confirm="' in before  # the status form asks before an irreversible step
    url = reverse("reception:set_status", args=[session.pk])
    response = client.post(url, {"status-status": "cancelled", "status-reason": "Trùng lịch họp HĐND"})
    assert response.status_code == 302
    html = client.get(reverse("reception:session", args=[session.pk])).content.decode()
    assert "Lịch sử thay đổi" in html and "Theo kế hoạch → " in html and "Trùng lịch họp HĐND" in html
    assert "status-heading" not in html  # cancelled for good: nothing left to record


def test_a_refused_step_is_shown_once_and_keeps_the_input(client, session, people):
    client.force_login(people["officer"])
    services.set_session_status(session=session, actor=people["officer"], status="cancelled", reason="Bão")
    url = reverse("reception:set_status", args=[session.pk])
    response = client.post(url, {"status-status": "postponed", "status-reason": "Lý do mới"})
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count("Không thể chuyển từ “Hủy” sang “Hoãn”.") == 1
    assert 'value="Lý do mới"' in html


def test_each_visit_shows_its_own_history(client, session, people, category):
    services.record_visit(
        session=session, actor=people["officer"],
        data={"kind": "feedback", "category": category, "topic": "Phản ánh đèn đường tổ 3 hỏng", "citizen_count": 1,
              "is_group": False, "outcome": "explained", "refusal_reason": "", "handled_before_by": "", "notes": ""},
        visitors=[{"full_name": "Lò Thị Xuân"}],
    )  # fmt: skip
    client.force_login(people["leader"])
    html = client.get(reverse("reception:session", args=[session.pk])).content.decode()
    assert "Lịch sử lượt tiếp" in html and "Tạo mới: Giải thích, trả lời trực tiếp" in html
    assert "Lượt tiếp “Phản ánh đèn đường tổ 3 hỏng”" in html  # the session's own row


# The reception book and compliance


def test_the_book_needs_a_period(client, people):
    client.force_login(people["officer"])
    response = client.get(reverse("reception:book"), {"start": "31/02/2026"})
    assert response.status_code == 400 and "Nhập ngày cuối của sổ." in response.content.decode()


def test_compliance_is_for_leaders_and_supervisors(client, people):
    client.force_login(people["officer"])
    assert client.get(reverse("reception:compliance")).status_code == 403
    client.force_login(people["leader"])
    assert client.get(reverse("reception:compliance"), {"month": "2026-02"}).status_code == 200


# Voter meetings


def meeting_post(council, **changes):
    data = {
        "council": council.pk, "date": "05/03/2026", "place": "Nhà văn hóa tổ 14", "deputies": "Đỗ Văn Long",
        "council_session": "Kỳ họp thứ 5", "next_session_date": "25/06/2026", "voters_present": "60",
    }  # fmt: skip
    return {**data, **changes}


def test_recording_a_voter_meeting_is_for_its_deputies_and_officials(client, council, people):
    client.force_login(people["handler"])
    assert client.get(reverse("reception:add_voter_meeting")).status_code == 403
    assert client.post(reverse("reception:add_voter_meeting"), meeting_post(council)).status_code == 403


def test_a_meeting_of_a_council_out_of_scope_is_refused(client, units, council, people):
    UnitFactory(name="HĐND xã Bình Lư", kind=UnitKind.PEOPLE_COUNCIL, parent=units["other"].parent)
    client.force_login(people["stranger"])  # records Bình Lư's meetings, not Tân Phong's
    response = client.post(reverse("reception:add_voter_meeting"), meeting_post(council))
    assert response.status_code == 400 and not VoterMeeting.objects.exists()


def test_a_voter_meeting_is_recorded_with_its_history(client, council, deputy):
    client.force_login(deputy)
    assert client.get(reverse("reception:add_voter_meeting")).status_code == 200
    response = client.post(reverse("reception:add_voter_meeting"), meeting_post(council))
    meeting = VoterMeeting.objects.get()
    assert response["Location"] == reverse("reception:voter_meeting", args=[meeting.pk])
    assert meeting.recorded_by == deputy and meeting.council == council
    html = client.get(response["Location"]).content.decode()
    assert "Lịch sử thay đổi" in html and "Tạo mới" in html and "Tòng Thị Mai" in html


def test_a_meeting_in_the_future_is_refused_with_the_input_kept(client, council, deputy):
    client.force_login(deputy)
    response = client.post(reverse("reception:add_voter_meeting"), meeting_post(council, date="20/03/2026"))
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count("Ngày không được ở tương lai.") == 1 and "Nhà văn hóa tổ 14" in html


def test_a_voter_meeting_of_another_province_is_not_found(client, meeting, people):
    client.force_login(people["stranger"])
    assert client.get(reverse("reception:voter_meeting", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("reception:add_voter_recommendation", args=[meeting.pk]), {}).status_code == 404


def test_who_sees_a_meeting_but_may_not_record_is_refused(client, units, meeting):
    handler = UserFactory(roles=[Role.HANDLER], units=[units["committee"].parent])
    client.force_login(handler)
    assert client.get(reverse("reception:voter_meeting", args=[meeting.pk])).status_code == 200
    assert client.post(reverse("reception:add_voter_recommendation", args=[meeting.pk]), {}).status_code == 403


def test_an_incomplete_recommendation_keeps_the_input(client, units, meeting, deputy, category):
    client.force_login(deputy)
    url = reverse("reception:add_voter_recommendation", args=[meeting.pk])
    response = client.post(url, {"unit": units["committee"].pk, "category": category.pk, "content": "Đường hỏng."})
    html = response.content.decode()
    assert response.status_code == 400 and "Đường hỏng." in html and not meeting.petitions.exists()


def test_a_recommendation_is_added_and_shown_in_the_meetings_history(client, units, meeting, deputy, category):
    client.force_login(deputy)
    response = client.post(
        reverse("reception:add_voter_recommendation", args=[meeting.pk]),
        {"unit": units["committee"].pk, "category": category.pk, "summary": "Sửa đường tổ 14", "content": "Hỏng."},
    )
    assert response.status_code == 302
    petition = meeting.petitions.get()
    html = client.get(reverse("reception:voter_meeting", args=[meeting.pk])).content.decode()
    assert f"Kiến nghị {petition.code} gửi UBND phường Tân Phong: Sửa đường tổ 14" in html


# The public calendar


def test_the_calendar_shows_published_sessions_only_and_says_which_are_called_off(client, units):
    SessionFactory(date=date(2026, 3, 12), place="Trụ sở công khai", hosts=[units["committee"]])
    SessionFactory(date=date(2026, 3, 13), place="Buổi nội bộ", is_published=False, hosts=[units["committee"]])
    SessionFactory(
        date=date(2026, 3, 16), place="Buổi đã hủy", status=SessionStatus.CANCELLED, status_reason="Bão lớn",
        hosts=[units["committee"]],
    )  # fmt: skip
    html = client.get(reverse("calendar")).content.decode()
    assert "Trụ sở công khai" in html and "Buổi nội bộ" not in html
    # Citizens who saw the day earlier learn that it is off, and why.
    assert "Buổi đã hủy" in html and 'text-bg-danger">Hủy</span>' in html and "Bão lớn" in html


def test_reception_pages_need_a_login(client, session):
    for url in (reverse("reception:sessions"), reverse("reception:session", args=[session.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_book_holds_only_the_users_units(client, units, session, people, category):
    other = SessionFactory(date=date(2026, 3, 10), hosts=[units["other"]])
    for where, actor, topic in (
        (session, people["officer"], "Việc của phường"),
        (other, people["stranger"], "Việc xã"),
    ):
        services.record_visit(
            session=where, actor=actor,
            data={"kind": "feedback", "category": category, "topic": topic, "citizen_count": 1, "is_group": False,
                  "outcome": "explained", "refusal_reason": "", "handled_before_by": "", "notes": ""},
            visitors=[{"full_name": "Lò Thị Xuân"}],
        )  # fmt: skip
    client.force_login(people["officer"])
    response = client.get(reverse("reception:book"), {"start": "01/03/2026", "end": "31/03/2026"})
    text = " ".join(
        str(cell.value) for row in load_workbook(BytesIO(response.content)).active.iter_rows() for cell in row
    )
    assert "Việc của phường" in text and "Việc xã" not in text
