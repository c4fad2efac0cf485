from django import template

register = template.Library()


@register.filter
def minutes(value):
    """A timedelta as whole minutes, rounded up (15 for 14 min 30 s)."""
    if value is None:
        return ""
    return -(-int(value.total_seconds()) // 60)
