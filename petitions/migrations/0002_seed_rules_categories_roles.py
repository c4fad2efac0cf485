"""Seed the deadline rules of DOMAIN.md's table, the petition fields, and role permissions.

Each period is seeded twice: until 30/6/2026 under the original laws and from
1/7/2026 as amended by Law 136/2025/QH15, so a petition takes the rule in
force on the day its clock starts. Administrators add rules for later changes.
"""

from datetime import date

from django.db import migrations

from danvan.accounts.roles import Role, grant_role_permissions

AMENDED = date(2026, 7, 1)
UNTIL_AMENDMENT = date(2026, 6, 30)
AMENDMENT = " (sửa đổi, bổ sung bởi Luật số 136/2025/QH15)"

# (name, kind, stage, condition, days, complex, very complex, unit, in force from, legal basis)
RULES = [
    ("Xử lý đơn, thông báo cho người gửi", "", "processing", "", 10, None, None, "working_days",
     date(2014, 7, 1), "Luật Tiếp công dân 2013, Điều 28; Thông tư 05/2021/TT-TTCP"),
    ("Tiếp nhận, phân loại, xác minh đơn tố cáo", "denunciation", "processing", "", 7, None, None,
     "working_days", date(2019, 1, 1), "Luật Tố cáo 2018, Điều 24"),
    ("Tiếp nhận, phân loại, xác minh đơn tố cáo (nhiều địa điểm)", "denunciation", "processing",
     "several_places", 10, None, None, "working_days", date(2019, 1, 1), "Luật Tố cáo 2018, Điều 24"),
    ("Thông báo việc thụ lý tố cáo", "denunciation", "acceptance_notice", "", 5, None, None, "working_days",
     date(2019, 1, 1), "Luật Tố cáo 2018, Điều 29"),
    ("Thụ lý khiếu nại lần đầu", "complaint_1", "acceptance", "", 10, None, None, "calendar_days",
     date(2012, 7, 1), "Luật Khiếu nại 2011, Điều 27"),
    ("Thụ lý khiếu nại lần hai", "complaint_2", "acceptance", "", 10, None, None, "calendar_days",
     date(2012, 7, 1), "Luật Khiếu nại 2011, Điều 36"),
    ("Giải quyết khiếu nại lần đầu", "complaint_1", "resolution", "", 30, 45, None, "calendar_days",
     date(2012, 7, 1), "Luật Khiếu nại 2011, Điều 28"),
    ("Giải quyết khiếu nại lần đầu (vùng sâu, vùng xa)", "complaint_1", "resolution", "remote_area", 45, 60, None,
     "calendar_days", date(2012, 7, 1), "Luật Khiếu nại 2011, Điều 28"),
    ("Giải quyết khiếu nại lần hai", "complaint_2", "resolution", "", 45, 60, None, "calendar_days",
     date(2012, 7, 1), "Luật Khiếu nại 2011, Điều 37"),
    ("Giải quyết khiếu nại lần hai (vùng sâu, vùng xa)", "complaint_2", "resolution", "remote_area", 60, 70, None,
     "calendar_days", date(2012, 7, 1), "Luật Khiếu nại 2011, Điều 37"),
    ("Giải quyết tố cáo", "denunciation", "resolution", "", 30, 60, 90, "calendar_days",
     date(2019, 1, 1), "Luật Tố cáo 2018, Điều 30"),
    ("Trả lời kiến nghị, phản ánh", "", "resolution", "", 10, None, None, "working_days",
     date(2014, 7, 1), "Mặc định địa phương (có thể điều chỉnh): 10 ngày làm việc kể từ khi xử lý đơn"),
]  # fmt: skip

CATEGORIES = [
    "Đất đai",
    "Nhà ở, xây dựng",
    "Chính sách xã hội, người có công",
    "Tài chính, ngân sách, thuế",
    "Môi trường",
    "Giao thông, hạ tầng",
    "Y tế, giáo dục",
    "Tư pháp, hộ tịch",
    "Cán bộ, công chức",
    "Khác",
]

GRANTS = {
    Role.RECEPTION_OFFICER: ["petitions.add_petition", "petitions.view_petition", "petitions.view_category"],
    Role.HANDLER: ["petitions.view_petition", "petitions.change_petition", "petitions.view_deadlinerule"],
    Role.LEADER: [
        "petitions.view_petition",
        "petitions.change_petition",
        "petitions.view_identityaccess",
        "petitions.view_deadlinerule",
    ],
    Role.SUPERVISOR: ["petitions.view_deadlinerule"],
    Role.ADMINISTRATOR: [
        "petitions.add_category",
        "petitions.change_category",
        "petitions.view_category",
        "petitions.add_deadlinerule",
        "petitions.change_deadlinerule",
        "petitions.view_deadlinerule",
        "petitions.change_petitionpolicy",
        "petitions.view_petitionpolicy",
    ],
}


def seed(apps, schema_editor):
    DeadlineRule = apps.get_model("petitions", "DeadlineRule")
    Category = apps.get_model("petitions", "Category")
    PetitionPolicy = apps.get_model("petitions", "PetitionPolicy")
    for name, kind, stage, condition, days, complex_days, very, unit, since, basis in RULES:
        common = {
            "kind": kind,
            "stage": stage,
            "condition": condition,
            "days": days,
            "complex_days": complex_days,
            "very_complex_days": very,
            "counting_unit": unit,
        }
        DeadlineRule.objects.create(name=name, valid_from=since, valid_to=UNTIL_AMENDMENT, legal_basis=basis, **common)
        DeadlineRule.objects.create(name=name, valid_from=AMENDED, legal_basis=basis + AMENDMENT, **common)
    for order, name in enumerate(CATEGORIES):
        Category.objects.create(name=name, order=order)
    PetitionPolicy.objects.get_or_create(pk=1)
    grant_role_permissions(apps, GRANTS)


def unseed(apps, schema_editor):
    apps.get_model("petitions", "DeadlineRule").objects.all().delete()
    apps.get_model("petitions", "Category").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0001_initial"),
        ("accounts", "0003_membership_primary"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
