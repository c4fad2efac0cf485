"""Every reception service: what it changes, who may call it, and the history row it leaves."""

from datetime import date, time

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from danvan.accounts.roles import Role
from danvan.history.models import Change, ChangeKind
from danvan.history.selectors import history_of
from danvan.orgunits.models import UnitKind, UnitLevel
from danvan.workflow import DomainError, TransitionError, allowed_targets
from reception import services
from reception.models import ReceptionSchedule, ReceptionSession, Recurrence, Visit, VisitOutcome
from reception.workflow import SESSION_TRANSITIONS, SessionStatus
from tests.factories import SessionFactory, UnitFactory, UserFactory, VoterMeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today_and_language(time_machine):
    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)
    with translation.override("vi"):
        yield


@pytest.fixture
def session(units):
    return SessionFactory(date=date(2026, 3, 10), hosts=[units["committee"]])


@pytest.fixture
def council(units):
    return UnitFactory(name="HĐND phường Tân Phong", kind=UnitKind.PEOPLE_COUNCIL, parent=units["committee"].parent)


@pytest.fixture
def deputy(council):
    """A member of the People's Council's standing committee: records its voter meetings."""
    return UserFactory(full_name="Tòng Thị Mai", roles=[Role.SUPERVISOR], units=[council])


def only_row(target, **expected):
    (row,) = history_of(target)
    for field, value in expected.items():
        assert getattr(row, field) == value, field
    return row


VISIT = {
    "kind": "feedback",
    "topic": "Phản ánh cống thoát nước tổ 6 bị tắc",
    "citizen_count": 1,
    "is_group": False,
    "outcome": VisitOutcome.EXPLAINED,
    "refusal_reason": "",
    "handled_before_by": "",
    "notes": "",
}
CITIZEN = [{"full_name": "Lò Thị Xuân", "citizen_id": "012190003344", "address": "Tổ 6"}]


# The workflow table


@pytest.mark.parametrize(
    ("current", "targets"),
    [
        (SessionStatus.PLANNED, [SessionStatus.HELD, SessionStatus.POSTPONED, SessionStatus.CANCELLED]),
        (SessionStatus.POSTPONED, [SessionStatus.HELD, SessionStatus.CANCELLED]),
        (SessionStatus.HELD, [SessionStatus.HELD]),
        (SessionStatus.CANCELLED, []),
    ],
)
def test_the_session_table(current, targets):
    assert allowed_targets(SESSION_TRANSITIONS, current) == targets


# materialise_sessions


def test_each_generated_session_has_a_created_row_by_the_system(units):
    schedule = ReceptionSchedule.objects.create(
        name="Tiếp công dân định kỳ ngày 25", recurrence=Recurrence.MONTHLY_DAYS, days_of_month="25",
        presiding_position="Chủ tịch UBND phường", place="Trụ sở", start_time=time(7, 30), end_time=time(11, 0),
        valid_from=date(2026, 1, 1),
    )  # fmt: skip
    schedule.hosts.set([units["committee"]])
    assert services.materialise_sessions(schedule=schedule, start=date(2026, 4, 1), end=date(2026, 6, 30)) == 3
    for session in ReceptionSession.objects.all():
        only_row(session, kind=ChangeKind.CREATED, actor=None, note="Theo lịch “Tiếp công dân định kỳ ngày 25”.")
    services.materialise_sessions(schedule=schedule, start=date(2026, 4, 1), end=date(2026, 6, 30))
    assert Change.objects.filter(content_type__model="receptionsession").count() == 3  # none added again


# create_ad_hoc_session


def ad_hoc(actor, hosts, **changes):
    fields = {
        "date": date(2026, 3, 12), "start_time": time(8, 0), "end_time": time(11, 0), "place": "Trụ sở UBND phường",
        "presiding_position": "Chủ tịch UBND phường", **changes,
    }  # fmt: skip
    return services.create_ad_hoc_session(actor=actor, hosts=hosts, **fields)


def test_a_leader_calls_an_ad_hoc_session(units, people):
    session = ad_hoc(people["leader"], [units["committee"]], presiding=people["leader"], is_published=False)
    assert session.is_ad_hoc and not session.is_published and session.status == SessionStatus.PLANNED
    assert list(session.hosts.all()) == [units["committee"]]
    row = only_row(session, kind=ChangeKind.CREATED, actor=people["leader"], from_status="", to_status="")
    assert row.note == "Tiếp công dân đột xuất tại Trụ sở UBND phường, do Chủ tịch UBND phường chủ trì."


