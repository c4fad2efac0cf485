"""The generated province (manage.py generate_petitions): shares, lawful deadlines, timelines that match the
statuses, the same data for the same seed, the refusal on real data, and the pages opening on it."""

import hashlib
import re
from collections import Counter
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Prefetch
from django.utils.timezone import localtime

from danvan.accounts.models import User
from demo.generate import generate, real_data
from petitions import services
from petitions.deadlines import due_date_for, intake_stage, rule_for
from petitions.models import (
    COMPLAINT_KINDS,
    Category,
    DecisionKind,
    EventKind,
    Kind,
    Petition,
    PetitionDeadline,
    PetitionDecision,
    Petitioner,
    PetitionEvent,
    Stage,
)
from petitions.selectors import overdue_condition
from petitions.services._common import _search_text
from petitions.workflow import OPEN_STATUSES, TRANSITIONS, Status
from reception.models import ReceptionSession, SessionStatus, Visit, VoterMeeting

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 20)
N = 300


def run(count=N, seed=7):
    return generate(count, seed=seed, years=1, today=TODAY)


@pytest.fixture
def generated():
    return run()


def petitions():
    return Petition.objects.select_related("category", "handling_unit").prefetch_related(
        Prefetch("petitioners", queryset=Petitioner.objects.order_by("order", "pk")),
        Prefetch("events", queryset=PetitionEvent.objects.order_by("created_at", "pk")),
        "deadlines__rule",
        "decisions",
    )


def test_counts_and_shares(generated):
    assert generated["petitions"] == N == Petition.objects.count()
    kinds = Counter(Petition.objects.values_list("kind", flat=True))
    assert set(kinds) == set(Kind.values)
    answered = kinds[Kind.RECOMMENDATION] + kinds[Kind.FEEDBACK]
    complaints = kinds[Kind.COMPLAINT_FIRST] + kinds[Kind.COMPLAINT_SECOND]
    assert answered > 0.6 * N
    assert 0.08 * N < complaints < 0.3 * N
    assert 0 < kinds[Kind.DENUNCIATION] < 0.15 * N
    statuses = Counter(Petition.objects.values_list("status", flat=True))
    assert statuses[Status.CLOSED] > 0.4 * N  # a year back, most are done
    assert sum(statuses[s] for s in OPEN_STATUSES) > 0
    assert statuses[Status.TRANSFERRED] > 0 and statuses[Status.GUIDED] + statuses[Status.DUPLICATE] > 0
    assert Petition.objects.filter(overdue_condition(TODAY)).exists()
    assert len(set(Petition.objects.values_list("channel", flat=True))) >= 5
    assert Petition.objects.filter(received_date__lt=date(2025, 11, 21)).count() == 0
    assert Petition.objects.filter(received_date__gt=TODAY).count() == 0
    held = ReceptionSession.objects.filter(status=SessionStatus.HELD, date__lte=TODAY)
    assert held.exists() and not ReceptionSession.objects.filter(status=SessionStatus.HELD, date__gt=TODAY).exists()
    assert Visit.objects.filter(petition__isnull=False).exists() and Visit.objects.filter(petition=None).exists()
    assert VoterMeeting.objects.filter(petitions__isnull=False).exists()
    # Old ones mostly closed, recent ones mostly open.
    old = Petition.objects.filter(received_date__lt=date(2026, 6, 1))
    recent = Petition.objects.filter(received_date__gt=date(2026, 11, 10))
    assert old.filter(status__in=OPEN_STATUSES).count() < 0.1 * old.count()
    assert recent.filter(status__in=OPEN_STATUSES).count() > 0.5 * recent.count()


def test_a_petition_recorded_after_the_generator_gets_the_next_code(generated):
    officer = User.objects.filter(username__startswith="gen.c", username__endswith=".tiepdan1").first()
    data = {
        "kind": Kind.FEEDBACK, "channel": "post", "received_date": TODAY, "receiving_unit": officer.units.get(),
        "category": Category.objects.get(name="Môi trường"), "summary": "Phản ánh khói bụi", "content": "Khói bụi.",
    }  # fmt: skip
    petition = services.create_petition(actor=officer, data=data, petitioners=[{"full_name": "Lò Văn An"}])
    assert petition.pk > max(Petition.objects.exclude(pk=petition.pk).values_list("pk", flat=True))
    assert petition.code == f"DT-{TODAY.year}-{petition.pk:06d}"
    assert Petition.objects.filter(code=petition.code).count() == 1


def test_codes_keys_and_search_text_as_the_services_make_them(generated):
    for petition in petitions():
        assert petition.code == f"DT-{petition.received_date.year}-{petition.pk:06d}"
        assert re.fullmatch(r"[A-HJ-NP-Z2-9]{10}", petition.lookup_key)
        people = list(petition.petitioners.all())
        assert petition.search_text == _search_text(petition, people)
        if petition.kind == Kind.DENUNCIATION and people:
            assert people[0].full_name.lower() not in petition.search_text
        assert petition.is_anonymous == (not people)
        assert not (petition.is_anonymous and petition.kind in COMPLAINT_KINDS)


def _status_path(events):
    status = Status.RECEIVED
    for event in events:
        if event.to_status:
            assert event.from_status == status, (event.kind, event.from_status, status)
            assert event.to_status in TRANSITIONS[status], (status, event.to_status)
            status = event.to_status
    return status


