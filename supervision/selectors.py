"""Reads of supervision records, scoped by the user's units, with what each page shows loaded up front."""

from django.db.models import Count, Q
from django.utils import timezone

from danvan.orgunits.models import LOCALITY_KINDS, UnitKind
from danvan.orgunits.selectors import units_visible_to

from . import permissions
from .models import (
    Initiative,
    InitiativeEvidence,
    ProgressUpdate,
    Recommendation,
    RecommendationKind,
    Supervision,
    SupervisionDocument,
    SupervisionProgramme,
)
from .workflow import EXEMPLARS, RECOMMENDATION_OPEN

SUPERVISING_KINDS = [
    UnitKind.PEOPLE_COUNCIL,
    UnitKind.COUNCIL_STANDING,
    UnitKind.FATHERLAND_FRONT,
    UnitKind.MASS_MOBILISATION,
    # The grassroots boards (democracy app): their recommendations are followed up as the council's are.
    UnitKind.PEOPLE_INSPECTION_BOARD,
    UnitKind.INVESTMENT_SUPERVISION_BOARD,
]
COUNCIL_KINDS = [UnitKind.PEOPLE_COUNCIL, UnitKind.COUNCIL_STANDING]


def supervising_bodies(user):
    """The councils, Fatherland Front committees, mass mobilisation commissions and grassroots boards the user
    belongs to (or is above)."""
    return units_visible_to(user).filter(kind__in=SUPERVISING_KINDS).order_by("name")


def councils(user):
    """The People's Councils and their standing committees in the user's scope: where interpellations are held."""
    return units_visible_to(user).filter(kind__in=COUNCIL_KINDS).order_by("name")


def registering_units(user):
    """Units the user may register initiatives for: their own units and those below, bodies only."""
    return units_visible_to(user).exclude(kind__in=LOCALITY_KINDS).order_by("name")


def programmes_visible_to(user):
    return SupervisionProgramme.objects.filter(body__in=units_visible_to(user)).select_related("body")


def programme_list(user):
    """Programmes for the list page, each with its number of supervisions (one query)."""
    return (
        programmes_visible_to(user).annotate(supervision_count=Count("supervisions")).order_by("-year", "title", "pk")
    )


def supervisions_visible_to(user):
    return Supervision.objects.filter(programme__body__in=units_visible_to(user)).select_related("programme__body")


def recommendations_visible_to(user):
    """Made by or addressed to the user's units: what every list, export and figure counts."""
    return Recommendation.objects.filter(permissions.recommendation_scope(user)).select_related(
        "addressed_to", "body", "supervision__programme"
    )


def recommendations_readable_by(user):
    """What the recommendation page opens: those in scope, and those an escalation notice told the user of;
    with the finding each answers."""
    return Recommendation.objects.filter(permissions.readable_recommendations(user)).select_related(
        "addressed_to", "body", "supervision__programme", "finding"
    )


def overdue(recommendations, today=None):
    """Open recommendations whose deadline has passed."""
    today = today or timezone.localdate()
    return recommendations.filter(status__in=RECOMMENDATION_OPEN, due_date__lt=today)


def commitments_visible_to(user):
    return recommendations_visible_to(user).filter(kind=RecommendationKind.COMMITMENT)


def recommendation_counts(recommendations):
    """{status: count} in one grouped query."""
    return dict(recommendations.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n"))


def documents_visible_to(user):
    return SupervisionDocument.objects.filter(supervision__programme__body__in=units_visible_to(user))


def progress_updates_readable_by(user):
    """Progress updates (and their evidence) of the recommendations the user may open, readers' included."""
    return ProgressUpdate.objects.filter(recommendation__in=Recommendation.objects.filter(
        permissions.readable_recommendations(user)
    ))  # fmt: skip


def initiatives_visible_to(user):
    return Initiative.objects.filter(unit__in=units_visible_to(user)).select_related("unit", "carried_from")


def initiative_list(user, year):
    """The year's initiatives for the registry page, their evidence files loaded in one more query."""
    return initiatives_visible_to(user).filter(year=year).prefetch_related("evidence").order_by("unit__name", "name")


def initiative_evidence_visible_to(user):
    return InitiativeEvidence.objects.filter(initiative__unit__in=units_visible_to(user))


def initiative_registry(user, year):
    """Per unit (communes and bodies in scope): initiatives maintained, newly registered, exemplars;
    and the People's Committees with none. One grouped query for the counts."""
    initiatives = Initiative.objects.filter(unit__in=units_visible_to(user), year=year)
    counts = list(
        initiatives.values("unit_id", "unit__name")
        .annotate(
            maintained=Count("pk", filter=Q(carried_from__isnull=False)),
            new=Count("pk", filter=Q(carried_from__isnull=True)),
            exemplars=Count("pk", filter=Q(status__in=EXEMPLARS)),
        )
        .order_by("unit__name")
    )
    with_initiatives = {row["unit_id"] for row in counts}
    without = (
        units_visible_to(user).filter(kind=UnitKind.PEOPLE_COMMITTEE).exclude(pk__in=with_initiatives).order_by("name")
    )
    return counts, list(without)
