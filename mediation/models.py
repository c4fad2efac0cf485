"""Grassroots mediation (hòa giải ở cơ sở, Law 35/2013/QH13): teams, their mediators, and the cases they mediate.

Villages and residential groups (thôn, tổ dân phố) are not units of the tree: a team belongs to its commune's
People's Committee, which recognises it, and names its village or group in `area`.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.validators import phone_validator
from petitions.models import private_storage

from .workflow import CaseStatus, TeamStatus


class TeamRule(models.Model):
    """The minimum make-up of a mediation team before it may be recognised, in force for recognitions in its
    period: dated data with its legal basis, like the petitions' rules. A change in the law is a new row."""

    name = models.CharField(_("name"), max_length=200)
    min_mediators = models.PositiveSmallIntegerField(_("at least (mediators)"), validators=[MinValueValidator(1)])
    min_women = models.PositiveSmallIntegerField(_("of whom at least (women)"), default=1)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("make-up of a mediation team")
        verbose_name_plural = _("make-up of mediation teams")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="team_rule_period_ordered",
            ),
            models.CheckConstraint(condition=Q(min_women__lte=F("min_mediators")), name="team_rule_women_within"),
        ]

    def __str__(self):
        return self.name


class MediationTeam(models.Model):
    """A mediation team (tổ hòa giải) of one village or residential group."""

    committee = models.ForeignKey(
        "orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune People's Committee")
    )
    name = models.CharField(_("name"), max_length=200)
    area = models.CharField(
        _("village or residential group"), max_length=200, help_text=_("Thôn, bản, tổ dân phố the team serves.")
    )
    status = models.CharField(_("status"), max_length=20, choices=TeamStatus.choices, default=TeamStatus.FORMING)
    decision_number = models.CharField(_("recognition decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("recognition decision date"), null=True, blank=True)
    rule = models.ForeignKey(
        TeamRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("make-up rule applied"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("mediation team")
        verbose_name_plural = _("mediation teams")
        ordering = ["committee__name", "name"]
        constraints = [models.UniqueConstraint(fields=["committee", "name"], name="mediation_team_unique_name")]
        indexes = [models.Index(fields=["committee", "status"], name="mediation_team_unit_idx")]

    def __str__(self):
        return self.name


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class MediatorRole(models.TextChoices):
    LEADER = "leader", _("Team leader")
    MEMBER = "member", _("Mediator")


class Mediator(models.Model):
    """A mediator (hòa giải viên) of a team for a period; ending a term keeps the row."""

    team = models.ForeignKey(MediationTeam, on_delete=models.PROTECT, related_name="mediators", verbose_name=_("team"))
    full_name = models.CharField(_("full name"), max_length=150)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    role = models.CharField(_("role"), max_length=10, choices=MediatorRole.choices, default=MediatorRole.MEMBER)
    from_date = models.DateField(_("from"))
    to_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("mediator")
        verbose_name_plural = _("mediators")
        ordering = ["role", "full_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_date__isnull=True) | Q(to_date__gte=F("from_date")), name="mediator_term_ordered"
            ),
        ]

    def __str__(self):
        return self.full_name


class MediationCase(models.Model):
    """A dispute brought to a team, mediated and concluded with an outcome and minutes."""

    code = models.CharField(_("code"), max_length=20, unique=True, null=True, editable=False)
    team = models.ForeignKey(MediationTeam, on_delete=models.PROTECT, related_name="cases", verbose_name=_("team"))
    matter = models.CharField(_("matter"), max_length=300)
    details = models.TextField(_("details"), blank=True)
    field = models.ForeignKey("petitions.Category", on_delete=models.PROTECT, related_name="+", verbose_name=_("field"))
    received_date = models.DateField(_("received on"))
    mediated_date = models.DateField(_("mediated on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED)
    mediators = models.ManyToManyField(Mediator, related_name="cases", blank=True, verbose_name=_("mediators"))
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_file = models.FileField(_("signed minutes"), storage=private_storage, upload_to="mediation/%Y/", blank=True)
    minutes_name = models.CharField(_("minutes file name"), max_length=255, blank=True)
    guidance = models.CharField(_("competent body the parties were guided to"), max_length=300, blank=True)
    source_petition = models.OneToOneField(
        "petitions.Petition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guided_to_mediation",
        verbose_name=_("petition guided to mediation"),
    )
    follow_up_petition = models.OneToOneField(
        "petitions.Petition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="after_mediation",
        verbose_name=_("petition lodged after the mediation failed"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("mediation case")
        verbose_name_plural = _("mediation cases")
        ordering = ["-received_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mediated_date__isnull=True) | Q(mediated_date__gte=F("received_date")),
                name="mediation_dates_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "status"], name="mediation_case_team_idx"),
            models.Index(fields=["received_date"], name="mediation_case_received_idx"),
        ]

    def __str__(self):
        return self.code or self.matter[:40]

    @property
    def is_open(self):
        return self.status in (CaseStatus.RECEIVED, CaseStatus.MEDIATING)


class Party(models.Model):
    """A party to the dispute: personal data, shown only to the officials of the team's commune."""

    case = models.ForeignKey(MediationCase, on_delete=models.PROTECT, related_name="parties", verbose_name=_("case"))
    full_name = models.CharField(_("full name"), max_length=150)
    address = models.CharField(_("house number, street, village"), max_length=255, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True, validators=[phone_validator])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.full_name
