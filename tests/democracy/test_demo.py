"""The demo's published answers on the public page carry nothing of the demo petitioners."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo.petitions import PETITIONS
from democracy.models import Board, Consultation, Disclosure, Publication

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_answers_without_the_petitioners(client):
    call_command("load_demo", "--force", stdout=io.StringIO())
    assert Publication.objects.count() == 3
    assert Board.objects.count() > 1 and Disclosure.objects.count() > 12 and Consultation.objects.count() == 6
    page = client.get(reverse("democracy:public_answers")).content.decode()
    assert "rác thải" in page  # the answered feedback "rac-thai" is published...
    petitioners = [person for row in PETITIONS for person in row[9]]
    assert any(person["full_name"] == "Nguyễn Văn Hải" for person in petitioners)
    for person in petitioners:  # ...and no demo petitioner's name, phone or ID number is on the page
        assert person["full_name"] not in page
        assert person["citizen_id"] not in page
        if person["phone"]:
            assert person["phone"] not in page
