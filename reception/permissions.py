"""Who may do what in citizen reception: plain predicates over roles and the unit scope."""

from danvan.accounts.roles import Role, has_role
from danvan.orgunits.models import UnitKind
from danvan.orgunits.selectors import visible_unit_ids

from . import selectors

RECORDING_ROLES = (Role.RECEPTION_OFFICER, Role.HANDLER, Role.LEADER)
# Voter meetings are recorded by the council's deputies and staff as well as by the units' officials.
MEETING_ROLES = (Role.SUPERVISOR, Role.LEADER, Role.RECEPTION_OFFICER)


def _in_scope(user, unit_ids):
    return bool(set(unit_ids) & visible_unit_ids(user))


def can_record_reception(user, session):
    """Reception officers, handlers and leaders of a host unit (or a unit above it)."""
    hosts = {unit.pk for unit in session.hosts.all()}
    return has_role(user, *RECORDING_ROLES) and _in_scope(user, hosts)


def can_create_ad_hoc_session(user):
    """Leaders and reception officers call an ad hoc (đột xuất) session for their units."""
    return has_role(user, Role.LEADER, Role.RECEPTION_OFFICER)


def can_host_sessions(user, hosts):
    """Every host unit lies within the user's units."""
    ids = {unit.pk for unit in hosts}
    return bool(ids) and ids <= visible_unit_ids(user)


def can_record_meetings(user):
    """Deputies and officials with a council to record meetings of (selectors.council_choices)."""
    return has_role(user, *MEETING_ROLES) and selectors.council_choices(user).exists()


def can_record_meeting_of(user, council):
    """Record a meeting of this council, or a recommendation from one: the council is one of the user's."""
    return (
        has_role(user, *MEETING_ROLES)
        and council.kind == UnitKind.PEOPLE_COUNCIL
        and selectors.council_choices(user).filter(pk=council.pk).exists()
    )


def can_view_compliance(user):
    return has_role(user, Role.LEADER, Role.SUPERVISOR, Role.ADMINISTRATOR)


def can_view_in_admin(user):
    """Administrators read sessions and meetings in the admin; nobody edits them there."""
    return user.is_active and (user.is_superuser or has_role(user, Role.ADMINISTRATOR))


def can_correct_session(user, session):
    """Leaders of a host unit (or a unit above it) correct a session's recorded status."""
    hosts = {unit.pk for unit in session.hosts.all()}
    return has_role(user, Role.LEADER) and _in_scope(user, hosts)


def can_view_session_month(user):
    """Administrators, leaders and reception officers see their units' sessions month by month."""
    return user.is_active and (
        user.is_superuser or has_role(user, Role.ADMINISTRATOR, Role.LEADER, Role.RECEPTION_OFFICER)
    )
