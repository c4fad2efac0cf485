"""The reception norms of every position the regulations named over time (DOMAIN: reception norms).

- Quy định 11-QĐi/TW of the Politburo is dated 18/02/2019 (0002 seeded its rows from 1/1/2019). Its Điều 4
  khoản 1: the head of the provincial and of the district Party committee at least 1 day a month, of the
  commune Party committee at least 2 days a month. Kết luận 215-KL/TW of 23/11/2025 rewrote khoản 1 for the
  two remaining levels with the same numbers.
- The district level ended on 1/7/2025 (Nghị quyết 203/2025/QH15 amending the Constitution): the district
  Party secretary's norm runs until 30/6/2025, as the district chairman's (Luật Tiếp công dân 2013, Điều 13).
- HĐND deputies and the Standing Committee receive by the schedule the Standing Committee sets (Điều 22),
  so they have no fixed row: their sessions are schedules (see README, citizen reception).

Rows are matched on their seeded values, so a row an administrator has since changed is left alone.
"""

from datetime import date

from django.db import migrations

REGULATION_11 = "Quy định 11-QĐi/TW ngày 18/02/2019, Điều 4 khoản 1"
SEEDED_PARTY_BASIS = "Quy định 11-QĐi/TW (2019); Kết luận 215-KL/TW (2025)"
PARTY_BASIS = f"{REGULATION_11}; Kết luận 215-KL/TW ngày 23/11/2025"
DISTRICT_END = "cấp huyện kết thúc hoạt động từ 01/7/2025 (Nghị quyết 203/2025/QH15)"

# position: (seeded from, seeded basis) -> (corrected from, corrected basis)
CORRECTIONS = {
    "province_secretary": ((date(2019, 1, 1), SEEDED_PARTY_BASIS), (date(2019, 2, 18), PARTY_BASIS)),
    "commune_secretary": ((date(2019, 1, 1), SEEDED_PARTY_BASIS), (date(2019, 2, 18), PARTY_BASIS)),
    "district_chairman": (
        (date(2014, 7, 1), "Luật Tiếp công dân 2013, Điều 13"),
        (date(2014, 7, 1), f"Luật Tiếp công dân 2013, Điều 13; {DISTRICT_END}"),
    ),
}

DISTRICT_SECRETARY = {
    "position": "district_secretary",
    "required_days": 1,
    "period": "month",
    "may_delegate": True,
    "valid_from": date(2019, 2, 18),
    "valid_to": date(2025, 6, 30),
    "legal_basis": f"{REGULATION_11}; {DISTRICT_END}",
}


def _correct(ReceptionNorm, forward):
    for position, (seeded, corrected) in CORRECTIONS.items():
        old, new = (seeded, corrected) if forward else (corrected, seeded)
        ReceptionNorm.objects.filter(position=position, valid_from=old[0], legal_basis=old[1]).update(
            valid_from=new[0], legal_basis=new[1]
        )


def seed(apps, schema_editor):
    ReceptionNorm = apps.get_model("reception", "ReceptionNorm")
    _correct(ReceptionNorm, forward=True)
    fields = dict(DISTRICT_SECRETARY)
    ReceptionNorm.objects.get_or_create(
        position=fields.pop("position"), valid_from=fields.pop("valid_from"), defaults=fields
    )


def unseed(apps, schema_editor):
    ReceptionNorm = apps.get_model("reception", "ReceptionNorm")
    ReceptionNorm.objects.filter(**DISTRICT_SECRETARY).delete()
    _correct(ReceptionNorm, forward=False)


class Migration(migrations.Migration):
    dependencies = [("reception", "0007_district_secretary_norm")]

    operations = [migrations.RunPython(seed, unseed)]
