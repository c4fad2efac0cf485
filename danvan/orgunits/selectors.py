"""Reads of the unit tree; `units_visible_to` is the root of all scoping."""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q

from danvan.accounts.roles import Role, has_role

from .models import LOCALITY_KINDS, Unit, UnitKind


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


def visible_unit_ids(user):
    """Ids of units_visible_to(user), read once per user object."""
    cached = getattr(user, "_danvan_visible_unit_ids", None)
    if cached is None:
        cached = frozenset(units_visible_to(user).values_list("pk", flat=True))
        if user.is_authenticated:
            user._danvan_visible_unit_ids = cached
    return cached


def _self_and_ancestor_paths(unit):
    path = unit.path
    return [path[: i + 1] for i, ch in enumerate(path) if ch == "/"]


def members_of(unit):
    """Active officials who belong to exactly this unit."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_active=True, memberships__unit=unit).distinct()


def nearest_leaders(unit):
    """The leaders of `unit`, or of the nearest unit above it that has leaders.

    A commune People's Committee's chairman leads it; a provincial body with no
    leader of its own answers to the province's leaders.
    """
    from django.contrib.auth import get_user_model

    from danvan.accounts.roles import Role

    candidates = list(
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=Role.LEADER,
            memberships__unit__path__in=_self_and_ancestor_paths(unit),
        )
        .annotate(unit_path=models.F("memberships__unit__path"))
        .order_by("-unit_path")
    )
    if not candidates:
        return []
    nearest = max(len(user.unit_path) for user in candidates)
    return list({user.pk: user for user in candidates if len(user.unit_path) == nearest}.values())


def superior_unit(unit):
    """The unit one level up for escalation: the same kind of body in the parent
    locality (commune People's Committee → provincial People's Committee), or the
    unit's own parent when there is no such body."""
    locality = locality_of(unit)
    if locality is not None and locality.parent_id is not None and unit.kind not in LOCALITY_KINDS:
        same_kind = bodies_of(locality.parent).filter(kind=unit.kind).first()
        if same_kind is not None:
            return same_kind
    return unit.parent


def province_of(unit):
    """The province (root locality) the unit belongs to."""
    return ancestors_of(unit).filter(kind="province").first() or (unit if unit.kind == "province" else None)


def bodies_of(locality):
    """The locality's own bodies: directly in it, or one level inside another of its
    bodies (the inspectorate inside the People's Committee); not its communes' bodies."""
    return (
        Unit.objects.filter(Q(parent=locality) | (Q(parent__parent=locality) & ~Q(parent__kind__in=LOCALITY_KINDS)))
        .exclude(kind__in=LOCALITY_KINDS)
        .order_by("path")
    )


def body_in(locality, kind):
    """The locality's body of `kind`, e.g. the province's inspectorate (None if it has none)."""
    if locality is None:
        return None
    return bodies_of(locality).filter(kind=kind).first()


def same_tree(unit, other):
    """Whether two units belong to the same tree (the same province)."""
    return unit.path.split("/")[0] == other.path.split("/")[0]


def current_bodies_in_trees_of(units):
    """Current units, localities excepted, in the trees (provinces) of the given units, in tree order."""
    roots = {unit.path.split("/")[0] + "/" for unit in units}
    within = reduce(or_, (Q(path__startswith=root) for root in roots), Q(pk__in=[]))
    return Unit.objects.filter(within, valid_to__isnull=True).exclude(kind__in=LOCALITY_KINDS).order_by("path")


def users_at_or_above(units):
    """Active users who belong to any of the units or to a unit above one of them."""
    from django.contrib.auth import get_user_model

    paths = {prefix for unit in units for prefix in _self_and_ancestor_paths(unit)}
    return get_user_model().objects.filter(is_active=True, memberships__unit__path__in=paths).distinct()


def _nearest_localities(units):
    """Ids of the nearest province or commune at or above each unit, in one query."""
    chains = [[int(part) for part in unit.path.strip("/").split("/")] for unit in units]
    ids = {pk for chain in chains for pk in chain}
    localities = set(Unit.objects.filter(pk__in=ids, kind__in=LOCALITY_KINDS).values_list("pk", flat=True))
    return {next((pk for pk in reversed(chain) if pk in localities), None) for chain in chains} - {None}


def councils_of_localities_of(user):
    """The People's Councils of the localities (commune, province) of the user's own units.

    A commune's council sits beside its People's Committee, not below it, yet the committee's
    officials organise the council's voter meetings and answer the voters' recommendations.
    """
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    localities = _nearest_localities(Unit.objects.filter(memberships__user=user))
    return Unit.objects.filter(
        Q(parent__in=localities) | (Q(parent__parent__in=localities) & ~Q(parent__kind__in=LOCALITY_KINDS)),
        kind=UnitKind.PEOPLE_COUNCIL,
    ).order_by("path")


# The bodies whose heads lead a locality (and preside over its citizen reception).
LEADING_KINDS = (
    UnitKind.PARTY_COMMITTEE,
    UnitKind.PEOPLE_COUNCIL,
    UnitKind.COUNCIL_STANDING,
    UnitKind.PEOPLE_COMMITTEE,
    UnitKind.FATHERLAND_FRONT,
)


def leaders_of_localities_of(units):
    """Active leaders of the localities (commune, province) of the units: leaders who belong to the
    locality itself or to its Party committee, People's Council (or its standing committee), People's
    Committee or Fatherland Front; not the leaders of its departments or of the localities below."""
    from django.contrib.auth import get_user_model

    localities = _nearest_localities(units)
    leading = Unit.objects.filter(
        Q(parent__in=localities) | (Q(parent__parent__in=localities) & ~Q(parent__kind__in=LOCALITY_KINDS)),
        kind__in=LEADING_KINDS,
    )
    return (
        get_user_model()
        .objects.filter(
            Q(memberships__unit__in=localities) | Q(memberships__unit__in=leading),
            is_active=True,
            groups__name=Role.LEADER,
        )
        .distinct()
    )
