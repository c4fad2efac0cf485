"""The petition figures of the dashboard computed from the raw rows, as they were before the summaries.

The definition the summaries are held to: tests/dashboard/test_summary.py checks that dashboard.selectors
gives the same figures, and bench/ times these against the page. Not used by the pages.
"""

from django.db.models import BigIntegerField, Count, DecimalField, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format

from petitions.models import (
    DecisionKind,
    Enforcement,
    EventKind,
    Kind,
    Outcome,
    PetitionDeadline,
    PetitionDecision,
    PetitionEvent,
    Stage,
)
from petitions.models import Petition as PetitionModel
from petitions.selectors import (
    ended_in,
    escalated_condition,
    overdue_condition,
    repeated_condition,
    resolved_condition,
)
from petitions.workflow import OPEN_STATUSES, Status


def petition_figures(units, period):
    """Counts of the petitions received in the period by the units, and those carried over into it (two queries)."""
    received = PetitionModel.objects.filter(handling_unit__in=units, received_date__range=(period.start, period.end))
    figures = received.aggregate(
        received=Count("pk"),
        complaints=Count("pk", filter=Q(kind__in=[Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND])),
        denunciations=Count("pk", filter=Q(kind=Kind.DENUNCIATION)),
        recommendations=Count("pk", filter=Q(kind__in=[Kind.RECOMMENDATION, Kind.FEEDBACK])),
        within_competence=Count("pk", filter=Q(accepted_date__isnull=False)),
        # The register's filters accepted=true&resolved=true list exactly these.
        resolved=Count("pk", filter=Q(accepted_date__isnull=False) & resolved_condition()),
        group=Count("pk", filter=Q(is_group=True)),
        skipped_level=Count("pk", filter=Q(is_skipped_level=True)),
        repeated=Count("pk", filter=repeated_condition()),
        transferred=Count("pk", filter=Q(status=Status.TRANSFERRED)),
        guided=Count("pk", filter=Q(status=Status.GUIDED)),
    )
    figures["outside_competence"] = figures["transferred"] + figures["guided"]
    # Carried over: received earlier and not yet finished (resolved, closed, transferred, …) when the period began.
    finished_before = PetitionEvent.objects.filter(petition=OuterRef("pk"), created_at__date__lt=period.start).exclude(
        to_status__in=["", *OPEN_STATUSES]
    )
    figures["carried_over"] = (
        PetitionModel.objects.filter(handling_unit__in=units, received_date__lt=period.start)
        .exclude(Exists(finished_before))
        .count()
    )
    within = figures["within_competence"]
    figures["resolution_rate"] = round(100 * figures["resolved"] / within) if within else None
    return figures


RESULT_GROUPS = {
    "complaint": [Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND],
    "denunciation": [Kind.DENUNCIATION],
}


