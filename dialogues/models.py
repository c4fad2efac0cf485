from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .workflow import CommitmentStatus, DialogueStatus


class HeadPosition(models.TextChoices):
    """The heads whose dialogues with the people a regulation expects (e.g. Lai Châu's 06-QC/TU)."""

    PROVINCE_SECRETARY = "province_secretary", _("Provincial Party secretary")
    PROVINCE_CHAIRMAN = "province_chairman", _("Chairman of the provincial People's Committee")
    COMMUNE_SECRETARY = "commune_secretary", _("Commune Party secretary")
    COMMUNE_CHAIRMAN = "commune_chairman", _("Chairman of a commune People's Committee")
    AGENCY_HEAD = "agency_head", _("Head of an agency")


class NormPeriod(models.TextChoices):
    QUARTER = "quarter", _("per quarter")
    HALF_YEAR = "half_year", _("per half-year")
    YEAR = "year", _("per year")


PERIODS_PER_YEAR = {NormPeriod.QUARTER: 4, NormPeriod.HALF_YEAR: 2, NormPeriod.YEAR: 1}


class DialogueNorm(models.Model):
    """How many dialogues a head is expected to hold, with the regulation it comes from.
    Dated data an administrator can change: a new regulation is a new row with its own `valid_from`."""

    position = models.CharField(_("position"), max_length=30, choices=HeadPosition.choices)
    count = models.PositiveSmallIntegerField(_("dialogues expected"), validators=[MinValueValidator(1)])
    period = models.CharField(_("per"), max_length=10, choices=NormPeriod.choices)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    is_default = models.BooleanField(
        _("configurable default"),
        default=False,
        help_text=_("Shipped as a default, to be checked against the local regulation and changed if it differs."),
    )

    class Meta:
        verbose_name = _("dialogue norm")
        verbose_name_plural = _("dialogue norms")
        ordering = ["position", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="dialogue_norm_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.get_position_display()}: {self.count} {self.get_period_display()}"

    @property
    def per_year(self):
        return self.count * PERIODS_PER_YEAR[self.period]


class Dialogue(models.Model):
    """A dialogue (đối thoại) of a head of a unit with the people of a commune or a group of citizens."""

    unit = models.ForeignKey(
        "orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit holding the dialogue")
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("head holding it")
    )
    position = models.CharField(_("head's position"), max_length=30, choices=HeadPosition.choices)
    commune = models.ForeignKey(
        "orgunits.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("with the people of"),
    )
    audience = models.CharField(
        _("group of citizens"),
        max_length=255,
        blank=True,
        help_text=_("E.g. the households whose land the ring road takes."),
    )
    topic = models.CharField(_("topic of the dialogue"), max_length=400)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=255)
    participants = models.TextField(_("participants"), blank=True)
    invited_bodies = models.TextField(_("invited bodies"), blank=True)
    is_published = models.BooleanField(
        _("published on the public calendar"), default=True, help_text=_("Only the date, place, topic and position.")
    )
    # A complaint whose resolution calls for the head's dialogue; kept here, the petition knows nothing of it.
    petition = models.ForeignKey(
        "petitions.Petition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("related petition"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DialogueStatus.choices, default=DialogueStatus.PLANNED
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=255, blank=True)
    attendance = models.PositiveIntegerField(_("citizens attending"), null=True, blank=True)
    summary = models.TextField(_("summary of the dialogue"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("planned by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Raised on each change of date or status: phone calendars replace an event only when its SEQUENCE grows.
    revision = models.PositiveIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["-date", "-start_time", "pk"]
        indexes = [models.Index(fields=["status", "date"], name="dialogue_status_date_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="dialogue_times_ordered"),
            models.CheckConstraint(
                condition=~Q(commune__isnull=True, audience=""), name="dialogue_with_commune_or_group"
            ),
        ]

    def __str__(self):
        return self.topic


class DialogueIssue(models.Model):
    """An issue the people raised at the dialogue, and the answer given on the spot."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.PROTECT, related_name="issues", verbose_name=_("dialogue"))
    raised_by = models.CharField(
        _("raised by (citizen group or area)"), max_length=255, help_text=_("E.g. voters of residential group 5.")
    )
    text = models.TextField(_("issue raised"))
    answer = models.TextField(_("answer given on the spot"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("issue raised at a dialogue")
        verbose_name_plural = _("issues raised at dialogues")
        ordering = ["pk"]

    def __str__(self):
        return self.text[:80]


class DialogueCommitment(models.Model):
    """What the head committed to at the dialogue: a unit answers for it by a due date, followed until done."""

    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("dialogue")
    )
    issue = models.ForeignKey(
        DialogueIssue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("issue it answers"),
    )
    text = models.TextField(_("commitment"))
    responsible_unit = models.ForeignKey(
        "orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible unit")
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dialogue commitment")
        verbose_name_plural = _("dialogue commitments")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"], name="dialogue_commitment_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=CommitmentStatus.OPEN, done_on__isnull=True)
                | Q(status=CommitmentStatus.DONE, done_on__isnull=False),
                name="dialogue_commitment_done_has_date",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def on_time(self):
        """Done by its due date (None while open)."""
        return None if self.done_on is None else self.done_on <= self.due_date
