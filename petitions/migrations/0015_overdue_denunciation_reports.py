"""Overdue denunciations (Luật Tố cáo 2018 Art 38): the OverdueReport record and two dated deadline rules.

Relied on (the law's text as published, e.g. the Law's Q&A of 28/11/2018 and luatduonggia.edu.vn):
Luật Tố cáo số 25/2018/QH14, in force 1/1/2019, Art 38: (1) when the period of Art 30 passes without a
resolution, the denouncer may denounce further to the head of the directly superior body; (2) within 05
working days of receiving it, that head asks the resolver in writing for a report on the handling, the
reasons for the delay and who is responsible, and directs the resolution. The portal counts the 5 working
days from the lapse itself (it tells the superior that day; see petitions/services/overdue_reports.py).
The resolver's report period (5 working days from the request) is DOMAIN.md's configurable default: no
number of days for it was found in Art 38, and the basis says so. Decree 31/2019/NĐ-CP was not found to set
either period.
"""

from datetime import date

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

RULES = (
    (
        "Cấp trên trực tiếp yêu cầu báo cáo về tố cáo quá hạn",
        "overdue_request",
        "Luật Tố cáo 2018 (số 25/2018/QH14), Điều 38 khoản 2: 05 ngày làm việc (luật tính từ ngày nhận tố cáo"
        " tiếp; cổng tính từ ngày hết hạn giải quyết)",
    ),
    (
        "Người giải quyết báo cáo về tố cáo quá hạn",
        "overdue_report",
        "Luật Tố cáo 2018 (số 25/2018/QH14), Điều 38; 05 ngày làm việc kể từ ngày yêu cầu: mặc định có thể sửa,"
        " Điều 38 không ghi số ngày",
    ),
)


def seed(apps, schema_editor):
    DeadlineRule = apps.get_model("petitions", "DeadlineRule")
    for name, stage, basis in RULES:
        DeadlineRule.objects.get_or_create(
            name=name,
            stage=stage,
            kind="denunciation",
            condition="",
            defaults={"days": 5, "counting_unit": "working_days", "valid_from": date(2019, 1, 1), "legal_basis": basis},
        )


def unseed(apps, schema_editor):
    apps.get_model("petitions", "DeadlineRule").objects.filter(stage__in=["overdue_request", "overdue_report"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("orgunits", "0002_field_labels"),
        ("petitions", "0014_limitation_and_group_rules"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="deadlinerule",
            name="stage",
            field=models.CharField(
                choices=[
                    ("processing", "Classify and notify the sender"),
                    ("acceptance", "Decide on acceptance"),
                    ("acceptance_notice", "Notify the acceptance"),
                    ("resolution", "Resolve or answer"),
                    ("overdue_request", "Deadline for the superior's request for a report"),
                    ("overdue_report", "Deadline for the report on the overdue denunciation"),
                ],
                max_length=20,
                verbose_name="stage",
            ),
        ),
        migrations.AlterField(
            model_name="petitiondeadline",
            name="stage",
            field=models.CharField(
                choices=[
                    ("processing", "Classify and notify the sender"),
                    ("acceptance", "Decide on acceptance"),
                    ("acceptance_notice", "Notify the acceptance"),
                    ("resolution", "Resolve or answer"),
                    ("overdue_request", "Deadline for the superior's request for a report"),
                    ("overdue_report", "Deadline for the report on the overdue denunciation"),
                ],
                max_length=20,
                verbose_name="stage",
            ),
        ),
        migrations.CreateModel(
            name="OverdueReport",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("requested_on", models.DateField(blank=True, null=True, verbose_name="request dated")),
                ("request_number", models.CharField(blank=True, max_length=50, verbose_name="request number")),
                ("request_content", models.TextField(blank=True, verbose_name="what the request asks")),
                ("reported_on", models.DateField(blank=True, null=True, verbose_name="report dated")),
                ("reasons", models.TextField(blank=True, verbose_name="reasons for the delay")),
                ("measures", models.TextField(blank=True, verbose_name="measures taken")),
                ("committed_date", models.DateField(blank=True, null=True, verbose_name="committed resolution date")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="opened at")),
                (
                    "lapsed_deadline",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="petitions.petitiondeadline",
                        verbose_name="resolution deadline passed",
                    ),
                ),
                (
                    "petition",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="overdue_report",
                        to="petitions.petition",
                        verbose_name="petition",
                    ),
                ),
                (
                    "report_deadline",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="petitions.petitiondeadline",
                        verbose_name="deadline for the report",
                    ),
                ),
                (
                    "reported_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="report recorded by",
                    ),
                ),
                (
                    "request_deadline",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="petitions.petitiondeadline",
                        verbose_name="deadline for the request",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="request recorded by",
                    ),
                ),
                (
                    "superior_unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="orgunits.unit",
                        verbose_name="directly superior body",
                    ),
                ),
            ],
            options={
                "verbose_name": "overdue denunciation report",
                "verbose_name_plural": "overdue denunciation reports",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("report_deadline__isnull", True), ("requested_on__isnull", False), _connector="OR"
                        ),
                        name="overdue_report_after_request",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("reported_on__isnull", True), ("report_deadline__isnull", False), _connector="OR"
                        ),
                        name="overdue_reported_after_request",
                    ),
                ],
            },
        ),
        migrations.RunPython(seed, unseed),
    ]