def resolution_results(units, period):
    """Forms 01/KQGQ (complaints) and 03/KQGQ (denunciations) for the petitions received in the period and
    accepted (within competence), by how their resolution ended (three queries: the petitions, the results their
    decisions ordered, the enforcement of those decisions; see _ordered_and_achieved). The forms add up:

    within competence = resolved + withdrawn + terminated + still being resolved
    resolved = on time + late = justified + partly justified + unjustified

    Resolved means a resolution decision (or conclusion) was made; a withdrawn or terminated case closes with
    that outcome, distinct from resolved (Luật KN 2011; Luật TC 2018 Art 33), and counts in neither on time
    nor late. On time: decided by the current resolution deadline (an extension's, if extended); late: every
    other resolved case. Resolution rate = resolved ÷ within competence."""
    cohort = PetitionModel.objects.filter(
        handling_unit__in=units, received_date__range=(period.start, period.end), accepted_date__isnull=False
    )
    received = cohort.annotate(
        was_urged=Exists(PetitionEvent.objects.filter(petition=OuterRef("pk"), kind=EventKind.URGED)),
        ended_resolved=resolved_condition(),
        ended_withdrawn=ended_in(Status.WITHDRAWN),
        ended_terminated=ended_in(Status.TERMINATED),
        in_time=Exists(
            PetitionDeadline.objects.filter(
                petition=OuterRef("pk"), stage=Stage.RESOLUTION, is_current=True, met_on__lte=F("due_date")
            )
        ),
        **{
            f"outcome_{outcome}": Exists(
                PetitionDecision.objects.filter(petition=OuterRef("pk"), kind=DecisionKind.RESOLUTION, outcome=outcome)
            )
            for outcome in Outcome.values
        },
    )
    aggregates = {}
    for group, kinds in RESULT_GROUPS.items():
        of = Q(kind__in=kinds)
        resolved = of & Q(ended_resolved=True)
        aggregates |= {
            f"{group}_within_competence": Count("pk", filter=of),
            f"{group}_resolved": Count("pk", filter=resolved),
            f"{group}_on_time": Count("pk", filter=resolved & Q(in_time=True)),
            f"{group}_late": Count("pk", filter=resolved & Q(in_time=False)),
            f"{group}_withdrawn": Count("pk", filter=of & Q(ended_withdrawn=True)),
            f"{group}_terminated": Count("pk", filter=of & Q(ended_terminated=True)),
            f"{group}_being_resolved": Count("pk", filter=of & Q(status__in=OPEN_STATUSES)),
            f"{group}_justified": Count("pk", filter=resolved & Q(outcome_justified=True)),
            f"{group}_partly": Count("pk", filter=resolved & Q(outcome_partly=True)),
            f"{group}_unjustified": Count("pk", filter=resolved & Q(outcome_unjustified=True)),
            f"{group}_urged": Count("pk", filter=of & Q(was_urged=True)),
        }
    figures = received.aggregate(**aggregates)
    figures |= _ordered_and_achieved(cohort.values("pk"))
    for group in RESULT_GROUPS:
        within = figures[f"{group}_within_competence"]
        figures[f"{group}_resolution_rate"] = round(100 * figures[f"{group}_resolved"] / within) if within else None
    return figures


# What the decisions ordered (PetitionDecision) and what their enforcement achieved (Enforcement), as the
# forms' columns: money and land to the State and to citizens, people disciplined, referrals to investigators.
ORDERED_SUMS = (
    "money_to_state",
    "land_to_state",
    "money_to_citizens",
    "land_to_citizens",
    "people_for_discipline",
    "cases_to_investigation",
    "people_to_investigation",
)
ACHIEVED_SUMS = (
    "money_to_state_recovered",
    "land_to_state_recovered",
    "money_to_citizens_returned",
    "land_to_citizens_returned",
    "people_disciplined",
)


def _ordered_and_achieved(petition_ids):
    """The result columns of 01/KQGQ and 03/KQGQ for the petitions `petition_ids` (two aggregate queries).

    Ordered: summed over their resolution decisions (or conclusions). Achieved and the enforcement counts: over
    the enforcements of those decisions, as they stand now (completed, or still in progress)."""
    decisions = PetitionDecision.objects.filter(petition__in=petition_ids, kind=DecisionKind.RESOLUTION)
    enforcements = Enforcement.objects.filter(petition__in=petition_ids)
    ordered, achieved = {}, {}
    for group, kinds in RESULT_GROUPS.items():
        of = Q(petition__kind__in=kinds)
        ordered |= {f"{group}_{name}": _total(name, of) for name in ORDERED_SUMS}
        achieved |= {f"{group}_{name}": _total(name, of) for name in ACHIEVED_SUMS}
        achieved[f"{group}_enforcement_completed"] = Count("pk", filter=of & Q(completed_on__isnull=False))
        achieved[f"{group}_enforcement_in_progress"] = Count("pk", filter=of & Q(completed_on__isnull=True))
    figures = decisions.aggregate(**ordered) | enforcements.aggregate(**achieved)
    # Areas as numbers a workbook keeps as numbers (to one decimal, as recorded).
    return {key: float(value) if "_land_" in key else value for key, value in figures.items()}


