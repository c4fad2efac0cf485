from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_offsets(value):
    try:
        offsets = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        offsets = None
    if not offsets or any(not 0 <= offset <= 30 for offset in offsets):
        raise ValidationError(_("Write whole numbers of working days from 0 to 30, separated by commas, e.g. 5,1,0."))


class AlertPolicy(models.Model):
    """When reminders go out and how the escalation ladder climbs (configurable defaults); one row."""

    reminder_offsets = models.CharField(
        _("reminders (working days before the deadline)"),
        max_length=50,
        default="5,1,0",
        validators=[validate_offsets],
        help_text=_("0 means on the day itself."),
    )
    escalation_interval = models.PositiveSmallIntegerField(
        _("working days between escalation levels"),
        default=5,
        help_text=_("After Luật Tố cáo Art 38: a superior asks for a report after 5 working days."),
    )
    escalation_levels = models.PositiveSmallIntegerField(
        _("escalation levels"), default=3, choices=[(1, "1"), (2, "2"), (3, "3")]
    )

    class Meta:
        verbose_name = _("reminder policy")
        verbose_name_plural = _("reminder policy")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        return cls.objects.get_or_create(pk=1)[0]

    @property
    def offsets(self):
        """Reminder offsets, largest first, without repeats."""
        return sorted({int(part) for part in self.reminder_offsets.split(",") if part.strip()}, reverse=True)


class AlertKind(models.TextChoices):
    REMINDER = "reminder", _("Reminder")
    ESCALATION = "escalation", _("Escalation")


class Alert(models.Model):
    """One reminder or escalation about one deadline. The unique constraint is what
    makes each exist once, however often the scan runs or a task is retried."""

    source = models.CharField(_("source"), max_length=50)
    object_id = models.PositiveBigIntegerField(_("record number"))
    kind = models.CharField(_("kind"), max_length=20, choices=AlertKind.choices)
    # Reminders: working days before the deadline. Escalations: the level, 1 to 3.
    step = models.PositiveSmallIntegerField(_("step"))
    due_date = models.DateField(_("deadline"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id", "kind", "step"], name="alert_once"),
        ]
        indexes = [
            models.Index(fields=["delivered_at"], name="alert_pending_idx", condition=models.Q(delivered_at=None)),
        ]

    def __str__(self):
        return f"{self.source}:{self.object_id} {self.kind} {self.step}"
