"""The dashboard's figures, each a grouped SQL aggregate over the apps' scoped records.

Every function takes the units in scope (a queryset) and a period, and makes one query (or a fixed few)
whatever the amount of data. The petition figures of a period read the summary tables (dashboard.models),
brought up to date first (dashboard.summaries.refresh); they equal those of dashboard.full_scan, computed
from the raw rows. The figures of today (current_state, hotspots) read the open petitions only.
"""

from django.db.models import Avg, BigIntegerField, Count, DecimalField, F, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format

from petitions.models import Kind, SatisfactionRating
from petitions.models import Petition as PetitionModel
from petitions.selectors import overdue_condition
from petitions.workflow import OPEN_STATUSES
from reception import selectors as reception_selectors
from reception.models import ReceptionDuty, ReceptionSession, SessionStatus, Visit
from supervision.models import Initiative, Recommendation
from supervision.workflow import EXEMPLARS, RecommendationStatus

from . import summaries
from .full_scan import ACHIEVED_SUMS, ORDERED_SUMS, RESULT_GROUPS, current_state
from .models import CategorySummary, FinishSummary, PetitionSummary, TimelinessSummary

__all__ = ["current_state"]  # unchanged: it reads the open petitions only


def _total(name, of=None):
    """Sum(name) over the rows `of`, 0 when there are none; areas keep their decimal."""
    field = DecimalField(max_digits=20, decimal_places=1) if name.startswith("land") else BigIntegerField()
    return Coalesce(Sum(name, filter=of), 0, output_field=field)


def _aggregate(queryset, **aggregates):
    """queryset.aggregate(), its results named as given even where a summary column has the same name."""
    figures = queryset.aggregate(**{f"sum_{name}": value for name, value in aggregates.items()})
    return {name.removeprefix("sum_"): value for name, value in figures.items()}


def _received(units, period):
    summaries.refresh()
    return PetitionSummary.objects.filter(unit__in=units, received_date__range=(period.start, period.end))


def _by_kind(units, period, columns):
    """The summary's columns added up per kind over the period (one grouped query: a few rows, whatever N)."""
    rows = _received(units, period).values("kind").annotate(**{f"sum_{name}": Sum(name) for name in columns})
    return {row["kind"]: {name: row[f"sum_{name}"] for name in columns} for row in rows.order_by()}


def _add_up(by_kind, name, kinds=None):
    """Column `name` over the kinds given (all if None); 0 when none."""
    return sum(row[name] for kind, row in by_kind.items() if kinds is None or kind in kinds)


COHORT_COUNTS = ("received", "accepted", "resolved", "group", "skipped_level", "repeated", "transferred", "guided")


def petition_figures(units, period):
    """Counts of the petitions received in the period by the units, and those carried over into it (two queries)."""
    by_kind = _by_kind(units, period, COHORT_COUNTS)
    figures = {
        "received": _add_up(by_kind, "received"),
        "complaints": _add_up(by_kind, "received", [Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND]),
        "denunciations": _add_up(by_kind, "received", [Kind.DENUNCIATION]),
        "recommendations": _add_up(by_kind, "received", [Kind.RECOMMENDATION, Kind.FEEDBACK]),
        "within_competence": _add_up(by_kind, "accepted"),
        **{name: _add_up(by_kind, name) for name in COHORT_COUNTS[2:]},
    }
    figures["outside_competence"] = figures["transferred"] + figures["guided"]
    # Carried over: received earlier and not yet finished (resolved, closed, transferred, …) when the period began.
    figures["carried_over"] = (
        FinishSummary.objects.filter(unit__in=units, received_date__lt=period.start)
        .filter(Q(finished_on__isnull=True) | Q(finished_on__gte=period.start))
        .aggregate(n=_total("count"))["n"]
    )
    within = figures["within_competence"]
    figures["resolution_rate"] = round(100 * figures["resolved"] / within) if within else None
    return figures


RESULT_COUNTS = (
    "resolved", "on_time", "withdrawn", "terminated", "being_resolved", "justified", "partly", "unjustified", "urged",
    *ORDERED_SUMS, "enforcement_completed", "enforcement_in_progress", *ACHIEVED_SUMS,
)  # fmt: skip


