"""Seed the working-day swaps the Government announced for 2024–2026, each with its document,
and 24/11/2026 (Vietnamese Culture Day) as a day for the administrators to confirm.

The `holidays` package (v0.109) computes the Labour Code holidays and holds some swaps
itself, but not the New Year 2026 one (Friday 2/1/2026 off, Saturday 10/1/2026 worked,
Official Letter 12729/VPCP-KGVX of 25/12/2025); the others are seeded too so the calendar
can name the document for every swapped day. The same announcements are listed in
danvan/workdays/announcements.py, which `manage.py check_calendar` and the tests compare
with the package and these rows. Sources (press reports of the documents, checked 11/2026):
- 2450/VPCP-KGVX of 12/4/2024 (PM's approval), carried out by Notice 1570/TB-BLĐTBXH of 12/4/2024;
- 8726/VPCP-KGVX of 26/11/2024, carried out by Notice 6150/TB-BLĐTBXH of 3/12/2024;
- 9859/VPCP-KGVX of 13/10/2025, carried out by Notice 9441/TB-BNV of 16/10/2025;
- 12729/VPCP-KGVX of 25/12/2025 (Deputy PM Phạm Thị Thanh Trà's approval of the Ministry
  of Home Affairs' proposal).
"""

from datetime import date

from django.db import migrations

GOVERNMENT_OFFICE = "Văn phòng Chính phủ"

# (day off, working Saturday, occasion, number, document date, ministry's notice)
SWAPS = [
    (
        date(2024, 4, 29),
        date(2024, 5, 4),
        "dịp 30/4 và 1/5",
        "2450/VPCP-KGVX",
        date(2024, 4, 12),
        "Thông báo 1570/TB-BLĐTBXH ngày 12/4/2024 của Bộ Lao động – Thương binh và Xã hội",
    ),
    (
        date(2025, 5, 2),
        date(2025, 4, 26),
        "dịp 30/4 và 1/5",
        "8726/VPCP-KGVX",
        date(2024, 11, 26),
        "Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024 của Bộ Lao động – Thương binh và Xã hội",
    ),
    (
        date(2026, 1, 2),
        date(2026, 1, 10),
        "dịp Tết Dương lịch",
        "12729/VPCP-KGVX",
        date(2025, 12, 25),
        "Ý kiến của Phó Thủ tướng Phạm Thị Thanh Trà theo đề xuất của Bộ Nội vụ",
    ),
    (
        date(2026, 8, 31),
        date(2026, 8, 22),
        "dịp Quốc khánh 2/9",
        "9859/VPCP-KGVX",
        date(2025, 10, 13),
        "Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ",
    ),
]

WEEKDAYS = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]


def _document(number, issued, basis):
    return {
        "document_type": "official_letter",
        "document_number": number,
        "document_date": issued,
        "issuing_body": GOVERNMENT_OFFICE,
        "legal_basis": basis,
    }


def seed(apps, schema_editor):
    DayOff = apps.get_model("workdays", "DayOff")
    WorkingDay = apps.get_model("workdays", "WorkingDay")
    for day_off, saturday, occasion, number, issued, basis in SWAPS:
        document = _document(number, issued, basis)
        if not WorkingDay.objects.filter(date=day_off).exists():
            name = f"Nghỉ hoán đổi {occasion} (làm bù {WEEKDAYS[saturday.weekday()]} {saturday:%d/%m/%Y})"
            _seed_row(DayOff, day_off, name, document)
        if not DayOff.objects.filter(date=saturday).exists():
            _seed_row(WorkingDay, saturday, "Ngày làm việc bù", document)


def _seed_row(model, day, name, document):
    # A row an administrator entered already keeps its name; it only gains the document it lacked.
    row = model.objects.filter(date=day).first()
    if row is None:
        model.objects.create(date=day, name=name, **document)
    elif not row.document_number:
        for field, value in document.items():
            if field != "legal_basis" or not row.legal_basis:
                setattr(row, field, value)
        row.save()


# 24/11 (Vietnamese Culture Day): a day off in the package from 2026, on a Party resolution
# that the law has not carried out yet (searched 11/2026: news of Resolution 80-NQ/TW of
# 7/1/2026 and of the Government's Resolution 30/NQ-CP of 2/2026; no amended Labour Code,
# National Assembly resolution or Ministry of Home Affairs notice for 2026 found).
CULTURE_DAY_BASIS = (
    "Nghị quyết số 80-NQ/TW ngày 07/01/2026 của Bộ Chính trị về phát triển văn hóa Việt Nam thống nhất chọn "
    "ngày 24/11 hằng năm là Ngày Văn hóa Việt Nam, với chủ trương là ngày nghỉ, người lao động được hưởng "
    "nguyên lương. Đây là chủ trương của Đảng, chưa phải quy định của pháp luật: khoản 1 Điều 112 Bộ luật Lao "
    "động 2019 chưa có ngày này. Chương trình hành động ban hành kèm Nghị quyết 30/NQ-CP (tháng 02/2026) của "
    "Chính phủ giao sửa đổi, bổ sung khoản 1 Điều 112 Bộ luật Lao động để thể chế hóa; chưa tìm thấy luật sửa "
    "đổi hay nghị quyết của Quốc hội có hiệu lực trước ngày 24/11/2026, cũng chưa tìm thấy thông báo lịch nghỉ "
    "của Bộ Nội vụ cho ngày này. Gói holidays (v0.109) tính 24/11 là ngày nghỉ từ năm 2026, dẫn theo Nghị "
    "quyết 80-NQ/TW. Đề nghị quản trị viên đối chiếu văn bản chính thức rồi xác nhận là ngày nghỉ hoặc "
    "ghi nhận là ngày làm việc."
)


def seed_days_to_confirm(apps, schema_editor):
    DayToConfirm = apps.get_model("workdays", "DayToConfirm")
    DayToConfirm.objects.get_or_create(
        date=date(2026, 11, 24), defaults={"name": "Ngày Văn hóa Việt Nam", "basis": CULTURE_DAY_BASIS}
    )


def unseed_days_to_confirm(apps, schema_editor):
    apps.get_model("workdays", "DayToConfirm").objects.filter(date=date(2026, 11, 24), status="pending").delete()


def grant_administrators(apps, schema_editor):
    from danvan.accounts.roles import Role, grant_role_permissions

    grant_role_permissions(apps, {Role.ADMINISTRATOR: ["workdays.view_daytoconfirm", "workdays.change_daytoconfirm"]})


def unseed(apps, schema_editor):
    numbers = [swap[3] for swap in SWAPS]
    for model in ("DayOff", "WorkingDay"):
        apps.get_model("workdays", model).objects.filter(document_number__in=numbers).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0002_announcing_document_and_days_to_confirm"), ("accounts", "0002_roles")]

    operations = [
        migrations.RunPython(seed, unseed),
        migrations.RunPython(seed_days_to_confirm, unseed_days_to_confirm),
        migrations.RunPython(grant_administrators, migrations.RunPython.noop),
    ]
