"""Who may see and change dialogues and their commitments."""

from django.db.models import Q

from danvan.accounts.roles import Role, has_role
from danvan.orgunits.selectors import visible_unit_ids

# The head's office prepares the dialogue and keeps its record; the leaders hold it.
ORGANISERS = (Role.LEADER, Role.HANDLER, Role.RECEPTION_OFFICER)


def can_plan_dialogue(user, unit):
    """Leaders and their office's officials plan the dialogues of their unit (or a unit below it)."""
    return has_role(user, *ORGANISERS) and unit.pk in visible_unit_ids(user)


def can_manage_dialogue(user, dialogue):
    """Record, cancel and add to the record: the organisers of the holding unit (or a unit above it)."""
    return has_role(user, *ORGANISERS) and dialogue.unit_id in visible_unit_ids(user)


def can_view_dialogue(user, dialogue):
    return dialogue.unit_id in visible_unit_ids(user)


def commitment_scope(user):
    """Q for commitments the user may see: of a dialogue their units held, or owed by one of their units."""
    ids = visible_unit_ids(user)
    return Q(dialogue__unit_id__in=ids) | Q(responsible_unit_id__in=ids)


def can_complete_commitment(user, commitment):
    """The responsible unit's leaders and handlers report it done, and so may the dialogue's organisers."""
    if can_manage_dialogue(user, commitment.dialogue):
        return True
    return has_role(user, Role.LEADER, Role.HANDLER) and commitment.responsible_unit_id in visible_unit_ids(user)
