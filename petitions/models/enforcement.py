"""Following a decision until it is carried out: the enforcement of a complaint decision that has taken legal
effect, or the handling of a denunciation conclusion, with its progress and the results actually achieved.

Legal basis relied on: Law on Complaints 2011 Art 46 (whoever resolved the complaint organises, or directs the
bodies under them to organise, the enforcement of a decision that has taken legal effect; Art 44 says when it
does) and Decree 124/2020/NĐ-CP on organising that enforcement; Law on Denunciation 2018 and Decree 31/2019/NĐ-CP
on handling a denunciation conclusion. No fixed period for completing the enforcement was found in these texts
(see DOMAIN.md "Organise enforcement … verify the period"), so the due date is not computed from a rule: it is
the date the decision or conclusion sets (or the deciding unit's plan), entered when enforcement starts.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.models import Unit

from .petition import Petition
from .records import PetitionDecision


class Enforcement(models.Model):
    """The enforcement of one resolution decision (or denunciation conclusion). The petition stays resolved."""

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="enforcements", verbose_name=_("petition")
    )
    decision = models.OneToOneField(
        PetitionDecision, on_delete=models.PROTECT, related_name="enforcement", verbose_name=_("decision")
    )
    effective_date = models.DateField(_("took legal effect on"))
    measures = models.TextField(_("measures ordered"))
    responsible_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit that must act"),
    )
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enforcements",
        verbose_name=_("official who must act"),
    )
    responsible_other = models.CharField(_("body or person outside the portal"), max_length=255, blank=True)
    due_date = models.DateField(_("to be carried out by"), db_index=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completion_note = models.TextField(_("result of the enforcement"), blank=True)
    # The results actually achieved, in the columns of forms 01/KQGQ and 03/KQGQ.
    money_to_state_recovered = models.PositiveBigIntegerField(
        _("money actually returned to the State (VND)"), default=0
    )
    money_to_citizens_returned = models.PositiveBigIntegerField(
        _("money actually returned to citizens and organisations (VND)"), default=0
    )
    land_to_state_recovered = models.DecimalField(
        _("land actually returned to the State (m²)"), max_digits=14, decimal_places=1, default=0
    )
    land_to_citizens_returned = models.DecimalField(
        _("land actually returned to citizens and organisations (m²)"), max_digits=14, decimal_places=1, default=0
    )
    people_disciplined = models.PositiveIntegerField(_("people actually handled or disciplined"), default=0)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level reached"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    started_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("enforcement")
        verbose_name_plural = _("enforcements")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(due_date__gte=models.F("effective_date")), name="enforcement_due_after"),
            models.CheckConstraint(
                condition=Q(land_to_state_recovered__gte=0) & Q(land_to_citizens_returned__gte=0),
                name="enforcement_land_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["due_date"], name="enforcement_open_idx", condition=Q(completed_on=None)),
        ]

    def __str__(self):
        return f"{self.petition} – {self.decision}"

    @property
    def is_completed(self):
        return self.completed_on is not None

    @property
    def is_overdue(self):
        return self.completed_on is None and self.due_date < timezone.localdate()

    @property
    def responsible_label(self):
        """Who must act, as one line: the unit, the official, a body outside the portal."""
        parts = [str(part) for part in (self.responsible_unit, self.responsible_person) if part]
        if self.responsible_other:
            parts.append(self.responsible_other)
        return ", ".join(parts)


class EnforcementProgress(models.Model):
    """A dated entry on how the enforcement goes. Never edited."""

    enforcement = models.ForeignKey(
        Enforcement, on_delete=models.PROTECT, related_name="progress", verbose_name=_("enforcement")
    )
    date = models.DateField(_("date"))
    note = models.TextField(_("progress"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("enforcement progress")
        verbose_name_plural = _("enforcement progress")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.enforcement} {self.date}"
