"""The whole transition table: every allowed step works through its service, every other is refused."""

from datetime import date

import pytest

from danvan.workflow import TransitionError, check_transition
from petitions import services
from petitions.models import Kind, Outcome, Petition
from petitions.workflow import TRANSITIONS, Status

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 1)


def step(target, petition, people, units):
    leader = people["leader"]
    calls = {
        Status.CLASSIFIED: lambda: services.classify_petition(petition=petition, actor=leader),
        Status.ACCEPTED: lambda: services.accept_petition(
            petition=petition, actor=leader, accepted_date=date(2026, 2, 25)
        ),
        Status.VERIFYING: lambda: services.start_verification(petition=petition, actor=leader),
        Status.RESOLVED: lambda: services.resolve_petition(
            petition=petition, actor=leader, decided_on=DAY, number="7/QĐ-UBND", outcome=Outcome.JUSTIFIED
        ),
        Status.NOT_ACCEPTED: lambda: services.refuse_petition(
            petition=petition, actor=leader, reason="Đã hết thời hiệu khiếu nại.", decided_on=DAY
        ),
        Status.TRANSFERRED: lambda: services.transfer_petition(
            petition=petition, actor=leader, note="", to_unit=units["other"]
        ),
        Status.GUIDED: lambda: services.guide_petition(petition=petition, actor=leader, note="Hướng dẫn gửi Tòa án."),
        Status.FILED: lambda: services.file_petition(petition=petition, actor=leader, note="Không đủ điều kiện xử lý."),
        Status.DUPLICATE: lambda: services.mark_duplicate(petition=petition, original=units["original"], actor=leader),
        Status.WITHDRAWN: lambda: services.withdraw_petition(petition=petition, actor=leader, withdrawn_on=DAY),
        Status.TERMINATED: lambda: services.terminate_petition(
            petition=petition, actor=leader, decided_on=DAY, number="3/QĐ-ĐC", reason="Người khiếu nại đã chết."
        ),
        Status.CLOSED: lambda: services.close_petition(petition=petition, actor=leader),
    }
    calls[target]()
    return Petition.objects.get(pk=petition.pk)


PATHS = {
    Status.RECEIVED: [],
    Status.CLASSIFIED: [Status.CLASSIFIED],
    Status.ACCEPTED: [Status.ACCEPTED],
    Status.VERIFYING: [Status.ACCEPTED, Status.VERIFYING],
    Status.RESOLVED: [Status.ACCEPTED, Status.RESOLVED],
    Status.NOT_ACCEPTED: [Status.NOT_ACCEPTED],
    Status.WITHDRAWN: [Status.WITHDRAWN],
    Status.TERMINATED: [Status.ACCEPTED, Status.TERMINATED],
}
ALLOWED = [(source, target) for source, targets in TRANSITIONS.items() for target in sorted(targets)]
REFUSED = [(s, t) for s in Status for t in Status if t not in TRANSITIONS[s]]


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


@pytest.mark.parametrize(("source", "target"), ALLOWED, ids=lambda s: str(s))
def test_every_allowed_transition_goes_through_its_service(source, target, make_petition, people, units):
    units["original"] = make_petition(summary="Đơn gốc")
    petition = make_petition(kind=Kind.COMPLAINT_FIRST, received=date(2026, 2, 20))
    for status in PATHS[source]:
        petition = step(status, petition, people, units)
    assert petition.status == source
    petition = step(target, petition, people, units)
    assert petition.status == target
    last = petition.events.last()
    assert (last.from_status, last.to_status) == (source, target)


def test_every_status_is_covered_by_the_table():
    assert set(TRANSITIONS) == set(Status)
    assert all(source in PATHS for source, targets in TRANSITIONS.items() if targets)


@pytest.mark.parametrize(("source", "target"), REFUSED, ids=lambda s: str(s))
def test_every_other_transition_is_refused(source, target):
    with pytest.raises(TransitionError):
        check_transition(TRANSITIONS, source, target)
