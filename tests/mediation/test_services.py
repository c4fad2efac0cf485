"""Mediation teams under Law 35/2013, the cases' workflow and its history, and the links with petitions."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from danvan.history.selectors import history_of
from danvan.notifications.models import Notification
from danvan.workflow import DomainError, TransitionError
from mediation import services
from mediation.models import Gender, MediationCase, MediatorRole, TeamRule
from mediation.workflow import CaseStatus, TeamStatus
from petitions.models import EventKind, Kind, Petition
from petitions.workflow import Status
from tests.mediation.conftest import MEDIATORS, PARTIES, START, add_mediators

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


def _recognise(team, actor):
    return services.recognise_team(
        team=team, actor=actor, decision_number="15/QĐ-UBND", decision_date=date(2025, 3, 10)
    )


# --- Team make-up (Law 35/2013 Art 12(1)) ------------------------------------------------------------------------


def test_a_team_of_two_mediators_is_not_recognised(forming_team, people):
    add_mediators(forming_team, people["handler"], MEDIATORS[:2])
    with pytest.raises(DomainError) as refused:
        _recognise(forming_team, people["leader"])
    message = str(refused.value)
    assert "3" in message and "2" in message and "Điều 12" in message
    forming_team.refresh_from_db()
    assert forming_team.status == TeamStatus.FORMING and forming_team.decision_number == ""


def test_a_team_without_a_woman_is_not_recognised(forming_team, people):
    men = [("Lò Văn Chiến", Gender.MALE, MediatorRole.LEADER), ("Đỗ Văn Bình", Gender.MALE, MediatorRole.MEMBER),
           ("Tòng Văn Hải", Gender.MALE, MediatorRole.MEMBER)]  # fmt: skip
    add_mediators(forming_team, people["handler"], men)
    with pytest.raises(DomainError, match="woman|nữ"):
        _recognise(forming_team, people["leader"])
    forming_team.refresh_from_db()
    assert forming_team.status == TeamStatus.FORMING


def test_a_mediator_whose_term_ended_does_not_count(forming_team, people):
    mediators = add_mediators(forming_team, people["handler"])
    services.end_mediator_term(mediator=mediators[1], actor=people["handler"], to_date=date(2025, 3, 5))
    with pytest.raises(DomainError):
        _recognise(forming_team, people["leader"])


def test_recognition_records_the_decision_the_rule_and_a_history_row(team, people):
    assert team.status == TeamStatus.RECOGNISED
    assert (team.decision_number, team.decision_date) == ("15/QĐ-UBND", date(2025, 3, 10))
    assert team.rule.legal_basis == "Luật Hòa giải ở cơ sở 2013, khoản 1 Điều 12"
    last = history_of(team)[-1]
    assert (last.from_status, last.to_status, last.actor) == ("forming", "recognised", people["leader"])
    assert "15/QĐ-UBND" in last.note
    with pytest.raises(TransitionError):
        _recognise(team, people["leader"])


def test_the_minimum_is_data_an_administrator_can_change(forming_team, people):
    TeamRule.objects.update(valid_to=date(2024, 12, 31))
    TeamRule.objects.create(
        name="Thử nghiệm", min_mediators=4, min_women=1, valid_from=date(2025, 1, 1), legal_basis="Quy định thử"
    )
    add_mediators(forming_team, people["handler"])
    with pytest.raises(DomainError, match="Quy định thử"):
        _recognise(forming_team, people["leader"])


def test_without_a_rule_in_force_recognition_asks_for_one(forming_team, people):
    TeamRule.objects.all().delete()
    add_mediators(forming_team, people["handler"])
    with pytest.raises(DomainError, match="administrator|quản trị"):
        _recognise(forming_team, people["leader"])


def test_a_recognised_team_keeps_its_make_up_when_a_term_ends(team, people):
    woman = team.mediators.get(gender=Gender.FEMALE)
    with pytest.raises(DomainError):
        services.end_mediator_term(mediator=woman, actor=people["handler"], to_date=date(2026, 2, 1))
    services.add_mediator(
        team=team, actor=people["handler"], full_name="Lường Thị Hoa", gender=Gender.FEMALE,
        role=MediatorRole.MEMBER, from_date=date(2026, 1, 1),
    )  # fmt: skip
    services.end_mediator_term(mediator=woman, actor=people["handler"], to_date=date(2026, 2, 1))
    woman.refresh_from_db()
    assert woman.to_date == date(2026, 2, 1)


def test_a_team_has_one_serving_leader(team, people):
    with pytest.raises(DomainError, match="Lò Văn Chiến"):
        services.add_mediator(
            team=team, actor=people["handler"], full_name="Người khác", gender=Gender.MALE,
            role=MediatorRole.LEADER, from_date=START,
        )  # fmt: skip


def test_officials_of_another_commune_cannot_form_or_recognise(units, people, forming_team):
    with pytest.raises(PermissionDenied):
        services.create_team(actor=people["stranger"], committee=units["committee"], name="X", area="Y")
    add_mediators(forming_team, people["handler"])
    with pytest.raises(PermissionDenied):
        _recognise(forming_team, people["stranger"])


# --- Cases ------------------------------------------------------------------------------------------------------


def test_a_team_not_yet_recognised_takes_no_case(forming_team, people, category):
    with pytest.raises(DomainError, match=forming_team.name):
        services.record_case(
            actor=people["handler"], team=forming_team, matter="Tranh chấp", details="", field=category,
            received_date=date(2026, 2, 2), parties=PARTIES,
        )  # fmt: skip


def test_a_case_gets_a_code_its_parties_and_a_history_row(case):
    assert case.code == f"HG-2026-{case.pk:06d}"
    assert [p.full_name for p in case.parties.all()] == ["Hoàng Văn Sáng", "Vàng Thị Dung"]
    assert [(row.kind, row.to_status) for row in history_of(case)] == [("created", "received")]


def test_successful_mediation_walks_the_table_and_writes_each_step(case, team, people):
    mediators = list(team.mediators.all()[:2])
    services.start_mediation(case=case, actor=people["handler"], mediators=mediators)
    services.conclude_mediation(
        case=case, actor=people["handler"], outcome=CaseStatus.SUCCESSFUL, mediated_on=date(2026, 2, 10),
        minutes="Hai hộ thống nhất mốc ranh giới theo bản đồ địa chính.",
    )  # fmt: skip
    case.refresh_from_db()
    assert case.status == CaseStatus.SUCCESSFUL and case.mediated_date == date(2026, 2, 10)
    assert set(case.mediators.all()) == set(mediators)
    assert [(row.from_status, row.to_status) for row in history_of(case)] == [
        ("", "received"), ("received", "mediating"), ("mediating", "successful"),
    ]  # fmt: skip
    with pytest.raises(TransitionError):
        services.conclude_mediation(case=case, actor=people["handler"], outcome=CaseStatus.WITHDRAWN)


def test_an_outcome_needs_the_mediation_to_have_started(case, people):
    with pytest.raises(TransitionError):
        services.conclude_mediation(
            case=case, actor=people["handler"], outcome=CaseStatus.SUCCESSFUL, mediated_on=date(2026, 2, 10),
            minutes="x",
        )  # fmt: skip
    services.conclude_mediation(case=case, actor=people["handler"], outcome=CaseStatus.WITHDRAWN)
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN and case.mediated_date is None


def test_only_the_teams_serving_mediators_mediate(case, people, units):
    other = services.create_team(actor=people["handler"], committee=units["committee"], name="Tổ 7", area="Tổ 7")
    outsider = add_mediators(other, people["handler"])[0]
    with pytest.raises(DomainError):
        services.start_mediation(case=case, actor=people["handler"], mediators=[outsider])


def _fail(case, team, people, **extra):
    services.start_mediation(case=case, actor=people["handler"], mediators=list(team.mediators.all()))
    values = {
        "outcome": CaseStatus.UNSUCCESSFUL, "mediated_on": date(2026, 2, 10),
        "minutes": "Hai bên không thống nhất được mốc ranh giới.", "guidance": "UBND phường Tân Phong",
    }  # fmt: skip
    return services.conclude_mediation(case=case, actor=people["handler"], **{**values, **extra})


def test_an_unsuccessful_mediation_names_where_the_parties_were_guided(case, team, people):
    with pytest.raises(DomainError):
        _fail(case, team, people, guidance="")
    case.refresh_from_db()
    assert case.status == CaseStatus.MEDIATING  # the refused step changed nothing


def test_an_unsuccessful_mediation_is_told_to_the_communes_leaders(
    case, team, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _fail(case, team, people)
    notice = Notification.objects.get(kind="mediation_failed")
    assert notice.recipient == people["leader"] and case.code in notice.title
    assert "Hoàng Văn Sáng" not in notice.title + notice.body


# --- Links with petitions ---------------------------------------------------------------------------------------


def test_a_failed_mediation_becomes_a_petition_linked_both_ways(case, team, people):
    _fail(case, team, people)
    sang = case.parties.get(full_name="Hoàng Văn Sáng")
    petition = services.lodge_petition_after_mediation(
        case=case, actor=people["officer"], kind=Kind.RECOMMENDATION, received_date=date(2026, 2, 20),
        parties=[sang],
    )  # fmt: skip
    case.refresh_from_db()
    assert case.follow_up_petition == petition
    assert Petition.objects.get(pk=petition.pk).after_mediation == case
    assert petition.receiving_unit == team.committee and petition.status == Status.RECEIVED
    assert [p.full_name for p in petition.petitioners.all()] == ["Hoàng Văn Sáng"]
    assert case.code in petition.content
    assert petition.events.filter(kind=EventKind.RECEIVED).exists()  # petitions' own intake wrote it
    assert petition.due_date is not None  # and issued its first deadline
    assert "Petition" in history_of(case)[-1].note or petition.code in history_of(case)[-1].note
    with pytest.raises(DomainError, match=petition.code):
        services.lodge_petition_after_mediation(
            case=case, actor=people["officer"], kind=Kind.RECOMMENDATION, received_date=date(2026, 2, 20),
            parties=[sang],
        )  # fmt: skip


def test_only_a_failed_mediation_is_followed_by_a_petition(case, people):
    with pytest.raises(DomainError):
        services.lodge_petition_after_mediation(
            case=case, actor=people["officer"], kind=Kind.RECOMMENDATION, received_date=date(2026, 2, 20),
            parties=list(case.parties.all()),
        )  # fmt: skip
    assert not Petition.objects.exists()


def test_a_petition_is_guided_to_mediation_linked_both_ways(make_petition, team, people):
    petition = make_petition(kind=Kind.RECOMMENDATION, summary="Tranh chấp lối đi chung tổ 5")
    case = services.guide_petition_to_mediation(
        petition=petition, team=team, actor=people["handler"], note="Đề nghị hai hộ gặp tổ hòa giải."
    )
    petition.refresh_from_db()
    assert petition.status == Status.GUIDED
    guided = petition.events.get(kind=EventKind.GUIDED)
    assert guided.is_public and team.name in guided.note and "Đề nghị hai hộ" in guided.note
    assert case.source_petition == petition and petition.guided_to_mediation == case
    assert case.status == CaseStatus.RECEIVED and case.matter == "Tranh chấp lối đi chung tổ 5"
    assert [p.full_name for p in case.parties.all()] == ["Nguyễn Văn An"]
    assert MediationCase.objects.count() == 1
    with pytest.raises(DomainError):
        services.guide_petition_to_mediation(petition=petition, team=team, actor=people["handler"])


def test_complaints_are_not_guided_to_mediation(make_petition, team, people):
    petition = make_petition(kind=Kind.COMPLAINT_FIRST)
    with pytest.raises(DomainError):
        services.guide_petition_to_mediation(petition=petition, team=team, actor=people["handler"])
    petition.refresh_from_db()
    assert petition.status == Status.RECEIVED and not MediationCase.objects.exists()


def test_a_petition_already_accepted_is_not_guided(make_petition, team, people):
    from petitions import services as petition_services

    petition = make_petition(kind=Kind.RECOMMENDATION)
    petition_services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 20))
    with pytest.raises(TransitionError):
        services.guide_petition_to_mediation(petition=petition, team=team, actor=people["handler"])
    assert not MediationCase.objects.exists()


def test_the_dashboard_counts_the_units_mediations_and_the_petitions_after_a_failure(case, team, people, client):
    _fail(case, team, people)
    sang = case.parties.get(full_name="Hoàng Văn Sáng")
    services.lodge_petition_after_mediation(
        case=case, actor=people["officer"], kind=Kind.RECOMMENDATION, received_date=date(2026, 2, 20),
        parties=[sang],
    )  # fmt: skip
    client.force_login(people["leader"])
    period = {"period": "custom", "start": "01/01/2026", "end": "31/03/2026"}
    figures = client.get("/dashboard/", period).context["figures"]["grassroots"]["mediation"]
    assert (figures["received"], figures["mediated"], figures["petitions_after"]) == (1, 1, 1)
    assert figures["success_rate"] == 0
    html = client.get("/dashboard/", period).content.decode()
    assert "Đơn phát sinh sau hòa giải không thành" in html
    # Another period holds none of it.
    later = client.get("/dashboard/", {**period, "start": "01/04/2026", "end": "30/06/2026"})
    assert later.context["figures"]["grassroots"]["mediation"]["received"] == 0


def test_a_petition_lodged_after_a_failed_mediation_is_not_guided_back_to_a_team(case, team, people, client):
    _fail(case, team, people)
    petition = services.lodge_petition_after_mediation(
        case=case, actor=people["officer"], kind=Kind.RECOMMENDATION, received_date=date(2026, 2, 20),
        parties=[case.parties.get(full_name="Hoàng Văn Sáng")],
    )  # fmt: skip
    with pytest.raises(DomainError, match="cơ quan có thẩm quyền"):
        services.guide_petition_to_mediation(petition=petition, team=team, actor=people["leader"])
    assert MediationCase.objects.filter(source_petition=petition).count() == 0
    client.force_login(people["leader"])
    page = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert "Hướng dẫn đến hòa giải ở cơ sở" not in page and case.code in page
