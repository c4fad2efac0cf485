"""Validators for Vietnamese personal data, shared by the apps."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

phone_validator = RegexValidator(
    r"^\+?[0-9 .\-]{8,15}$",
    _("Enter a phone number of 8 to 15 digits, e.g. 0213 3876 543."),
)

citizen_id_validator = RegexValidator(
    r"^[0-9]{12}$",
    _("A citizen ID number has exactly 12 digits, e.g. 012345678901."),
)
