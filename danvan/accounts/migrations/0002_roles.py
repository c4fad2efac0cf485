"""Create the five roles as Groups and give them the foundation's model permissions.

Later apps grant permissions on their own models in their own migrations, with
danvan.accounts.roles.grant_role_permissions.
"""

from django.db import migrations

from danvan.accounts.roles import Role, grant_role_permissions

VIEW_UNITS = ["orgunits.view_unit"]

GRANTS = {
    Role.RECEPTION_OFFICER: VIEW_UNITS,
    Role.HANDLER: VIEW_UNITS,
    Role.LEADER: VIEW_UNITS + ["accounts.view_user"],
    Role.SUPERVISOR: VIEW_UNITS,
    Role.ADMINISTRATOR: [
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "accounts.add_membership",
        "accounts.change_membership",
        "accounts.delete_membership",
        "accounts.view_membership",
        "auth.view_group",
        "orgunits.add_unit",
        "orgunits.change_unit",
        "orgunits.view_unit",
        "workdays.add_dayoff",
        "workdays.change_dayoff",
        "workdays.delete_dayoff",
        "workdays.view_dayoff",
        "workdays.add_workingday",
        "workdays.change_workingday",
        "workdays.delete_workingday",
        "workdays.view_workingday",
        "notifications.view_notification",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accesslog",
    ],
}


def create_roles(apps, schema_editor):
    grant_role_permissions(apps, GRANTS)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=Role.values).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("orgunits", "0001_initial"),
        ("workdays", "0001_initial"),
        ("notifications", "0001_initial"),
        ("axes", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
