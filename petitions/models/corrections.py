"""Deadlines already issued that a later change of the official calendar would give differently.

An issued deadline is never recomputed (see PetitionDeadline). When an administrator adds, changes
or removes a day off or a swapped working day, each running deadline whose period it touches and
whose date the new calendar gives differently is recorded here for the handling unit's leaders,
who either correct it (a new deadline row, as an extension issues one) or keep it as issued.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .deadlines import PetitionDeadline


class MovedStatus(models.TextChoices):
    OPEN = "open", _("Awaiting the leader's decision")
    CORRECTED = "corrected", _("Corrected to the new calendar")
    KEPT = "kept", _("Kept as issued")
    # A later change of the calendar gave another date (a new row records it) or the issued one again.
    SUPERSEDED = "superseded", _("Overtaken by a later calendar change")


class MovedDeadline(models.Model):
    """One issued deadline, the date the calendar now gives it, and what the leader decided."""

    deadline = models.ForeignKey(
        PetitionDeadline, on_delete=models.PROTECT, related_name="moves", verbose_name=_("deadline as issued")
    )
    issued_due_date = models.DateField(_("due date as issued"))
    new_due_date = models.DateField(_("due date under the new calendar"))
    changed_days = models.CharField(_("days whose status changed"), max_length=255)
    # A copy of the announcing document as it read when the change was saved: the override row
    # may later be edited or removed, the reason for this record stays.
    announcement = models.CharField(_("announcement"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MovedStatus.choices, default=MovedStatus.OPEN)
    detected_at = models.DateTimeField(_("found at"), auto_now_add=True)
    detected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("calendar changed by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    correction = models.OneToOneField(
        PetitionDeadline,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction_of",
        verbose_name=_("deadline issued by the correction"),
    )

    class Meta:
        verbose_name = _("deadline moved by the calendar")
        verbose_name_plural = _("deadlines moved by the calendar")
        ordering = ["issued_due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline"], condition=Q(status="open"), name="moved_deadline_one_open_per_deadline"
            ),
            models.CheckConstraint(
                condition=~Q(new_due_date=models.F("issued_due_date")), name="moved_deadline_dates_differ"
            ),
        ]
        indexes = [models.Index(fields=["status"], condition=Q(status="open"), name="moved_deadline_open_idx")]

    def __str__(self):
        return f"{self.deadline}: {self.issued_due_date:%d/%m/%Y} → {self.new_due_date:%d/%m/%Y}"

    @property
    def is_open(self):
        return self.status == MovedStatus.OPEN

    @property
    def is_earlier(self):
        """The new calendar ends the period sooner than the date issued."""
        return self.new_due_date < self.issued_due_date