def resolution_results(units, period):
    """Forms 01/KQGQ (complaints) and 03/KQGQ (denunciations) for the petitions received in the period and
    accepted (within competence), by how their resolution ended (one grouped query; the definitions are those
    of full_scan.resolution_results). The forms add up:

    within competence = resolved + withdrawn + terminated + still being resolved
    resolved = on time + late = justified + partly justified + unjustified"""
    by_kind = _by_kind(units, period, ("accepted", *RESULT_COUNTS))
    figures = {}
    for group, kinds in RESULT_GROUPS.items():
        figures[f"{group}_within_competence"] = _add_up(by_kind, "accepted", kinds)
        figures |= {f"{group}_{name}": _add_up(by_kind, name, kinds) for name in RESULT_COUNTS}
        figures[f"{group}_late"] = figures[f"{group}_resolved"] - figures[f"{group}_on_time"]
        within = figures[f"{group}_within_competence"]
        figures[f"{group}_resolution_rate"] = round(100 * figures[f"{group}_resolved"] / within) if within else None
    # Areas as numbers a workbook keeps as numbers (to one decimal, as recorded).
    return {key: float(value) if "_land_" in key else value for key, value in figures.items()}


def timeliness(units, period):
    """Resolved cases whose resolution deadline was met in the period: on time vs late (one query)."""
    summaries.refresh()
    met = _aggregate(
        TimelinessSummary.objects.filter(unit__in=units, met_on__range=(period.start, period.end)),
        on_time=_total("on_time"),
        late=_total("late"),
    )
    total = met["on_time"] + met["late"]
    met["on_time_rate"] = round(100 * met["on_time"] / total) if total else None
    return met


def satisfaction(units, period):
    """Citizens' ratings of petitions answered in the period (one query)."""
    ratings = SatisfactionRating.objects.filter(
        petition__handling_unit__in=units, created_at__date__range=(period.start, period.end)
    )
    figures = ratings.aggregate(
        count=Count("pk"),
        avg_access=Avg("access"),
        avg_procedures=Avg("procedures"),
        avg_official=Avg("official"),
        avg_result=Avg("result"),
        avg_feedback_handling=Avg("feedback_handling"),
        satisfied=Count(
            "pk",
            filter=Q(access__gte=4, procedures__gte=4, official__gte=4, result__gte=4, feedback_handling__gte=4),
        ),
    )
    figures["satisfied_rate"] = round(100 * figures["satisfied"] / figures["count"]) if figures["count"] else None
    return figures


def reception_figures(units, period):
    """Sessions held, visits and people received in the period; sessions the norms require
    of the units' officials and those they presided over in person (five queries)."""
    sessions = ReceptionSession.objects.filter(hosts__in=units, date__range=(period.start, period.end)).distinct()
    held = sessions.filter(status=SessionStatus.HELD)
    figures = {"sessions_held": held.count()}
    figures.update(
        Visit.objects.filter(session__in=sessions).aggregate(
            visits=Count("pk"),
            people=Sum("citizen_count"),
            group_visits=Count("pk", filter=Q(is_group=True)),
            petitions_received=Count("pk", filter=Q(petition__isnull=False)),
            group_people=Sum("citizen_count", filter=Q(is_group=True)),
            ad_hoc_visits=Count("pk", filter=Q(session__is_ad_hoc=True)),
            old_cases=Count("pk", filter=~Q(handled_before_by="")),
            complaint_visits=Count("pk", filter=Q(kind="complaint_1")),
            denunciation_visits=Count("pk", filter=Q(kind="denunciation")),
            recommendation_visits=Count("pk", filter=Q(kind__in=["recommendation", "feedback"])),
        )
    )
    figures["people"] = figures["people"] or 0
    figures["group_people"] = figures["group_people"] or 0
    figures["periodic_visits"] = figures["visits"] - figures["ad_hoc_visits"]
    figures["new_cases"] = figures["visits"] - figures["old_cases"]
    norm = reception_selectors.compliance_totals(ReceptionDuty.objects.filter(unit__in=units), period.start, period.end)
    figures.update(norm_required=norm["required"], norm_held=norm["held"], norm_officials=norm["officials"])
    return figures


def recommendation_figures(units, period):
    """Supervision recommendations and commitments due in the period: implemented vs due (one query)."""
    return Recommendation.objects.filter(
        Q(body__in=units) | Q(addressed_to__in=units), due_date__range=(period.start, period.end)
    ).aggregate(
        due=Count("pk"),
        implemented=Count("pk", filter=Q(status=RecommendationStatus.IMPLEMENTED)),
        commitments=Count("pk", filter=Q(kind="commitment")),
    )


