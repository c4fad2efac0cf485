"""Template context shared by every page."""

from django.utils.functional import SimpleLazyObject

from danvan.navigation import nav_items_for
from danvan.notifications.selectors import unread_count_for


def portal(request):
    """Navbar entries and the unread-notification count, computed only if rendered."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "unread_notifications": 0}
    return {
        "nav_items": SimpleLazyObject(lambda: nav_items_for(user, request.path)),
        "unread_notifications": SimpleLazyObject(lambda: unread_count_for(user)),
    }
