"""Reception norms of DOMAIN.md (with the change of 1/7/2026 for commune chairmen) and role permissions."""

from datetime import date

from django.db import migrations

from danvan.accounts.roles import Role, grant_role_permissions

# (position, days, per, may delegate, from, until, legal basis)
NORMS = [
    ("commune_chairman", 1, "week", True, date(2014, 7, 1), date(2026, 6, 30), "Luật Tiếp công dân 2013, Điều 15"),
    ("commune_chairman", 2, "month", False, date(2026, 7, 1), None,
     "Luật Tiếp công dân 2013, Điều 15, sửa đổi bởi Luật số 136/2025/QH15"),
    ("province_chairman", 1, "month", True, date(2014, 7, 1), None, "Luật Tiếp công dân 2013, Điều 12"),
    ("district_chairman", 2, "month", True, date(2014, 7, 1), date(2025, 6, 30), "Luật Tiếp công dân 2013, Điều 13"),
    ("agency_head", 1, "month", True, date(2014, 7, 1), None,
     "Luật Tiếp công dân 2013, Điều 18; Nghị định 64/2014/NĐ-CP, Điều 4"),
    ("province_secretary", 1, "month", True, date(2019, 1, 1), None,
     "Quy định 11-QĐi/TW (2019); Kết luận 215-KL/TW (2025)"),
    ("commune_secretary", 2, "month", True, date(2019, 1, 1), None,
     "Quy định 11-QĐi/TW (2019); Kết luận 215-KL/TW (2025)"),
]  # fmt: skip

GRANTS = {
    Role.RECEPTION_OFFICER: ["reception.view_receptionsession", "reception.add_visit", "reception.view_visit"],
    Role.HANDLER: ["reception.view_receptionsession", "reception.view_visit"],
    Role.LEADER: ["reception.view_receptionsession", "reception.view_visit", "reception.view_receptionnorm"],
    Role.SUPERVISOR: ["reception.view_receptionsession", "reception.view_receptionnorm"],
    Role.ADMINISTRATOR: [
        "reception.add_receptionschedule",
        "reception.change_receptionschedule",
        "reception.view_receptionschedule",
        "reception.add_receptionnorm",
        "reception.change_receptionnorm",
        "reception.view_receptionnorm",
        "reception.add_receptionduty",
        "reception.change_receptionduty",
        "reception.delete_receptionduty",
        "reception.view_receptionduty",
    ],
}


def seed(apps, schema_editor):
    ReceptionNorm = apps.get_model("reception", "ReceptionNorm")
    for position, days, per, delegate, since, until, basis in NORMS:
        ReceptionNorm.objects.get_or_create(
            position=position,
            valid_from=since,
            defaults={"required_days": days, "period": per, "may_delegate": delegate, "valid_to": until,
                      "legal_basis": basis},
        )  # fmt: skip
    grant_role_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("reception", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
