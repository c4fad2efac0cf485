"""Keeping the folded search text current when what it copies changes outside a petition.

A petition's search text holds its field's and its handling unit's names. Those are renamed
elsewhere (the field in the admin, the unit by danvan.orgunits, which knows nothing of petitions),
so the rename is caught by a signal: the search text is a copy, and refreshing a copy is the
decoupled concern signals are for (STYLE rule 7). Each receiver rewrites only the petitions concerned.
"""

from django.db import transaction
from django.db.models import Prefetch

from ..models import Petition, Petitioner
from ._common import _search_text

BATCH = 500


@transaction.atomic
def refresh_search_text(*, petitions):
    """Recompute the search text of `petitions` (a queryset), in batches; return how many were written."""
    rows = petitions.select_related("category", "handling_unit").prefetch_related(
        Prefetch("petitioners", queryset=Petitioner.objects.order_by("order", "pk"))
    )
    changed, count = [], 0
    for petition in rows.iterator(chunk_size=BATCH):
        text = _search_text(petition, petition.petitioners.all())
        if text != petition.search_text:
            petition.search_text = text
            changed.append(petition)
        if len(changed) >= BATCH:
            count += _write(changed)
    return count + _write(changed)


def _write(changed):
    Petition.objects.bulk_update(changed, ["search_text"])
    written = len(changed)
    changed.clear()
    return written


def remember_name(sender, instance, **kwargs):
    """pre_save of a field (Category) or a unit: note the stored name, to tell a rename from any other save."""
    instance._search_previous_name = (
        sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first() if instance.pk else None
    )


def refresh_after_rename(sender, instance, created, update_fields=None, **kwargs):
    """post_save of a field or a unit: if its name changed, refresh its petitions' search text."""
    if created or (update_fields is not None and "name" not in update_fields):
        return
    if getattr(instance, "_search_previous_name", instance.name) == instance.name:
        return
    lookup = "category" if sender._meta.model_name == "category" else "handling_unit"
    refresh_search_text(petitions=Petition.objects.filter(**{lookup: instance}))
