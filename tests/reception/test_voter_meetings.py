"""Voter meetings are the commune's work too: the People's Council of the localities of a user's units is in
scope (the committee's officials organise the meetings and answer the recommendations), strangers stay out."""

from datetime import date

import pytest
from django.urls import reverse

from danvan.orgunits.models import UnitKind
from danvan.orgunits.selectors import councils_of_localities_of
from reception.models import VoterMeeting
from tests.factories import UnitFactory, UserFactory, VoterMeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)


@pytest.fixture
def councils(units):
    return {
        "province": UnitFactory(name="HĐND tỉnh Lai Châu", kind=UnitKind.PEOPLE_COUNCIL, parent=units["province"]),
        "tan_phong": UnitFactory(
            name="HĐND phường Tân Phong", kind=UnitKind.PEOPLE_COUNCIL, parent=units["committee"].parent
        ),
        "binh_lu": UnitFactory(name="HĐND xã Bình Lư", kind=UnitKind.PEOPLE_COUNCIL, parent=units["other"].parent),
    }


@pytest.fixture
def meetings(councils):
    return {
        "tan_phong": VoterMeetingFactory(council=councils["tan_phong"], date=date(2026, 3, 5), place="Tổ 14"),
        "binh_lu": VoterMeetingFactory(council=councils["binh_lu"], date=date(2026, 3, 2), place="Bản Hon"),
    }


def meeting_post(council):
    return {
        "council": council.pk, "date": "05/03/2026", "place": "Nhà văn hóa tổ 14", "deputies": "Đỗ Văn Long",
        "council_session": "Kỳ họp thứ 5", "next_session_date": "25/06/2026", "voters_present": "60",
    }  # fmt: skip


def test_the_council_beside_the_users_committee_is_theirs(units, people, councils):
    assert list(councils_of_localities_of(people["officer"])) == [councils["tan_phong"]]
    assert list(councils_of_localities_of(people["stranger"])) == [councils["binh_lu"]]
    province_official = UserFactory(units=[units["province"]])
    assert list(councils_of_localities_of(province_official)) == [councils["province"]]


def test_a_ward_officer_records_a_meeting_of_the_wards_council(client, people, councils):
    client.force_login(people["officer"])
    listing = client.get(reverse("reception:voter_meetings"))
    assert reverse("reception:add_voter_meeting") in listing.content.decode()
    form = client.get(reverse("reception:add_voter_meeting")).context["form"]
    assert list(form.fields["council"].queryset) == [councils["tan_phong"]]
    response = client.post(reverse("reception:add_voter_meeting"), meeting_post(councils["tan_phong"]))
    meeting = VoterMeeting.objects.get()
    assert response["Location"] == reverse("reception:voter_meeting", args=[meeting.pk])
    assert meeting.council == councils["tan_phong"] and meeting.recorded_by == people["officer"]


def test_the_wards_officials_list_and_open_its_meetings_and_add_recommendations(client, units, people, meetings):
    for who in ("officer", "leader", "handler"):
        client.force_login(people[who])
        listing = client.get(reverse("reception:voter_meetings"))
        assert [m.place for m in listing.context["meetings"]] == ["Tổ 14"], who
        page = client.get(reverse("reception:voter_meeting", args=[meetings["tan_phong"].pk]))
        assert page.status_code == 200, who
    client.force_login(people["leader"])
    page = client.get(reverse("reception:voter_meeting", args=[meetings["tan_phong"].pk]))
    assert "recommendation-heading" in page.content.decode()


def test_another_communes_meetings_stay_out_of_reach(client, people, councils, meetings):
    client.force_login(people["stranger"])
    assert [m.place for m in client.get(reverse("reception:voter_meetings")).context["meetings"]] == ["Bản Hon"]
    assert client.get(reverse("reception:voter_meeting", args=[meetings["tan_phong"].pk])).status_code == 404
    url = reverse("reception:add_voter_recommendation", args=[meetings["tan_phong"].pk])
    assert client.post(url, {}).status_code == 404
    response = client.post(reverse("reception:add_voter_meeting"), meeting_post(councils["tan_phong"]))
    assert response.status_code == 400 and VoterMeeting.objects.filter(council=councils["tan_phong"]).count() == 1


def test_no_button_when_no_council_can_be_chosen(client, units, people):
    # No People's Council is recorded for Tân Phong: the form could never be saved.
    client.force_login(people["officer"])
    listing = client.get(reverse("reception:voter_meetings"))
    assert reverse("reception:add_voter_meeting") not in listing.content.decode()
    assert client.get(reverse("reception:add_voter_meeting")).status_code == 403
