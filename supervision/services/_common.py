"""Helpers shared by the supervision services."""

from django.utils.translation import gettext as _

from danvan.workflow import DomainError


def _check_not_future(value, today):
    if value > today:
        raise DomainError(_("The date cannot be in the future."))
