"""Overdue denunciations (Luật Tố cáo 2018 Art 38): the superior's request and the resolver's report as
deadlines in the daily scan, with time frozen across Tết 2026 (officials off 14–22/2/2026)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import reverse

from danvan.accounts.roles import Role
from danvan.alerts import tasks as alert_tasks
from danvan.alerts.models import Alert
from danvan.notifications.models import Notification
from danvan.orgunits.models import UnitKind, UnitLevel
from danvan.workflow import DomainError
from petitions import services
from petitions.models import EventKind, Kind, OverdueReport, PetitionEvent, PetitionReader, Stage
from petitions.steps import take_step
from tests.factories import UnitFactory, UserFactory
from tests.fixtures import PERSON

pytestmark = pytest.mark.django_db

LAPSED = date(2026, 2, 12)  # Thursday, the last full week before Tết
# 13/2, then Tết 14–22/2, then 23, 24, 25, 26/2: five working days after the lapse.
REQUEST_DUE = date(2026, 2, 26)


@pytest.fixture
def superior(units):
    """The provincial People's Committee, the directly superior body of a ward's committee, with its own
    chairman: he works outside the ward's tree, so he only reads the ward's petitions."""
    committee = UnitFactory(
        name="UBND tỉnh Lai Châu", kind=UnitKind.PEOPLE_COMMITTEE, level=UnitLevel.PROVINCE, parent=units["province"]
    )
    inspectorate = UnitFactory(
        name="Thanh tra tỉnh Lai Châu", kind=UnitKind.INSPECTORATE, level=UnitLevel.PROVINCE, parent=committee
    )
    return {
        "unit": committee,
        "chairman": UserFactory(full_name="Giàng A Páo", roles=[Role.LEADER], units=[committee]),
        "inspector": UserFactory(full_name="Phạm Thanh Tra", roles=[Role.HANDLER], units=[inspectorate]),
    }


def scan(time_machine, day):
    """Run the daily job as beat would, on `day`, with commits (and emails) as in production."""
    time_machine.move_to(f"{day} 06:00 +0700", tick=False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        alert_tasks.scan_deadlines()


def titles(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("title", flat=True))


def art38_titles(user):
    """What the user heard of Art 38 (a superior's leader also climbs the resolution deadline's own ladder)."""
    return [title for title in titles(user) if "hạn giải quyết" not in title.lower()]


def accepted(time_machine, make_petition, people, kind=Kind.DENUNCIATION):
    """Accepted on Tuesday 13/1/2026: 30 days to resolve, so the deadline is Thursday 12/2/2026."""
    time_machine.move_to("2026-01-13 09:00 +0700", tick=False)
    petition = make_petition(kind=kind, received=date(2026, 1, 12))
    services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 1, 13))
    petition.refresh_from_db()
    if kind == Kind.DENUNCIATION:
        services.record_acceptance_notice(petition=petition, actor=people["handler"], notified_on=date(2026, 1, 13))
    petition.handler = people["handler"]
    petition.save(update_fields=["handler"])
    assert petition.due_date == LAPSED
    return petition


@pytest.fixture
def denunciation(time_machine, make_petition, people, superior):
    return accepted(time_machine, make_petition, people)


def art38_alerts():
    return list(
        Alert.objects.filter(source="petition_overdue_report").order_by("pk").values_list("kind", "step", "due_date")
    )


def request(petition, actor, on=date(2026, 2, 24), **extra):
    data = {"requested_on": on, "number": "15/UBND-TTr", "content": "Báo cáo quá trình giải quyết và lý do chậm."}
    return take_step("overdue_request", petition, actor, **{**data, **extra})


def test_the_lapse_opens_the_superiors_duty_across_tet(time_machine, denunciation, superior, people):
    scan(time_machine, "2026-02-12")  # the last day of the period: not overdue yet
    assert not OverdueReport.objects.exists()
    scan(time_machine, "2026-02-13")  # the day after: the superior body must request a report
    record = OverdueReport.objects.get(petition=denunciation)
    assert record.superior_unit == superior["unit"]
    assert record.lapsed_deadline == denunciation.deadline
    deadline = record.request_deadline
    assert (deadline.stage, deadline.start_date, deadline.due_date) == (Stage.OVERDUE_REQUEST, LAPSED, REQUEST_DUE)
    assert "Điều 38" in deadline.rule.legal_basis and deadline.rule.valid_from == date(2019, 1, 1)
    assert titles(superior["chairman"]) == [
        f"Tố cáo quá hạn {denunciation.code} (UBND phường Tân Phong): yêu cầu báo cáo chậm nhất ngày 26/02/2026"
    ]
    # The chairman may now open the petition, read only.
    assert PetitionReader.objects.filter(petition=denunciation, user=superior["chairman"]).exists()
    event = PetitionEvent.objects.get(petition=denunciation, kind=EventKind.OVERDUE_REFERRED)
    assert not event.is_public and "26/02/2026" in event.note and "UBND tỉnh Lai Châu" in event.note
    # A second scan that day finds the new deadline (four working days left); a third adds nothing.
    scan(time_machine, "2026-02-13")
    scan(time_machine, "2026-02-13")
    assert OverdueReport.objects.count() == 1
    assert titles(superior["chairman"])[1:] == [
        f"Hạn cấp trên yêu cầu báo cáo tố cáo quá hạn đơn {denunciation.code}: còn 4 ngày làm việc (26/02/2026)"
    ]
    assert not Alert.objects.filter(source="petition_deadline", object_id=deadline.pk).exists()


def test_the_request_is_reminded_and_escalated_to_the_superior_exactly_once(
    time_machine, denunciation, superior, people
):
    scan(time_machine, "2026-02-13")
    for day in ("2026-02-23", "2026-02-23", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-27"):
        scan(time_machine, day)
    assert art38_alerts() == [
        ("reminder", 5, REQUEST_DUE),  # 23/2: three working days left
        ("reminder", 1, REQUEST_DUE),
        ("reminder", 0, REQUEST_DUE),
        ("escalation", 1, REQUEST_DUE),
    ]
    code = denunciation.code
    assert art38_titles(superior["chairman"])[1:] == [
        f"Hạn cấp trên yêu cầu báo cáo tố cáo quá hạn đơn {code}: còn 3 ngày làm việc (26/02/2026)",
        f"Hạn cấp trên yêu cầu báo cáo tố cáo quá hạn đơn {code}: còn 1 ngày làm việc (26/02/2026)",
        f"Hạn cấp trên yêu cầu báo cáo tố cáo quá hạn đơn {code}: hết hạn hôm nay (26/02/2026)",
        f"Hạn cấp trên yêu cầu báo cáo tố cáo quá hạn đơn {code}: quá hạn từ 26/02/2026",
    ]
    # The request is the superior's duty: the handler hears only of his own resolution deadline.
    assert not any("yêu cầu báo cáo" in title for title in titles(people["handler"]))
    escalation = PetitionEvent.objects.filter(petition=denunciation, kind=EventKind.ESCALATED).last()
    assert escalation.note.startswith("Hạn cấp trên yêu cầu báo cáo tố cáo quá hạn đã qua ngày 26/02/2026")
    assert "lãnh đạo UBND tỉnh Lai Châu" in escalation.note
    scan(time_machine, "2026-03-05")  # five working days late: level 2, to the inspectorate and above
    assert ("escalation", 2, REQUEST_DUE) in art38_alerts()
    assert titles(superior["inspector"])[-1].startswith("Báo cáo cấp 2: hạn cấp trên yêu cầu báo cáo")


def test_request_then_report_meet_both_deadlines(time_machine, denunciation, superior, people, mailoutbox):
    scan(time_machine, "2026-02-13")
    time_machine.move_to("2026-02-24 10:00 +0700", tick=False)
    with pytest.raises(PermissionDenied):  # the request is the superior's, not the handler's
        request(denunciation, people["handler"])
    with pytest.raises(DomainError, match="sau ngày hết hạn giải quyết"):
        request(denunciation, superior["chairman"], on=date(2026, 2, 10))
    with TestCase.captureOnCommitCallbacks(execute=True):
        request(denunciation, superior["chairman"])
    record = OverdueReport.objects.get(petition=denunciation)
    record.request_deadline.refresh_from_db()
    assert record.request_deadline.met_on == date(2026, 2, 24)
    report = record.report_deadline
    # 25, 26, 27/2, 2/3, 3/3: five working days from the request.
    assert (report.stage, report.start_date, report.due_date) == (
        Stage.OVERDUE_REPORT,
        date(2026, 2, 24),
        date(2026, 3, 3),
    )
    assert titles(people["handler"])[-1] == f"Yêu cầu báo cáo về tố cáo quá hạn {denunciation.code}"
    assert people["handler"].email in [m.to[0] for m in mailoutbox]
    with pytest.raises(DomainError):  # no second request
        request(denunciation, superior["chairman"])

    scan(time_machine, "2026-02-25")  # the report is the handler's: reminded to him and his leaders
    assert titles(people["handler"])[-1].startswith(f"Hạn báo cáo về tố cáo quá hạn đơn {denunciation.code}: còn")
    assert titles(people["leader"])[-1] == titles(people["handler"])[-1]

    time_machine.move_to("2026-03-02 10:00 +0700", tick=False)
    with pytest.raises(DomainError, match="lý do chậm giải quyết"):
        take_step("overdue_report", denunciation, people["handler"], reported_on=date(2026, 3, 2), reasons=" ")
    take_step(
        "overdue_report", denunciation, people["handler"], reported_on=date(2026, 3, 2),
        reasons="Chờ kết quả giám định chữ ký", measures="Đã có văn bản đề nghị giám định",
        committed_date=date(2026, 3, 20),
    )  # fmt: skip
    record.refresh_from_db()
    record.report_deadline.refresh_from_db()
    assert record.report_deadline.met_on == date(2026, 3, 2) and record.committed_date == date(2026, 3, 20)
    assert titles(superior["chairman"])[-1] == f"Đã nhận báo cáo về tố cáo quá hạn {denunciation.code}"
    event = PetitionEvent.objects.filter(petition=denunciation, kind=EventKind.OVERDUE_REPORTED).get()
    assert "Chờ kết quả giám định chữ ký" in event.note and "20/03/2026" in event.note and not event.is_public
    before = Alert.objects.filter(source="petition_overdue_report").count()
    scan(time_machine, "2026-03-04")  # both met: no more reminders or escalations for them
    scan(time_machine, "2026-03-12")
    assert Alert.objects.filter(source="petition_overdue_report").count() == before


def test_the_superior_reads_the_page_sealed_and_takes_the_step(time_machine, client, denunciation, superior, people):
    scan(time_machine, "2026-02-13")
    time_machine.move_to("2026-02-24 10:00 +0700", tick=False)
    client.force_login(superior["chairman"])
    page = client.get(reverse("petitions:detail", args=[denunciation.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="overdue-report"' in html and "26/02/2026" in html and "Điều 38" in html
    assert PERSON["full_name"] not in html and PERSON["citizen_id"] not in html  # the denouncer stays sealed
    assert 'id="step-overdue_request"' in html and 'id="step-resolve"' not in html
    assert 'data-testid="overdue-reader-step"' in html and 'value="24/02/2026"' in html  # the date starts as today
    url = reverse("petitions:step", args=[denunciation.pk, "overdue_request"])
    refused = client.post(url, {"overdue_request-requested_on": "24/02/2026", "overdue_request-content": ""})
    assert refused.status_code == 400
    assert "Hãy ghi nội dung yêu cầu người giải quyết tố cáo báo cáo." in refused.content.decode()
    # The chairman is a reader: any other step is simply not found.
    assert client.post(reverse("petitions:step", args=[denunciation.pk, "note"]), {"note-note": "x"}).status_code == 404
    done = client.post(
        url,
        {
            "overdue_request-requested_on": "24/02/2026",
            "overdue_request-number": "15/UBND-TTr",
            "overdue_request-content": "Báo cáo quá trình giải quyết, lý do chậm và trách nhiệm.",
        },
    )
    assert done.status_code == 302
    assert OverdueReport.objects.get(petition=denunciation).request_number == "15/UBND-TTr"
    client.force_login(people["stranger"])  # another commune's leader: not found
    assert client.post(url, {}).status_code == 404
    client.force_login(people["handler"])
    html = client.get(reverse("petitions:detail", args=[denunciation.pk])).content.decode()
    assert 'id="step-overdue_report"' in html and "15/UBND-TTr" in html


def test_a_complaint_past_its_deadline_is_not_an_art38_case(time_machine, make_petition, people, superior):
    complaint = accepted(time_machine, make_petition, people, kind=Kind.COMPLAINT_FIRST)
    scan(time_machine, "2026-02-13")
    scan(time_machine, "2026-03-02")
    assert not OverdueReport.objects.exists()
    assert not Alert.objects.filter(source__in=["denunciation_lapse", "petition_overdue_report"]).exists()
    assert not art38_titles(superior["chairman"])
    assert Alert.objects.filter(source="petition_deadline", object_id=complaint.deadline_id).exists()


def test_a_denunciation_resolved_in_time_creates_nothing(time_machine, denunciation, superior, people):
    time_machine.move_to("2026-02-12 15:00 +0700", tick=False)
    services.resolve_petition(
        petition=denunciation, actor=people["handler"], decided_on=date(2026, 2, 12), number="7/KL-UBND",
        signer="Đỗ Văn Long", outcome="unjustified", text="Kết luận nội dung tố cáo",
    )  # fmt: skip
    scan(time_machine, "2026-02-13")
    scan(time_machine, "2026-03-02")
    assert not OverdueReport.objects.exists()
    assert not Alert.objects.filter(source__in=["denunciation_lapse", "petition_overdue_report"]).exists()
    assert not titles(superior["chairman"])
