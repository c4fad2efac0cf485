"""Administrators keep the interpellation answer period (seeded by 0006) in the admin; supervisors read it."""

from django.db import migrations

from danvan.accounts.roles import Role, grant_role_permissions

GRANTS = {
    Role.SUPERVISOR: ["supervision.view_answerperiod"],
    Role.ADMINISTRATOR: [
        "supervision.add_answerperiod",
        "supervision.change_answerperiod",
        "supervision.view_answerperiod",
    ],
}


def grant(apps, schema_editor):
    grant_role_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0006_answer_periods"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
