"""What is recorded on a petition as it goes: decisions, the timeline, files, the citizen's
rating, and who saw a sealed identity."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.history.models import HistoryEntry

from ..workflow import Status
from .choices import AccessContext, DecisionKind, EventKind, Outcome
from .petition import Petition


class PetitionDecision(models.Model):
    """A decision or written answer on a petition. Never deleted or edited."""

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("petition")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    number = models.CharField(_("number"), max_length=50, blank=True)
    date = models.DateField(_("date"))
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    text = models.TextField(_("content"), blank=True)
    # What a resolution decision or a denunciation conclusion orders, in the columns of the statutory result
    # forms 01/KQGQ (complaints) and 03/KQGQ (denunciations) of Circular 02/2021/TT-TTCP. Zero when none.
    money_to_state = models.PositiveBigIntegerField(_("money to be returned to the State (VND)"), default=0)
    money_to_citizens = models.PositiveBigIntegerField(
        _("money to be returned to citizens and organisations (VND)"), default=0
    )
    land_to_state = models.DecimalField(
        _("land to be returned to the State (m²)"), max_digits=14, decimal_places=1, default=0
    )
    land_to_citizens = models.DecimalField(
        _("land to be returned to citizens and organisations (m²)"), max_digits=14, decimal_places=1, default=0
    )
    people_for_discipline = models.PositiveIntegerField(
        _("people proposed for administrative or disciplinary handling"), default=0
    )
    cases_to_investigation = models.PositiveIntegerField(_("cases referred to the investigating body"), default=0)
    people_to_investigation = models.PositiveIntegerField(_("people referred to the investigating body"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(land_to_state__gte=0) & Q(land_to_citizens__gte=0), name="decision_land_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}".strip()


class PetitionEvent(HistoryEntry):
    """One line of the petition's timeline; public lines are shown to the citizen."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="events", verbose_name=_("petition"))
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    from_status = models.CharField(_("from status"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, choices=Status.choices, blank=True)
    is_public = models.BooleanField(_("shown to the citizen"), default=False)
    related_petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("related petition")
    )

    class Meta(HistoryEntry.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.get_kind_display()

    @property
    def from_label(self):
        return self.get_from_status_display()

    @property
    def to_label(self):
        return self.get_to_status_display()

    @property
    def link_url(self):
        # The view sets link_hidden when the reader may not open the related petition: its code is shown plain.
        if not self.related_petition_id or getattr(self, "link_hidden", False):
            return ""
        return reverse("petitions:detail", args=[self.related_petition_id])

    @property
    def link_text(self):
        return self.related_petition.code if self.related_petition_id else ""


def private_storage():
    """Attachments live under PRIVATE_MEDIA_ROOT; a callable keeps the path out of migrations."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class Attachment(models.Model):
    """A scanned petition or evidence file; served only through a permission-checked view."""

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("petition")
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to="petitions/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    # None when the citizen attached it to an online submission.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class SatisfactionRating(models.Model):
    """A citizen's rating of how their petition was handled, on the SIPAS factors; once per petition."""

    SCORES = [(score, str(score)) for score in range(1, 6)]
    petition = models.OneToOneField(
        Petition, on_delete=models.PROTECT, related_name="rating", verbose_name=_("petition")
    )
    access = models.PositiveSmallIntegerField(_("ease of access"), choices=SCORES)
    procedures = models.PositiveSmallIntegerField(_("procedures"), choices=SCORES)
    official = models.PositiveSmallIntegerField(_("the civil servant"), choices=SCORES)
    result = models.PositiveSmallIntegerField(_("the result"), choices=SCORES)
    feedback_handling = models.PositiveSmallIntegerField(_("handling of feedback"), choices=SCORES)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("rated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")
        constraints = [
            models.CheckConstraint(
                condition=Q(access__range=(1, 5))
                & Q(procedures__range=(1, 5))
                & Q(official__range=(1, 5))
                & Q(result__range=(1, 5))
                & Q(feedback_handling__range=(1, 5)),
                name="rating_scores_1_to_5",
            )
        ]

    def __str__(self):
        return str(self.petition)


class IdentityAccess(models.Model):
    """A record that someone saw a sealed denouncer's identity (Decision 774/QĐ-TTg)."""

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="identity_accesses", verbose_name=_("petition")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("official")
    )
    accessed_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    context = models.CharField(_("where"), max_length=20, choices=AccessContext.choices)

    class Meta:
        verbose_name = _("identity access")
        verbose_name_plural = _("identity accesses")
        ordering = ["-accessed_at", "-pk"]

    def __str__(self):
        return f"{self.user} – {self.petition}"
