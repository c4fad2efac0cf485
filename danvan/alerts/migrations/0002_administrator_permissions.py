"""Administrators tune the reminder policy and can read the alert log."""

from django.db import migrations

from danvan.accounts.roles import Role, grant_role_permissions

GRANTS = {
    Role.ADMINISTRATOR: ["alerts.change_alertpolicy", "alerts.view_alertpolicy", "alerts.view_alert"],
}


def grant(apps, schema_editor):
    grant_role_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
