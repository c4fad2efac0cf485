"""The delivery status of a record's citizen messages, as a small block for the officials' page."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("messaging/includes/delivery.html")
def citizen_messages(record, hide_recipients=False):
    """The messages about `record` and whether the citizen stopped them (one query).
    `hide_recipients` for a sealed identity: not even the masked address is shown."""
    messages = list(selectors.messages_about(record).select_related("subscription"))
    return {
        "citizen_messages": messages,
        "subscription": messages[0].subscription if messages else None,
        "hide_recipients": hide_recipients,
    }
