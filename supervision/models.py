from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from petitions.models import private_storage

from .workflow import InitiativeStatus, ProgrammeStatus, RecommendationStatus, SupervisionStatus


class SupervisionProgramme(models.Model):
    """A body's annual supervision programme, adopted by resolution."""

    year = models.PositiveSmallIntegerField(_("year"))
    body = models.ForeignKey("orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("body"))
    title = models.CharField(_("title"), max_length=300)
    resolution_number = models.CharField(_("resolution number"), max_length=50, blank=True)
    resolution_date = models.DateField(_("resolution date"), null=True, blank=True)
    proposals = models.TextField(
        _("proposals received"), blank=True, help_text=_("From committees, deputies, the Fatherland Front and voters.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )

    class Meta:
        verbose_name = _("supervision programme")
        verbose_name_plural = _("supervision programmes")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title


class SupervisionKind(models.TextChoices):
    THEMATIC = "thematic", _("Thematic")
    REGULAR = "regular", _("Regular")
    DIRECT = "direct", _("Direct")


class Supervision(models.Model):
    """One supervision (cuộc giám sát) of a programme."""

    programme = models.ForeignKey(
        SupervisionProgramme,
        on_delete=models.PROTECT,
        related_name="supervisions",
        verbose_name=_("supervision programme"),
    )
    topic = models.CharField(_("topic"), max_length=400)
    kind = models.CharField(_("type"), max_length=20, choices=SupervisionKind.choices)
    period_from = models.DateField(_("period under review from"))
    period_to = models.DateField(_("period under review until"))
    fieldwork_from = models.DateField(_("field work from"), null=True, blank=True)
    fieldwork_to = models.DateField(_("field work until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SupervisionStatus.choices, default=SupervisionStatus.PLANNED
    )
    report_number = models.CharField(_("report number"), max_length=50, blank=True)
    report_date = models.DateField(_("report date"), null=True, blank=True)
    report_summary = models.TextField(_("report summary"), blank=True)
    times_reopened = models.PositiveSmallIntegerField(_("times re-opened"), default=0)

    class Meta:
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        ordering = ["programme", "fieldwork_from", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_to__gte=F("period_from")), name="supervision_period_ordered"),
        ]

    def __str__(self):
        return self.topic


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("Plan")
    OUTLINE = "outline", _("Outline")
    REPORT = "report", _("Report")


class SupervisionDocument(models.Model):
    """A plan, outline or report file; uploading again adds a version, never replaces one."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.PROTECT, related_name="documents", verbose_name=_("supervision")
    )
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), storage=private_storage, upload_to="supervision/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("supervision document")
        verbose_name_plural = _("supervision documents")
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["supervision", "kind", "version"], name="document_version")]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"


class DelegationRole(models.TextChoices):
    HEAD = "head", _("Head")
    DEPUTY = "deputy", _("Deputy head")
    MEMBER = "member", _("Member")


class DelegationMember(models.Model):
    supervision = models.ForeignKey(
        Supervision, on_delete=models.PROTECT, related_name="delegation", verbose_name=_("supervision")
    )
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=DelegationRole.choices)
    from_body = models.CharField(_("from"), max_length=255)

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["role", "pk"]

    def __str__(self):
        return self.full_name


class SupervisedUnit(models.Model):
    supervision = models.ForeignKey(
        Supervision, on_delete=models.PROTECT, related_name="supervised_units", verbose_name=_("supervision")
    )
    unit = models.ForeignKey("orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    visited = models.BooleanField(_("visited directly"), default=False, help_text=_("Otherwise supervised by report."))

    class Meta:
        verbose_name = _("supervised unit")
        verbose_name_plural = _("supervised units")
        constraints = [models.UniqueConstraint(fields=["supervision", "unit"], name="supervised_unit_once")]

    def __str__(self):
        return str(self.unit)


class Finding(models.Model):
    """A shortcoming the supervision found."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.PROTECT, related_name="findings", verbose_name=_("supervision")
    )
    text = models.TextField(_("finding"))

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["pk"]

    def __str__(self):
        return self.text[:80]


class AnswerPeriod(models.Model):
    """The period for the written answer to an interpellation (chất vấn), in force for questions
    asked in its period: dated data with its legal basis, like the petitions' deadline rules.
    A change in the law is a new row with its own `valid_from`; answers already due keep theirs."""

    name = models.CharField(_("name"), max_length=200)
    days = models.PositiveSmallIntegerField(_("period (calendar days)"), validators=[MinValueValidator(1)])
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("interpellation answer period")
        verbose_name_plural = _("interpellation answer periods")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="answer_period_ordered",
            )
        ]

    def __str__(self):
        return self.name


