from django import template
from django.utils import timezone

from petitions.workflow import OPEN_STATUSES, Status

register = template.Library()

STATUS_STYLES = {
    Status.RECEIVED: "text-bg-info",
    Status.CLASSIFIED: "text-bg-info",
    Status.ACCEPTED: "text-bg-primary",
    Status.VERIFYING: "text-bg-primary",
    Status.RESOLVED: "text-bg-success",
    Status.CLOSED: "text-bg-secondary",
}


@register.inclusion_tag("petitions/includes/status_badge.html")
def status_badge(petition):
    return {"label": petition.get_status_display(), "style": STATUS_STYLES.get(petition.status, "text-bg-light border")}


@register.inclusion_tag("petitions/includes/deadline_badge.html")
def deadline_badge(petition):
    """Days left or overdue for the current deadline, in calendar days."""
    if not petition.due_date or petition.status not in OPEN_STATUSES:
        return {"due": None}
    days = (petition.due_date - timezone.localdate()).days
    if days < 0:
        style = "danger"
    elif days <= 3:
        style = "warning"
    else:
        style = "success"
    return {"due": petition.due_date, "days": abs(days), "overdue": days < 0, "today": days == 0, "style": style}


@register.filter
def lookup_key_display(key):
    """ABCDE-FGHJK: easier to read aloud and copy."""
    return f"{key[:5]}-{key[5:]}" if len(key) == 10 else key


@register.filter
def list_name(petition):
    """The petitioner's name as lists show it (sealed identities redacted)."""
    from petitions.selectors import list_name as name

    return name(petition)
