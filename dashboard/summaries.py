"""Keeping the summary tables (dashboard.models) exact: mark a bucket stale, rebuild stale buckets, rebuild all.

A bucket is (handling unit, received date). Every change that can alter a figure marks the bucket of its
petition in its own transaction (dashboard.receivers, from the models' signals); the selectors call
`refresh()` before they read, which rebuilds the stale buckets from their raw rows with the conditions of
dashboard.full_scan (tests/dashboard/test_summary.py holds the two equal). Writes that send no signal
(bulk_create, COPY, QuerySet.update) are followed by `rebuild_all()`: the generator calls it at its end,
and `manage.py refresh_dashboard_summaries --all` and a nightly task run it.
"""

from collections import Counter
from functools import reduce
from operator import or_

from django.db import connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Min, Q
from django.db.models.functions import TruncDate

from petitions.models import (
    DecisionKind,
    Enforcement,
    EventKind,
    Outcome,
    Petition,
    PetitionDeadline,
    PetitionDecision,
    PetitionEvent,
    Stage,
)
from petitions.selectors import repeated_condition
from petitions.workflow import OPEN_STATUSES, Status

from .full_scan import ACHIEVED_SUMS, ORDERED_SUMS
from .models import CategorySummary, FinishSummary, PetitionSummary, StaleSummary, TimelinessSummary

SUMMARIES = (PetitionSummary, CategorySummary, FinishSummary, TimelinessSummary)
# Buckets rebuilt per statement: bounds the size of the OR of buckets in one query.
CHUNK = 200
# The advisory lock the writers of the summaries take (any number no other code uses: "dash").
LOCK_KEY = 0x64617368


def mark_petition(petition_id):
    """The bucket the petition is in now is stale (looked up when it is rebuilt)."""
    if petition_id is not None:
        StaleSummary.objects.create(petition_id=petition_id)


def mark_bucket(unit_id, received_date):
    """The bucket (unit, received date) is stale: one a petition leaves, or of a petition deleted."""
    if unit_id is not None and received_date is not None:
        StaleSummary.objects.create(unit_id=unit_id, received_date=received_date)


def refresh():
    """Rebuild the stale buckets, if any (one query when there are none, a fixed number otherwise)."""
    if not StaleSummary.objects.exists():
        return 0
    with transaction.atomic():
        _lock()  # a second reader waits for this rebuild, then finds the marks gone and reads its result
        marks = list(StaleSummary.objects.values_list("pk", "petition_id", "unit_id", "received_date"))
        buckets = {(unit, day) for _pk, petition, unit, day in marks if petition is None}
        petitions = {petition for _pk, petition, _unit, _day in marks if petition is not None}
        buckets |= set(Petition.objects.filter(pk__in=petitions).values_list("handling_unit_id", "received_date"))
        buckets = sorted(buckets)
        for start in range(0, len(buckets), CHUNK):
            rebuild(buckets[start : start + CHUNK])
        # Exactly the marks read: one written since stays, for the next read.
        StaleSummary.objects.filter(pk__in=[mark[0] for mark in marks]).delete()
    return len(buckets)


