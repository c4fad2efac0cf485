"""Reads about officials."""

from .models import Membership


def memberships_of(user):
    """The user's unit memberships, primary first, with their units."""
    return Membership.objects.filter(user=user).select_related("unit").order_by("-is_primary", "unit__name")
