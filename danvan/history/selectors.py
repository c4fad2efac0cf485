"""Reads of the history: one object's rows, oldest first, with readable status labels."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist

from .models import Change


def _status_labels(model):
    try:
        field = model._meta.get_field("status")
    except FieldDoesNotExist:  # a model without a status has no labels to show
        return {}
    return dict(field.flatchoices)


def history_of(target):
    """`target`'s history rows with the actor loaded and `from_label`/`to_label` set; one query. The audit of
    configuration (danvan.ops.audit) is the administrators' and stays in the admin."""
    rows = list(
        Change.objects.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk, is_audit=False
        )
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    labels = _status_labels(type(target))
    for row in rows:
        row.from_label = labels.get(row.from_status, row.from_status)
        row.to_label = labels.get(row.to_status, row.to_status)
    return rows
