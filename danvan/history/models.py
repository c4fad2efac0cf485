"""History rows: who changed what, when, from which status to which, and why.

`HistoryEntry` is the shape every app's history shares (the petition timeline
inherits it); `Change` is the one table for the other workflow objects
(reception sessions, visits, voter meetings, supervisions, recommendations,
initiatives, units), pointing at its object through a generic key.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class HistoryEntry(models.Model):
    """Who, when, from, to, note. Written only by services, never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    from_status = models.CharField(_("from status"), max_length=20, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


class ChangeKind(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Details changed")
    STATUS = "status", _("Status changed")
    ADDED = "added", _("Added")
    FILE = "file", _("File attached")
    PROGRESS = "progress", _("Progress reported")
    ANSWERED = "answered", _("Written answer recorded")
    ESCALATED = "escalated", _("Escalated as overdue")
    MOVED = "moved", _("Moved in the tree of units")
    CLOSED = "closed", _("Ceased to exist")
    DELETED = "deleted", _("Deleted")


class Change(HistoryEntry):
    """One change of one object of any app but petitions (which keep their own timeline)."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind of record")
    )
    object_id = models.PositiveBigIntegerField(_("record number"))
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=20, choices=ChangeKind.choices)
    # The audit of configuration (danvan.ops.audit): {field: [old, new]} for a change, {field: value} for a
    # record created or deleted; empty for the workflow history the services write.
    values = models.JSONField(_("old and new values"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    is_audit = models.BooleanField(_("audit of configuration"), default=False)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"], name="change_of_object_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"
