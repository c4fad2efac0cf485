"""Who may record and publish grassroots democracy records: plain predicates over roles and the unit scope."""

from django.shortcuts import get_object_or_404

from danvan.accounts.roles import Role, has_role
from danvan.orgunits.models import UnitKind
from danvan.orgunits.selectors import visible_unit_ids
from petitions import permissions as petition_permissions
from supervision import permissions as supervision_permissions

from .models import PublicationKind

# Officials of a commune People's Committee keep its disclosures and consultations.
COMMUNE_OFFICIALS = (Role.LEADER, Role.HANDLER, Role.RECEPTION_OFFICER)
# The Front's and the council's people keep the boards, as they keep supervision programmes.
BOARD_KEEPERS = (Role.SUPERVISOR, Role.LEADER)


def can_record_disclosure(user, unit):
    """Officials of the People's Committee (or a unit above it) record what it disclosed."""
    return (
        has_role(user, *COMMUNE_OFFICIALS)
        and unit.kind == UnitKind.PEOPLE_COMMITTEE
        and unit.pk in visible_unit_ids(user)
    )


def can_manage_consultation(user, unit):
    """Officials of the organising People's Committee (or a unit above it)."""
    return can_record_disclosure(user, unit)


def can_publish_petition_answer(user, petition):
    """Leaders and handlers of the unit that answered it (or a unit above it)."""
    return has_role(user, Role.LEADER, Role.HANDLER) and petition_permissions.in_units_of(user, petition)


def can_publish_supervision_result(user, recommendation):
    """The supervising body's supervisors and leaders: they conclude on the result."""
    return supervision_permissions.can_assess(user, recommendation)


def can_withdraw_publication(user, publication):
    """Whoever may publish it may take it off the public pages."""
    if publication.kind == PublicationKind.PETITION_ANSWER:
        return can_publish_petition_answer(user, publication.petition)
    return can_publish_supervision_result(user, publication.recommendation)


def can_manage_board(user, front):
    """Supervisors and leaders of the commune's Fatherland Front committee (or a unit above it)."""
    return has_role(user, *BOARD_KEEPERS) and front.pk in visible_unit_ids(user)


def get_visible_or_404(queryset, pk):
    """The row from a scoped selector's queryset, or 404: a stranger does not learn that it exists."""
    return get_object_or_404(queryset, pk=pk)
