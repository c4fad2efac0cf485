from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportPolicy(models.Model):
    """The data cut-off day of periodic reports (configurable default: the 15th); one row."""

    cutoff_day = models.PositiveSmallIntegerField(
        _("data cut-off day"),
        default=15,
        validators=[MaxValueValidator(28)],
        help_text=_(
            "Periods run from this day of the month before to the day before it in the last month; "
            "0 for calendar months."
        ),
    )

    class Meta:
        verbose_name = _("report policy")
        verbose_name_plural = _("report policy")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        return cls.objects.get_or_create(pk=1)[0]
