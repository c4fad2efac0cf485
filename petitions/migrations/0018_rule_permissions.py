"""Administrators keep the withdrawal and dialogue rules (seeded by 0013) in the admin; handlers and
leaders may read them, as they read the deadline rules."""

from django.db import migrations

from danvan.accounts.roles import Role, grant_role_permissions

GRANTS = {
    Role.HANDLER: ["petitions.view_withdrawalrule", "petitions.view_dialoguerule"],
    Role.LEADER: ["petitions.view_withdrawalrule", "petitions.view_dialoguerule"],
    Role.ADMINISTRATOR: [
        "petitions.add_withdrawalrule",
        "petitions.change_withdrawalrule",
        "petitions.view_withdrawalrule",
        "petitions.add_dialoguerule",
        "petitions.change_dialoguerule",
        "petitions.view_dialoguerule",
    ],
}


def grant(apps, schema_editor):
    grant_role_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0017_limitation_rule_labels"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
