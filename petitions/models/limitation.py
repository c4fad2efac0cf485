"""The law at intake: limitation periods for lodging a complaint, and how many representatives a group may send.

Both are dated data with their legal basis, like the deadline rules: a change in the law is a new row with
its own `valid_from`, and what a petition was measured against is stored with it.
"""

from datetime import timedelta

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import CountingUnit, Kind, RuleCondition
from .petition import Petition


class LimitationScope(models.TextChoices):
    """Which complaints a limitation period governs (Law on Complaints 2011, Art 9, 33 and 48)."""

    COMPLAINT_FIRST = "complaint_1", _("First complaint about an administrative decision or act")
    COMPLAINT_SECOND = "complaint_2", _("Second complaint about an administrative decision or act")
    DISCIPLINE_FIRST = "discipline_1", _("First complaint about a disciplinary decision")
    DISCIPLINE_SECOND = "discipline_2", _("Second complaint about a disciplinary decision")
    DISMISSAL_SECOND = "dismissal_2", _("Second complaint about a dismissal decision")


class LimitationStart(models.TextChoices):
    """The event a limitation period is counted from (that day itself is not counted)."""

    LEARNED = "learned", _("The day the complainant received or learned of the decision or act")
    FIRST_DECISION = (
        "first_decision",
        _("The day the first-instance decision was received, or its resolution period ended without one"),
    )
    DISCIPLINE_RECEIVED = "discipline_received", _("The day the official received the disciplinary decision")


class ComplaintSubject(models.TextChoices):
    """What a complaint is about: it selects the limitation period."""

    ADMINISTRATIVE = "", _("An administrative decision or act")
    DISCIPLINE = "discipline", _("A disciplinary decision on an official")
    DISMISSAL = "dismissal", _("A dismissal decision (buộc thôi việc)")


# The law gives remote areas a longer period to lodge a second complaint (Art 33); no other circumstance.
LIMITATION_CONDITIONS = [
    (RuleCondition.ORDINARY, RuleCondition.ORDINARY.label),
    (RuleCondition.REMOTE_AREA, RuleCondition.REMOTE_AREA.label),
]


class LimitationRule(models.Model):
    """The period within which a complaint must be lodged, in force for complaints lodged in its period."""

    name = models.CharField(_("name"), max_length=200)
    applies_to = models.CharField(_("applies to"), max_length=20, choices=LimitationScope.choices)
    condition = models.CharField(
        _("circumstance"),
        max_length=20,
        choices=LIMITATION_CONDITIONS,
        blank=True,
        default=RuleCondition.ORDINARY,
    )
    days = models.PositiveSmallIntegerField(_("period (days)"), validators=[MinValueValidator(1)])
    counting_unit = models.CharField(
        _("counted in"),
        max_length=20,
        choices=[c for c in CountingUnit.choices if c[0] != CountingUnit.BY_DATE],
        default=CountingUnit.CALENDAR_DAYS,
    )
    counted_from = models.CharField(_("counted from"), max_length=30, choices=LimitationStart.choices)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("complaint limitation period")
        verbose_name_plural = _("complaint limitation periods")
        ordering = ["applies_to", "condition", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="limitation_rule_period_ordered",
            ),
        ]

    def __str__(self):
        return self.name


class GroupRepresentationRule(models.Model):
    """How many representatives a group of this size may choose to present its petition."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("petition kind"), max_length=20, choices=Kind.choices, blank=True, help_text=_("Blank: every kind.")
    )
    min_people = models.PositiveSmallIntegerField(_("from (people)"), validators=[MinValueValidator(2)])
    max_people = models.PositiveSmallIntegerField(
        _("to (people)"), null=True, blank=True, help_text=_("Blank: no upper bound.")
    )
    max_representatives = models.PositiveSmallIntegerField(_("at most (representatives)"))
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("representatives of a group")
        verbose_name_plural = _("representatives of groups")
        ordering = ["kind", "min_people", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="group_rule_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(max_people__isnull=True) | Q(max_people__gte=F("min_people")),
                name="group_rule_people_ordered",
            ),
        ]

    def __str__(self):
        return self.name


def first_received(petition):
    """The day a complaint was lodged: a copy transferred from another body keeps the original's day."""
    while petition.transferred_from_id is not None:
        petition = petition.transferred_from
    return petition.received_date


class PetitionLimitation(models.Model):
    """The dates a complaint's limitation period counts from, as the officer entered them, and the
    last day to lodge it computed once from the rule in force, stored with that rule."""

    petition = models.OneToOneField(
        Petition, on_delete=models.PROTECT, related_name="limitation", verbose_name=_("petition")
    )
    subject = models.CharField(
        _("complaint about"), max_length=20, choices=ComplaintSubject.choices, blank=True, default=""
    )
    decision_known_on = models.DateField(_("received or learned of the decision or act on"), null=True, blank=True)
    first_decision_on = models.DateField(
        _("first-instance decision received (or its period ended) on"), null=True, blank=True
    )
    obstacle_from = models.DateField(_("obstacle from"), null=True, blank=True)
    obstacle_to = models.DateField(_("obstacle until"), null=True, blank=True)
    obstacle_reason = models.CharField(_("obstacle"), max_length=255, blank=True)
    rule = models.ForeignKey(
        LimitationRule, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("rule")
    )
    last_day = models.DateField(_("last day to lodge"), null=True, blank=True)

    class Meta:
        verbose_name = _("limitation period of a complaint")
        verbose_name_plural = _("limitation periods of complaints")
        constraints = [
            models.CheckConstraint(
                condition=Q(obstacle_to__isnull=True) | Q(obstacle_to__gte=F("obstacle_from")),
                name="limitation_obstacle_ordered",
            ),
        ]

    def __str__(self):
        return str(self.petition)

    @property
    def is_late(self):
        """Lodged after the last day (the law's obstacles already counted in)."""
        return self.last_day is not None and first_received(self.petition) > self.last_day

    @property
    def obstacle_days(self):
        if self.obstacle_from is None or self.obstacle_to is None:
            return 0
        return (self.obstacle_to - self.obstacle_from + timedelta(days=1)).days
