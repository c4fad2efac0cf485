"""Reads of dialogues and their commitments, scoped by the user's units, with what each page shows loaded."""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q
from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.orgunits.models import LOCALITY_KINDS, Unit
from danvan.orgunits.selectors import (
    locality_of,
    members_of,
    province_of,
    unit_with_descendants,
    units_visible_to,
)
from reception.selectors import PublicSession

from . import permissions
from .models import Dialogue, DialogueCommitment, DialogueNorm, HeadPosition
from .workflow import CommitmentStatus, DialogueStatus


def holding_units(user):
    """The bodies (not localities) in the user's scope that may hold a dialogue."""
    return units_visible_to(user).exclude(kind__in=LOCALITY_KINDS).filter(valid_to__isnull=True).order_by("name")


def communes_in_scope(user):
    """The communes and provinces whose people a dialogue of the user's units may be with: those in their scope,
    and the locality each of their own units belongs to (a commune committee's officials hold it in the commune)."""
    own = {locality.pk for unit in Unit.objects.filter(memberships__user=user) if (locality := locality_of(unit))}
    localities = Unit.objects.filter(Q(pk__in=own) | Q(pk__in=units_visible_to(user).values("pk")))
    return localities.filter(kind__in=LOCALITY_KINDS, valid_to__isnull=True).order_by("-kind", "name")


def heads_of(user):
    """Officials who may hold a dialogue: leaders of the units in the user's scope."""
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__unit__in=holding_units(user), groups__name=Role.LEADER)
        .distinct()
        .order_by("full_name")
    )


def is_member(user, unit):
    return members_of(unit).filter(pk=user.pk).exists()


def dialogues_visible_to(user):
    """Dialogues of units in the user's scope; what every list and figure counts."""
    return Dialogue.objects.filter(unit__in=units_visible_to(user)).select_related("unit", "head", "commune")


def dialogue_list(user):
    """The list page: each dialogue with its number of commitments and of those still open (one query)."""
    return (
        dialogues_visible_to(user)
        .annotate(
            commitment_count=Count("commitments"),
            open_count=Count("commitments", filter=Q(commitments__status=CommitmentStatus.OPEN)),
        )
        .order_by("-date", "-start_time", "pk")
    )


def dialogue_page(user):
    """The dialogue page: with its petition, issues and commitments loaded up front."""
    return dialogues_visible_to(user).select_related("petition", "created_by")


def dialogues_for_petition(user, petition):
    """The user's dialogues linked to `petition`, oldest first (the petition page's panel)."""
    return list(dialogues_visible_to(user).filter(petition=petition).order_by("date", "pk"))


def commitments_visible_to(user):
    """Commitments of the user's dialogues or owed by their units."""
    return DialogueCommitment.objects.filter(permissions.commitment_scope(user)).select_related(
        "dialogue__unit", "dialogue__head", "responsible_unit", "issue"
    )


def overdue(commitments, today=None):
    """Open commitments past their due date."""
    return commitments.filter(status=CommitmentStatus.OPEN, due_date__lt=today or timezone.localdate())


def open_commitments():
    """Every open commitment: the daily scan's source of reminders and escalations."""
    return DialogueCommitment.objects.filter(status=CommitmentStatus.OPEN)


def published_dialogues(*, start, end, unit=None):
    """Planned, published dialogues from `start` to `end` as the public calendar shows them: date, place, topic
    and the head's position only (no names of participants)."""
    dialogues = Dialogue.objects.filter(
        status=DialogueStatus.PLANNED, is_published=True, date__gte=start, date__lte=end
    ).select_related("unit", "commune")
    if unit is not None:
        units = unit_with_descendants(unit)
        dialogues = dialogues.filter(Q(unit__in=units) | Q(commune__in=units))
    tz = timezone.get_current_timezone()
    return [
        PublicSession(
            uid=f"dialogue-{d.pk}@danvan",
            unit_name=d.unit.name,
            starts_at=datetime.combine(d.date, d.start_time, tzinfo=tz),
            ends_at=datetime.combine(d.date, d.end_time, tzinfo=tz),
            place=d.place,
            presiding=d.get_position_display(),
            revision=d.revision,
            kind="dialogue",
            topic=d.topic,
        )
        for d in dialogues.order_by("date", "start_time", "pk")
    ]


