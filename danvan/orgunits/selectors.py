"""Reads of the unit tree; `units_visible_to` is the root of all scoping."""

from functools import reduce
from operator import or_

from django.db.models import Q

from danvan.accounts.roles import Role, has_role

from .models import LOCALITY_KINDS, Unit


def units_visible_to(user):
    """Units the user may see: their own units and everything below them.

    Administrators and superusers see the whole tree; an inactive or anonymous
    user sees nothing.
    """
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser or has_role(user, Role.ADMINISTRATOR):
        return Unit.objects.all()
    paths = list(Unit.objects.filter(memberships__user=user).values_list("path", flat=True))
    if not paths:
        return Unit.objects.none()
    return Unit.objects.filter(reduce(or_, (Q(path__startswith=path) for path in paths)))


def unit_with_descendants(unit):
    """The unit and every unit below it."""
    return Unit.objects.filter(path__startswith=unit.path)


def ancestors_of(unit):
    """The units above `unit`, root first."""
    ids = [int(part) for part in unit.path.strip("/").split("/")[:-1]]
    return Unit.objects.filter(pk__in=ids).order_by("path")


def locality_of(unit):
    """The nearest province or commune at or above `unit` (None for a detached body)."""
    if unit.kind in LOCALITY_KINDS:
        return unit
    return ancestors_of(unit).filter(kind__in=LOCALITY_KINDS).order_by("-path").first()


def body_of_kind(locality, kind):
    """The body of the given kind directly inside a locality, e.g. its People's Committee."""
    return Unit.objects.filter(parent=locality, kind=kind).first()


def visible_unit_ids(user):
    """Ids of units_visible_to(user), read once per user object."""
    cached = getattr(user, "_danvan_visible_unit_ids", None)
    if cached is None:
        cached = frozenset(units_visible_to(user).values_list("pk", flat=True))
        if user.is_authenticated:
            user._danvan_visible_unit_ids = cached
    return cached
