"""A leader of a host unit corrects a session's recorded status, with a required reason and a history row."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from danvan.accounts.roles import Role
from danvan.history.selectors import history_of
from danvan.workflow import DomainError, TransitionError, allowed_targets
from reception import permissions, services
from reception.workflow import SESSION_CORRECTIONS, SessionStatus
from tests.factories import CategoryFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today_and_language(time_machine):
    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)
    with translation.override("vi"):
        yield


@pytest.fixture
def session(units):
    return SessionFactory(date=date(2026, 3, 9), hosts=[units["committee"]])


@pytest.fixture
def deputy(units, people):
    """A vice-chairman who may have presided instead of the chairman."""
    return UserFactory(full_name="Tòng Văn Hải", roles=[Role.LEADER], units=[units["committee"]])


def cancel(session, people):
    return services.set_session_status(session=session, actor=people["officer"], status="cancelled", reason="Bão")


@pytest.mark.parametrize(
    ("current", "targets"),
    [
        (SessionStatus.PLANNED, [SessionStatus.HELD, SessionStatus.POSTPONED, SessionStatus.CANCELLED]),
        (SessionStatus.POSTPONED, [SessionStatus.PLANNED, SessionStatus.HELD, SessionStatus.CANCELLED]),
        (SessionStatus.HELD,
         [SessionStatus.PLANNED, SessionStatus.HELD, SessionStatus.POSTPONED, SessionStatus.CANCELLED]),
        (SessionStatus.CANCELLED, [SessionStatus.PLANNED, SessionStatus.HELD, SessionStatus.POSTPONED]),
    ],
)  # fmt: skip
def test_the_correction_table(current, targets):
    assert allowed_targets(SESSION_CORRECTIONS, current) == targets


def test_a_cancelled_session_that_took_place_is_corrected_by_the_leader(session, people, deputy):
    cancel(session, people)
    services.correct_session_status(
        session=session, actor=people["leader"], status="held", presided_by=deputy,
        reason="Buổi tiếp vẫn diễn ra, cán bộ ghi nhầm",
    )  # fmt: skip
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD and session.presided_by == deputy and session.status_reason == ""
    row = history_of(session)[-1]
    assert (row.actor, row.from_status, row.to_status) == (people["leader"], "cancelled", "held")
    assert "Buổi tiếp vẫn diễn ra, cán bộ ghi nhầm" in row.note and "Tòng Văn Hải" in row.note


def test_the_wrong_presiding_official_is_corrected(session, people, deputy):
    services.set_session_status(session=session, actor=people["officer"], status="held", presided_by=people["leader"])
    services.correct_session_status(
        session=session, actor=people["leader"], status="held", presided_by=deputy, reason="Phó Chủ tịch chủ trì"
    )
    session.refresh_from_db()
    assert session.presided_by == deputy
    assert history_of(session)[-1].from_status == "held"


def test_a_held_session_with_visits_cannot_become_cancelled(session, people):
    services.set_session_status(session=session, actor=people["officer"], status="held", presided_by=people["leader"])
    services.record_visit(
        session=session, actor=people["officer"],
        data={"kind": "feedback", "category": CategoryFactory(name="Đất đai"), "topic": "Đèn đường", "citizen_count": 1,
              "is_group": False, "outcome": "explained", "refusal_reason": "", "handled_before_by": "", "notes": ""},
        visitors=[{"full_name": "Lò Thị Xuân"}],
    )  # fmt: skip
    with pytest.raises(DomainError, match="lượt tiếp"):
        services.correct_session_status(session=session, actor=people["leader"], status="cancelled", reason="Nhầm")


def test_a_held_session_recorded_by_mistake_becomes_cancelled(session, people):
    services.set_session_status(session=session, actor=people["officer"], status="held", presided_by=people["leader"])
    services.correct_session_status(session=session, actor=people["leader"], status="cancelled", reason="Ghi nhầm")
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and session.presided_by is None
    assert session.status_reason == "Ghi nhầm"


def test_a_correction_needs_a_reason_and_a_leader_of_the_host_unit(session, people, units):
    cancel(session, people)
    with pytest.raises(DomainError, match="lý do"):
        services.correct_session_status(session=session, actor=people["leader"], status="postponed", reason=" ")
    for who in ("officer", "handler", "stranger"):
        assert not permissions.can_correct_session(people[who], session)
        with pytest.raises(PermissionDenied):
            services.correct_session_status(session=session, actor=people[who], status="postponed", reason="Hoãn")
    administrator = UserFactory(roles=[Role.ADMINISTRATOR])
    assert not permissions.can_correct_session(administrator, session)
    with pytest.raises(TransitionError):
        services.correct_session_status(session=session, actor=people["leader"], status="cancelled", reason="X")


def test_a_past_session_is_not_planned_again(session, people):
    cancel(session, people)
    with pytest.raises(DomainError, match="đã qua"):
        services.correct_session_status(session=session, actor=people["leader"], status="planned", reason="Nhầm")


def test_a_cancelled_future_session_is_planned_again_and_back_in_the_calendar(units, people, client):
    session = SessionFactory(date=date(2026, 3, 20), place="Trụ sở khôi phục", hosts=[units["committee"]])
    cancel(session, people)
    services.correct_session_status(session=session, actor=people["leader"], status="planned", reason="Hủy nhầm")
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED and session.status_reason == "" and session.revision == 2


# The page


def test_the_leader_sees_the_correction_form_and_asks_first(client, session, people):
    cancel(session, people)
    client.force_login(people["leader"])
    html = client.get(reverse("reception:session", args=[session.pk])).content.decode()
    # Only the correction is left to a cancelled session, and it asks first.
    assert "correct-heading" in html and "status-heading" not in html and html.count("data-confirm=") == 1
    client.force_login(people["officer"])
    assert "correct-heading" not in client.get(reverse("reception:session", args=[session.pk])).content.decode()


def test_the_correction_is_posted_by_the_leader_only(client, session, people, deputy):
    cancel(session, people)
    url = reverse("reception:correct_status", args=[session.pk])
    data = {"correct-status": "held", "correct-presided_by": deputy.pk, "correct-reason": "Vẫn tiếp dân"}
    client.force_login(people["officer"])
    assert client.post(url, data).status_code == 403
    client.force_login(people["stranger"])
    assert client.post(url, data).status_code == 404
    client.force_login(people["leader"])
    response = client.post(url, {**data, "correct-reason": ""})
    assert response.status_code == 400 and 'value="held" selected' in response.content.decode()
    assert client.post(url, data).status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
    html = client.get(reverse("reception:session", args=[session.pk])).content.decode()
    assert "Vẫn tiếp dân" in html
