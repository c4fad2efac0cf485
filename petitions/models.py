from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from danvan.history.models import HistoryEntry
from danvan.orgunits.divisions import place_name
from danvan.validators import citizen_id_validator, phone_validator

from .workflow import OPEN_STATUSES, Status


class Kind(models.TextChoices):
    COMPLAINT_FIRST = "complaint_1", _("Complaint (first instance)")
    COMPLAINT_SECOND = "complaint_2", _("Complaint (second instance)")
    DENUNCIATION = "denunciation", _("Denunciation")
    RECOMMENDATION = "recommendation", _("Recommendation")
    FEEDBACK = "feedback", _("Feedback")


COMPLAINT_KINDS = (Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND)


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person at a reception")
    POST = "post", _("By post")
    ONLINE = "online", _("Online")
    TRANSFERRED = "transferred", _("Transferred from another body")
    VOTER_MEETING = "voter_meeting", _("Voter meeting")
    HOTLINE = "hotline", _("Hotline or email")


class Stage(models.TextChoices):
    PROCESSING = "processing", _("Classify and notify the sender")
    ACCEPTANCE = "acceptance", _("Decide on acceptance")
    ACCEPTANCE_NOTICE = "acceptance_notice", _("Notify the acceptance")
    RESOLUTION = "resolution", _("Resolve or answer")


class RuleCondition(models.TextChoices):
    """A circumstance under which the law gives a different period."""

    ORDINARY = "", _("Ordinary case")
    REMOTE_AREA = "remote_area", _("Remote area with difficult travel")
    SEVERAL_PLACES = "several_places", _("Verification in several places")
    VOTER_MEETING = "voter_meeting", _("Voters' recommendation, answered before the next council session")


class CountingUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("Working days")
    CALENDAR_DAYS = "calendar_days", _("Calendar days, rolled forward past days off")
    BY_DATE = "by_date", _("By the date set for the petition (e.g. the next council session)")


class Complexity(models.TextChoices):
    NORMAL = "normal", _("Normal")
    COMPLEX = "complex", _("Complex")
    VERY_COMPLEX = "very_complex", _("Particularly complex")


class Outcome(models.TextChoices):
    JUSTIFIED = "justified", _("Justified")
    PARTLY = "partly", _("Partly justified")
    UNJUSTIFIED = "unjustified", _("Unjustified")


