from django.core.validators import MaxValueValidator, MinValueValidator
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


class RetentionKind(models.TextChoices):
    """The kinds of petition a retention rule is set for (both instances of a complaint are one kind)."""

    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")
    RECOMMENDATION = "recommendation", _("Recommendation")
    FEEDBACK = "feedback", _("Feedback")


class RetentionRule(models.Model):
    """How many years after a petition of a kind is closed its petitioners' personal data is kept; then the
    nightly retention job anonymises it (danvan.ops.retention). One row per kind, kept by administrators."""

    kind = models.CharField(_("petition kind"), max_length=20, choices=RetentionKind.choices, unique=True)
    years = models.PositiveSmallIntegerField(
        _("years kept after closing"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    is_default = models.BooleanField(
        _("configurable default"),
        default=True,
        help_text=_("Seeded by the portal; untick once the province has set the period by its own decision."),
    )

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        ordering = ["kind"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.years}"


class RetentionRun(models.Model):
    """One run of the retention job: when, and how many records of each kind it anonymised. Never holds a
    name or any other personal data, nor the text of an error (only its type and the record's number)."""

    started_at = models.DateTimeField(_("started at"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # {"complaint": 3, "denunciation": 1, ...}: petitions anonymised, per kind.
    petitions = models.JSONField(_("petitions anonymised, per kind"), default=dict, blank=True)
    visits = models.PositiveIntegerField(_("visits without a petition anonymised"), default=0)
    files_removed = models.PositiveIntegerField(_("files removed"), default=0)
    errors = models.PositiveIntegerField(_("errors"), default=0)
    error_details = models.TextField(_("errors (type and record number)"), blank=True)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}"

    @property
    def petitions_total(self):
        return sum(self.petitions.values())


class AnonymisedRecord(models.Model):
    """That one petition (with its petitioners, visits, files and texts) or one visit without a petition was
    anonymised, by which run: the history of the change, and what makes a second run skip it."""

    class Record(models.TextChoices):
        PETITION = "petition", _("Petition")
        VISIT = "visit", _("Visit without a petition")

    record = models.CharField(_("record"), max_length=10, choices=Record.choices)
    # A plain number, not a foreign key: the foundation's tables do not depend on the domain apps'.
    object_id = models.PositiveBigIntegerField(_("record number"))
    kind = models.CharField(_("petition kind"), max_length=20, choices=RetentionKind.choices)
    closed_on = models.DateField(_("closed on"))
    run = models.ForeignKey(RetentionRun, on_delete=models.PROTECT, related_name="records", verbose_name=_("run"))
    anonymised_at = models.DateTimeField(_("anonymised at"), auto_now_add=True)

    class Meta:
        verbose_name = _("anonymised record")
        verbose_name_plural = _("anonymised records")
        ordering = ["-anonymised_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["record", "object_id"], name="anonymised_record_once")]

    def __str__(self):
        return f"{self.get_record_display()} #{self.object_id}"
