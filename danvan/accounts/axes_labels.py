"""django-axes names its records in English in code (not translatable strings); the admin shows those
names in titles and breadcrumbs. Give them names in the user's language."""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext


def _when(moment):
    return date_format(localtime(moment), "SHORT_DATETIME_FORMAT") if moment else ""


def _failure(record):
    text = gettext("Failed sign-in of %(user)s at %(time)s from %(ip)s") % {
        "user": record.username, "time": _when(record.attempt_time), "ip": record.ip_address,
    }  # fmt: skip
    return text + (" – " + gettext("locked out") if record.locked_out else "")


def _attempt(record):
    return gettext("Sign-in attempt at %(time)s") % {"time": _when(record.attempt_time)}


def _log(record):
    return gettext("Sign-in of %(user)s at %(time)s") % {"user": record.username, "time": _when(record.attempt_time)}


def name_axes_records():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    AccessFailureLog.__str__ = _failure
    AccessAttempt.__str__ = _attempt
    AccessLog.__str__ = _log
