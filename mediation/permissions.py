"""Who may see and change mediation records: the officials of the team's commune People's Committee and of the
units above it. Parties are personal data: they never leave that scope."""

from django.shortcuts import get_object_or_404

from danvan.accounts.roles import Role, has_role
from danvan.orgunits.selectors import visible_unit_ids

# The commune's justice officer (a handler), its reception staff and its leaders record mediation.
MEDIATION_ROLES = (Role.RECEPTION_OFFICER, Role.HANDLER, Role.LEADER)


def can_view_committee(user, committee_id):
    return user.is_authenticated and committee_id in visible_unit_ids(user)


def can_manage_mediation(user, committee_id):
    """Form teams, record mediators and cases of a commune People's Committee in the user's scope."""
    return has_role(user, *MEDIATION_ROLES) and can_view_committee(user, committee_id)


def can_record_mediation_anywhere(user):
    """Offer the "new team" and "new case" buttons (each commune is checked again on saving)."""
    return has_role(user, *MEDIATION_ROLES)


def can_recognise_team(user, team):
    """Record the chairman's recognition decision: the commune's leaders and its justice officer (a handler)."""
    return has_role(user, Role.LEADER, Role.HANDLER) and can_view_committee(user, team.committee_id)


def can_view_case(user, case):
    return can_view_committee(user, case.team.committee_id)


def can_manage_case(user, case):
    return can_manage_mediation(user, case.team.committee_id)


def get_team_or_404(queryset, user, pk):
    """Fetch a team of the user's scope; any other is simply not found."""
    return get_object_or_404(queryset.filter(committee_id__in=visible_unit_ids(user)), pk=pk)


def get_case_or_404(queryset, user, pk):
    """Fetch a case of the user's scope; any other is simply not found."""
    return get_object_or_404(queryset.filter(team__committee_id__in=visible_unit_ids(user)), pk=pk)
