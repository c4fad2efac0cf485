"""Readers: officials outside the handling units who were told of a petition and may therefore open it.

The unit tree decides who works on a petition. An escalation notice also reaches bodies outside that
tree (the province's inspectorate and citizen reception office); whoever is told about a petition must
be able to open it, read only, with a sealed identity still sealed, and every opening logged.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .petition import Petition


class PetitionReader(models.Model):
    """Someone told of the petition by an escalation notice who may read it without working on it."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="readers", verbose_name=_("petition"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("official")
    )
    level = models.PositiveSmallIntegerField(_("escalation level"))
    granted_at = models.DateTimeField(_("told at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reader of an escalated petition")
        verbose_name_plural = _("readers of escalated petitions")
        constraints = [
            # Also the index of the one lookup that lets a reader in.
            models.UniqueConstraint(fields=["petition", "user"], name="petition_reader_once"),
        ]

    def __str__(self):
        return f"{self.user} – {self.petition}"


class ReaderViewing(models.Model):
    """A record that a reader (not one of the handling units) opened the petition page."""

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="reader_viewings", verbose_name=_("petition")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("official")
    )
    viewed_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("viewing by a reader")
        verbose_name_plural = _("viewings by readers")
        ordering = ["-viewed_at", "-pk"]

    def __str__(self):
        return f"{self.user} – {self.petition}"
