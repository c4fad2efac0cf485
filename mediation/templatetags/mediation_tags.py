"""The petition page's mediation panel: the case a petition came from or was guided to, and the way to guide it."""

from django import template

from petitions import permissions as petition_permissions
from petitions.models import ANSWERED_KINDS
from petitions.workflow import TRANSITIONS, Status

from .. import permissions, selectors

register = template.Library()


@register.inclusion_tag("mediation/includes/petition_mediation.html", takes_context=True)
def mediation_for_petition(context, petition):
    """Cases linked to `petition` that the user may see, and whether to offer guiding it to mediation."""
    user = context["request"].user
    cases = selectors.cases_for_petition(user, petition)
    may_guide = (
        # Neither guided already nor lodged after a failed mediation (that one goes to the competent body).
        not cases
        and petition.kind in ANSWERED_KINDS
        and Status.GUIDED in TRANSITIONS[Status(petition.status)]
        and petition_permissions.can_classify_petition(user, petition)
        and permissions.can_record_mediation_anywhere(user)
    )
    return {"cases": cases, "petition": petition, "may_guide": may_guide}
