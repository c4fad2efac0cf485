"""Grassroots democracy (Law on Grassroots Democracy 10/2022/QH15, in force 1/7/2023): what a commune
discloses (dân biết), what the portal itself publishes, consultations (dân bàn), and the boards through
which people inspect and supervise (dân kiểm tra, giám sát)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.models import UnitKind

from .workflow import ConsultationStatus, PublicationStatus


class DisclosureContent(models.Model):
    """A kind of content a commune must disclose, with the provision that requires it. Data, not code:
    the list is seeded from the law and an administrator adds what a later text requires."""

    name = models.CharField(_("content"), max_length=300, unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("content to be disclosed")
        verbose_name_plural = _("contents to be disclosed")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class DisclosureForm(models.TextChoices):
    """How the content was made known: the forms listed in Law 10/2022/QH15, Art 12(1)."""

    NOTICE_BOARD = "notice_board", _("Posted on the notice board")
    PORTAL = "portal", _("Published on the portal")
    LOUDSPEAKER = "loudspeaker", _("Broadcast on the loudspeakers")
    VILLAGE_HEAD = "village_head", _("Through the village or residential group head")
    MEETING = "meeting", _("Announced at a meeting")
    LETTER = "letter", _("Written notice to citizens")


class Disclosure(models.Model):
    """One disclosure by a commune People's Committee: what, how, when and for how long."""

    unit = models.ForeignKey(
        "orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("disclosed by")
    )
    content = models.ForeignKey(
        DisclosureContent, on_delete=models.PROTECT, related_name="disclosures", verbose_name=_("content")
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("what is disclosed"))
    form = models.CharField(_("form"), max_length=20, choices=DisclosureForm.choices)
    place = models.CharField(_("place or channel"), max_length=255, blank=True)
    disclosed_on = models.DateField(_("disclosed on"))
    period_from = models.DateField(_("disclosed from"))
    period_to = models.DateField(_("disclosed until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-disclosed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_to__isnull=True) | Q(period_to__gte=F("period_from")),
                name="disclosure_period_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "disclosed_on"], name="disclosure_unit_date_idx"),
            models.Index(fields=["form", "disclosed_on"], name="disclosure_form_date_idx"),
        ]

    def __str__(self):
        return self.title


class PublicationKind(models.TextChoices):
    PETITION_ANSWER = "answer", _("Answer to a recommendation or feedback")
    SUPERVISION_RESULT = "supervision", _("Result of a supervision recommendation")


class Publication(models.Model):
    """An answer or a supervision result put on the portal's public pages by an official.

    The public pages show only the texts written here for the public (and the unit), never the
    petition or its petitioners: whatever the petition holds stays behind the login.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=PublicationKind.choices)
    petition = models.ForeignKey(
        "petitions.Petition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("petition"),
    )
    recommendation = models.ForeignKey(
        "supervision.Recommendation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recommendation"),
    )
    # The handling unit of the petition, or the supervising body: whose officials publish and withdraw it.
    unit = models.ForeignKey("orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    topic = models.CharField(_("field"), max_length=150, blank=True)
    public_summary = models.TextField(_("public summary"))
    public_answer = models.TextField(_("public answer or result"))
    answered_on = models.DateField(_("answered on"))
    status = models.CharField(
        _("status"), max_length=20, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("published by")
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-answered_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=PublicationKind.PETITION_ANSWER, petition__isnull=False, recommendation__isnull=True)
                    | Q(kind=PublicationKind.SUPERVISION_RESULT, recommendation__isnull=False, petition__isnull=True)
                ),
                name="publication_one_source",
            ),
            # Published once at a time; a withdrawn one may be followed by a new publication.
            models.UniqueConstraint(
                fields=["petition"], condition=Q(status=PublicationStatus.PUBLISHED), name="publication_petition_once"
            ),
            models.UniqueConstraint(
                fields=["recommendation"],
                condition=Q(status=PublicationStatus.PUBLISHED),
                name="publication_recommendation_once",
            ),
        ]
        indexes = [models.Index(fields=["status", "answered_on"], name="publication_public_idx")]

    def __str__(self):
        return self.public_summary[:80]


class ConsultationMethod(models.TextChoices):
    MEETING = "meeting", _("Village or residential group meeting")
    BALLOT = "ballot", _("Opinion forms to households")
    ONLINE = "online", _("Online opinions")


class Consultation(models.Model):
    """A matter put to the people of a commune or a village to discuss or decide (dân bàn)."""

    unit = models.ForeignKey(
        "orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organised by")
    )
    village = models.CharField(_("village or residential group"), max_length=150, blank=True)
    subject = models.CharField(_("matter"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    method = models.CharField(_("method"), max_length=20, choices=ConsultationMethod.choices)
    opens_on = models.DateField(_("opinions from"))
    closes_on = models.DateField(_("opinions until"))
    status = models.CharField(
        _("status"), max_length=20, choices=ConsultationStatus.choices, default=ConsultationStatus.PLANNED
    )
    participants = models.PositiveIntegerField(_("participants (households or people)"), null=True, blank=True)
    agreed = models.PositiveIntegerField(_("in favour"), null=True, blank=True)
    decision = models.TextField(_("result and decision"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="consultation_period_ordered"),
            models.CheckConstraint(
                condition=Q(agreed__isnull=True) | Q(agreed__lte=F("participants")),
                name="consultation_agreed_within_participants",
            ),
        ]
        indexes = [models.Index(fields=["unit", "status", "opens_on"], name="consultation_unit_idx")]

    def __str__(self):
        return self.subject

    @property
    def agreed_percent(self):
        """The share in favour, in whole percent; None before the result."""
        if not self.participants or self.agreed is None:
            return None
        return round(100 * self.agreed / self.participants)


class BoardKind(models.TextChoices):
    # The same values as the board's unit kind: a board is a supervising body in the tree of units.
    PEOPLE_INSPECTION = UnitKind.PEOPLE_INSPECTION_BOARD.value, _("People's Inspection Board")
    INVESTMENT_SUPERVISION = UnitKind.INVESTMENT_SUPERVISION_BOARD.value, _("Community investment supervision board")


class Board(models.Model):
    """A People's Inspection Board or a community investment supervision board of a commune.

    Its `unit` (under the commune's Fatherland Front committee) is the supervising body of its
    recommendations, which the supervision app follows up as those of the council and the Front.
    """

    unit = models.OneToOneField(
        "orgunits.Unit", on_delete=models.PROTECT, related_name="board", verbose_name=_("board as a unit")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=BoardKind.choices)
    front = models.ForeignKey(
        "orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Fatherland Front committee")
    )
    decision = models.CharField(_("recognition decision"), max_length=200, blank=True)
    project = models.CharField(
        _("investment project supervised"),
        max_length=300,
        blank=True,
        help_text=_("For a community investment supervision board."),
    )
    term_from = models.DateField(_("term from"))
    term_to = models.DateField(_("term until"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("grassroots supervision board")
        verbose_name_plural = _("grassroots supervision boards")
        ordering = ["unit__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gte=F("term_from")), name="board_term_ordered"
            ),
        ]

    def __str__(self):
        return self.unit.name


class BoardRole(models.TextChoices):
    HEAD = "head", _("Head")
    DEPUTY = "deputy", _("Deputy head")
    MEMBER = "member", _("Member")


class BoardMember(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="members", verbose_name=_("board"))
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=BoardRole.choices, default=BoardRole.MEMBER)
    village = models.CharField(_("village or residential group"), max_length=150, blank=True)
    term_from = models.DateField(_("term from"))
    term_to = models.DateField(_("term until"), null=True, blank=True)

    class Meta:
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gte=F("term_from")), name="board_member_term_ordered"
            ),
        ]

    def __str__(self):
        return self.full_name
