"""The step table: what the petition page offers to whom, and taking a step by name."""

from datetime import date

import pytest

from petitions.models import Kind
from petitions.steps import BY_NAME, optional_defaults, steps_for, take_step, waiting_for
from petitions.workflow import Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


def names(user, petition):
    return [step.name for step in steps_for(user, petition)]


def test_a_received_petition_offers_classification_to_handlers_and_assignment_to_leaders(make_petition, people):
    petition = make_petition(received=date(2026, 2, 27))
    classification = ["classify", "accept", "refuse", "transfer", "guide", "file", "duplicate"]
    assert names(people["handler"], petition) == [*classification, "note", "withdraw"]
    assert names(people["leader"], petition) == [*classification, "assign", "note", "withdraw"]
    # The receiving unit's reception officers classify, transfer, guide, file; acceptance is not theirs.
    assert names(people["officer"], petition) == [
        "classify",
        "transfer",
        "guide",
        "file",
        "duplicate",
        "note",
        "withdraw",
    ]
    late = make_petition(received=date(2026, 2, 13))  # its acceptance deadline was 23/2
    assert "delay" in names(people["leader"], late) and "delay" not in names(people["handler"], late)


def test_an_accepted_petition_offers_handling_and_an_answered_one_only_closing(make_petition, people):
    petition = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20))
    take_step("accept", petition, people["leader"], accepted_date=date(2026, 2, 23))
    take_step("assign", petition, people["leader"], handler=people["handler"])
    petition.refresh_from_db()
    assert names(people["handler"], petition) == ["verify", "note", "resolve", "withdraw", "terminate"]
    assert "extend" in names(people["leader"], petition)
    take_step("resolve", petition, people["handler"], decided_on=date(2026, 2, 27), text="Đã xử lý.")
    petition.refresh_from_db()
    assert petition.status == Status.RESOLVED
    assert names(people["handler"], petition) == ["close"]


def test_omitted_optional_fields_take_the_forms_empty_values(make_petition, people):
    assert optional_defaults(BY_NAME["resolve"]) == {"number": "", "signer": "", "outcome": "", "text": ""}
    assert optional_defaults(BY_NAME["transfer"]) == {"to_unit": None, "to_name": "", "note": "", "is_public": False}
    assert optional_defaults(BY_NAME["withdraw"]) == {
        "partial": False,
        "note": "",
        "is_public": False,
        "continuation_ground": "",
        "continuation_reason": "",
    }
    petition = make_petition()
    with pytest.raises(KeyError):
        take_step("accept", petition, people["leader"])  # the acceptance date is required
    assert petition.events.count() == 1


def test_an_accepted_petition_nobody_handles_can_be_taken_by_a_handler_of_the_unit(make_petition, people):
    petition = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20))
    take_step("accept", petition, people["leader"], accepted_date=date(2026, 2, 23))
    petition.refresh_from_db()
    assert names(people["handler"], petition) == ["take", "note", "withdraw"]
    assert "take" not in names(people["leader"], petition)  # a leader assigns, themself included
    assert names(people["stranger"], petition) == names(people["officer"], petition) == []
    take_step("take", petition, people["handler"])
    petition.refresh_from_db()
    assert petition.handler == people["handler"]
    assert names(people["handler"], petition) == ["verify", "note", "resolve", "withdraw", "terminate"]
    assert "take" not in names(people["colleague"], petition)


def waiting(petition):
    return str(waiting_for(petition))


def test_the_page_says_what_the_petition_waits_for_and_who_can_act(make_petition, people, units):
    petition = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20))
    assert waiting(petition) == "Chờ cán bộ UBND phường Tân Phong phân loại, xử lý đơn"
    take_step("classify", petition, people["handler"])
    petition.refresh_from_db()
    assert waiting(petition) == "Chờ UBND phường Tân Phong quyết định thụ lý"
    take_step("accept", petition, people["leader"], accepted_date=date(2026, 2, 23))
    petition.refresh_from_db()
    assert waiting(petition) == (
        "Chờ lãnh đạo giao người xử lý, hoặc cán bộ xử lý đơn của UBND phường Tân Phong nhận xử lý"
    )
    take_step("take", petition, people["handler"])
    petition.refresh_from_db()
    assert waiting(petition) == "Chờ người xử lý Phạm Quốc Bảo xác minh, giải quyết"
    take_step("verify", petition, people["handler"])
    petition.refresh_from_db()
    assert waiting(petition) == "Chờ người xử lý Phạm Quốc Bảo hoàn thành xác minh và ghi nhận kết quả giải quyết"
    take_step("resolve", petition, people["handler"], decided_on=date(2026, 2, 27), text="Đã xử lý.")
    petition.refresh_from_db()
    assert waiting(petition) == "Chờ người xử lý Phạm Quốc Bảo hoặc lãnh đạo đóng hồ sơ"
    take_step("close", petition, people["handler"])
    petition.refresh_from_db()
    assert waiting_for(petition) is None
    moved = make_petition()
    take_step("transfer", moved, people["officer"], to_unit=units["other"])
    moved.refresh_from_db()
    assert waiting_for(moved) is None
