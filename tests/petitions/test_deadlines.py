"""Every seeded deadline rule, on real dates (time frozen where "today" matters)."""

from datetime import date

import pytest
import time_machine

from danvan.workflow import DomainError
from petitions import services
from petitions.deadlines import NoRuleError, due_date_for, explain, rule_for
from petitions.models import Complexity, DeadlineRule, Kind, Stage

pytestmark = pytest.mark.django_db

BEFORE = date(2026, 6, 15)
AFTER = date(2026, 7, 15)


@pytest.mark.parametrize(
    ("kind", "stage", "remote", "days", "unit", "basis"),
    [
        (Kind.RECOMMENDATION, Stage.PROCESSING, False, 10, "working_days", "Luật Tiếp công dân 2013, Điều 28"),
        (Kind.DENUNCIATION, Stage.PROCESSING, False, 7, "working_days", "Luật Tố cáo 2018, Điều 24"),
        (Kind.COMPLAINT_FIRST, Stage.ACCEPTANCE, False, 10, "calendar_days", "Luật Khiếu nại 2011, Điều 27"),
        (Kind.COMPLAINT_SECOND, Stage.ACCEPTANCE, False, 10, "calendar_days", "Luật Khiếu nại 2011, Điều 36"),
        (Kind.COMPLAINT_FIRST, Stage.RESOLUTION, False, 30, "calendar_days", "Luật Khiếu nại 2011, Điều 28"),
        (Kind.COMPLAINT_FIRST, Stage.RESOLUTION, True, 45, "calendar_days", "Luật Khiếu nại 2011, Điều 28"),
        (Kind.COMPLAINT_SECOND, Stage.RESOLUTION, False, 45, "calendar_days", "Luật Khiếu nại 2011, Điều 37"),
        (Kind.COMPLAINT_SECOND, Stage.RESOLUTION, True, 60, "calendar_days", "Luật Khiếu nại 2011, Điều 37"),
        (Kind.DENUNCIATION, Stage.RESOLUTION, False, 30, "calendar_days", "Luật Tố cáo 2018, Điều 30"),
        (Kind.FEEDBACK, Stage.RESOLUTION, False, 10, "working_days", "Mặc định địa phương"),
    ],
)
def test_the_rule_in_force_before_and_after_1_july_2026(kind, stage, remote, days, unit, basis):
    old = rule_for(kind=kind, stage=stage, on=BEFORE, conditions={"remote_area"} if remote else frozenset())
    new = rule_for(kind=kind, stage=stage, on=AFTER, conditions={"remote_area"} if remote else frozenset())
    assert old.pk != new.pk
    for rule in (old, new):
        assert (rule.days, rule.counting_unit, rule.condition == ("remote_area" if remote else "")) == (
            days,
            unit,
            True,
        )
        assert rule.legal_basis.startswith(basis)
    assert old.valid_to == date(2026, 6, 30)
    assert "136/2025/QH15" in new.legal_basis and new.valid_from == date(2026, 7, 1)


def test_complex_periods_of_the_rules():
    complaint = rule_for(kind=Kind.COMPLAINT_FIRST, stage=Stage.RESOLUTION, on=AFTER)
    second_remote = rule_for(kind=Kind.COMPLAINT_SECOND, stage=Stage.RESOLUTION, on=AFTER, conditions={"remote_area"})
    denunciation = rule_for(kind=Kind.DENUNCIATION, stage=Stage.RESOLUTION, on=AFTER)
    assert (complaint.complex_days, complaint.very_complex_days) == (45, None)
    assert second_remote.complex_days == 70
    assert (denunciation.complex_days, denunciation.very_complex_days) == (60, 90)


def test_a_kind_without_a_rule_of_its_own_takes_the_general_one():
    rule = rule_for(kind=Kind.COMPLAINT_FIRST, stage=Stage.PROCESSING, on=AFTER)
    assert rule.kind == "" and rule.days == 10


def test_no_rule_before_the_laws():
    with pytest.raises(NoRuleError):
        rule_for(kind=Kind.DENUNCIATION, stage=Stage.RESOLUTION, on=date(2010, 1, 1))


def test_working_day_rule_across_tet_2026():
    rule = rule_for(kind=Kind.RECOMMENDATION, stage=Stage.PROCESSING, on=date(2026, 2, 13))
    assert due_date_for(rule, date(2026, 2, 13)) == date(2026, 3, 6)


