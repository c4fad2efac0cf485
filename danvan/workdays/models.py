from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarOverride(models.Model):
    """A day whose status the Government or the province set apart from the
    Labour Code's holidays (computed by the `holidays` package)."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    legal_basis = models.CharField(
        _("legal basis"), max_length=255, blank=True, help_text=_("E.g. the notice that announced the change.")
    )

    class Meta:
        abstract = True
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.name}"

    def clean(self):
        # A date is either an extra day off or an extra working day, never both.
        opposite = WorkingDay if isinstance(self, DayOff) else DayOff
        if self.date and opposite.objects.filter(date=self.date).exists():
            raise ValidationError({"date": self.clash_message})


class DayOff(CalendarOverride):
    """An extra day off, e.g. a bridge day or a newly announced holiday."""

    class Meta(CalendarOverride.Meta):
        verbose_name = _("extra day off")
        verbose_name_plural = _("extra days off")

    clash_message = _("This date is already recorded as an extra working day.")


class WorkingDay(CalendarOverride):
    """An extra working day, e.g. a Saturday worked in exchange for a bridge day."""

    class Meta(CalendarOverride.Meta):
        verbose_name = _("extra working day")
        verbose_name_plural = _("extra working days")

    clash_message = _("This date is already recorded as an extra day off.")
