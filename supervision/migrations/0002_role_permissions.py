"""Who may use the supervision records in the admin."""

from django.db import migrations

from danvan.accounts.roles import Role, grant_role_permissions

MODELS = ["supervisionprogramme", "supervision", "recommendation", "kheomodel"]

GRANTS = {
    Role.SUPERVISOR: [f"supervision.{verb}_{model}" for model in MODELS for verb in ("add", "change", "view")],
    Role.LEADER: [f"supervision.view_{model}" for model in MODELS] + ["supervision.add_kheomodel"],
    Role.ADMINISTRATOR: [f"supervision.{verb}_{model}" for model in MODELS for verb in ("add", "change", "view")],
}


def grant(apps, schema_editor):
    grant_role_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
