from django import template
from django.utils import timezone

from petitions.deadlines import deadline_name
from petitions.selectors import most_urgent_obligation, open_obligations
from petitions.workflow import Status

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


@register.filter
def obligation_label(deadline):
    return deadline_name(deadline)


@register.inclusion_tag("petitions/includes/deadline_badge.html")
def deadline_badge(petition):
    """The most urgent open obligation (main deadline or a side one): its name, its date, and the
    calendar days left or overdue."""
    deadline = most_urgent_obligation(petition)
    if deadline is None:
        return {"due": None}
    days = (deadline.due_date - timezone.localdate()).days
    if days < 0:
        style = "danger"
    elif days <= 3:
        style = "warning"
    else:
        style = "success"
    return {
        "due": deadline.due_date,
        "label": obligation_label(deadline),
        "level": deadline.escalation_level if days < 0 else 0,
        "days": abs(days),
        "overdue": days < 0,
        "today": days == 0,
        "style": style,
    }


@register.simple_tag
def other_obligations(petition):
    """The open obligations after the most urgent one."""
    return open_obligations(petition)[1:]


@register.filter
def is_past(deadline):
    """The deadline's day is over."""
    return deadline.due_date < timezone.localdate()


@register.filter
def lookup_key_display(key):
    """ABCDE-FGHJK: easier to read aloud and copy."""
    return f"{key[:5]}-{key[5:]}" if len(key) == 10 else key


@register.filter
def list_name(petition):
    """The petitioner's name as lists show it (sealed identities redacted)."""
    from petitions.selectors import list_name as name

    return name(petition)


@register.inclusion_tag("petitions/includes/sort_header.html", takes_context=True)
def sort_header(context, key, label):
    """A column header that sorts the register by `key`, keeping the other filters; the column
    sorted now says so (aria-sort, an arrow) and sorts the other way when clicked again."""
    params = context["request"].GET.copy()
    current = params.get("order", "")
    direction = "ascending" if current == key else "descending" if current == f"-{key}" else None
    params.pop("page", None)
    params["order"] = f"-{key}" if direction == "ascending" else key
    return {"label": label, "href": f"?{params.urlencode()}", "direction": direction}
