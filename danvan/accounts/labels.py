"""Names of records that third-party code writes in English, in the user's language.

django-axes names its records in English in code, and Django stores permission names in English
when migrating; the admin shows those names in titles, breadcrumbs and read-only fields."""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


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


ACTIONS = {
    "add": _("Can add %(thing)s"),
    "change": _("Can change %(thing)s"),
    "delete": _("Can delete %(thing)s"),
    "view": _("Can view %(thing)s"),
}


def permission_label(permission):
    """A permission in the user's language: its app, then the action on the model's translated name."""
    model = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if model is None or action not in ACTIONS or permission.codename != f"{action}_{model._meta.model_name}":
        thing = gettext(permission.name)
    else:
        thing = ACTIONS[action] % {"thing": model._meta.verbose_name}
    app = model._meta.app_config.verbose_name if model is not None else permission.content_type.app_label
    return f"{app} | {thing}"


def role_label(group):
    """A role's group by the role's name, not its code ("Cán bộ xử lý đơn", not "handler")."""
    from .roles import Role

    return str(Role(group.name).label) if group.name in Role.values else group.name


def name_third_party_records():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    Permission.__str__ = permission_label
    Group.__str__ = role_label
    apps.get_app_config("axes").verbose_name = _("Sign-in protection")

    AccessFailureLog.__str__ = _failure
    AccessAttempt.__str__ = _attempt
    AccessLog.__str__ = _log