class RecommendationKind(models.TextChoices):
    SUPERVISION = "supervision", _("Supervision recommendation")
    COMMITMENT = "commitment", _("Commitment after interpellation")


class Recommendation(models.Model):
    """A recommendation to a unit, or a promise made answering an interpellation; followed up until done."""

    kind = models.CharField(_("kind"), max_length=20, choices=RecommendationKind.choices)
    supervision = models.ForeignKey(
        Supervision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("supervision"),
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("finding it answers")
    )
    body = models.ForeignKey(
        "orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("supervising body")
    )
    addressed_to = models.ForeignKey(
        "orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("addressed to")
    )
    text = models.TextField(_("recommendation"))
    due_date = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0, validators=[MaxValueValidator(100)])
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    # Interpellation (chất vấn) fields.
    council_session = models.CharField(_("council session"), max_length=255, blank=True)
    question = models.TextField(_("question"), blank=True)
    asked_by = models.CharField(_("asked by (deputy)"), max_length=150, blank=True)
    answered_by = models.CharField(_("answered by"), max_length=200, blank=True)
    asked_on = models.DateField(_("asked on"), null=True, blank=True)
    written_answer_due = models.DateField(_("written answer due"), null=True, blank=True)
    written_answer_on = models.DateField(_("written answer on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"], name="recommendation_due_idx")]

    def __str__(self):
        return self.text[:80]


class RecommendationReader(models.Model):
    """Someone outside the supervising body and the addressed unit, told of the recommendation by an
    escalation notice (the addressed unit's superior), who may therefore read it without working on it."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="readers", verbose_name=_("recommendation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    level = models.PositiveSmallIntegerField(_("escalation level"))
    granted_at = models.DateTimeField(_("told at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reader of an escalated recommendation")
        verbose_name_plural = _("readers of escalated recommendations")
        constraints = [
            # Also the index of the one lookup that lets a reader in.
            models.UniqueConstraint(fields=["recommendation", "user"], name="recommendation_reader_once"),
        ]

    def __str__(self):
        return f"{self.user} – {self.recommendation}"


class ProgressUpdate(models.Model):
    """What the addressed unit reports it has done, with evidence; never edited."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="updates", verbose_name=_("recommendation")
    )
    text = models.TextField(_("what was done"))
    status = models.CharField(_("status"), max_length=20, choices=RecommendationStatus.choices)
    percent = models.PositiveSmallIntegerField(_("percent done"), validators=[MaxValueValidator(100)])
    evidence = models.FileField(
        _("evidence"), storage=private_storage, upload_to="supervision/evidence/%Y/", blank=True
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return self.text[:80]


class InitiativeField(models.TextChoices):
    ECONOMY = "economy", _("Economy")
    CULTURE_SOCIETY = "culture_society", _("Culture and society")
    DEFENCE_SECURITY = "defence_security", _("Defence and security")
    POLITICAL_SYSTEM = "political_system", _("Building the political system")


class InitiativeLevel(models.TextChoices):
    GRASSROOTS = "grassroots", _("Grassroots")
    PROVINCE = "province", _("Province")


class Initiative(models.Model):
    """A model (initiative) registered in the “Dân vận khéo” emulation movement for a year."""

    unit = models.ForeignKey("orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=300)
    field = models.CharField(_("field"), max_length=20, choices=InitiativeField.choices)
    level = models.CharField(
        _("level"), max_length=20, choices=InitiativeLevel.choices, default=InitiativeLevel.GRASSROOTS
    )
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("started on"))
    status = models.CharField(
        _("status"), max_length=20, choices=InitiativeStatus.choices, default=InitiativeStatus.REGISTERED
    )
    carried_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("carried over from")
    )
    recognition = models.CharField(_("recognition decision and awards"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Dân vận khéo model")
        verbose_name_plural = _("Dân vận khéo models")
        ordering = ["-year", "unit", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "name"], name="initiative_once_per_year")]

    def __str__(self):
        return self.name


class InitiativeEvidence(models.Model):
    """A file showing what the initiative did; attaching another keeps the earlier ones."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("Dân vận khéo model")
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to="supervision/models/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence of a model")
        verbose_name_plural = _("evidence of models")

    def __str__(self):
        return self.original_name