def test_a_handler_cannot_call_an_ad_hoc_session(units, people):
    with pytest.raises(PermissionDenied):
        ad_hoc(people["handler"], [units["committee"]])


def test_an_ad_hoc_session_is_only_for_the_actors_units(units, people):
    with pytest.raises(PermissionDenied):
        ad_hoc(people["leader"], [units["other"]])
    assert not ReceptionSession.objects.exists()


def test_an_ad_hoc_session_ends_after_it_starts_and_its_presiding_official_works_there(units, people):
    with pytest.raises(DomainError, match="Buổi tiếp phải kết thúc sau giờ bắt đầu"):
        ad_hoc(people["leader"], [units["committee"]], end_time=time(8, 0))
    with pytest.raises(DomainError, match="không công tác tại đơn vị chủ trì"):
        ad_hoc(people["leader"], [units["committee"]], presiding=people["stranger"])
    assert not Change.objects.filter(kind=ChangeKind.CREATED, content_type__model="receptionsession").exists()


# set_session_status


def test_postponing_writes_a_status_row_with_the_reason(session, people):
    services.set_session_status(
        session=session, actor=people["officer"], status=SessionStatus.POSTPONED, reason="  Mưa lũ sạt lở đường  "
    )
    session.refresh_from_db()
    assert (session.status, session.status_reason) == (SessionStatus.POSTPONED, "Mưa lũ sạt lở đường")
    row = only_row(session, kind=ChangeKind.STATUS, actor=people["officer"], note="Mưa lũ sạt lở đường")
    assert (row.from_status, row.to_status) == ("planned", "postponed")
    assert (row.from_label, row.to_label) == ("Theo kế hoạch", "Hoãn")


def test_held_names_who_presided_in_the_history(session, people):
    services.set_session_status(
        session=session, actor=people["officer"], status=SessionStatus.HELD, presided_by=people["leader"]
    )
    only_row(
        session, kind=ChangeKind.STATUS, from_status="planned", to_status="held",
        note="Trực tiếp chủ trì: Đỗ Văn Long.",
    )  # fmt: skip


def test_a_cancelled_session_stays_cancelled(session, people):
    services.set_session_status(session=session, actor=people["leader"], status="cancelled", reason="Trùng lịch họp")
    with pytest.raises(TransitionError):
        services.set_session_status(
            session=session, actor=people["leader"], status="held", presided_by=people["leader"]
        )
    assert len(history_of(session)) == 1


def test_status_needs_a_reason_a_past_day_and_an_official_of_the_hosts(units, session, people):
    with pytest.raises(DomainError, match="Ghi lý do hoãn hoặc hủy"):
        services.set_session_status(session=session, actor=people["officer"], status="cancelled", reason=" ")
    future = SessionFactory(date=date(2026, 3, 20), hosts=[units["committee"]])
    with pytest.raises(DomainError, match="trước ngày của buổi tiếp"):
        services.set_session_status(
            session=future, actor=people["officer"], status="held", presided_by=people["leader"]
        )
    with pytest.raises(DomainError, match="không công tác tại đơn vị chủ trì"):
        services.set_session_status(
            session=session, actor=people["officer"], status="held", presided_by=people["stranger"]
        )
    assert not Change.objects.filter(kind=ChangeKind.STATUS).exists()


def test_another_units_official_cannot_set_the_status(session, people):
    with pytest.raises(PermissionDenied):
        services.set_session_status(session=session, actor=people["stranger"], status="cancelled", reason="Không rõ")


# record_visit


def test_a_visit_leaves_a_row_on_itself_and_one_on_the_session(session, people, category):
    visit = services.record_visit(
        session=session, actor=people["officer"], data={**VISIT, "category": category}, visitors=CITIZEN
    )
    only_row(visit, kind=ChangeKind.CREATED, actor=people["officer"], note="Giải thích, trả lời trực tiếp")
    only_row(
        session, kind=ChangeKind.ADDED, actor=people["officer"],
        note="Lượt tiếp “Phản ánh cống thoát nước tổ 6 bị tắc” – Giải thích, trả lời trực tiếp",
    )  # fmt: skip


def test_a_visit_receiving_a_petition_names_it_in_both_rows(session, people, category):
    data = {**VISIT, "kind": "complaint_1", "outcome": VisitOutcome.PETITION, "category": category}
    visit = services.record_visit(
        session=session, actor=people["officer"], data=data, visitors=CITIZEN, petition_content="Không đồng ý."
    )
    assert visit.petition.channel == "in_person" and visit.petition.receiving_unit == session.hosts.get()
    code = visit.petition.code
    assert only_row(visit, kind=ChangeKind.CREATED).note == f"Tiếp nhận đơn: đơn {code}."
    assert code in only_row(session, kind=ChangeKind.ADDED).note