def _lock():
    """One writer of the summaries at a time (PostgreSQL; SQLite has one writer anyway), until commit."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def rebuild(buckets):
    """Rebuild the summaries of the buckets [(unit id, received date), …] from the raw rows."""
    if not buckets:
        return
    where = reduce(or_, (Q(unit_id=unit, received_date=day) for unit, day in buckets))
    for model in SUMMARIES:
        model.objects.filter(where).delete()
    _store(Petition.objects.filter(reduce(or_, (Q(handling_unit_id=u, received_date=d) for u, d in buckets))))


def rebuild_all(out=None):
    """Rebuild every summary from the raw rows, a month of received dates per transaction (memory and locks
    stay bounded; the dashboard reads every other month meanwhile)."""
    marks = list(StaleSummary.objects.values_list("pk", flat=True))
    dates = Petition.objects.order_by().values_list("received_date", flat=True)
    first, last = dates.order_by("received_date").first(), dates.order_by("-received_date").first()
    with transaction.atomic():
        _lock()
        outside = ~Q(received_date__range=(first, last)) if first else Q()
        for model in SUMMARIES:
            model.objects.filter(outside).delete()
    day = first and first.replace(day=1)
    while day is not None and day <= last:
        end = _add_months(day, 1)
        with transaction.atomic():
            _lock()
            for model in SUMMARIES:
                model.objects.filter(received_date__gte=day, received_date__lt=end).delete()
            _store(Petition.objects.filter(received_date__gte=day, received_date__lt=end))
        if out:
            out(f"  {day:%m/%Y}")
        day = end
    # The changes these marks stand for were committed before the rebuild began: it holds them.
    StaleSummary.objects.filter(pk__in=marks).delete()


def _add_months(day, months):
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1, day=1)


def _store(petitions):
    """Compute and insert the summary rows of the petitions (whole buckets).

    The conditions are those of dashboard.full_scan, evaluated once per petition: a grouped query over the
    events of these petitions, and their resolution deadlines, decisions and enforcement, each reached
    through the petitions' ids (an index per table), then added up here by bucket. (The same conditions as
    EXISTS inside the aggregates make PostgreSQL hash the whole events table once per condition, whatever
    the size of the bucket.)"""
    facts = {row["pk"]: row for row in petitions.values("pk", *PETITION_FACTS, repeated=REPEATED).order_by()}
    if not facts:
        return
    ids = petitions.values("pk")
    events = {
        row.pop("petition"): row
        for row in PetitionEvent.objects.filter(petition__in=ids)
        .values("petition")
        .annotate(
            resolved=Count("pk", filter=Q(to_status=Status.RESOLVED)),
            withdrawn=Count("pk", filter=Q(to_status=Status.WITHDRAWN)),
            terminated=Count("pk", filter=Q(to_status=Status.TERMINATED)),
            urged=Count("pk", filter=Q(kind=EventKind.URGED)),
            # The day handling first finished: a step to a status neither open nor empty, its date in the
            # current time zone as full_scan's created_at__date reads it.
            finished_on=Min(TruncDate("created_at"), filter=~Q(to_status__in=["", *OPEN_STATUSES])),
        )
        .order_by()
    }
    deadlines = PetitionDeadline.objects.filter(petition__in=ids, stage=Stage.RESOLUTION, is_current=True)
    decisions = PetitionDecision.objects.filter(petition__in=ids, kind=DecisionKind.RESOLUTION)
    enforcements = Enforcement.objects.filter(petition__in=ids)
    no_events = {"resolved": 0, "withdrawn": 0, "terminated": 0, "urged": 0, "finished_on": None}
    for pk, fact in facts.items():
        fact.update(events.get(pk, no_events), in_time=False, outcomes=set(), ordered=[], achieved=[], met=[])
    for pk, met_on, due in deadlines.values_list("petition", "met_on", "due_date"):
        facts[pk]["in_time"] |= met_on is not None and met_on <= due
        facts[pk]["met"].append((met_on, due))
    for row in decisions.values("petition", "outcome", *ORDERED_SUMS):
        facts[row["petition"]]["outcomes"].add(row["outcome"])
        facts[row["petition"]]["ordered"].append(row)
    for row in enforcements.values("petition", "completed_on", *ACHIEVED_SUMS):
        facts[row["petition"]]["achieved"].append(row)
    _insert(facts.values())


PETITION_FACTS = (
    "handling_unit",
    "received_date",
    "kind",
    "category",
    "status",
    "accepted_date",
    "channel",
    "is_group",
    "is_skipped_level",
)
REPEATED = ExpressionWrapper(repeated_condition(), output_field=BooleanField())


def _insert(facts):
    """Add the petitions' facts up by bucket (and kind, field, finish day, met day) and insert the rows."""
    petition_rows, category_rows, finish_rows, met_rows = {}, {}, Counter(), {}
    for fact in facts:
        bucket = (fact["handling_unit"], fact["received_date"])
        row = petition_rows.setdefault((*bucket, fact["kind"]), Counter())
        for name, value in _petition_counts(fact).items():
            row[name] += value
        category = category_rows.setdefault((*bucket, fact["category"]), Counter())
        category["received"] += 1
        category["repeated"] += fact["repeated"]
        finish_rows[(*bucket, fact["finished_on"])] += 1
        if fact["resolved"]:  # as full_scan.timeliness: resolved cases only
            for met_on, due in fact["met"]:
                if met_on is not None:
                    met = met_rows.setdefault((*bucket, met_on), Counter())
                    met["on_time"] += met_on <= due
                    met["late"] += met_on > due
    PetitionSummary.objects.bulk_create(
        [
            PetitionSummary(unit_id=unit, received_date=day, kind=kind, **counts)
            for (unit, day, kind), counts in petition_rows.items()
        ],
        batch_size=2000,
    )
    CategorySummary.objects.bulk_create(
        [
            CategorySummary(unit_id=unit, received_date=day, category_id=category, **counts)
            for (unit, day, category), counts in category_rows.items()
        ],
        batch_size=2000,
    )
    FinishSummary.objects.bulk_create(
        [
            FinishSummary(unit_id=unit, received_date=day, finished_on=finished_on, count=count)
            for (unit, day, finished_on), count in finish_rows.items()
        ],
        batch_size=2000,
    )
    TimelinessSummary.objects.bulk_create(
        [
            TimelinessSummary(unit_id=unit, received_date=day, met_on=met_on, **counts)
            for (unit, day, met_on), counts in met_rows.items()
        ],
        batch_size=2000,
    )


def _petition_counts(fact):
    """What one petition adds to its PetitionSummary row (the conditions of full_scan.petition_figures,
    resolution_results, _ordered_and_achieved and voter_recommendation_figures)."""
    is_open = fact["status"] in OPEN_STATUSES
    accepted = fact["accepted_date"] is not None
    resolved = accepted and fact["resolved"] > 0
    voter = fact["channel"] == "voter_meeting"
    counts = {
        "received": 1,
        "group": fact["is_group"],
        "skipped_level": fact["is_skipped_level"],
        "repeated": fact["repeated"],
        "transferred": fact["status"] == Status.TRANSFERRED,
        "guided": fact["status"] == Status.GUIDED,
        "voter": voter,
        "voter_answered": voter and fact["resolved"] > 0,
        "voter_open": voter and is_open,
        "accepted": accepted,
        "resolved": resolved,
        "on_time": resolved and fact["in_time"],
        "withdrawn": accepted and fact["withdrawn"] > 0,
        "terminated": accepted and fact["terminated"] > 0,
        "being_resolved": accepted and is_open,
        "urged": accepted and fact["urged"] > 0,
        **{outcome: resolved and outcome in fact["outcomes"] for outcome in Outcome.values},
    }
    if accepted:  # the decisions and enforcement of the petitions within competence
        for decision in fact["ordered"]:
            for name in ORDERED_SUMS:
                counts[name] = counts.get(name, 0) + decision[name]
        for enforcement in fact["achieved"]:
            done = enforcement["completed_on"] is not None
            counts["enforcement_completed"] = counts.get("enforcement_completed", 0) + done
            counts["enforcement_in_progress"] = counts.get("enforcement_in_progress", 0) + (not done)
            for name in ACHIEVED_SUMS:
                counts[name] = counts.get(name, 0) + enforcement[name]
    return {name: int(value) if isinstance(value, bool) else value for name, value in counts.items()}
