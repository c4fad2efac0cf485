"""Dân vận khéo "models" become initiatives in the code (the word "model" already means a Django model):
tables renamed with their rows kept, and the roles keep their permissions under the new codenames."""

from django.db import migrations, models

RENAMED = {"kheomodel": "initiative", "modelevidence": "initiativeevidence"}
VERBS = ("add", "change", "delete", "view")


def rename_permissions(apps, schema_editor, renamed=RENAMED):
    """Django renames the content types; the codenames that name the model are renamed here."""
    Permission = apps.get_model("auth", "Permission")
    in_app = Permission.objects.filter(content_type__app_label="supervision")
    for old, new in renamed.items():
        for verb in VERBS:
            if not in_app.filter(codename=f"{verb}_{new}").exists():
                in_app.filter(codename=f"{verb}_{old}").update(codename=f"{verb}_{new}")


def restore_permissions(apps, schema_editor):
    rename_permissions(apps, schema_editor, renamed={new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0002_role_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="kheomodel", name="model_once_per_year"),
        migrations.RenameModel(old_name="KheoModel", new_name="Initiative"),
        migrations.RenameModel(old_name="ModelEvidence", new_name="InitiativeEvidence"),
        migrations.RenameField(model_name="initiativeevidence", old_name="model", new_name="initiative"),
        migrations.AddConstraint(
            model_name="initiative",
            constraint=models.UniqueConstraint(fields=("unit", "year", "name"), name="initiative_once_per_year"),
        ),
        migrations.RunPython(rename_permissions, restore_permissions),
    ]
