"""The systems allowed to call the API: one row each, with the unit they act for and a hashed token."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiClient(models.Model):
    """An interconnected system (a province's public service portal, a mobile app's back end).

    It acts as its own service account (`user`), a member of `unit`: every read goes through the same scoped
    selectors as an official's pages. Only a SHA-256 hash of the token is kept; the token is shown once."""

    name = models.CharField(_("name"), max_length=150)
    unit = models.ForeignKey(
        "orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("acts for unit")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_client",
        editable=False,
        verbose_name=_("service account"),
    )
    token_prefix = models.CharField(_("token prefix"), max_length=8, unique=True, editable=False)
    token_hash = models.CharField(_("token hash"), max_length=64, editable=False)
    can_read = models.BooleanField(_("may read"), default=True)
    can_create = models.BooleanField(
        _("may create petitions"), default=False, help_text=_("For intake systems that forward citizens' petitions.")
    )
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"), default=120, validators=[MinValueValidator(1)]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    @property
    def is_active(self):
        return self.revoked_at is None

    @property
    def scopes(self):
        return [scope for scope, allowed in (("read", self.can_read), ("create", self.can_create)) if allowed]
