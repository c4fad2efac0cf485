from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentType(models.TextChoices):
    """The kinds of document that announce a change to the calendar."""

    OFFICIAL_LETTER = (
        "official_letter",
        pgettext_lazy("document type", "Official Letter"),
    )  # công văn, e.g. 12729/VPCP-KGVX
    NOTICE = "notice", pgettext_lazy("document type", "Notice")  # thông báo of the ministry, e.g. 9441/TB-BNV
    DECISION = "decision", pgettext_lazy("document type", "Decision")
    RESOLUTION = "resolution", pgettext_lazy("document type", "Resolution")
    OTHER = "other", pgettext_lazy("document type", "Document")


class CalendarOverride(models.Model):
    """A day whose status the Government or the province set apart from the
    Labour Code's holidays (computed by the `holidays` package), with the
    document that announced it."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    document_type = models.CharField(
        _("kind of document"),
        max_length=20,
        choices=DocumentType.choices,
        default=DocumentType.OFFICIAL_LETTER,
        blank=True,
    )
    document_number = models.CharField(
        _("document number and symbol"),
        max_length=60,
        blank=True,
        help_text=_("E.g. 12729/VPCP-KGVX. Leave empty if no document announced it."),
    )
    document_date = models.DateField(_("document date"), null=True, blank=True)
    issuing_body = models.CharField(
        _("issuing body"), max_length=200, blank=True, help_text=_("E.g. the Government Office.")
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=255, blank=True, help_text=_("E.g. the notice that announced the change.")
    )

    class Meta:
        abstract = True
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.name}"

    @property
    def document(self):
        """The announcing document as people cite it ("Official Letter 12729/VPCP-KGVX of 25/12/2025"), or ""."""
        if not self.document_number:
            return ""
        kind = self.get_document_type_display() if self.document_type else DocumentType.OTHER.label
        if self.document_date:
            day = date_format(self.document_date, "d/m/Y")
            return _("%(kind)s %(number)s of %(date)s") % {"kind": kind, "number": self.document_number, "date": day}
        return f"{kind} {self.document_number}"

    def clean(self):
        # A date is either an extra day off or an extra working day, never both.
        opposite = WorkingDay if isinstance(self, DayOff) else DayOff
        if self.date and opposite.objects.filter(date=self.date).exists():
            raise ValidationError({"date": self.clash_message})
        if self.document_date and not self.document_number:
            raise ValidationError({"document_number": _("Enter the number of the document dated above.")})


class DayOff(CalendarOverride):
    """An extra day off, e.g. a bridge day or a newly announced holiday."""

    class Meta(CalendarOverride.Meta):
        verbose_name = _("extra day off")
        verbose_name_plural = _("extra days off")

    clash_message = _("This date is already recorded as an extra working day.")


class WorkingDay(CalendarOverride):
    """An extra working day, e.g. a Saturday worked in exchange for a bridge day."""

    class Meta(CalendarOverride.Meta):
        verbose_name = _("extra working day")
        verbose_name_plural = _("extra working days")

    clash_message = _("This date is already recorded as an extra day off.")


class DayStatus(models.TextChoices):
    PENDING = "pending", _("To be confirmed")
    CONFIRMED = "confirmed", _("Confirmed as a day off")
    OVERRIDDEN = "overridden", _("Overridden: a working day")


class DayToConfirm(models.Model):
    """A day off the `holidays` package computes whose legal basis is not settled yet
    (e.g. 24/11, Vietnamese Culture Day): an administrator confirms it, or overrides it
    with an extra working day (services.confirm_day / services.override_day)."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    basis = models.TextField(
        _("source and legal basis"), help_text=_("What the day off rests on, and what is missing.")
    )
    status = models.CharField(_("status"), max_length=20, choices=DayStatus.choices, default=DayStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("day to confirm")
        verbose_name_plural = _("days to confirm")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.name}"
