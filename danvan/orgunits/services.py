"""Writes to the unit tree. The materialised path is kept here and nowhere else."""

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.formats import date_format

from danvan.history.models import ChangeKind
from danvan.history.services import record_change

from .models import Unit


class UnitTreeError(ValueError):
    """A change that would break the tree (a cycle, a missing parent)."""


def path_segment(pk):
    # Fixed width, so paths sort as a tree under any collation.
    return f"{pk:08d}/"


@transaction.atomic
def create_unit(*, name, kind, level, parent=None, division_code="", valid_from=None, actor=None):
    """Create a unit under `parent` (or as a root) with its path set."""
    if parent is not None:
        # Locked and re-read: a concurrent move must not leave us an old path.
        parent = Unit.objects.select_for_update().get(pk=parent.pk)
    unit = Unit.objects.create(
        name=name,
        kind=kind,
        level=level,
        parent=parent,
        division_code=division_code,
        valid_from=valid_from,
        path="",
    )
    unit.path = (parent.path if parent else "") + path_segment(unit.pk)
    unit.save(update_fields=["path"])
    record_change(unit, actor=actor, kind=ChangeKind.CREATED, note=parent.name if parent else "")
    return unit


@transaction.atomic
def move_unit(*, unit, parent, actor=None):
    """Put `unit` and its whole subtree under `parent` (None makes it a root)."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if parent is not None:
        parent = Unit.objects.select_for_update().get(pk=parent.pk)
        if parent.path.startswith(unit.path):
            raise UnitTreeError("A unit cannot be moved under itself or its own sub-units.")
    old_prefix = unit.path
    new_prefix = (parent.path if parent else "") + path_segment(unit.pk)
    # One UPDATE rewrites the prefix of every path in the subtree.
    Unit.objects.filter(path__startswith=old_prefix).update(
        path=Concat(Value(new_prefix), Substr("path", len(old_prefix) + 1))
    )
    previous_parent = unit.parent
    Unit.objects.filter(pk=unit.pk).update(parent=parent)
    unit.refresh_from_db()
    note = f"{previous_parent.name if previous_parent else '—'} → {parent.name if parent else '—'}"
    record_change(unit, actor=actor, kind=ChangeKind.MOVED, note=note)
    return unit


@transaction.atomic
def update_unit(*, unit, actor=None, **fields):
    """Change a unit's own fields (name, kind, level, code, start); not its place in the tree."""
    allowed = {"name", "kind", "level", "division_code", "valid_from"}
    if not set(fields) <= allowed:
        raise UnitTreeError(f"update_unit cannot change {sorted(set(fields) - allowed)}")
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    changed = [field for field, value in fields.items() if getattr(unit, field) != value]
    for field in changed:
        setattr(unit, field, fields[field])
    if changed:
        unit.save(update_fields=changed)
        note = "; ".join(f"{Unit._meta.get_field(f).verbose_name}: {getattr(unit, f)}" for f in changed)
        record_change(unit, actor=actor, kind=ChangeKind.UPDATED, note=note)
    return unit


@transaction.atomic
def close_unit(*, unit, last_day, successor=None, actor=None):
    """Record that a unit ceased to exist after `last_day`, taken over by `successor`."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if successor is not None and successor.pk == unit.pk:
        raise UnitTreeError("A unit cannot succeed itself.")
    unit.valid_to = last_day
    unit.successor = successor
    unit.save(update_fields=["valid_to", "successor"])
    note = date_format(last_day, "SHORT_DATE_FORMAT") + (f" → {successor.name}" if successor else "")
    record_change(unit, actor=actor, kind=ChangeKind.CLOSED, note=note)
    return unit
