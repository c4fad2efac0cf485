"""What the documents need beyond the record: each unit's letterhead, the numbers issued, and long exports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    RECEIPT = "receipt", _("Petition receipt")
    ACCEPTANCE_NOTICE = "acceptance_notice", _("Notice of acceptance")
    ACCEPTANCE_DECISION = "acceptance_decision", _("Acceptance decision")
    REFUSAL_NOTICE = "refusal_notice", _("Notice of non-acceptance")
    TRANSFER_SLIP = "transfer_slip", _("Transfer slip")
    GUIDANCE_SLIP = "guidance_slip", _("Guidance to the citizen")
    RESOLUTION = "resolution", _("Resolution decision or answer")
    REPORT = "report", _("Periodic report")
    REGISTER = "register", _("Petition book")


class Letterhead(models.Model):
    """How a unit names itself on its documents (Decree 30/2020/NĐ-CP, Appendix I): the abbreviation in the
    number and symbol, and the place name before the date. Blank fields are derived from the unit."""

    unit = models.OneToOneField(
        "orgunits.Unit", on_delete=models.CASCADE, related_name="letterhead", verbose_name=_("unit")
    )
    symbol = models.CharField(
        _("abbreviation of the unit's name"),
        max_length=30,
        blank=True,
        help_text=_("As it stands in the symbol of the unit's documents, e.g. UBND or TTr."),
    )
    place = models.CharField(
        _("place name"),
        max_length=100,
        blank=True,
        help_text=_("The place written before the date, e.g. Lai Châu."),
    )

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self):
        return str(self.unit)


class DocumentCounter(models.Model):
    """The last number a unit gave its documents in a year; numbers start again at 1 each year
    (Decree 30/2020/NĐ-CP, Appendix I, Section II.3)."""

    unit = models.ForeignKey("orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("document counter")
        verbose_name_plural = _("document counters")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="document_counter_unit_year")]

    def __str__(self):
        return f"{self.unit} {self.year}: {self.last}"


class IssuedDocument(models.Model):
    """A document generated from a step of the record, with the number it was given; the same step always
    gives the same document and number, however often it is downloaded."""

    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    # What produced it: "petition:12", "event:345", "decision:6" (one document of a kind each).
    source = models.CharField(_("source"), max_length=40)
    petition = models.ForeignKey(
        "petitions.Petition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("petition"),
    )
    unit = models.ForeignKey(
        "orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("issuing body")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # None when the number was given outside the portal (a decision's number typed with it).
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    reference = models.CharField(_("number and symbol"), max_length=80)
    issued_on = models.DateField(_("dated"))
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signer"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("first made by")
    )
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "source"], name="issued_document_once_per_source"),
            models.UniqueConstraint(
                fields=["unit", "year", "number"], condition=Q(number__isnull=False), name="issued_document_number"
            ),
        ]

    def __str__(self):
        return self.reference


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Export(models.Model):
    """A long export made by a worker; only the official who asked for it may follow and download it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("official")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    file_format = models.CharField(_("format"), max_length=5)
    # The report's unit and period, or the register's filters as the register page's query string.
    params = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps"), default=0)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    content = models.BinaryField(_("file"), null=True, blank=True, editable=False)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "status"], name="export_user_status_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.file_format})"

    @property
    def percent(self):
        if self.status == ExportStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
