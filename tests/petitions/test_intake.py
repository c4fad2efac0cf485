"""A citizen's own online submission: a repeat within minutes is the same petition."""

import pytest

from petitions import services
from petitions.models import Channel, Kind, Petition, PetitionEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


@pytest.fixture
def submission(units, category):
    data = {
        "kind": Kind.FEEDBACK,
        "receiving_unit": units["committee"],
        "category": category,
        "summary": "Phản ánh khói bụi từ lò gạch",
        "content": "Lò gạch đốt thủ công gây khói bụi buổi tối.",
        "respondent": "",
    }
    person = {"full_name": "Vàng Thị Mỷ", "citizen_id": "", "phone": "0912345678", "address": "Tổ 8"}
    return data, person


def submit(data, person):
    return services.submit_online_petition(data=data, petitioner=person, files=())


def test_a_first_submission_is_filed_as_received_online(submission):
    petition, created = submit(*submission)
    assert created and petition.channel == Channel.ONLINE and petition.created_by is None
    assert [p.full_name for p in petition.petitioners.all()] == ["Vàng Thị Mỷ"]


def test_the_same_content_and_contact_within_minutes_is_the_first_petition(submission, time_machine):
    first, _created = submit(*submission)
    time_machine.move_to("2026-03-02 09:09 +0700", tick=False)
    again, created = submit(*submission)
    assert not created and again == first
    assert Petition.objects.count() == 1 and PetitionEvent.objects.count() == 1


def test_the_same_petition_later_is_a_new_one(submission, time_machine):
    submit(*submission)
    time_machine.move_to("2026-03-02 09:11 +0700", tick=False)
    _petition, created = submit(*submission)
    assert created and Petition.objects.count() == 2


@pytest.mark.parametrize(
    "change",
    [
        ({"content": "Lò gạch đốt thủ công gây khói bụi buổi sáng."}, {}),
        ({"kind": Kind.RECOMMENDATION}, {}),
        ({}, {"phone": "0987654321"}),
        ({}, {"full_name": "Vàng Thị Mai"}),
        ({}, {"full_name": ""}),
    ],
)
def test_a_different_content_or_contact_is_a_new_petition(submission, change):
    data, person = submission
    submit(data, person)
    _petition, created = submit({**data, **change[0]}, {**person, **change[1]})
    assert created and Petition.objects.count() == 2


def test_the_same_anonymous_feedback_twice_is_one_petition(submission):
    data, _person = submission
    first, _created = submit(data, {"full_name": ""})
    again, created = submit(data, {"full_name": ""})
    assert not created and again == first and first.is_anonymous


def test_a_repeat_made_at_another_unit_is_a_new_petition(submission, units):
    data, person = submission
    submit(data, person)
    _petition, created = submit({**data, "receiving_unit": units["other"]}, person)
    assert created
