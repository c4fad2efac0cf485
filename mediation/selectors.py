"""Reads of mediation records, always starting from the teams of the user's units."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from danvan.orgunits.models import UnitKind
from danvan.orgunits.selectors import units_visible_to

from .models import MediationCase, MediationTeam, Mediator, Party, TeamRule
from .workflow import MEDIATED, CaseStatus, TeamStatus


def committees_visible_to(user):
    """The commune People's Committees in the user's scope: where teams are formed."""
    return units_visible_to(user).filter(kind=UnitKind.PEOPLE_COMMITTEE).order_by("name")


def current_mediators_condition(on=None, prefix=""):
    """Q for mediators serving on `on` (today by default)."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}from_date__lte": on}) & (
        Q(**{f"{prefix}to_date__isnull": True}) | Q(**{f"{prefix}to_date__gte": on})
    )


def teams_visible_to(user):
    return MediationTeam.objects.filter(committee__in=units_visible_to(user)).select_related("committee", "rule")


def team_list(user):
    """Teams for the list page, each with its serving mediators, women among them and cases (one query)."""
    serving = current_mediators_condition(prefix="mediators__")
    return teams_visible_to(user).annotate(
        mediator_count=Count("mediators", filter=serving, distinct=True),
        women_count=Count("mediators", filter=serving & Q(mediators__gender="female"), distinct=True),
        case_count=Count("cases", distinct=True),
    ).order_by("committee__name", "name", "pk")


def recognised_teams(user):
    """Recognised teams in scope: the ones that may take cases."""
    return teams_visible_to(user).filter(status=TeamStatus.RECOGNISED).order_by("committee__name", "name")


def mediators_of(team):
    """Everyone who served on the team, serving ones first."""
    return list(Mediator.objects.filter(team=team).order_by("to_date", "role", "full_name", "pk"))


def serving_mediators(team, on=None):
    return Mediator.objects.filter(current_mediators_condition(on), team=team)


def team_rule_on(day):
    """The team make-up rule in force on `day`, or None."""
    in_force = Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    return TeamRule.objects.filter(in_force).order_by("-valid_from", "-pk").first()


def cases_visible_to(user):
    return MediationCase.objects.filter(team__committee__in=units_visible_to(user)).select_related(
        "team__committee", "field", "source_petition", "follow_up_petition"
    )


def case_list(user):
    """The scoped cases with what a list row shows; no parties (the list needs none)."""
    return cases_visible_to(user).order_by("-received_date", "-pk")


def case_page(user):
    """The case page's row with its parties and mediators loaded."""
    return cases_visible_to(user).prefetch_related(
        Prefetch("parties", queryset=Party.objects.order_by("order", "pk")), "mediators"
    )


def cases_of_team(team):
    return MediationCase.objects.filter(team=team).select_related("field").order_by("-received_date", "-pk")


def cases_for_petition(user, petition):
    """The cases in the user's scope a petition came from or was guided to (the petition page shows them)."""
    return list(
        cases_visible_to(user).filter(Q(source_petition=petition) | Q(follow_up_petition=petition)).order_by("pk")
    )


def find_case(code):
    return MediationCase.objects.filter(code=code.strip().upper()).first()


def figures_by_commune(user, *, start, end, units=None):
    """Per commune People's Committee in scope (or among `units`, already within it, as the dashboard's), for
    cases received from `start` to `end`: cases received, mediated (successful or not), successful,
    unsuccessful, withdrawn, still open, guided from a petition, and followed by a petition after failing —
    one grouped query; the success rate is computed on the rows."""
    cases = MediationCase.objects.filter(
        team__committee__in=units_visible_to(user) if units is None else units,
        received_date__gte=start,
        received_date__lte=end,
    )
    rows = list(
        cases.values("team__committee_id", "team__committee__name")
        .annotate(
            received=Count("pk"),
            mediated=Count("pk", filter=Q(status__in=MEDIATED)),
            successful=Count("pk", filter=Q(status=CaseStatus.SUCCESSFUL)),
            unsuccessful=Count("pk", filter=Q(status=CaseStatus.UNSUCCESSFUL)),
            withdrawn=Count("pk", filter=Q(status=CaseStatus.WITHDRAWN)),
            open=Count("pk", filter=Q(status__in=(CaseStatus.RECEIVED, CaseStatus.MEDIATING))),
            from_petitions=Count("pk", filter=Q(source_petition__isnull=False)),
            petitions_after=Count("pk", filter=Q(follow_up_petition__isnull=False)),
        )
        .order_by("-petitions_after", "-unsuccessful", "team__committee__name")
    )
    for row in rows:
        row["success_rate"] = round(100 * row["successful"] / row["mediated"], 1) if row["mediated"] else None
    return rows


def figures_total(rows):
    """The province-wide (scope-wide) line under the table."""
    keys = ("received", "mediated", "successful", "unsuccessful", "withdrawn", "open", "from_petitions",
            "petitions_after")  # fmt: skip
    total = {key: sum(row[key] for row in rows) for key in keys}
    total["success_rate"] = round(100 * total["successful"] / total["mediated"], 1) if total["mediated"] else None
    return total
