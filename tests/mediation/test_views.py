"""Mediation pages: scope (404 outside it), parties only on the case page, the links with the petition page,
the forms' refusals in words, and the figures per commune."""

from datetime import date

import pytest
from django.urls import reverse

from danvan.accounts.roles import Role
from mediation import services
from mediation.models import Gender, MediationCase, MediationTeam, MediatorRole
from mediation.workflow import CaseStatus, TeamStatus
from petitions.models import Kind
from petitions.workflow import Status
from tests.factories import UserFactory
from tests.mediation.conftest import MEDIATORS, PARTIES, add_mediators

pytestmark = pytest.mark.django_db

PARTY_NAMES = [party["full_name"] for party in PARTIES]


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


def _html(response):
    return response.content.decode()


def _fail(case, team, people):
    services.start_mediation(case=case, actor=people["handler"], mediators=list(team.mediators.all()))
    return services.conclude_mediation(
        case=case, actor=people["handler"], outcome=CaseStatus.UNSUCCESSFUL, mediated_on=date(2026, 2, 10),
        minutes="Không thống nhất.", guidance="UBND phường Tân Phong",
    )  # fmt: skip


# --- Scope --------------------------------------------------------------------------------------------------------


def test_a_case_or_team_of_another_commune_is_not_found(client, case, team, people):
    client.force_login(people["stranger"])
    assert client.get(reverse("mediation:case", args=[case.pk])).status_code == 404
    assert client.get(reverse("mediation:team", args=[team.pk])).status_code == 404
    assert client.post(reverse("mediation:start", args=[case.pk]), {}).status_code == 404
    lists = _html(client.get(reverse("mediation:cases"))) + _html(client.get(reverse("mediation:teams")))
    assert case.code not in lists and team.name not in lists


def test_the_case_page_shows_the_parties_to_the_communes_officials(client, case, people):
    client.force_login(people["officer"])
    html = _html(client.get(reverse("mediation:case", args=[case.pk])))
    assert all(name in html for name in PARTY_NAMES) and "0912000111" in html


def test_lists_figures_and_the_province_leader_see_no_party(client, case, team, people, units):
    _fail(case, team, people)
    leader = UserFactory(roles=[Role.LEADER], units=[units["province"]])
    client.force_login(leader)
    pages = [
        reverse("mediation:cases"), reverse("mediation:teams"), reverse("mediation:figures") + "?year=2026",
        reverse("mediation:team", args=[team.pk]),
    ]  # fmt: skip
    for url in pages:
        html = _html(client.get(url))
        assert case.code in html or team.name in html or team.committee.name in html, url
        assert not any(name in html for name in PARTY_NAMES), url


def test_the_public_status_of_a_petition_guided_to_mediation_names_no_one(client, make_petition, team, people):
    petition = make_petition(kind=Kind.RECOMMENDATION, summary="Tranh chấp lối đi chung")
    services.guide_petition_to_mediation(petition=petition, team=team, actor=people["handler"])
    html = _html(client.post(reverse("lookup"), {"code": petition.code, "key": petition.lookup_key}))
    assert team.name in html  # the citizen reads where the matter went
    for secret in ("Nguyễn Văn An", "012345678901", "0912345678", *MEDIATORS[0][:1]):
        assert secret not in html, secret


# --- Teams ----------------------------------------------------------------------------------------------------------


def test_a_team_is_formed_staffed_and_recognised_through_its_pages(client, units, people):
    client.force_login(people["handler"])
    response = client.post(
        reverse("mediation:add_team"), {"committee": units["committee"].pk, "name": "Tổ hòa giải tổ 9", "area": "Tổ 9"}
    )
    team = MediationTeam.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("mediation:team", args=[team.pk])
    for name, gender, role in MEDIATORS[:2]:
        data = {"full_name": name, "gender": gender, "role": role, "from_date": "01/03/2025"}
        assert client.post(reverse("mediation:add_mediator", args=[team.pk]), data).status_code == 302
    client.force_login(people["leader"])
    decision = {"decision_number": "20/QĐ-UBND", "decision_date": "10/03/2025"}
    refused = client.post(reverse("mediation:recognise", args=[team.pk]), decision)
    assert refused.status_code == 400
    assert "Tổ hòa giải phải có ít nhất 3 hòa giải viên" in _html(refused)
    assert "20/QĐ-UBND" in _html(refused)  # what was typed is kept
    services.add_mediator(
        team=team, actor=people["handler"], full_name="Đỗ Văn Bình", gender=Gender.MALE, role=MediatorRole.MEMBER,
        from_date=date(2025, 3, 1),
    )  # fmt: skip
    assert client.post(reverse("mediation:recognise", args=[team.pk]), decision).status_code == 302
    team.refresh_from_db()
    assert team.status == TeamStatus.RECOGNISED


