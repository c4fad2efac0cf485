"""The portal's roles. Each is a Group named by its code, created by a migration.

Model permissions for each role are granted by the migrations of the app that
owns the models (see grant_role_permissions); the predicates in each app's
permissions.py combine roles with the unit scope.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RECEPTION_OFFICER = "reception_officer", _("Reception officer")
    HANDLER = "handler", _("Petition handler")
    LEADER = "leader", _("Unit leader")
    SUPERVISOR = "supervisor", _("Supervisor (People's Council, Fatherland Front, Mass Mobilisation Commission)")
    ADMINISTRATOR = "administrator", _("Administrator")


def roles_of(user):
    """The set of roles the user holds, read once per user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_danvan_roles", None)
    if cached is None:
        names = user.groups.values_list("name", flat=True)
        cached = frozenset(Role(name) for name in names if name in Role.values)
        user._danvan_roles = cached
    return cached


def has_role(user, *roles):
    """True if the user is active and holds any of the given roles."""
    return user.is_active and bool(roles_of(user).intersection(roles))


def grant_role_permissions(apps, grants):
    """Give each role (Group) the listed model permissions, inside a migration.

    `grants` maps a Role to "app_label.codename" strings. Permissions are made
    first, since Django only creates them after the whole migrate run.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in grants.items():
        group, _created = Group.objects.get_or_create(name=str(role))
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
