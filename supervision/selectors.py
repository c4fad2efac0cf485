"""Reads of supervision records, scoped by the user's units."""

from django.db.models import Count, Q

from danvan.orgunits.models import UnitKind
from danvan.orgunits.selectors import units_visible_to

from . import permissions
from .models import KheoModel, Recommendation, SupervisionProgramme
from .workflow import ModelStatus


def programmes_visible_to(user):
    return SupervisionProgramme.objects.filter(body__in=units_visible_to(user)).select_related("body")


def recommendations_visible_to(user):
    return Recommendation.objects.filter(permissions.recommendation_scope(user)).select_related(
        "addressed_to", "body", "supervision__programme"
    )


def recommendation_counts(recommendations):
    """{status: count} in one grouped query."""
    return dict(recommendations.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))


def model_registry(user, year):
    """Per unit (communes and bodies in scope): models maintained, newly registered, exemplars;
    and the units with none. One grouped query for the counts."""
    models = KheoModel.objects.filter(unit__in=units_visible_to(user), year=year)
    counts = (
        models.values("unit_id", "unit__name")
        .annotate(
            maintained=Count("pk", filter=Q(carried_from__isnull=False)),
            new=Count("pk", filter=Q(carried_from__isnull=True)),
            exemplars=Count("pk", filter=Q(status__in=[ModelStatus.EXEMPLAR, ModelStatus.COMMENDED])),
        )
        .order_by("unit__name")
    )
    with_models = {row["unit_id"] for row in counts}
    without = units_visible_to(user).filter(kind=UnitKind.PEOPLE_COMMITTEE).exclude(pk__in=with_models).order_by("name")
    return list(counts), list(without)
