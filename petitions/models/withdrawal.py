"""Withdrawal of a petition: what the law allows per kind and date, and each withdrawal as recorded."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import Kind
from .petition import Petition


class WithdrawalRule(models.Model):
    """What a petitioner may withdraw, for withdrawals made in the rule's period.

    A blank kind applies to every kind without a rule of its own. With no rule in force
    on the day, nothing can be withdrawn; a rule without `allows_partial` allows only a
    whole withdrawal. A change in the law is a new row with its own `valid_from`.
    """

    kind = models.CharField(_("petition kind"), max_length=20, choices=Kind.choices, blank=True)
    allows_partial = models.BooleanField(_("part of the petition may be withdrawn"), default=False)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("withdrawal rule")
        verbose_name_plural = _("withdrawal rules")
        ordering = ["kind", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="withdrawal_rule_period_ordered",
            ),
        ]

    def __str__(self):
        return self.legal_basis


class ContinuationGround(models.TextChoices):
    """Why a withdrawn denunciation is still resolved (Luật Tố cáo 2018, Art. 33(4))."""

    SIGNS_OF_VIOLATION = "signs_of_violation", _("the denounced act shows signs of a violation of the law")
    COERCED = "coerced", _("the withdrawal was coerced (threats or bribery)")
    SLANDER = "slander", _("the denouncer used the denunciation to slander the person denounced")


class Withdrawal(models.Model):
    """A withdrawal as recorded, with the rule that allowed it and, for a denunciation, whether it is
    still resolved and why. Never edited."""

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="withdrawals", verbose_name=_("petition")
    )
    withdrawn_on = models.DateField(_("withdrawn on"))
    is_partial = models.BooleanField(_("only part withdrawn"), default=False)
    part = models.TextField(_("what is withdrawn"), blank=True)
    rule = models.ForeignKey(WithdrawalRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("rule"))
    continues = models.BooleanField(_("resolution continues"), default=False)
    continuation_ground = models.CharField(
        _("ground for continuing"), max_length=30, choices=ContinuationGround.choices, blank=True
    )
    continuation_reason = models.TextField(_("why the resolution continues"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")
        ordering = ["withdrawn_on", "pk"]
        constraints = [
            # A continued case names its ground; a stopped one has none.
            models.CheckConstraint(
                condition=Q(continues=False, continuation_ground="") | (Q(continues=True) & ~Q(continuation_ground="")),
                name="withdrawal_continuation_has_ground",
            ),
        ]

    def __str__(self):
        return f"{self.petition} – {self.withdrawn_on:%d/%m/%Y}"
