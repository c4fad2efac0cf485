"""Administrators and leaders may look at who was told of an overdue petition and who opened it; administrators
also at the saved register filters. Read only: the admin offers no add, change or delete for them."""

from django.db import migrations

from danvan.accounts.roles import Role, grant_role_permissions

GRANTS = {
    Role.ADMINISTRATOR: ["petitions.view_petitionreader", "petitions.view_readerviewing", "petitions.view_savedfilter"],
    Role.LEADER: ["petitions.view_petitionreader", "petitions.view_readerviewing"],
}


def grant(apps, schema_editor):
    grant_role_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0009_saved_filters"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
