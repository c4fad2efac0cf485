"""Whoever is told about something can open it: every kind of notice the portal sends, followed by
each of its recipients, opens its page (200), never a 404.

The province below is shaped like the demo's: the commune's People's Committee handles the petition;
the province's People's Committee, its inspectorate and its citizen reception office are sister
bodies under the province, so none of them sees the commune's records through the unit tree.
"""

from datetime import date, time

import pytest
from django.test import TestCase

from danvan.accounts.roles import Role
from danvan.alerts import tasks as alert_tasks
from danvan.notifications.models import Notification
from danvan.orgunits.models import UnitKind, UnitLevel
from petitions import services
from petitions.models import Kind
from supervision import services as supervision_services
from tests.factories import ProgrammeFactory, SessionFactory, SupervisionFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_bodies(units):
    province = units["province"]
    committee = UnitFactory(
        name="UBND tỉnh Lai Châu", kind=UnitKind.PEOPLE_COMMITTEE, level=UnitLevel.PROVINCE, parent=province
    )
    inspectorate = UnitFactory(
        name="Thanh tra tỉnh Lai Châu", kind=UnitKind.INSPECTORATE, level=UnitLevel.PROVINCE, parent=committee
    )
    reception = UnitFactory(
        name="Ban Tiếp công dân tỉnh Lai Châu", kind=UnitKind.RECEPTION_OFFICE, level=UnitLevel.PROVINCE,
        parent=committee,
    )  # fmt: skip
    council = UnitFactory(
        name="HĐND tỉnh Lai Châu", kind=UnitKind.PEOPLE_COUNCIL, level=UnitLevel.PROVINCE, parent=province
    )
    standing = UnitFactory(
        name="Thường trực HĐND tỉnh", kind=UnitKind.COUNCIL_STANDING, level=UnitLevel.PROVINCE, parent=council
    )
    return {
        "standing": standing,
        "chairman": UserFactory(full_name="Lò Văn Hưng", roles=[Role.LEADER], units=[committee]),
        "inspector": UserFactory(full_name="Phạm Thanh Tra", roles=[Role.HANDLER], units=[inspectorate]),
        "reception_officer": UserFactory(full_name="Nguyễn Thị Hoa", roles=[Role.RECEPTION_OFFICER], units=[reception]),
        "supervisor": UserFactory(full_name="Tòng Thị Mai", roles=[Role.SUPERVISOR], units=[standing]),
        "council_leader": UserFactory(full_name="Giàng A Dơ", roles=[Role.LEADER], units=[council]),
    }  # fmt: skip


def scan(time_machine, day):
    """The daily job as beat runs it, with commits (and their after-commit work) as in production."""
    time_machine.move_to(f"{day} 06:00 +0700", tick=False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        alert_tasks.scan_deadlines()


@pytest.fixture
def notices(time_machine, make_petition, units, people, province_bodies):
    """Every kind of notice, sent the way the portal sends it."""
    time_machine.move_to("2026-02-06 09:00 +0700", tick=False)
    complaint = make_petition(kind=Kind.COMPLAINT_FIRST, received=date(2026, 2, 6))  # due Monday 23/2 (Tết)
    denunciation = make_petition(kind=Kind.DENUNCIATION, received=date(2026, 2, 6))
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.assign_petition(petition=complaint, handler=people["handler"], actor=people["leader"])
    feedback = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 6))
    services.accept_petition(petition=feedback, actor=people["leader"], accepted_date=date(2026, 2, 6))
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.take_petition(petition=feedback, actor=people["colleague"])
    body = province_bodies["standing"]
    supervision = SupervisionFactory(programme=ProgrammeFactory(year=2026, body=body))
    supervision_services.add_recommendation(
        supervision=supervision, actor=province_bodies["supervisor"], addressed_to=units["committee"],
        text="Rà soát, công khai quy trình cấp giấy phép xây dựng", due_date=date(2026, 2, 23),
    )  # fmt: skip
    supervision_services.record_commitment(
        actor=province_bodies["supervisor"], body=body, addressed_to=units["committee"],
        council_session="Kỳ họp thứ 17 HĐND tỉnh", question="Khi nào hoàn thành cấp giấy chứng nhận?",
        asked_by="Đại biểu Lò Văn A", answered_by="Chủ tịch UBND phường Tân Phong", asked_on=date(2026, 2, 2),
        promise="Hoàn thành trong quý II/2026", due_date=date(2026, 6, 30),
    )  # fmt: skip
    SessionFactory(
        date=date(2026, 2, 11), start_time=time(7, 30), presiding=people["leader"], hosts=[units["committee"]]
    )
    for day in ("2026-02-09", "2026-02-13", "2026-02-23", "2026-02-24", "2026-03-02", "2026-03-09", "2026-03-10"):
        scan(time_machine, day)
    time_machine.move_to("2026-02-20 06:30 +0700", tick=False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.send_daily_digest(leader=people["leader"])
    return {"complaint": complaint, "denunciation": denunciation}


def unopenable(client, kind):
    """(recipient, url, status) of every notice of `kind` whose link does not open for its recipient."""
    found = Notification.objects.filter(kind=kind).select_related("recipient")
    assert found, f"no {kind} notice was sent"
    failures = []
    for notice in found:
        client.force_login(notice.recipient)
        status = client.get(notice.url).status_code
        if status != 200:
            failures.append((notice.recipient.get_full_name(), notice.title, status))
    return failures


@pytest.mark.parametrize(
    "kind",
    [
        "petition_reminder",
        "petition_escalation",
        "petition_assigned",
        "petition_taken",
        "daily_digest",
        "recommendation_reminder",
        "written_answer_reminder",
        "written_answer_escalation",
        "reception_reminder",
    ],
)
def test_every_recipient_opens_the_notice(client, notices, kind):
    assert unopenable(client, kind) == []


def test_every_recipient_opens_a_recommendation_escalation(client, notices):
    assert unopenable(client, "recommendation_escalation") == []


def test_the_escalation_ladder_reaches_the_province_and_each_rung_opens(client, notices, province_bodies):
    """The provincial bodies are told at levels 2 and 3 and can open what they were told about."""
    for who in ("chairman", "inspector", "reception_officer"):
        told = Notification.objects.filter(recipient=province_bodies[who], kind="petition_escalation")
        assert told.exists(), who
        for notice in told:
            client.force_login(province_bodies[who])
            assert client.get(notice.url).status_code == 200, (who, notice.title)
