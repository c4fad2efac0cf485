"""The whole transition table: every allowed step works through the page's step and its service,
every other is refused."""

from datetime import date

import pytest

from danvan.workflow import TransitionError, check_transition
from petitions.models import Kind, Outcome, Petition
from petitions.steps import BY_TARGET, take_step
from petitions.workflow import TRANSITIONS, Status

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 1)


def fields(target, units):
    """What the step's form would carry to reach `target` (optional fields left out)."""
    return {
        Status.ACCEPTED: {"accepted_date": date(2026, 2, 25)},
        Status.RESOLVED: {"decided_on": DAY, "number": "7/QĐ-UBND", "outcome": Outcome.JUSTIFIED},
        Status.NOT_ACCEPTED: {"reason": "Đã hết thời hiệu khiếu nại.", "decided_on": DAY},
        Status.TRANSFERRED: {"to_unit": units["other"]},
        Status.GUIDED: {"note": "Hướng dẫn gửi Tòa án."},
        Status.FILED: {"note": "Không đủ điều kiện xử lý."},
        Status.DUPLICATE: {"original": units["original"]},
        Status.WITHDRAWN: {"withdrawn_on": DAY},
        Status.TERMINATED: {"decided_on": DAY, "number": "3/QĐ-ĐC", "reason": "Người khiếu nại đã chết."},
    }.get(target, {})


def step(target, petition, people, units):
    """Take the page's step that leads to `target`, as the leader."""
    take_step(BY_TARGET[target].name, petition, people["leader"], **fields(target, units))
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
def test_every_allowed_transition_goes_through_its_step(source, target, make_petition, people, units):
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


def test_every_status_a_transition_reaches_has_a_step_on_the_page():
    assert set(BY_TARGET) == {target for targets in TRANSITIONS.values() for target in targets}


@pytest.mark.parametrize(("source", "target"), REFUSED, ids=lambda s: str(s))
def test_every_other_transition_is_refused(source, target):
    with pytest.raises(TransitionError):
        check_transition(TRANSITIONS, source, target)
