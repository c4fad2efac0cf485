"""Who may see and change supervision records."""

from django.db.models import Exists, OuterRef, Q

from danvan.accounts.roles import Role, has_role
from danvan.orgunits.selectors import visible_unit_ids

from .models import RecommendationReader


def can_create_programme(user, body):
    """Supervisors and leaders of a supervising body (or a unit above it) start its programmes."""
    return has_role(user, Role.SUPERVISOR, Role.LEADER) and body.pk in visible_unit_ids(user)


def can_manage_programme(user, programme):
    """Supervisors and leaders of the supervising body (or a unit above it)."""
    return has_role(user, Role.SUPERVISOR, Role.LEADER) and programme.body_id in visible_unit_ids(user)


def can_record_commitment(user, body):
    """Supervisors and leaders of the council (or a unit above it) record the promises made at its sessions."""
    return has_role(user, Role.SUPERVISOR, Role.LEADER) and body.pk in visible_unit_ids(user)


def can_assess(user, recommendation):
    """The supervising body's supervisors and leaders (or a unit above it): they conclude on the result."""
    return has_role(user, Role.SUPERVISOR, Role.LEADER) and recommendation.body_id in visible_unit_ids(user)


def can_report_progress(user, recommendation):
    """The addressed unit's officials, and the supervising body."""
    if can_assess(user, recommendation):
        return True
    return has_role(user, Role.LEADER, Role.HANDLER) and recommendation.addressed_to_id in visible_unit_ids(user)


def recommendation_scope(user):
    """Q for recommendations the user may see: made by or addressed to their units."""
    ids = visible_unit_ids(user)
    return Q(body_id__in=ids) | Q(addressed_to_id__in=ids)


def can_view_recommendation(user, recommendation):
    """Made by or addressed to one of the user's units (or a unit below them): the scope of every list."""
    ids = visible_unit_ids(user)
    return recommendation.body_id in ids or recommendation.addressed_to_id in ids


def readable_recommendations(user):
    """Q for the recommendations the user may open: those in scope, and those an escalation notice
    told them of (read only; one lookup on the unique recommendation + user index)."""
    told = RecommendationReader.objects.filter(recommendation=OuterRef("pk"), user_id=user.pk)
    return recommendation_scope(user) | Q(Exists(told))


def can_manage_initiatives(user, unit_id):
    """Officials of the unit (or a unit above it) register its Dân vận khéo initiatives and follow them."""
    return has_role(user, Role.SUPERVISOR, Role.LEADER, Role.HANDLER) and unit_id in visible_unit_ids(user)
