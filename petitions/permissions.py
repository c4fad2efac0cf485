"""Who may do what with a petition: plain predicates over roles and the unit scope."""

from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404

from danvan.accounts.roles import Role, has_role
from danvan.orgunits.selectors import nearest_leaders, unit_with_descendants, units_visible_to, visible_unit_ids

from .models import PetitionReader
from .workflow import Status


def in_units_of(user, petition):
    """The petition is handled by one of the user's units or their sub-units."""
    return user.is_authenticated and petition.handling_unit_id in visible_unit_ids(user)


def can_view_petition(user, petition):
    """The scope every action needs: the petition is in the user's units, or the user is its handler (who may
    work in a sub-unit of the handling unit, see can_be_assigned_petition)."""
    return in_units_of(user, petition) or (user.is_authenticated and petition.handler_id == user.pk)


def scope(user):
    """Q for the petitions can_view_petition lets the user see."""
    units = Q(handling_unit__in=units_visible_to(user))
    if not (user.is_authenticated and user.is_active):
        return units
    return units | Q(handler_id=user.pk)


def is_reader(user, petition):
    """Told of the petition by an escalation notice from outside its units (one indexed lookup)."""
    return user.is_authenticated and PetitionReader.objects.filter(petition_id=petition.pk, user_id=user.pk).exists()


def can_read_petition(user, petition):
    """Open the petition page: its units' officials, and whoever was told of it by an escalation
    notice (read only: no step, no sealed identity, no files; each opening logged)."""
    return can_view_petition(user, petition) or is_reader(user, petition)


def readable_by(user):
    """Q for the petitions `user` may open, as can_read_petition says."""
    told = PetitionReader.objects.filter(petition=OuterRef("pk"), user_id=user.pk)
    return scope(user) | Q(Exists(told))


def can_record_petitions(user):
    return has_role(user, Role.RECEPTION_OFFICER, Role.HANDLER, Role.LEADER)


def is_leader_of(user, petition):
    """A leader whose units include the handling unit (being its handler makes no one its leader)."""
    return has_role(user, Role.LEADER) and in_units_of(user, petition)


def is_assigned_handler(user, petition):
    return user.is_authenticated and petition.handler_id == user.pk and can_view_petition(user, petition)


def can_edit_petition(user, petition):
    """Correct intake details while the petition is still open."""
    return petition.is_open and can_view_petition(user, petition) and can_record_petitions(user)


def can_classify_petition(user, petition):
    """Classify as within competence, transfer, guide, file, mark duplicate: the handling unit's handlers
    and leaders; while the petition is just received, also the receiving unit's reception officers (the
    citizen reception staff do this work)."""
    if can_accept_petition(user, petition):
        return True
    return (
        petition.status == Status.RECEIVED
        and has_role(user, Role.RECEPTION_OFFICER)
        and petition.receiving_unit_id in visible_unit_ids(user)
    )


def can_accept_petition(user, petition):
    """Decide on acceptance (accept or refuse): the handling unit's handlers and leaders."""
    return can_view_petition(user, petition) and has_role(user, Role.HANDLER, Role.LEADER)


def can_take_petition(user, petition):
    """A handler of the handling unit takes a petition nobody handles yet."""
    return petition.handler_id is None and has_role(user, Role.HANDLER) and can_view_petition(user, petition)


def can_assign_petition(user, petition):
    return is_leader_of(user, petition)


def can_handle_petition(user, petition):
    """Verify, record notes, resolve, record withdrawal or termination, close."""
    return is_assigned_handler(user, petition) or is_leader_of(user, petition)


def can_extend_petition(user, petition):
    """Extensions are decided by the head of the handling unit."""
    return is_leader_of(user, petition)


def can_correct_deadline(user, petition):
    """Correct a deadline a change of the calendar moved, or keep it as issued: as an extension, the
    leaders of the handling unit or of a unit above it."""
    return is_leader_of(user, petition)


def can_view_moved_deadlines(user):
    """The page of deadlines moved by the calendar is the leaders' (they are the ones told)."""
    return has_role(user, Role.LEADER)


def can_request_overdue_report(user, petition):
    """Ask for a report on an overdue denunciation: the leaders of the directly superior body (Luật Tố cáo
    Art 38), who may be readers of the petition only."""
    record = getattr(petition, "overdue_report", None)
    if record is None or not has_role(user, Role.LEADER):
        return False
    return any(leader.pk == user.pk for leader in nearest_leaders(record.superior_unit))


def is_leader_in_handling_unit(user, petition):
    """A leader who belongs to the handling unit itself, not merely to a unit above it."""
    return has_role(user, Role.LEADER) and user.memberships.filter(unit_id=petition.handling_unit_id).exists()


def can_see_identity(user, petition):
    """Sealed denouncer identity: only the assigned handler, the leaders of the
    handling unit itself and the officer who recorded it (Law on Denunciation
    Art 47; DOMAIN: "the competent handler and the receiving officer")."""
    if not can_view_petition(user, petition):
        return False
    if not petition.is_sealed:
        return True
    return (
        is_assigned_handler(user, petition)
        or petition.created_by_id == user.pk
        or is_leader_in_handling_unit(user, petition)
    )


def can_be_assigned_petition(user, petition):
    """A handler or leader of the handling unit itself or of a unit below it (its departments, its
    inspectorate): never an official of a unit above, however senior."""
    return (
        user.is_active
        and has_role(user, Role.HANDLER, Role.LEADER)
        and user.memberships.filter(unit__in=unit_with_descendants(petition.handling_unit)).exists()
    )


def can_be_assigned(user):
    """Handlers and leaders are given petitions to handle (see forms.handlers_for)."""
    return has_role(user, Role.HANDLER, Role.LEADER)


def can_save_filters(user):
    """Every official who reads the register may keep filters of their own."""
    return user.is_authenticated and user.is_active


def can_delete_saved_filter(user, saved_filter):
    return user.is_authenticated and saved_filter.user_id == user.pk


def can_view_identity_log(user):
    return has_role(user, Role.LEADER)


def get_petition_or_404(queryset, user, pk):
    """Fetch a petition the user may see; anything else is simply not found."""
    return get_object_or_404(queryset.filter(scope(user)), pk=pk)


def get_readable_petition_or_404(queryset, user, pk):
    """Fetch a petition the user may open, a reader's included; anything else is simply not found."""
    return get_object_or_404(queryset.filter(readable_by(user)), pk=pk)