def test_a_reception_officer_may_not_record_the_recognition(client, forming_team, people):
    add_mediators(forming_team, people["handler"])
    client.force_login(people["officer"])
    data = {"decision_number": "20/QĐ-UBND", "decision_date": "10/03/2025"}
    assert client.post(reverse("mediation:recognise", args=[forming_team.pk]), data).status_code == 403


# --- Cases and petitions ---------------------------------------------------------------------------------------


def test_a_case_is_recorded_mediated_and_followed_by_a_petition_through_its_pages(client, team, people, category):
    client.force_login(people["handler"])
    data = {
        "team": team.pk, "matter": "Tranh chấp nước tưới ruộng", "details": "", "field": category.pk,
        "received_date": "02/02/2026", "party1_name": "Hoàng Văn Sáng", "party2_name": "Vàng Thị Dung",
    }  # fmt: skip
    response = client.post(reverse("mediation:add_case"), data)
    case = MediationCase.objects.get()
    assert response.status_code == 302 and case.parties.count() == 2
    mediators = [m.pk for m in team.mediators.all()]
    assert client.post(reverse("mediation:start", args=[case.pk]), {"mediators": mediators}).status_code == 302
    missing = client.post(reverse("mediation:conclude", args=[case.pk]), {"outcome": "unsuccessful"})
    assert missing.status_code == 400 and "Nhập ngày hòa giải." in _html(missing)
    outcome = {"outcome": "unsuccessful", "mediated_on": "10/02/2026", "minutes": "Không thống nhất.",
               "guidance": "UBND phường Tân Phong"}  # fmt: skip
    assert client.post(reverse("mediation:conclude", args=[case.pk]), outcome).status_code == 302
    sang = case.parties.get(full_name="Hoàng Văn Sáng")
    lodged = client.post(
        reverse("mediation:lodge_petition", args=[case.pk]),
        {"kind": Kind.RECOMMENDATION, "received_date": "20/02/2026", "parties": [sang.pk]},
    )
    case.refresh_from_db()
    petition = case.follow_up_petition
    assert lodged.status_code == 302 and petition is not None
    case_page = _html(client.get(reverse("mediation:case", args=[case.pk])))
    assert reverse("petitions:detail", args=[petition.pk]) in case_page
    petition_page = _html(client.get(reverse("petitions:detail", args=[petition.pk])))
    assert reverse("mediation:case", args=[case.pk]) in petition_page and case.code in petition_page


def test_the_petition_page_offers_mediation_and_the_form_guides_it(client, make_petition, team, people):
    petition = make_petition(kind=Kind.RECOMMENDATION, summary="Tranh chấp lối đi chung")
    client.force_login(people["handler"])
    offer = reverse("mediation:from_petition") + f"?code={petition.code}"
    assert offer in _html(client.get(reverse("petitions:detail", args=[petition.pk])))
    assert petition.code in _html(client.get(offer))
    response = client.post(reverse("mediation:from_petition"), {"code": petition.code.lower(), "team": team.pk})
    case = MediationCase.objects.get()
    assert response.status_code == 302 and case.source_petition == petition
    petition.refresh_from_db()
    assert petition.status == Status.GUIDED
    page = _html(client.get(reverse("petitions:detail", args=[petition.pk])))
    assert reverse("mediation:case", args=[case.pk]) in page and offer not in page


