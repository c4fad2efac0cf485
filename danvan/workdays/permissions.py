"""Who may change the calendar."""

from danvan.accounts.roles import Role, has_role


def can_edit_calendar(user):
    """Administrators (staff with the administrator role) and superusers."""
    return bool(
        user and user.is_authenticated and user.is_staff and (user.is_superuser or has_role(user, Role.ADMINISTRATOR))
    )
