"""Dialogue (đối thoại) in complaint resolution: when the law requires it, the handler's finding that
the request and the verification result differ, and each dialogue held with its minutes."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import Kind
from .petition import Petition
from .records import Attachment


class DialogueRule(models.Model):
    """When a complaint's resolver must hold a dialogue, for complaints accepted in the rule's period.

    Luật Khiếu nại 2011 Art. 30(1): at first instance, when the complainant's request and the
    verification result still differ; Art. 39(1): at second instance, always.
    """

    kind = models.CharField(_("petition kind"), max_length=20, choices=Kind.choices)
    always_required = models.BooleanField(
        _("always required"),
        default=False,
        help_text=_("Unticked: required only when the request and the verification result differ."),
    )
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("dialogue rule")
        verbose_name_plural = _("dialogue rules")
        ordering = ["kind", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="dialogue_rule_period_ordered",
            ),
        ]

    def __str__(self):
        return self.legal_basis


class DialogueFinding(models.Model):
    """The handler's finding, at verification, whether the request and the verification result differ."""

    petition = models.OneToOneField(
        Petition, on_delete=models.PROTECT, related_name="dialogue_finding", verbose_name=_("petition")
    )
    differs = models.BooleanField(_("request and verification result differ"))
    reason = models.TextField(_("how they differ"), blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("marked by")
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now=True)

    class Meta:
        verbose_name = _("dialogue finding")
        verbose_name_plural = _("dialogue findings")

    def __str__(self):
        return str(self.petition)


class Dialogue(models.Model):
    """A dialogue held with the complainant, the person complained against and the bodies concerned,
    with its minutes (biên bản đối thoại, Art. 30(4)) kept in the file. Never edited."""

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="dialogues", verbose_name=_("petition")
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=255)
    participants = models.TextField(_("participants"))
    content = models.TextField(_("content and opinions"))
    result = models.TextField(_("result"))
    minutes = models.ForeignKey(
        Attachment, on_delete=models.PROTECT, related_name="+", verbose_name=_("minutes of the dialogue")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.petition} – {self.held_on:%d/%m/%Y}"