class Category(models.Model):
    """The field a petition concerns (land, housing, social policy, …)."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    is_active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class PetitionPolicy(models.Model):
    """Local choices the law leaves open (configurable defaults); one row."""

    group_threshold = models.PositiveSmallIntegerField(
        _("people for a group petition"),
        default=5,
        validators=[MinValueValidator(2)],
        help_text=_("From this many people a petition counts as a group petition (đoàn đông người)."),
    )
    duplicate_lookback_days = models.PositiveSmallIntegerField(_("days to look back for duplicates"), default=180)
    max_attachment_mb = models.PositiveSmallIntegerField(_("largest attachment (MB)"), default=10)

    class Meta:
        verbose_name = _("petition policy")
        verbose_name_plural = _("petition policy")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        return cls.objects.get_or_create(pk=1)[0]


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


class Petition(models.Model):
    """A written submission and its handling by one unit."""

    code = models.CharField(_("code"), max_length=20, unique=True, null=True, editable=False)
    lookup_key = models.CharField(_("lookup key"), max_length=32, editable=False)
    kind = models.CharField(_("petition kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    received_date = models.DateField(_("received on"))
    receiving_unit = models.ForeignKey(
        "orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("receiving unit")
    )
    handling_unit = models.ForeignKey(
        "orgunits.Unit", on_delete=models.PROTECT, related_name="petitions", verbose_name=_("handling unit")
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_petitions",
        verbose_name=_("handler"),
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, verbose_name=_("field"))
    summary = models.CharField(_("summary"), max_length=300)
    content = models.TextField(_("content"))
    respondent = models.CharField(_("person or body complained about or denounced"), max_length=300, blank=True)
    people_count = models.PositiveIntegerField(_("number of people"), default=1, validators=[MinValueValidator(1)])
    is_group = models.BooleanField(_("group petition"), default=False)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    is_skipped_level = models.BooleanField(_("sent above the competent level"), default=False)
    is_remote_area = models.BooleanField(_("remote area"), default=False)
    answer_by = models.DateField(
        _("to be answered by"),
        null=True,
        blank=True,
        help_text=_("For voters' recommendations: the next council session."),
    )
    is_several_places = models.BooleanField(
        _("verification in several places"),
        default=False,
        help_text=_("For denunciations that must be checked in several places (longer processing period)."),
    )
    has_evidence = models.BooleanField(
        _("names the violator and has concrete evidence"),
        default=False,
        help_text=_("For anonymous denunciations: only then may they be checked."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    complexity = models.CharField(_("complexity"), max_length=20, choices=Complexity.choices, default=Complexity.NORMAL)
    accepted_date = models.DateField(_("accepted on"), null=True, blank=True)
    due_date = models.DateField(_("current deadline"), null=True, blank=True)
    deadline = models.ForeignKey("PetitionDeadline", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    duplicate_of = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="duplicates")
    transferred_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="transfers"
    )
    first_instance = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="second_instances",
        verbose_name=_("first-instance complaint"),
    )
    first_decision_reference = models.CharField(
        _("first-instance decision"), max_length=200, blank=True, help_text=_("Number and date, if not in the portal.")
    )
    transferred_to_name = models.CharField(_("transferred to (outside the portal)"), max_length=255, blank=True)
    # Folded (lower-case, no diacritics) text of the searchable fields, kept by services.
    search_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    # None for petitions citizens submit online themselves.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_date", "-pk"]
        indexes = [
            models.Index(fields=["handling_unit", "status"], name="petition_unit_status_idx"),
            models.Index(fields=["status", "due_date"], name="petition_status_due_idx"),
            models.Index(fields=["received_date"], name="petition_received_idx"),
            models.Index(fields=["handler", "status"], name="petition_handler_idx"),
            models.Index(fields=["kind"], name="petition_kind_idx"),
        ]

    def __str__(self):
        return self.code or f"#{self.pk}"

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def is_sealed(self):
        """Denouncers' identity is confidential (Law on Denunciation Art 9, 47)."""
        return self.kind == Kind.DENUNCIATION

    @property
    def is_complaint(self):
        return self.kind in COMPLAINT_KINDS

    @property
    def conditions(self):
        """The circumstances that select longer periods in the deadline rules."""
        found = set()
        if self.is_remote_area:
            found.add(RuleCondition.REMOTE_AREA)
        if self.is_several_places:
            found.add(RuleCondition.SEVERAL_PLACES)
        if self.channel == Channel.VOTER_MEETING and self.answer_by:
            found.add(RuleCondition.VOTER_MEETING)
        return frozenset(found)


