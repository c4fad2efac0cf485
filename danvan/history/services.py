"""Append a history row. Called by each app's services inside their own transaction."""

from django.contrib.contenttypes.models import ContentType

from .models import Change


def record_change(target, *, actor, kind, note="", from_status="", to_status=""):
    """Append one row to `target`'s history (the caller's transaction makes it atomic with the change)."""
    return Change.objects.create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        actor=actor if actor is not None and actor.is_authenticated else None,
        kind=kind,
        note=note.strip(),
        from_status=from_status or "",
        to_status=to_status or "",
    )
