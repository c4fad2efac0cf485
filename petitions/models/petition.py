"""The petition itself, its signatories, its field, and the local policy that shapes intake."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from danvan.orgunits.divisions import place_name
from danvan.validators import citizen_id_validator, phone_validator

from ..workflow import OPEN_STATUSES, Status
from .choices import ANSWERED_KINDS, COMPLAINT_KINDS, Channel, Complexity, Kind, RuleCondition


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
    deadline = models.ForeignKey(
        "PetitionDeadline",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deadline being counted"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    transferred_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers",
        verbose_name=_("transferred from"),
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
    search_text = models.TextField(_("search text"), editable=False, default="")
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
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
            # The register's order (newest first, ties by id) read from an index, so a page reads its rows
            # and no more: for everything the user sees, within one status, within one unit.
            models.Index(fields=["received_date", "id"], name="petition_received_id_idx"),
            models.Index(fields=["status", "received_date", "id"], name="petition_status_received_idx"),
            models.Index(fields=["handling_unit", "received_date", "id"], name="petition_unit_received_idx"),
            models.Index(fields=["handler", "status"], name="petition_handler_idx"),
            models.Index(fields=["kind"], name="petition_kind_idx"),
        ]

    def __str__(self):
        return self.code or f"#{self.pk}"

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def is_extended(self):
        """The resolution period was extended as complex or particularly complex."""
        return self.complexity != Complexity.NORMAL

    @property
    def is_sealed(self):
        """Denouncers' identity is confidential (Law on Denunciation Art 9, 47)."""
        return self.kind == Kind.DENUNCIATION

    @property
    def is_complaint(self):
        return self.kind in COMPLAINT_KINDS

    @property
    def is_answered_kind(self):
        """A recommendation or feedback: answered in writing, never found justified or unjustified."""
        return self.kind in ANSWERED_KINDS

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

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="petitioners", verbose_name=_("petition")
    )
    full_name = models.CharField(_("full name"), max_length=150)
    citizen_id = models.CharField(
        _("citizen ID number"), max_length=12, blank=True, validators=[citizen_id_validator], db_index=True
    )
    province_code = models.CharField(_("province"), max_length=3, blank=True)
    commune_code = models.CharField(_("commune"), max_length=6, blank=True)
    address = models.CharField(_("house number, street, village"), max_length=255, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True, validators=[phone_validator])
    # Where the citizen is told by e-mail when the petition moves (danvan.messaging); sealed like the rest.
    email = models.EmailField(_("e-mail address"), blank=True)
    is_representative = models.BooleanField(_("representative"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

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