def norms_in_force(on):
    """{position: DialogueNorm} of the norms in force on `on` (the latest if two overlap)."""
    norms = DialogueNorm.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)
    return {norm.position: norm for norm in norms.order_by("valid_from")}


def year_bounds(year):
    return date(year, 1, 1), date(year, 12, 31)


def head_figures(user, year, today=None, units=None):
    """Per head in scope (or of `units`, already within it, as the dashboard's) who held or planned a dialogue
    in `year`: dialogues held against the norm for their position (expected in the whole year, and so far),
    and the commitments made there kept on time. Two grouped queries."""
    today = today or timezone.localdate()
    start, end = year_bounds(year)
    scope = units_visible_to(user) if units is None else units
    dialogues = Dialogue.objects.filter(unit__in=scope, date__range=(start, end))
    rows = list(
        dialogues.values("head_id", "head__full_name", "position", "unit__name")
        .annotate(
            held=Count("pk", filter=Q(status=DialogueStatus.HELD)),
            planned=Count("pk", filter=Q(status=DialogueStatus.PLANNED)),
            cancelled=Count("pk", filter=Q(status=DialogueStatus.CANCELLED)),
        )
        .order_by("unit__name", "head__full_name", "position")
    )
    commitments = {
        (row["dialogue__head_id"], row["dialogue__position"]): row
        for row in DialogueCommitment.objects.filter(dialogue__in=dialogues)
        .values("dialogue__head_id", "dialogue__position")
        .annotate(**_commitment_counts(today))
    }
    norms = norms_in_force(norm_day(year, today))
    elapsed = _elapsed_share(year, today)
    for row in rows:
        norm = norms.get(row["position"])
        row["position_label"] = HeadPosition(row["position"]).label
        row["norm"] = norm
        row["expected"] = norm.per_year if norm else None
        row["expected_so_far"] = int(norm.per_year * elapsed) if norm else None
        row["met"] = norm is not None and row["held"] >= row["expected_so_far"]
        row.update(commitments.get((row["head_id"], row["position"]), _no_commitments()))
    return rows


def norm_day(year, today=None):
    """The day whose norms a year's figures use: today within the current year, else the year's last day
    (its first for a year to come)."""
    today = today or timezone.localdate()
    start, end = year_bounds(year)
    return min(end, max(start, today))


def _commitment_counts(today):
    done = Q(status=CommitmentStatus.DONE)
    return {
        "commitments": Count("pk"),
        "on_time": Count("pk", filter=done & Q(done_on__lte=F("due_date"))),
        "late": Count("pk", filter=done & Q(done_on__gt=F("due_date"))),
        "overdue": Count("pk", filter=Q(status=CommitmentStatus.OPEN, due_date__lt=today)),
        "pending": Count("pk", filter=Q(status=CommitmentStatus.OPEN, due_date__gte=today)),
    }


def _no_commitments():
    return {"commitments": 0, "on_time": 0, "late": 0, "overdue": 0, "pending": 0}


def _elapsed_share(year, today):
    """The share of the year's whole quarters already past on `today` (1 for a past year, 0 for a future one):
    a head is behind only once a quarter has ended without the dialogues it called for."""
    if today.year > year:
        return 1
    if today.year < year:
        return 0
    return ((today.month - 1) // 3) / 4


def commitment_totals(rows):
    """The figures' bottom line: sums over the heads' rows, and the share kept on time of those due."""
    keys = ["held", "planned", "cancelled", "commitments", "on_time", "late", "overdue", "pending"]
    totals = {key: sum(row[key] for row in rows) for key in keys}
    due = totals["on_time"] + totals["late"] + totals["overdue"]
    totals["on_time_rate"] = round(100 * totals["on_time"] / due) if due else None
    return totals


def responsible_units(dialogue):
    """Units a commitment may be given to: the current bodies of the holding unit's province, whether in the
    user's scope or not (a commune's dialogue may commit a provincial department)."""
    province = province_of(dialogue.unit) or dialogue.unit
    return (
        unit_with_descendants(province).exclude(kind__in=LOCALITY_KINDS).filter(valid_to__isnull=True).order_by("name")
    )
