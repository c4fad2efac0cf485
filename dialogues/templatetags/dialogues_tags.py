"""The petition page's note of the heads' dialogues held or planned about it (the link is kept in dialogues)."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("dialogues/includes/petition_dialogues.html", takes_context=True)
def dialogues_for_petition(context, petition):
    """Dialogues linked to `petition` that the user may see; nothing is shown when there are none."""
    return {"dialogues": selectors.dialogues_for_petition(context["request"].user, petition)}