def initiative_figures(units, year):
    """Dân vận khéo initiatives of the year: registered, maintained from the year before, exemplars (one query)."""
    return Initiative.objects.filter(unit__in=units, year=year).aggregate(
        models=Count("pk"),
        maintained=Count("pk", filter=Q(carried_from__isnull=False)),
        exemplars=Count("pk", filter=Q(status__in=EXEMPLARS)),
    )


def voter_recommendation_figures(units, period):
    """Voters' recommendations received in the period: answered and still in progress (one query)."""
    figures = _aggregate(
        _received(units, period),
        received=_total("voter"),
        answered=_total("voter_answered"),
        in_progress=_total("voter_open"),
    )
    figures["answered_rate"] = round(100 * figures["answered"] / figures["received"]) if figures["received"] else None
    return figures


def monthly_trend(units, period):
    """Petitions received per month of the period (one grouped query)."""
    rows = (
        _received(units, period)
        .annotate(month=TruncMonth("received_date"))
        .values("month")
        .annotate(n=Sum("received"))
        .order_by("month")
    )
    return [(date_format(row["month"], "m/Y"), row["n"]) for row in rows]


# The summary that holds each field the petitions are broken down by, and its column there.
BREAKDOWNS = {"handling_unit": (PetitionSummary, "unit"), "category": (CategorySummary, "category")}


def breakdown(units, period, field, label_field, limit=10):
    """Petitions received in the period grouped by a field (unit, category), largest first (ties by id)."""
    model, column = BREAKDOWNS[field]
    summaries.refresh()
    rows = (
        model.objects.filter(unit__in=units, received_date__range=(period.start, period.end))
        .values(key=F(column), label=F(f"{column}__name"))
        .annotate(n=Sum("received"))
        .order_by("-n", "key")[:limit]
    )
    return [(row["key"], row["label"], row["n"]) for row in rows]


def hotspots(units, today=None, limit=5, by="handling_unit"):
    """Units (or, by="category", fields) where overdue, repeated or group petitions concentrate now.

    Each row has "pk", "name", the three counts and their sum as "weight". Two grouped queries: overdue and
    group petitions among the open ones (status index), repeated ones of all time from the summary rows that
    hold any (a partial index); the weights are summed and ranked here, over one row per unit or field."""
    today = today or timezone.localdate()
    model, column = BREAKDOWNS[by]
    spots = {}
    # The condition is named before values(): a values() name "pk" would stand for the field in its pk__in.
    open_rows = (
        PetitionModel.objects.alias(is_overdue=overdue_condition(today))
        .filter(status__in=OPEN_STATUSES, handling_unit__in=units)
        .values(key=F(by), label=F(f"{by}__name"))
        .annotate(n_overdue=Count("id", filter=Q(is_overdue=True)), n_group=Count("id", filter=Q(is_group=True)))
        .order_by()
    )
    for row in open_rows:
        spots[row["key"]] = {"pk": row["key"], "name": row["label"], "overdue": row["n_overdue"], "repeated": 0}
        spots[row["key"]]["group"] = row["n_group"]
    summaries.refresh()
    repeated_rows = (
        model.objects.filter(unit__in=units, repeated__gt=0)
        .values(key=F(column), label=F(f"{column}__name"))
        .annotate(n_repeated=Sum("repeated"))
        .order_by()
    )
    for row in repeated_rows:
        spot = {"pk": row["key"], "name": row["label"], "overdue": 0, "repeated": 0, "group": 0}
        spots.setdefault(row["key"], spot)["repeated"] = row["n_repeated"]
    spots = [{**spot, "weight": spot["overdue"] + spot["repeated"] + spot["group"]} for spot in spots.values()]
    spots = sorted((spot for spot in spots if spot["weight"]), key=lambda spot: (-spot["weight"], spot["name"]))
    return spots[:limit]


def grassroots_figures(units, period):
    """Grassroots mediation in the period (cases, success rate, petitions after a failed mediation) and the
    heads' dialogues of the period's year against their norms, with the commitments kept on time: the
    figures pages' own totals for the dashboard's units (four grouped queries)."""
    from dialogues.selectors import commitment_totals, head_figures
    from mediation.selectors import figures_by_commune, figures_total

    mediation = figures_total(figures_by_commune(None, start=period.start, end=period.end, units=units))
    heads = head_figures(None, period.end.year, units=units)
    dialogues = commitment_totals(heads)
    dialogues["heads"] = len(heads)
    dialogues["heads_behind"] = sum(1 for row in heads if row["norm"] is not None and not row["met"])
    return {"mediation": mediation, "dialogues": dialogues, "year": period.end.year}