def _total(name, of):
    """Sum(name) over the rows `of`, 0 when there are none; areas keep their decimal."""
    field = DecimalField(max_digits=20, decimal_places=1) if name.startswith("land") else BigIntegerField()
    return Coalesce(Sum(name, filter=of), 0, output_field=field)


def timeliness(units, period):
    """Resolved cases whose resolution deadline was met in the period: on time vs late (one query)."""
    # Only resolved cases: a withdrawal or a termination also stops the clock, but is neither on time nor late.
    resolved = PetitionModel.objects.filter(resolved_condition()).values("pk")
    met = PetitionDeadline.objects.filter(
        petition__handling_unit__in=units,
        petition__in=resolved,
        stage=Stage.RESOLUTION,
        is_current=True,
        met_on__range=(period.start, period.end),
    ).aggregate(
        on_time=Count("pk", filter=Q(met_on__lte=F("due_date"))), late=Count("pk", filter=Q(met_on__gt=F("due_date")))
    )
    total = met["on_time"] + met["late"]
    met["on_time_rate"] = round(100 * met["on_time"] / total) if total else None
    return met


def current_state(units, today=None):
    """Now, whatever the period: overdue and escalated petitions (one query)."""
    today = today or timezone.localdate()
    # As the register's filters overdue=true and escalated=true: by any open deadline, not the main one only.
    return PetitionModel.objects.filter(handling_unit__in=units, status__in=OPEN_STATUSES).aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=overdue_condition(today)),
        escalated=Count("pk", filter=escalated_condition(today)),
    )


def voter_recommendation_figures(units, period):
    """Voters' recommendations received in the period: answered and still in progress (one query)."""
    figures = PetitionModel.objects.filter(
        handling_unit__in=units, channel="voter_meeting", received_date__range=(period.start, period.end)
    ).aggregate(
        received=Count("pk"),
        answered=Count("pk", filter=resolved_condition()),
        in_progress=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
    )
    figures["answered_rate"] = round(100 * figures["answered"] / figures["received"]) if figures["received"] else None
    return figures


def monthly_trend(units, period):
    """Petitions received per month of the period (one grouped query)."""
    rows = (
        PetitionModel.objects.filter(handling_unit__in=units, received_date__range=(period.start, period.end))
        .annotate(month=TruncMonth("received_date"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    return [(date_format(row["month"], "m/Y"), row["n"]) for row in rows]


def breakdown(units, period, field, label_field, limit=10):
    """Petitions received in the period grouped by a field (unit, category), largest first."""
    rows = (
        PetitionModel.objects.filter(handling_unit__in=units, received_date__range=(period.start, period.end))
        .values(field, label_field)
        .annotate(n=Count("pk"))
        .order_by("-n")[:limit]
    )
    return [(row[field], row[label_field], row["n"]) for row in rows]


def hotspots(units, today=None, limit=5, by="handling_unit"):
    """Units (or, by="category", fields) where overdue, repeated or group petitions concentrate now.

    One grouped query; each row has "pk", "name", the three counts and their sum as "weight". The query reads
    only open or repeated petitions and evaluates each condition once per row; the weights are summed and
    ranked here, over one row per unit or field, so the overdue condition is not repeated in HAVING and ORDER BY.
    """
    today = today or timezone.localdate()
    repeated = repeated_condition()
    rows = (
        PetitionModel.objects.alias(is_overdue=overdue_condition(today), is_repeated=repeated)
        .filter(Q(status__in=OPEN_STATUSES) | repeated, handling_unit__in=units)
        .values(pk=F(by), name=F(f"{by}__name"))
        .annotate(
            overdue=Count("id", filter=Q(is_overdue=True)),
            repeated=Count("id", filter=Q(is_repeated=True)),
            group=Count("id", filter=Q(is_group=True, status__in=OPEN_STATUSES)),
        )
    )
    spots = [{**row, "weight": row["overdue"] + row["repeated"] + row["group"]} for row in rows]
    spots = sorted((spot for spot in spots if spot["weight"]), key=lambda spot: (-spot["weight"], spot["name"]))
    return spots[:limit]