def test_the_petition_page_offers_no_mediation_for_a_complaint(client, make_petition, team, people):
    petition = make_petition(kind=Kind.COMPLAINT_FIRST)
    client.force_login(people["handler"])
    assert reverse("mediation:from_petition") not in _html(client.get(reverse("petitions:detail", args=[petition.pk])))


def test_a_petition_of_another_commune_cannot_be_guided_by_code(client, make_petition, team, people, units):
    petition = make_petition(kind=Kind.RECOMMENDATION)
    other_team = services.create_team(actor=people["stranger"], committee=units["other"], name="Tổ Bản Chu", area="Bản")
    add_mediators(other_team, people["stranger"])
    services.recognise_team(
        team=other_team, actor=people["stranger"], decision_number="1/QĐ", decision_date=date(2025, 3, 10)
    )
    client.force_login(people["stranger"])
    response = client.post(reverse("mediation:from_petition"), {"code": petition.code, "team": other_team.pk})
    assert response.status_code == 400 and not MediationCase.objects.exists()
    petition.refresh_from_db()
    assert petition.status == Status.RECEIVED


# --- Figures ----------------------------------------------------------------------------------------------------


def _cases(team, people, category, outcomes):
    made = []
    for index, outcome in enumerate(outcomes):
        case = services.record_case(
            actor=people["handler"], team=team, matter=f"Tranh chấp {index}", details="", field=category,
            received_date=date(2026, 1, 5), parties=PARTIES,
        )  # fmt: skip
        if outcome != CaseStatus.RECEIVED:
            services.start_mediation(case=case, actor=people["handler"], mediators=list(team.mediators.all()))
        if outcome in (CaseStatus.SUCCESSFUL, CaseStatus.UNSUCCESSFUL, CaseStatus.WITHDRAWN):
            services.conclude_mediation(
                case=case, actor=people["handler"], outcome=outcome, mediated_on=date(2026, 1, 20),
                minutes="Biên bản.", guidance="UBND phường",
            )  # fmt: skip
        made.append(case)
    return made


def test_figures_count_per_commune_with_the_success_rate_and_petitions_after_failure(
    client, team, people, category, units, django_assert_max_num_queries
):
    outcomes = [CaseStatus.SUCCESSFUL] * 3 + [CaseStatus.UNSUCCESSFUL] * 2 + [CaseStatus.WITHDRAWN, CaseStatus.RECEIVED]
    cases = _cases(team, people, category, outcomes)
    services.lodge_petition_after_mediation(
        case=cases[3], actor=people["officer"], kind=Kind.FEEDBACK, received_date=date(2026, 2, 1),
        parties=list(cases[3].parties.all()[:1]),
    )  # fmt: skip
    leader = UserFactory(roles=[Role.LEADER], units=[units["province"]])
    client.force_login(leader)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("mediation:figures"), {"year": 2026})
    row = response.context["rows"][0]
    assert (row["team__committee__name"], row["received"], row["mediated"], row["successful"]) == (
        "UBND phường Tân Phong", 7, 5, 3,
    )  # fmt: skip
    assert (row["unsuccessful"], row["withdrawn"], row["open"], row["petitions_after"]) == (2, 1, 1, 1)
    assert row["success_rate"] == 60.0
    assert client.get(reverse("mediation:figures"), {"year": 2025}).context["rows"] == []
    client.force_login(people["stranger"])
    assert client.get(reverse("mediation:figures"), {"year": 2026}).context["rows"] == []


def test_the_figures_download_as_a_workbook(client, team, people, category):
    _cases(team, people, category, [CaseStatus.SUCCESSFUL])
    client.force_login(people["leader"])
    response = client.get(reverse("mediation:figures_xlsx"), {"year": 2026})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_case_list_makes_a_constant_number_of_queries(
    client, team, people, category, django_assert_max_num_queries
):
    _cases(team, people, category, [CaseStatus.SUCCESSFUL] * 6)
    client.force_login(people["handler"])
    with django_assert_max_num_queries(14):
        response = client.get(reverse("mediation:cases"))
    assert len(response.context["cases"]) == 6


def test_the_dashboard_links_the_figures(client, people):
    client.force_login(people["leader"])
    assert reverse("mediation:figures") in _html(client.get(reverse("dashboard:index")))
