from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.validators import phone_validator


class User(AbstractUser):
    """An official of the portal. Citizens have no accounts."""

    # Vietnamese names are written whole (family name first); one field keeps
    # them as people write them.
    first_name = None
    last_name = None
    full_name = models.CharField(_("full name"), max_length=150)
    position_title = models.CharField(
        _("position"), max_length=150, blank=True, help_text=_("E.g. Vice-chairman of the commune People's Committee.")
    )
    phone = models.CharField(_("phone number"), max_length=20, blank=True, validators=[phone_validator])
    units = models.ManyToManyField(
        "orgunits.Unit",
        through="Membership",
        related_name="members",
        blank=True,
        verbose_name=_("units"),
    )

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["full_name", "username"]

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        # The given name is the last word: "Nguyễn Thị Hoa" → "Hoa".
        return self.full_name.split()[-1] if self.full_name else self.username


class Membership(models.Model):
    """An official belongs to a unit; what they see is scoped from here."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("official"))
    unit = models.ForeignKey(
        "orgunits.Unit", on_delete=models.PROTECT, related_name="memberships", verbose_name=_("unit")
    )
    is_primary = models.BooleanField(
        _("primary unit"), default=False, help_text=_("The unit shown with the official's name; at most one.")
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("unit membership")
        verbose_name_plural = _("unit memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit"],
                name="membership_unique_user_unit",
                violation_error_message=_("This official already belongs to that unit."),
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(is_primary=True),
                name="membership_one_primary_unit",
                violation_error_message=_("An official can have only one primary unit."),
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.unit}"
