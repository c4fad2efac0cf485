"""Configurable defaults for how many dialogues each head holds with the people.

Lai Châu's Regulation 06-QC/TU (4/4/2019) on the heads' contact and dialogue with the people is named by the
province as the basis; the counts below are defaults to be checked against its text and changed in the admin
(each row is marked as a configurable default)."""

from datetime import date

from django.db import migrations

from danvan.accounts.roles import Role, grant_role_permissions

BASIS = "Quy chế 06-QC/TU ngày 04/4/2019 của Tỉnh ủy Lai Châu (mặc định, cần đối chiếu)"
NORMS = [
    ("province_secretary", 1, "year"),
    ("province_chairman", 1, "year"),
    ("commune_secretary", 2, "year"),
    ("commune_chairman", 2, "year"),
    ("agency_head", 1, "year"),
]


# Administrators keep the norms in the admin; leaders read them.
GRANTS = {
    Role.LEADER: ["dialogues.view_dialoguenorm"],
    Role.ADMINISTRATOR: [
        "dialogues.add_dialoguenorm",
        "dialogues.change_dialoguenorm",
        "dialogues.view_dialoguenorm",
    ],
}


def seed(apps, schema_editor):
    grant_role_permissions(apps, GRANTS)
    DialogueNorm = apps.get_model("dialogues", "DialogueNorm")
    for position, count, period in NORMS:
        DialogueNorm.objects.get_or_create(
            position=position,
            valid_from=date(2019, 4, 4),
            defaults={"count": count, "period": period, "legal_basis": BASIS, "is_default": True},
        )


def unseed(apps, schema_editor):
    apps.get_model("dialogues", "DialogueNorm").objects.filter(legal_basis=BASIS).delete()


class Migration(migrations.Migration):
    dependencies = [("dialogues", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
