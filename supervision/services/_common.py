"""Helpers shared by the supervision services."""

from django.core.exceptions import PermissionDenied
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.workflow import DomainError


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _required_text(value, message):
    """The stripped text, or a DomainError with `message` when it is blank."""
    text = (value or "").strip()
    if not text:
        raise DomainError(message)
    return text


def _short(value):
    return date_format(value, "SHORT_DATE_FORMAT")


def _check_not_future(value, today):
    if value > today:
        raise DomainError(_("The date cannot be in the future."))
