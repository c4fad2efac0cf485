"""A joint HĐND–UBND–MTTQ session: a petition taken there goes to a host unit within the recording
officer's units (their own first, then the People's Committee), so they and their colleagues can follow it."""

from datetime import date

import pytest
from django.urls import reverse

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind
from petitions.models import Category, Petition
from tests.factories import SessionFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)


@pytest.fixture
def joint(units, category):
    """A ward whose council was made before its committee, as the division loader makes them."""
    ward = UnitFactory(name="Phường Đoàn Kết", kind=UnitKind.COMMUNE, parent=units["province"])
    council = UnitFactory(name="HĐND phường Đoàn Kết", kind=UnitKind.PEOPLE_COUNCIL, parent=ward)
    committee = UnitFactory(name="UBND phường Đoàn Kết", kind=UnitKind.PEOPLE_COMMITTEE, parent=ward)
    front = UnitFactory(name="Ủy ban MTTQ Việt Nam phường Đoàn Kết", kind=UnitKind.FATHERLAND_FRONT, parent=ward)
    return {
        "ward": ward,
        "council": council,
        "committee": committee,
        "session": SessionFactory(date=date(2026, 3, 10), hosts=[council, committee, front]),
        "officer": UserFactory(full_name="Lò Thị Hạnh", roles=[Role.RECEPTION_OFFICER], units=[committee]),
        "handler": UserFactory(roles=[Role.HANDLER], units=[committee]),
        "leader": UserFactory(roles=[Role.LEADER], units=[committee]),
    }


def visit_post(**changes):
    return {
        "visit-kind": "complaint_1", "visit-category": Category.objects.get(name="Đất đai").pk,
        "visit-topic": "Khiếu nại bồi thường tổ 3", "visit-citizen_count": "1", "visit-outcome": "petition",
        "visit-visitors": "Lò Văn Pọm; 012078001245; Tổ 3", "visit-petition_content": "Không đồng ý mức bồi thường.",
        **changes,
    }  # fmt: skip


def test_the_recording_officer_and_the_committee_follow_the_petition(client, joint):
    client.force_login(joint["officer"])
    response = client.post(reverse("reception:record_visit", args=[joint["session"].pk]), visit_post())
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.receiving_unit == joint["committee"] and petition.handling_unit == joint["committee"]
    for who in ("officer", "handler", "leader"):
        client.force_login(joint[who])
        assert client.get(reverse("petitions:detail", args=[petition.pk])).status_code == 200, who
        register = client.get(reverse("petitions:list")).content.decode()
        assert petition.code in register, who


def test_an_official_above_the_hosts_chooses_the_receiving_host(client, units, joint):
    official = UserFactory(roles=[Role.RECEPTION_OFFICER], units=[joint["ward"]])
    client.force_login(official)
    page = client.get(reverse("reception:session", args=[joint["session"].pk]))
    field = page.context["visit_form"].fields["receiving_unit"]
    assert set(field.queryset) == set(joint["session"].hosts.all())
    assert field.initial == joint["committee"]  # no host is their own unit: the People's Committee
    url = reverse("reception:record_visit", args=[joint["session"].pk])
    client.post(url, visit_post(**{"visit-receiving_unit": joint["council"].pk}))
    assert Petition.objects.get().receiving_unit == joint["council"]


def test_an_officer_cannot_send_the_petition_to_a_host_outside_their_units(client, joint):
    client.force_login(joint["officer"])
    page = client.get(reverse("reception:session", args=[joint["session"].pk]))
    assert "receiving_unit" not in page.context["visit_form"].fields  # one host in their units: nothing to choose
    url = reverse("reception:record_visit", args=[joint["session"].pk])
    client.post(url, visit_post(**{"visit-receiving_unit": joint["council"].pk}))
    assert Petition.objects.get().receiving_unit == joint["committee"]  # the extra field is ignored


def test_the_service_refuses_a_host_out_of_scope(joint, category):
    from danvan.workflow import DomainError
    from reception import services

    data = {"kind": "feedback", "category": category, "topic": "Phản ánh", "citizen_count": 1, "is_group": False,
            "outcome": "petition", "refusal_reason": "", "handled_before_by": "", "notes": ""}  # fmt: skip
    with pytest.raises(DomainError, match="HĐND phường Đoàn Kết"):
        services.record_visit(
            session=joint["session"], actor=joint["officer"], data=data, visitors=[{"full_name": "Lò Văn Pọm"}],
            petition_content="Phản ánh", receiving_unit=joint["council"],
        )  # fmt: skip
    assert not Petition.objects.exists()
