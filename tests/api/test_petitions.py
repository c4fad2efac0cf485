"""Petitions through the API: the same scope, the same sealing and the same intake as the pages."""

from datetime import date

import pytest
import time_machine

from petitions.models import EventKind, IdentityAccess, Kind, Petition
from petitions.selectors import petition_list
from tests.api.conftest import bearer
from tests.fixtures import PERSON

ROLES = ["officer", "handler", "colleague", "leader", "stranger", "other_handler"]


def _all_ids(api, **headers):
    """Every petition id of the API's list, following the cursor to the end."""
    ids, url = [], "/api/v1/petitions/?page_size=2"
    while url:
        response = api.get(url, **headers)
        assert response.status_code == 200
        ids += [row["id"] for row in response.json()["results"]]
        url = response.json()["next"]
    return ids


@pytest.fixture
def petitions(make_petition, units, people, category):
    """Petitions of both communes, one handled by a handler of the other commune's unit."""
    made = [make_petition(received=date(2026, 2, day)) for day in (2, 3, 4)]
    made.append(make_petition(kind=Kind.DENUNCIATION))
    made += [
        make_petition(actor=people["other_handler"], receiving_unit=units["other"], received=date(2026, 2, day))
        for day in (5, 6)
    ]
    return made


@pytest.mark.parametrize("role", ROLES)
def test_the_list_holds_exactly_the_registers_petitions(api, people, petitions, role):
    user = people[role]
    api.force_login(user)
    ids = _all_ids(api)
    assert len(ids) == len(set(ids))  # the cursor neither repeats nor skips
    assert set(ids) == set(petition_list(user).values_list("pk", flat=True))
    assert set(ids) and set(ids) != {p.pk for p in petitions}  # each role sees some, nobody all


def test_a_client_sees_its_units_register(api, make_client, units, people, petitions):
    client, token = make_client(units["other"])
    ids = set(_all_ids(api, **bearer(token)))
    assert ids == set(petition_list(client.user).values_list("pk", flat=True))
    assert ids == {p.pk for p in petitions if p.handling_unit_id == units["other"].pk}


@pytest.mark.parametrize("suffix", ["", "timeline/", "decisions/"])
def test_an_out_of_scope_petition_is_not_found(api, people, make_client, units, petitions, suffix):
    theirs = petitions[0]
    api.force_login(people["stranger"])
    assert api.get(f"/api/v1/petitions/{theirs.pk}/{suffix}").status_code == 404
    _client, token = make_client(units["other"])
    api.logout()
    assert api.get(f"/api/v1/petitions/{theirs.pk}/{suffix}", **bearer(token)).status_code == 404
    api.force_login(people["handler"])
    assert api.get(f"/api/v1/petitions/{theirs.pk}/{suffix}").status_code == 200


def test_a_denouncers_identity_is_sealed(api, people, make_petition):
    denunciation = make_petition(kind=Kind.DENUNCIATION)
    api.force_login(people["colleague"])  # a handler of the unit, not the one handling it
    detail = api.get(f"/api/v1/petitions/{denunciation.pk}/")
    assert detail.status_code == 200
    assert PERSON["full_name"] not in detail.content.decode()
    assert PERSON["citizen_id"] not in detail.content.decode()
    assert detail.json()["people"][0]["sealed"] is True
    listed = api.get("/api/v1/petitions/").content.decode()
    assert PERSON["full_name"] not in listed
    assert api.get(f"/api/v1/petitions/{denunciation.pk}/?reveal=1").status_code == 403
    assert not IdentityAccess.objects.exists()


def test_unsealing_is_for_the_competent_and_logged(api, people, make_petition):
    denunciation = make_petition(kind=Kind.DENUNCIATION)
    api.force_login(people["officer"])  # who recorded it
    sealed = api.get(f"/api/v1/petitions/{denunciation.pk}/")
    assert PERSON["full_name"] not in sealed.content.decode()
    revealed = api.get(f"/api/v1/petitions/{denunciation.pk}/?reveal=1")
    assert revealed.json()["people"][0]["full_name"] == PERSON["full_name"]
    assert IdentityAccess.objects.filter(petition=denunciation, user=people["officer"]).count() == 1


