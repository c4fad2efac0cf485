"""Group petitions: how many representatives a group may choose (Decree 124/2020/NĐ-CP), as dated rule rows,
checked by the service (DomainError) and on the intake form (a Vietnamese message, the input kept)."""

from datetime import date

import pytest
from django.urls import reverse

from danvan.workflow import DomainError
from petitions.models import GroupRepresentationRule, Kind, Petition
from tests.fixtures import PERSON
from tests.petitions.test_views import intake_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


def signers(count, representatives):
    return [
        {
            **PERSON,
            "full_name": f"Người {i}",
            "citizen_id": f"0123456789{i:02d}",
            "is_representative": i < representatives,
        }
        for i in range(count)
    ]


@pytest.mark.parametrize(("count", "representatives"), [(8, 2), (12, 5), (4, 3), (1, 1)])
def test_within_the_rule_the_group_is_recorded(make_petition, count, representatives):
    petition = make_petition(people_count=count, petitioners=signers(max(representatives, 1), representatives))
    assert petition.petitioners.filter(is_representative=True).count() == representatives


@pytest.mark.parametrize(("count", "representatives", "limit"), [(8, 3, 2), (10, 3, 2), (12, 6, 5), (40, 6, 5)])
def test_too_many_representatives_are_refused(make_petition, count, representatives, limit):
    with pytest.raises(DomainError) as refused:
        make_petition(people_count=count, petitioners=signers(representatives, representatives))
    message = str(refused.value)
    assert f"Nhóm {count} người chỉ được cử tối đa {limit} người đại diện" in message
    assert "Nghị định 124/2020/NĐ-CP" in message
    assert not Petition.objects.exists()


@pytest.mark.parametrize("kind", [Kind.DENUNCIATION, Kind.RECOMMENDATION])
def test_the_rule_applies_to_every_kind(make_petition, kind):
    with pytest.raises(DomainError):
        make_petition(kind=kind, people_count=8, petitioners=signers(3, 3))


def test_the_rule_is_dated_data(make_petition):
    """Before the rule was in force there was none to check; a new row changes the limit from its date."""
    make_petition(received=date(2020, 12, 4), people_count=8, petitioners=signers(3, 3))
    GroupRepresentationRule.objects.filter(max_people=10).update(valid_to=date(2026, 2, 28))
    GroupRepresentationRule.objects.create(
        name="Thử nghiệm", min_people=5, max_people=10, max_representatives=3, valid_from=date(2026, 3, 1),
        legal_basis="Quy định thử nghiệm",
    )  # fmt: skip
    make_petition(received=date(2026, 3, 2), people_count=8, petitioners=signers(3, 3))
    with pytest.raises(DomainError, match="tối đa 2 người đại diện"):
        make_petition(received=date(2026, 2, 27), people_count=8, petitioners=signers(3, 3))


def test_the_form_says_so_in_vietnamese_and_keeps_the_input(client, people, units):
    client.force_login(people["officer"])
    rows = {"people_count": "12", "people-TOTAL_FORMS": "6"}
    for i in range(6):
        rows.update({f"people-{i}-full_name": f"Người {i}", f"people-{i}-citizen_id": f"0123456789{i:02d}",
                     f"people-{i}-province_code": "12", f"people-{i}-is_representative": "on"})  # fmt: skip
    response = client.post(reverse("petitions:create"), intake_post(units, **rows))
    html = response.content.decode()
    assert response.status_code == 200 and not Petition.objects.exists()
    assert "Nhóm 12 người chỉ được cử tối đa 5 người đại diện (Nghị định 124/2020/NĐ-CP, khoản 2 Điều 6)" in html
    assert 'value="Người 5"' in html and 'value="012345678905"' in html


def test_five_of_twelve_pass_the_form(client, people, units):
    client.force_login(people["officer"])
    rows = {"people_count": "12", "people-TOTAL_FORMS": "5"}
    for i in range(5):
        rows.update({f"people-{i}-full_name": f"Người {i}", f"people-{i}-citizen_id": f"0123456789{i:02d}",
                     f"people-{i}-province_code": "12", f"people-{i}-is_representative": "on"})  # fmt: skip
    response = client.post(reverse("petitions:create"), intake_post(units, **rows))
    assert response.status_code == 302
    assert Petition.objects.get().petitioners.filter(is_representative=True).count() == 5