def test_no_visit_in_a_session_that_did_not_take_place(session, people, category):
    services.set_session_status(session=session, actor=people["officer"], status="postponed", reason="Bão")
    with pytest.raises(DomainError, match="không diễn ra"):
        services.record_visit(
            session=session, actor=people["officer"], data={**VISIT, "category": category}, visitors=CITIZEN
        )
    assert not Visit.objects.exists()


def test_another_units_officer_cannot_record_a_visit(session, people, category):
    with pytest.raises(PermissionDenied):
        services.record_visit(
            session=session, actor=people["stranger"], data={**VISIT, "category": category}, visitors=CITIZEN
        )


# record_voter_meeting


MEETING = {
    "date": date(2026, 3, 5),
    "place": "Nhà văn hóa tổ 14",
    "deputies": "Đỗ Văn Long",
    "council_session": "Kỳ họp thứ 5",
    "is_before_session": True,
    "next_session_date": date(2026, 6, 25),
    "voters_present": 60,
    "record": "",
}


def test_recording_a_voter_meeting_leaves_a_created_row(council, deputy):
    meeting = services.record_voter_meeting(actor=deputy, council=council, data=MEETING)
    assert meeting.recorded_by == deputy and meeting.voters_present == 60
    only_row(meeting, kind=ChangeKind.CREATED, actor=deputy, note="Kỳ họp thứ 5")


def test_a_voter_meeting_is_recorded_only_for_a_council_in_scope(council, people):
    with pytest.raises(PermissionDenied):
        services.record_voter_meeting(actor=people["stranger"], council=council, data=MEETING)
    with pytest.raises(PermissionDenied):  # a handler does not record voter meetings
        services.record_voter_meeting(actor=people["handler"], council=council, data=MEETING)


def test_a_voter_meeting_comes_before_the_next_session_and_not_in_the_future(council, deputy):
    with pytest.raises(DomainError, match="Kỳ họp tiếp theo phải sau ngày tiếp xúc"):
        services.record_voter_meeting(
            actor=deputy, council=council, data={**MEETING, "next_session_date": date(2026, 3, 1)}
        )
    with pytest.raises(DomainError, match="vào hoặc sau ngày diễn ra"):
        services.record_voter_meeting(actor=deputy, council=council, data={**MEETING, "date": date(2026, 4, 1)})


# add_voter_recommendation


def recommend(meeting, actor, unit, category, **changes):
    fields = {"summary": "Cử tri kiến nghị xây thêm phòng học", "content": "Trường tiểu học tổ 14 thiếu phòng học."}
    return services.add_voter_recommendation(
        meeting=meeting, actor=actor, unit=unit, category=category, **{**fields, **changes}
    )


def test_a_recommendation_becomes_a_petition_and_an_added_row(units, council, deputy, category):
    meeting = VoterMeetingFactory(council=council, date=date(2026, 3, 5))
    petition = recommend(meeting, deputy, units["committee"], category)
    assert petition.channel == "voter_meeting" and petition.kind == "recommendation" and petition.is_anonymous
    assert petition.due_date == date(2026, 6, 25) and petition.handling_unit == units["committee"]
    assert list(meeting.petitions.all()) == [petition]
    only_row(
        meeting, kind=ChangeKind.ADDED, actor=deputy,
        note=f"Kiến nghị {petition.code} gửi UBND phường Tân Phong: Cử tri kiến nghị xây thêm phòng học",
    )  # fmt: skip


def test_a_recommendation_goes_to_a_unit_of_the_councils_province(council, deputy, category):
    meeting = VoterMeetingFactory(council=council)
    elsewhere = UnitFactory(name="UBND tỉnh Điện Biên", kind=UnitKind.PEOPLE_COMMITTEE, level=UnitLevel.PROVINCE)
    with pytest.raises(DomainError, match="không thuộc tỉnh của Hội đồng nhân dân"):
        recommend(meeting, deputy, elsewhere, category)
    assert not meeting.petitions.exists() and not history_of(meeting)


def test_a_recommendation_needs_the_council_in_scope(units, council, people, category):
    meeting = VoterMeetingFactory(council=council, date=date(2026, 3, 5))
    with pytest.raises(PermissionDenied):  # another commune's official
        recommend(meeting, people["stranger"], units["other"], category)
    # The committee's officer works beside the ward's council, and its voter meetings are the ward's work.
    assert recommend(meeting, people["officer"], units["committee"], category).handling_unit == units["committee"]