def test_a_complaint_shows_its_petitioner_to_the_unit(api, people, make_petition):
    complaint = make_petition()
    api.force_login(people["colleague"])
    assert api.get(f"/api/v1/petitions/{complaint.pk}/").json()["people"][0]["full_name"] == PERSON["full_name"]


def test_the_timeline_shows_only_public_lines(api, people, make_petition):
    from petitions import services

    petition = make_petition()
    services.add_petition_note(petition=petition, actor=people["leader"], note="Ghi chú nội bộ")
    api.force_login(people["handler"])
    lines = api.get(f"/api/v1/petitions/{petition.pk}/timeline/").json()
    assert [line["kind"] for line in lines] == [EventKind.RECEIVED]
    assert "nội bộ" not in str(lines)


NEW = {
    "kind": "recommendation",
    "summary": "Kiến nghị sửa đường liên thôn",
    "content": "Đường liên thôn bản Gia Khâu hư hỏng nặng sau mưa lũ.",
    "people_count": 1,
    "petitioners": [{"full_name": "Lò Thị Mai", "citizen_id": "012345678902", "phone": "0912345679"}],
}


@time_machine.travel(date(2026, 3, 10), tick=False)
def test_an_intake_system_creates_a_petition_with_its_history(api, make_client, units, category):
    client, token = make_client(units["committee"], can_create=True)
    response = api.post("/api/v1/petitions/", {**NEW, "category": category.pk}, format="json", **bearer(token))
    assert response.status_code == 201, response.content
    petition = Petition.objects.get(pk=response.json()["id"])
    assert response.json()["code"] == petition.code and petition.code.startswith("DT-2026-")
    assert petition.channel == "online" and petition.receiving_unit == units["committee"]
    assert petition.created_by == client.user and petition.received_date == date(2026, 3, 10)
    assert petition.deadline is not None
    assert list(petition.events.values_list("kind", flat=True)) == [EventKind.RECEIVED]
    assert petition.petitioners.get().full_name == "Lò Thị Mai"


def test_invalid_input_is_answered_400_in_vietnamese(api, make_client, units, category):
    _client, token = make_client(units["committee"], can_create=True)
    payload = {**NEW, "kind": "complaint_1", "category": category.pk, "is_anonymous": True, "summary": ""}
    payload["petitioners"] = [{"full_name": "Lò Thị Mai", "citizen_id": "12ab"}]
    response = api.post("/api/v1/petitions/", payload, format="json", **bearer(token))
    assert response.status_code == 400
    errors = response.json()
    assert errors["summary"] == ["Trường này là bắt buộc."]
    assert errors["is_anonymous"] == ["Đơn khiếu nại không thể nặc danh: phải có thông tin người khiếu nại."]
    assert "citizen_id" in errors["petitioners"][0]
    assert not Petition.objects.exists()


def test_a_malformed_body_is_answered_400_not_500(api, make_client, units, category):
    _client, token = make_client(units["committee"], can_create=True)
    payload = {**NEW, "category": category.pk, "people_count": "nhiều", "petitioners": "Lò Thị Mai"}
    response = api.post("/api/v1/petitions/", payload, format="json", **bearer(token))
    assert response.status_code == 400 and "people_count" in response.json()
    listed = api.post("/api/v1/petitions/", [NEW], format="json", **bearer(token))
    assert listed.status_code == 400 and listed.json() == {
        "non_field_errors": ["Gửi đơn dưới dạng một đối tượng JSON."]
    }
    assert not Petition.objects.exists()


def test_a_petition_for_a_unit_outside_the_clients_scope_is_refused(api, make_client, units, category):
    _client, token = make_client(units["committee"], can_create=True)
    payload = {**NEW, "category": category.pk, "receiving_unit": units["other"].pk}
    response = api.post("/api/v1/petitions/", payload, format="json", **bearer(token))
    assert response.status_code == 400 and "receiving_unit" in response.json()
    assert not Petition.objects.exists()


def test_an_official_who_may_not_record_cannot_create(api, units, category, db):
    from danvan.accounts.roles import Role
    from tests.factories import UserFactory

    supervisor = UserFactory(roles=[Role.SUPERVISOR], units=[units["committee"]])
    api.force_login(supervisor)
    response = api.post("/api/v1/petitions/", {**NEW, "category": category.pk}, format="json")
    assert response.status_code == 403
