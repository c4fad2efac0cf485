"""Voters' recommendations are answered before the next council session (DOMAIN: practice)."""

from datetime import date

from django.db import migrations

BASIS = "Luật Tổ chức chính quyền địa phương; thực tiễn: trả lời trước kỳ họp HĐND tiếp theo"


def seed(apps, schema_editor):
    DeadlineRule = apps.get_model("petitions", "DeadlineRule")
    for stage, name in (
        ("processing", "Xử lý kiến nghị cử tri"),
        ("resolution", "Trả lời kiến nghị cử tri"),
    ):
        DeadlineRule.objects.get_or_create(
            name=name,
            stage=stage,
            condition="voter_meeting",
            defaults={
                "kind": "",
                "days": 1,
                "counting_unit": "by_date",
                "valid_from": date(2014, 7, 1),
                "legal_basis": BASIS,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("petitions", "0005_voter_recommendations")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
