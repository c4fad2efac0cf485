"""The retention rules' configurable defaults, and who may keep and read them.

No provision found sets how long a portal may keep petitioners' personal data after a case is closed. What
was found: the Government Inspector General's Circular 01/2025/TT-TTCP (19/6/2025, in force 1/7/2025) sets
the retention periods of the inspection sector's files, and Circular 06/2024/TT-TTCP how complaint and
denunciation files are made and archived. The province sets each period, no shorter than what the archive
rules give the file the portal's record belongs to; until it does, these are configurable defaults, marked
so: 20 years for complaints and denunciations (the files that may be reopened), 10 years for
recommendations and feedback.
"""

from django.db import migrations

from danvan.accounts.roles import Role, grant_role_permissions

BASIS = (
    "Mặc định có thể điều chỉnh, do tỉnh quyết định. Tham khảo thời hạn lưu trữ hồ sơ tại Thông tư "
    "01/2025/TT-TTCP (19/6/2025) và Thông tư 06/2024/TT-TTCP về lập, quản lý hồ sơ giải quyết khiếu nại, tố cáo; "
    "không đặt ngắn hơn thời hạn lưu trữ của hồ sơ."
)
DEFAULTS = {"complaint": 20, "denunciation": 20, "recommendation": 10, "feedback": 10}

GRANTS = {
    Role.ADMINISTRATOR: [
        "ops.add_retentionrule",
        "ops.change_retentionrule",
        "ops.view_retentionrule",
        "ops.view_retentionrun",
        "ops.view_anonymisedrecord",
    ],
}


def seed(apps, schema_editor):
    RetentionRule = apps.get_model("ops", "RetentionRule")
    for kind, years in DEFAULTS.items():
        RetentionRule.objects.get_or_create(kind=kind, defaults={"years": years, "legal_basis": BASIS})
    grant_role_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("ops", "0002_retention"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
