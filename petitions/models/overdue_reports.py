"""A denunciation left unresolved past its period, followed up by the superior body (Luật Tố cáo 2018 Art 38).

Art 38: when the period of Art 30 has passed without a resolution, the head of the directly superior
body asks the resolver in writing for a report on the handling, the reasons for the delay and who is
responsible, and directs the resolution; the resolver reports. Both duties are deadlines
(PetitionDeadline rows of the stages OVERDUE_REQUEST and OVERDUE_REPORT, from dated DeadlineRule rows);
this record holds what each side wrote.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.models import Unit

from .deadlines import PetitionDeadline
from .petition import Petition


class OverdueReport(models.Model):
    """The superior body's request for a report on an overdue denunciation, and the resolver's report."""

    petition = models.OneToOneField(
        Petition, on_delete=models.PROTECT, related_name="overdue_report", verbose_name=_("petition")
    )
    superior_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("directly superior body")
    )
    lapsed_deadline = models.ForeignKey(
        PetitionDeadline, on_delete=models.PROTECT, related_name="+", verbose_name=_("resolution deadline passed")
    )
    request_deadline = models.ForeignKey(
        PetitionDeadline, on_delete=models.PROTECT, related_name="+", verbose_name=_("deadline for the request")
    )
    requested_on = models.DateField(_("request dated"), null=True, blank=True)
    request_number = models.CharField(_("request number"), max_length=50, blank=True)
    request_content = models.TextField(_("what the request asks"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("request recorded by"),
    )
    report_deadline = models.ForeignKey(
        PetitionDeadline,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deadline for the report"),
    )
    reported_on = models.DateField(_("report dated"), null=True, blank=True)
    reasons = models.TextField(_("reasons for the delay"), blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    committed_date = models.DateField(_("committed resolution date"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("report recorded by"),
    )
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        verbose_name = _("overdue denunciation report")
        verbose_name_plural = _("overdue denunciation reports")
        constraints = [
            # The report follows a request: no report deadline before the request is recorded.
            models.CheckConstraint(
                condition=Q(report_deadline__isnull=True) | Q(requested_on__isnull=False),
                name="overdue_report_after_request",
            ),
            models.CheckConstraint(
                condition=Q(reported_on__isnull=True) | Q(report_deadline__isnull=False),
                name="overdue_reported_after_request",
            ),
        ]

    def __str__(self):
        return str(self.petition)

    @property
    def is_requested(self):
        return self.requested_on is not None

    @property
    def is_reported(self):
        return self.reported_on is not None