def test_statuses_follow_the_timelines_and_the_deadlines(generated):
    for petition in petitions():
        events = list(petition.events.all())
        steps = [e for e in events if e.kind != EventKind.NOTE]  # a duplicate's note may come the same morning
        assert steps[0].kind in (EventKind.RECEIVED, EventKind.TRANSFERRED_IN)
        assert all(petition.received_date <= localtime(e.created_at).date() <= TODAY for e in steps)
        assert _status_path(events) == petition.status
        kinds = {e.kind for e in events}
        assert (petition.accepted_date is not None) == (EventKind.ACCEPTED in kinds)
        decisions = {d.kind for d in petition.decisions.all()}
        if EventKind.RESOLVED in kinds:
            assert DecisionKind.RESOLUTION in decisions
        if petition.status == Status.NOT_ACCEPTED:
            assert DecisionKind.NOT_ACCEPTED in decisions
        deadlines = list(petition.deadlines.all())
        current = Counter(d.stage for d in deadlines if d.is_current)
        assert max(current.values()) == 1
        for deadline in deadlines:
            rule = rule_for(
                kind=petition.kind, stage=deadline.stage, on=deadline.start_date, conditions=petition.conditions
            )
            assert deadline.rule == rule
            assert deadline.due_date == due_date_for(
                rule, deadline.start_date, deadline.complexity, fixed=petition.answer_by
            )
            assert deadline.met_on is None or deadline.met_on <= TODAY
        for decision in petition.decisions.all():
            assert (petition.accepted_date or petition.received_date) <= decision.date <= TODAY
            if decision.kind == DecisionKind.EXTENSION:  # decided before the deadline it extends passed
                retired = [d for d in deadlines if d.stage == Stage.RESOLUTION and not d.is_current]
                assert retired and decision.date <= retired[0].due_date
        if petition.status in OPEN_STATUSES:
            assert petition.deadline is not None and petition.deadline.met_on is None and petition.deadline.is_current
            assert petition.due_date == petition.deadline.due_date
            stage = Stage.RESOLUTION if petition.accepted_date else intake_stage(petition.kind)
            assert petition.deadline.stage == stage
        else:
            assert petition.deadline_id is None and petition.due_date is None
            assert not [
                d for d in deadlines if d.is_current and d.stage != Stage.ACCEPTANCE_NOTICE and d.met_on is None
            ]
        if petition.status == Status.TRANSFERRED and not petition.transferred_to_name.startswith(
            ("Tòa", "Công an", "Chi cục", "Bảo hiểm")
        ):
            copy = Petition.objects.get(transferred_from=petition)
            assert copy.channel == "transferred" and copy.handling_unit.name == petition.transferred_to_name
        if petition.status == Status.DUPLICATE:
            assert petition.duplicate_of_id is not None


def _digest(after_pk=0):
    """Everything generated after `after_pk`, with ids made relative so two runs can be compared."""
    rows = Petition.objects.filter(pk__gt=after_pk).order_by("pk")
    base = rows.values_list("pk", flat=True).first()
    digest = hashlib.sha256()
    for row in rows.values_list(
        "pk", "kind", "channel", "received_date", "status", "due_date", "accepted_date", "summary", "content",
        "handling_unit_id", "people_count", "created_at", "updated_at", "lookup_key", "search_text",
    ):  # fmt: skip
        # The code holds the id, which differs between the runs; its text around the id must not.
        search = re.sub(r"dt-\d{4}-\d{6}", "", row[-1])
        digest.update(repr((row[0] - base, *row[1:-1], search)).encode())
    events = PetitionEvent.objects.filter(petition_id__gt=after_pk).order_by("petition_id", "created_at", "pk")
    for row in events.values_list("petition_id", "kind", "from_status", "to_status", "created_at", "actor_id"):
        digest.update(repr((row[0] - base, *row[1:])).encode())
    deadlines = PetitionDeadline.objects.filter(petition_id__gt=after_pk).order_by("petition_id", "pk")
    for row in deadlines.values_list(
        "petition_id", "stage", "rule_id", "start_date", "due_date", "met_on", "is_current"
    ):
        digest.update(repr((row[0] - base, *row[1:])).encode())
    decisions = PetitionDecision.objects.filter(petition_id__gt=after_pk).order_by("petition_id", "pk")
    for row in decisions.values_list("petition_id", "kind", "date", "outcome"):
        digest.update(repr((row[0] - base, *row[1:])).encode())
    return digest.hexdigest()


def test_the_same_seed_gives_the_same_data():
    run(120, seed=3)
    first = _digest()
    last = Petition.objects.order_by("pk").last().pk
    run(120, seed=3)  # the second run reuses the province, its officials and its reception
    assert Petition.objects.count() == 240
    assert _digest(after_pk=last) == first
    run(120, seed=4)
    assert _digest(after_pk=last + 120) != first


def test_refuses_a_database_with_real_data(capsys):
    assert real_data() == ""
    User.objects.create(username="admin", full_name="Quản trị thật")
    assert "admin" in real_data()
    with pytest.raises(CommandError, match="real data"):
        call_command("generate_petitions", "10", "--years", "1", "--today", "2026-11-20")
    assert not Petition.objects.exists()
    call_command("generate_petitions", "10", "--years", "1", "--today", "2026-11-20", "--force")
    assert Petition.objects.count() == 10
    assert "petitions/s" in capsys.readouterr().out


def test_register_and_dashboard_open_on_generated_data(generated, client):
    leader = User.objects.get(username="gen.p12.tinh.lanhdao1")
    client.force_login(leader)
    register = client.get("/petitions/")
    assert register.status_code == 200
    assert Petition.objects.order_by("-received_date", "-pk").first().code in register.content.decode()
    assert client.get("/petitions/", {"status": Status.CLOSED}).status_code == 200
    assert client.get("/dashboard/").status_code == 200
    some = Petition.objects.filter(kind=Kind.DENUNCIATION).first()
    assert client.get(f"/petitions/{some.pk}/").status_code == 200
    handler = User.objects.filter(username__startswith="gen.c", username__contains=".xuly").first()
    client.force_login(handler)
    assert client.get("/petitions/").status_code == 200
