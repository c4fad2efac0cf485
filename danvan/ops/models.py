from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """The last run of one periodic job (a Celery task the beat schedules), for /readyz and operators:
    one row per task, updated when a run starts and when it ends."""

    task = models.CharField(_("job (Celery task)"), max_length=200, unique=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_succeeded_at = models.DateTimeField(_("last succeeded"), null=True, blank=True)
    last_failed_at = models.DateTimeField(_("last failed"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    runs = models.PositiveIntegerField(_("number of runs"), default=0)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["task"]

    def __str__(self):
        return self.task
