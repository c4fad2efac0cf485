"""Helpers shared by the grassroots democracy services."""

from django.core.exceptions import PermissionDenied
from django.utils.formats import date_format

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