def test_calendar_day_rule_rolls_forward_out_of_tet():
    # 10 days after 6/2/2026 is Monday 16/2, the first day of Tết: the period ends on 23/2.
    rule = rule_for(kind=Kind.COMPLAINT_FIRST, stage=Stage.ACCEPTANCE, on=date(2026, 2, 6))
    assert due_date_for(rule, date(2026, 2, 6)) == date(2026, 2, 23)


@time_machine.travel("2026-08-20 09:00 +0700")
def test_petitions_before_and_after_the_amendment_keep_their_own_rule(make_petition, people):
    before = make_petition(kind=Kind.RECOMMENDATION, received=BEFORE)
    after = make_petition(kind=Kind.RECOMMENDATION, received=AFTER)
    assert before.deadline.rule.valid_to == date(2026, 6, 30)
    assert after.deadline.rule.valid_from == date(2026, 7, 1)
    assert before.due_date == date(2026, 6, 29)  # 10 working days from Monday 15/6
    assert after.due_date == date(2026, 7, 29)


@time_machine.travel("2026-03-02 09:00 +0700")
def test_changing_a_rule_never_rewrites_an_issued_deadline(make_petition):
    petition = make_petition(kind=Kind.RECOMMENDATION, received=date(2026, 2, 13))
    rule = petition.deadline.rule
    DeadlineRule.objects.filter(pk=rule.pk).update(days=3)
    petition.refresh_from_db()
    assert petition.due_date == date(2026, 3, 6)
    assert petition.deadline.due_date == date(2026, 3, 6)


@time_machine.travel("2026-03-02 09:00 +0700")
def test_explanation_lists_the_days_skipped(make_petition):
    petition = make_petition(kind=Kind.RECOMMENDATION, received=date(2026, 2, 13))
    how = explain(petition.deadline)
    skipped = [day for day, _reason in how.days_off]
    assert how.days == 10 and how.counting_unit == "working_days"
    assert date(2026, 2, 17) in skipped and date(2026, 2, 14) in skipped
    assert date(2026, 2, 23) not in skipped
    assert how.due_date == date(2026, 3, 6)


@time_machine.travel("2026-08-03 09:00 +0700")
def test_remote_area_petition_gets_the_longer_resolution_period(make_petition, people):
    petition = make_petition(kind=Kind.COMPLAINT_FIRST, received=date(2026, 7, 20), is_remote_area=True)
    services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 7, 27))
    petition.refresh_from_db()
    assert petition.deadline.rule.condition == "remote_area"
    assert petition.due_date == date(2026, 9, 10)  # 45 days after 27/7 (2/9 holiday not involved)


def test_complexity_periods():
    rule = rule_for(kind=Kind.DENUNCIATION, stage=Stage.RESOLUTION, on=AFTER)
    assert rule.days_for(Complexity.NORMAL) == 30
    assert rule.days_for(Complexity.VERY_COMPLEX) == 90


@time_machine.travel("2026-03-02 09:00 +0700")
def test_a_denunciation_checked_in_several_places_gets_ten_working_days(make_petition):
    ordinary = make_petition(kind=Kind.DENUNCIATION, received=date(2026, 2, 13))
    several = make_petition(kind=Kind.DENUNCIATION, received=date(2026, 2, 13), is_several_places=True)
    assert ordinary.due_date == date(2026, 3, 3)
    assert several.due_date == date(2026, 3, 6)
    assert several.deadline.rule.condition == "several_places"


@time_machine.travel("2026-03-02 09:00 +0700")
def test_accepting_a_denunciation_starts_the_five_day_notice_beside_the_resolution(make_petition, people):
    petition = make_petition(kind=Kind.DENUNCIATION, received=date(2026, 2, 13))
    services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 2, 24))
    petition.refresh_from_db()
    notice = services.pending_acceptance_notice(petition)
    assert notice.due_date == date(2026, 3, 3)  # 5 working days after Tuesday 24/2
    assert petition.deadline.stage == Stage.RESOLUTION  # the notice runs beside the main deadline
    with pytest.raises(DomainError):
        services.record_acceptance_notice(petition=petition, actor=people["handler"], notified_on=date(2026, 2, 23))
    services.record_acceptance_notice(petition=petition, actor=people["handler"], notified_on=date(2026, 2, 26))
    assert services.pending_acceptance_notice(petition) is None
    notice.refresh_from_db()
    assert notice.met_on == date(2026, 2, 26)
