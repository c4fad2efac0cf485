"""The tester's walk through the demo as the Tân Phong reception officer, kept as a test."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from danvan.accounts.models import User
from danvan.orgunits.models import Unit
from reception import selectors
from reception.models import ReceptionSession, VoterMeeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", "--force", verbosity=0)


def test_the_ward_officer_finds_the_wards_voter_meeting_and_no_dead_end(client, demo):
    officer = User.objects.get(username="tiepdan.tanphong")
    council = Unit.objects.get(name="HĐND phường Tân Phong")
    meeting = VoterMeeting.objects.get(council=council)
    client.force_login(officer)
    listing = client.get(reverse("reception:voter_meetings"))
    assert meeting in listing.context["meetings"]
    assert reverse("reception:add_voter_meeting") in listing.content.decode()
    assert client.get(reverse("reception:voter_meeting", args=[meeting.pk])).status_code == 200
    form = client.get(reverse("reception:add_voter_meeting")).context["form"]
    assert list(form.fields["council"].queryset) == [council]
    sessions = client.get(reverse("reception:sessions")).content.decode()
    assert reverse("reception:compliance") not in sessions and reverse("reception:visits") in sessions


def test_the_joint_sessions_petition_is_the_ward_committees(client, demo):
    officer = User.objects.get(username="tiepdan.tanphong")
    joint = ReceptionSession.objects.filter(hosts__name="HĐND phường Tân Phong", status="held").first()
    client.force_login(officer)
    form = client.get(reverse("reception:session", args=[joint.pk])).context["visit_form"]
    assert "receiving_unit" not in form.fields  # one host within the officer's units: the ward's committee
    assert [host.name for host in selectors.receiving_hosts(joint, officer)] == ["UBND phường Tân Phong"]
