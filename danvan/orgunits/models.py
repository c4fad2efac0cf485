from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    # Localities: the administrative divisions themselves; bodies hang below them.
    PROVINCE = "province", _("Province / centrally-run city")
    COMMUNE = "commune", _("Commune / ward / special zone")
    DISTRICT = "district", _("District (abolished 1/7/2025)")
    # Bodies acting in this domain.
    PARTY_COMMITTEE = "party_committee", _("Party committee")
    PEOPLE_COUNCIL = "people_council", _("People's Council")
    COUNCIL_STANDING = "council_standing", _("People's Council Standing Committee")
    PEOPLE_COMMITTEE = "people_committee", _("People's Committee")
    FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front Committee")
    MASS_MOBILISATION = "mass_mobilisation", _("Mass Mobilisation Commission")
    # Grassroots supervising bodies (Law on Grassroots Democracy 2022), set up under a commune's Front committee.
    PEOPLE_INSPECTION_BOARD = "people_inspection_board", _("People's Inspection Board")
    INVESTMENT_SUPERVISION_BOARD = "investment_board", _("Community investment supervision board")
    INSPECTORATE = "inspectorate", _("Inspectorate")
    RECEPTION_OFFICE = "reception_office", _("Citizen reception office")
    DEPARTMENT = "department", _("Department / specialised office")
    OTHER = "other", _("Other body")


LOCALITY_KINDS = (UnitKind.PROVINCE, UnitKind.COMMUNE, UnitKind.DISTRICT)


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Province level")
    DISTRICT = "district", _("District level (until 30/6/2025)")
    COMMUNE = "commune", _("Commune level")


class Unit(models.Model):
    """A locality or a body in it, as a tree with history.

    `path` is the materialised chain of ids from the root, each padded to eight
    digits ("00000001/00000007/00000042/"), kept by
    orgunits.services so that "this unit and everything below it" is one
    indexed prefix filter on any database.
    """

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    level = models.CharField(_("level"), max_length=16, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    division_code = models.CharField(
        _("administrative division code"),
        max_length=10,
        blank=True,
        help_text=_("Official code of the province or commune (localities only)."),
    )
    valid_from = models.DateField(_("active from"), null=True, blank=True)
    valid_to = models.DateField(
        _("active until"),
        null=True,
        blank=True,
        help_text=_("Last day the unit existed, e.g. before a merger."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_("The unit that took over after a merger or reorganisation."),
    )
    path = models.CharField(_("place in the tree"), max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "division_code"],
                condition=~Q(division_code=""),
                name="unit_unique_division_code",
            ),
            models.UniqueConstraint(fields=["parent", "name"], name="unit_unique_name_in_parent"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_period_ordered",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_locality(self):
        return self.kind in LOCALITY_KINDS

    @property
    def depth(self):
        return self.path.count("/") - 1

    def is_active_on(self, day=None):
        day = day or timezone.localdate()
        started = self.valid_from is None or self.valid_from <= day
        not_ended = self.valid_to is None or day <= self.valid_to
        return started and not_ended