class Petitioner(models.Model):
    """A person who signed the petition. For denunciations the identity is sealed."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="petitioners")
    full_name = models.CharField(_("full name"), max_length=150)
    citizen_id = models.CharField(
        _("citizen ID number"), max_length=12, blank=True, validators=[citizen_id_validator], db_index=True
    )
    province_code = models.CharField(_("province"), max_length=3, blank=True)
    commune_code = models.CharField(_("commune"), max_length=6, blank=True)
    address = models.CharField(_("house number, street, village"), max_length=255, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True, validators=[phone_validator])
    is_representative = models.BooleanField(_("representative"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("petitioner")
        verbose_name_plural = _("petitioners")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.full_name

    @cached_property
    def place(self):
        """ "Phường Tân Phong, Lai Châu" from the official division codes."""
        return place_name(self.province_code, self.commune_code)


class PetitionDeadline(models.Model):
    """A deadline as issued: the rule, the start and the date, never recomputed.

    An extension adds a new row for the same stage and retires the old one.
    """

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="deadlines")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    rule = models.ForeignKey(DeadlineRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("rule"))
    complexity = models.CharField(_("complexity"), max_length=20, choices=Complexity.choices)
    start_date = models.DateField(_("counted from"))
    due_date = models.DateField(_("due on"))
    is_current = models.BooleanField(default=True)
    met_on = models.DateField(_("met on"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    # The handler's explanation of a delay; it never moves the legal deadline.
    delay_reason = models.TextField(_("reason for the delay"), blank=True)
    committed_date = models.DateField(_("committed completion date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

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
        return f"{self.get_stage_display()}: {self.due_date:%d/%m/%Y}"

    @property
    def period_days(self):
        return self.rule.days_for(self.complexity)


class DecisionKind(models.TextChoices):
    NOT_ACCEPTED = "not_accepted", _("Refusal to accept")
    EXTENSION = "extension", _("Extension")
    RESOLUTION = "resolution", _("Resolution decision or answer")
    TERMINATION = "termination", _("Termination")


class PetitionDecision(models.Model):
    """A decision or written answer on a petition. Never deleted or edited."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    number = models.CharField(_("number"), max_length=50, blank=True)
    date = models.DateField(_("date"))
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    text = models.TextField(_("content"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}".strip()


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    EDITED = "edited", _("Details corrected")
    CLASSIFIED = "classified", _("Classified as within competence")
    ACCEPTED = "accepted", _("Accepted for resolution")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    TRANSFERRED_OUT = "transferred_out", _("Transferred")
    TRANSFERRED_IN = "transferred_in", _("Received by transfer")
    GUIDED = "guided", _("Citizen guided")
    FILED = "filed", _("Filed")
    DUPLICATE = "duplicate", _("Marked as a duplicate")
    ASSIGNED = "assigned", _("Handler assigned")
    VERIFICATION_STARTED = "verification_started", _("Verification started")
    NOTE = "note", _("Note")
    EXTENDED = "extended", _("Deadline extended")
    RESOLVED = "resolved", _("Resolved")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    PARTLY_WITHDRAWN = "partly_withdrawn", _("Partly withdrawn")
    TERMINATED = "terminated", _("Terminated")
    CLOSED = "closed", _("Closed")
    ESCALATED = "escalated", _("Escalated as overdue")
    DELAY_EXPLAINED = "delay_explained", _("Delay explained")


class PetitionEvent(HistoryEntry):
    """One line of the petition's timeline; public lines are shown to the citizen."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    is_public = models.BooleanField(_("shown to the citizen"), default=False)
    related_petition = models.ForeignKey(Petition, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

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
        return reverse("petitions:detail", args=[self.related_petition_id]) if self.related_petition_id else ""

    @property
    def link_text(self):
        return self.related_petition.code if self.related_petition_id else ""


def private_storage():
    """Attachments live under PRIVATE_MEDIA_ROOT; a callable keeps the path out of migrations."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class Attachment(models.Model):
    """A scanned petition or evidence file; served only through a permission-checked view."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="petitions/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    # None when the citizen attached it to an online submission.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class SatisfactionRating(models.Model):
    """A citizen's rating of how their petition was handled, on the SIPAS factors; once per petition."""

    SCORES = [(score, str(score)) for score in range(1, 6)]
    petition = models.OneToOneField(Petition, on_delete=models.PROTECT, related_name="rating")
    access = models.PositiveSmallIntegerField(_("ease of access"), choices=SCORES)
    procedures = models.PositiveSmallIntegerField(_("procedures"), choices=SCORES)
    official = models.PositiveSmallIntegerField(_("the civil servant"), choices=SCORES)
    result = models.PositiveSmallIntegerField(_("the result"), choices=SCORES)
    feedback_handling = models.PositiveSmallIntegerField(_("handling of feedback"), choices=SCORES)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

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


class AccessContext(models.TextChoices):
    DETAIL = "detail", _("Petition page")
    EDIT = "edit", _("Editing the petition")
    ATTACHMENT = "attachment", _("File download")


class IdentityAccess(models.Model):
    """A record that someone saw a sealed denouncer's identity (Decision 774/QĐ-TTg)."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="identity_accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accessed_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    context = models.CharField(_("where"), max_length=20, choices=AccessContext.choices)

    class Meta:
        verbose_name = _("identity access")
        verbose_name_plural = _("identity accesses")
        ordering = ["-accessed_at", "-pk"]

    def __str__(self):
        return f"{self.user} – {self.petition}"
