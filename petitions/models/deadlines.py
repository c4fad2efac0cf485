"""Deadline rules as dated data with their legal basis, and the deadlines issued from them."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .choices import Complexity, CountingUnit, Kind, RuleCondition, Stage
from .petition import Petition


class DeadlineRule(models.Model):
    """A legal period for one stage, in force for petitions whose clock starts in its period.

    A blank kind applies to every kind without a rule of its own. Rules are
    never edited once used: a change in the law is a new rule with its own
    `valid_from`, so deadlines already issued keep the rule that made them.
    """

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("petition kind"), max_length=20, choices=Kind.choices, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    condition = models.CharField(
        _("applies to"), max_length=20, choices=RuleCondition.choices, blank=True, default=RuleCondition.ORDINARY
    )
    days = models.PositiveSmallIntegerField(_("period"), validators=[MinValueValidator(1)])
    complex_days = models.PositiveSmallIntegerField(
        _("period when complex"), null=True, blank=True, help_text=_("Whole period after an extension decision.")
    )
    very_complex_days = models.PositiveSmallIntegerField(_("period when particularly complex"), null=True, blank=True)
    counting_unit = models.CharField(_("counted in"), max_length=20, choices=CountingUnit.choices)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["stage", "kind", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="deadline_rule_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(complex_days__isnull=True) | Q(complex_days__gt=F("days")),
                name="deadline_rule_complex_longer",
            ),
        ]

    def __str__(self):
        return self.name

    def days_for(self, complexity):
        """The whole period for a case of this complexity, or None if the rule allows none."""
        return {
            Complexity.NORMAL: self.days,
            Complexity.COMPLEX: self.complex_days,
            Complexity.VERY_COMPLEX: self.very_complex_days,
        }[Complexity(complexity)]


class PetitionDeadline(models.Model):
    """A deadline as issued: the rule, the start and the date, never recomputed.

    An extension adds a new row for the same stage and retires the old one.
    """

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="deadlines", verbose_name=_("petition")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    rule = models.ForeignKey(DeadlineRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("rule"))
    complexity = models.CharField(_("complexity"), max_length=20, choices=Complexity.choices)
    start_date = models.DateField(_("counted from"))
    due_date = models.DateField(_("due on"))
    is_current = models.BooleanField(_("in force"), default=True, help_text=_("Not replaced by an extension."))
    met_on = models.DateField(_("met on"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    # The handler's explanation of a delay; it never moves the legal deadline.
    delay_reason = models.TextField(_("reason for the delay"), blank=True)
    committed_date = models.DateField(_("committed completion date"), null=True, blank=True)
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "stage"], condition=Q(is_current=True), name="deadline_one_current_per_stage"
            )
        ]
        indexes = [
            # The daily reminder scan reads running deadlines by date.
            models.Index(
                fields=["due_date"], condition=Q(is_current=True, met_on=None), name="deadline_running_due_idx"
            ),
        ]

    def __str__(self):
        return f"{self.get_stage_display()}: {date_format(self.due_date, 'SHORT_DATE_FORMAT')}"

    @property
    def is_extended(self):
        """Issued by an extension decision, for a complex or particularly complex case."""
        return self.complexity != Complexity.NORMAL

    @property
    def period_days(self):
        return self.rule.days_for(self.complexity)
