"""The dashboard's summary tables give the figures of the full scan over the raw rows (dashboard.full_scan), on
a generated province and after every kind of change the services make; each model's change marks its bucket."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.orgunits.models import Unit
from danvan.orgunits.selectors import unit_with_descendants
from danvan.workflow import DomainError
from dashboard import full_scan, receivers, selectors
from dashboard.models import PetitionSummary, StaleSummary
from dashboard.periods import Period, period_for
from petitions import services
from petitions.models import (
    Category,
    Complexity,
    DecisionKind,
    Enforcement,
    EventKind,
    Kind,
    Outcome,
    Petition,
    PetitionDeadline,
    PetitionDecision,
    PetitionEvent,
    Stage,
)
from petitions.workflow import OPEN_STATUSES, Status

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 20)
PERIODS = [
    period_for("year", 2026, cutoff_day=15),
    period_for("year", 2025, cutoff_day=0),
    period_for("quarter", 2026, 2, 0),
    period_for("month", 2026, 11, 15),
    Period(date(2024, 1, 1), date(2026, 12, 31), "all"),
]
PERIOD_FIGURES = ("petition_figures", "resolution_results", "timeliness", "voter_recommendation_figures")


@pytest.fixture
def province(time_machine):
    time_machine.move_to("2026-11-20 16:00 +0700", tick=False)
    call_command("generate_petitions", "300", "--seed", "5", "--today", TODAY.isoformat(), stdout=StringIO())
    if connection.vendor == "postgresql":
        # Tables just filled by COPY have no statistics: the full scan's subqueries would be planned blind.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    time_machine.move_to("2026-11-21 09:00 +0700", tick=False)
    busiest = Petition.objects.values("handling_unit").annotate(n=Count("pk")).order_by("-n", "handling_unit")
    commune = Unit.objects.get(pk=busiest.filter(handling_unit__parent__isnull=False)[0]["handling_unit"])
    return {"all": Unit.objects.all(), "commune": Unit.objects.filter(pk__in=unit_with_descendants(commune))}


def figures(module, units):
    """Every petition figure of the dashboard and the report, for each period, as `module` computes them."""
    found = {}
    for period in PERIODS:
        for name in PERIOD_FIGURES:
            found[(period.label, name)] = getattr(module, name)(units, period)
        found[(period.label, "trend")] = module.monthly_trend(units, period)
        for field, label in (("handling_unit", "handling_unit__name"), ("category", "category__name")):
            # Ties are in no defined order: every row, largest first, then by id.
            rows = module.breakdown(units, period, field, label, limit=1000)
            found[(period.label, field)] = sorted(rows, key=lambda row: (-row[2], row[0]))
    for by in ("handling_unit", "category"):
        found[("now", by)] = module.hotspots(units, today=TODAY, limit=1000, by=by)
    return found


def assert_same(scopes):
    for scope, units in scopes.items():
        summary, full = figures(selectors, units), figures(full_scan, units)
        for key, value in full.items():
            assert summary[key] == value, (scope, key)


def test_the_summaries_equal_the_full_scan_on_a_generated_province(province):
    assert not StaleSummary.objects.exists()  # the generator rebuilt them at its end
    assert PetitionSummary.objects.exists()
    year = figures(selectors, province["all"])[(PERIODS[0].label, "petition_figures")]
    assert year["received"] > 100 and year["carried_over"] > 0 and year["resolved"] > 0
    assert_same(province)


def actor_for(petition, role=Role.LEADER):
    return User.objects.filter(units=petition.handling_unit, groups__name=role).order_by("pk").first()


def first_done(candidates, change):
    """Apply `change` to the first candidate the services accept it for; that petition."""
    for petition in candidates:
        try:
            change(petition)
        except (DomainError, PermissionDenied):
            continue
        return petition
    raise AssertionError("no petition took the change")


def test_the_summaries_stay_equal_after_each_change_through_the_services(province):
    today = date(2026, 11, 21)
    officer = User.objects.filter(username__startswith="gen.c", username__endswith=".tiepdan1").first()
    data = {
        "kind": Kind.COMPLAINT_FIRST, "channel": "post", "received_date": today, "receiving_unit": officer.units.get(),
        "category": Category.objects.order_by("pk").first(), "summary": "Khiếu nại", "content": "Khiếu nại.",
    }  # fmt: skip
    recorded = services.create_petition(actor=officer, data=data, petitioners=[{"full_name": "Lò Văn An"}])
    assert_same(province)

    waiting = Petition.objects.filter(status__in=[Status.RECEIVED, Status.CLASSIFIED], kind=Kind.COMPLAINT_FIRST)
    first_done(
        [recorded, *waiting.order_by("pk")],
        lambda p: services.accept_petition(petition=p, actor=actor_for(p), accepted_date=today),
    )
    assert_same(province)

    open_complaints = Petition.objects.filter(
        kind=Kind.COMPLAINT_FIRST, status__in=[Status.ACCEPTED, Status.VERIFYING]
    ).order_by("pk")
    extended = first_done(
        open_complaints,
        lambda p: services.extend_petition_deadline(
            petition=p, actor=actor_for(p), complexity=Complexity.COMPLEX, number="5/QĐ", decided_on=today,
            reason="Phức tạp",
        ),
    )  # fmt: skip
    assert_same(province)

    # A decision with results, its deadline met: the resolution figures and the amounts move.
    resolved = first_done(
        open_complaints.exclude(pk=extended.pk),
        lambda p: services.resolve_petition(
            petition=p, actor=actor_for(p), decided_on=today, number="9/QĐ", outcome=Outcome.JUSTIFIED,
            money_to_state=5_000_000, land_to_state=Decimal("12.5"),
        ),
    )  # fmt: skip
    assert_same(province)

    def enforce(p):
        leader = actor_for(p)
        services.start_enforcement(
            petition=p, actor=leader, effective_date=today, measures="Thu hồi.", due_date=date(2026, 12, 31),
            responsible_other="Phòng Tài chính",
        )  # fmt: skip
        services.complete_enforcement(
            petition=p, actor=leader, completed_on=today, money_to_state_recovered=4_000_000,
            land_to_state_recovered=Decimal("2.5"), people_disciplined=1,
        )  # fmt: skip

    first_done([resolved], enforce)
    assert_same(province)

    first_done(
        Petition.objects.filter(status__in=OPEN_STATUSES, accepted_date__isnull=False).order_by("pk"),
        lambda p: services.urge_petition(petition=p, actor=actor_for(p), note="Đôn đốc."),
    )
    assert_same(province)

    first_done(
        Petition.objects.filter(status__in=OPEN_STATUSES, accepted_date__isnull=False).order_by("pk"),
        lambda p: services.withdraw_petition(petition=p, actor=actor_for(p), withdrawn_on=today),
    )
    assert_same(province)

    # A transfer to another unit: the petition leaves its bucket, its copy starts in the other unit's.
    def transfer(p):
        other = Unit.objects.filter(petitions__isnull=False).distinct().exclude(pk=p.handling_unit_id).first()
        services.transfer_petition(petition=p, actor=actor_for(p), note="Chuyển đơn", to_unit=other)

    transferred = first_done(Petition.objects.filter(status__in=[Status.RECEIVED, Status.CLASSIFIED]), transfer)
    assert Petition.objects.filter(transferred_from=transferred).exists()
    assert_same(province)


def test_each_record_a_figure_counts_marks_its_bucket(province):
    """A change saved on each model alone (no service writing other rows beside it) keeps the figures equal:
    each would fail without its receiver."""
    scopes = {"all": province["all"]}
    resolved = Petition.objects.filter(
        kind=Kind.COMPLAINT_FIRST, accepted_date__isnull=False, events__to_status=Status.RESOLVED
    ).order_by("pk")

    petition = Petition.objects.filter(is_group=False).order_by("pk").first()
    petition.is_group = True
    petition.save(update_fields=["is_group"])
    assert_same(scopes)

    event = PetitionEvent.objects.filter(petition__in=resolved).order_by("pk").first()
    event.pk, event.kind, event.to_status, event.from_status = None, EventKind.URGED, "", ""
    event.save()
    assert_same(scopes)

    deadline = PetitionDeadline.objects.filter(
        petition__in=resolved, stage=Stage.RESOLUTION, is_current=True, met_on__isnull=False
    ).first()
    deadline.met_on = deadline.due_date.replace(year=deadline.due_date.year + 1)  # now late, a year on
    deadline.save(update_fields=["met_on"])
    assert_same(scopes)

    decision = PetitionDecision.objects.filter(petition__in=resolved, kind=DecisionKind.RESOLUTION).first()
    decision.money_to_state += 1_000
    decision.save(update_fields=["money_to_state"])
    assert_same(scopes)

    enforcement = Enforcement.objects.filter(petition__accepted_date__isnull=False).first()
    if enforcement is not None:
        enforcement.money_to_citizens_returned += 7
        enforcement.save(update_fields=["money_to_citizens_returned"])
        assert_same(scopes)

    # Moving a petition to another unit, or to another received date, changes two buckets.
    moved = Petition.objects.exclude(handling_unit=petition.handling_unit).order_by("pk").first()
    moved.handling_unit = petition.handling_unit
    moved.save(update_fields=["handling_unit"])
    assert_same(scopes)
    moved.received_date = date(2025, 12, 20)
    moved.save(update_fields=["received_date", "updated_at"])
    assert_same(scopes)


def test_without_the_receivers_the_summaries_go_stale_until_rebuilt(province, monkeypatch):
    """The marks are what keep the summaries exact: a change no receiver sees (as a QuerySet.update() would be)
    leaves them behind until refresh_dashboard_summaries --all."""
    monkeypatch.setattr(receivers, "mark_petition", lambda petition_id: None)
    monkeypatch.setattr(receivers, "mark_bucket", lambda unit_id, received_date: None)
    year, units = PERIODS[0], province["all"]
    before = selectors.petition_figures(units, year)
    Petition.objects.filter(received_date__range=(year.start, year.end), is_group=False).update(is_group=True)
    assert selectors.petition_figures(units, year) == before != full_scan.petition_figures(units, year)
    call_command("refresh_dashboard_summaries", "--all", stdout=StringIO())
    assert selectors.petition_figures(units, year) == full_scan.petition_figures(units, year)


def test_the_periodic_task_rebuilds_the_stale_buckets(make_petition):
    from dashboard import tasks

    petition = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 10))
    assert StaleSummary.objects.exists()
    assert not PetitionSummary.objects.filter(received_date=date(2026, 2, 10)).exists()
    tasks.refresh_dashboard_summaries()
    assert not StaleSummary.objects.exists()
    row = PetitionSummary.objects.get(received_date=date(2026, 2, 10))
    assert (row.unit_id, row.kind, row.received) == (petition.handling_unit_id, Kind.FEEDBACK, 1)
