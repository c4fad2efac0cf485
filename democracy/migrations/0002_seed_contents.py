"""The contents a commune must disclose (Law on Grassroots Democracy 10/2022/QH15, Art 11), and who keeps them.

Clauses 1 to 3 are seeded one by one, as their text was checked; the other clauses of Art 11 (14 in all)
are one row until an administrator enters them from the official text, as data.
"""

from django.db import migrations

from danvan.accounts.roles import Role, grant_role_permissions

LAW = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
CONTENTS = [
    (1, "Kế hoạch phát triển kinh tế – xã hội, phương án chuyển dịch cơ cấu kinh tế hằng năm và kết quả thực hiện",
     f"{LAW}, Điều 11 khoản 1"),
    (2, "Dự toán, tình hình thực hiện và quyết toán ngân sách cấp xã; kết quả thực hiện kiến nghị của Kiểm toán nhà nước",
     f"{LAW}, Điều 11 khoản 2"),
    (3, "Dự án, công trình đầu tư trên địa bàn và tiến độ; kế hoạch thu hồi đất, bồi thường, hỗ trợ, tái định cư; "
        "kế hoạch sử dụng quỹ đất; quy hoạch xây dựng",
     f"{LAW}, Điều 11 khoản 3"),
    (99, "Nội dung khác phải công khai theo Điều 11 (khoản 4 đến khoản 14)", f"{LAW}, Điều 11"),
]  # fmt: skip

GRANTS = {
    Role.ADMINISTRATOR: [
        "democracy.add_disclosurecontent",
        "democracy.change_disclosurecontent",
        "democracy.view_disclosurecontent",
    ],
}


def seed(apps, schema_editor):
    DisclosureContent = apps.get_model("democracy", "DisclosureContent")
    for order, name, basis in CONTENTS:
        DisclosureContent.objects.get_or_create(name=name, defaults={"legal_basis": basis, "order": order})
    grant_role_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("democracy", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
