"""Limitation periods for lodging a complaint, and the representatives a group may choose, as dated data.

Seeded (what was relied on, see petitions/limitation.py):
- Luật Khiếu nại 2011 (Luật số 02/2011/QH13, in force 1/7/2012): Art 9 (90 days from receiving or learning
  of the decision or act; the time of a legal obstacle not counted), Art 33 (second complaint: 30 days, up to
  45 in remote areas with difficult travel, from the first decision or the end of its period), Art 48
  (disciplinary decision: 15 days from its receipt; second complaint 10 days, 30 for dismissal).
  Whether Law 136/2025/QH15 (in force 1/7/2026) changed these periods could not be checked against its
  text, so the rows are open-ended (no valid_to); an administrator ends them and adds the new period if so.
- Nghị định 124/2020/NĐ-CP (in force 5/12/2020), khoản 2 Điều 6: several people complaining about one
  matter choose 1 or 2 representatives when 5 to 10, at most 5 when more (the portal reads "more" as 11 or
  more, as DOMAIN.md does). The clause number comes from the amending Decree 155/2026/NĐ-CP as transcribed
  in a public repository (it redirects that clause to the Law on Citizen Reception from 1/7/2026), not from
  the official gazette; the rows stay open-ended until the new rule is confirmed.
"""

from datetime import date

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

from danvan.accounts.roles import Role, grant_role_permissions

LAW = date(2012, 7, 1)
# (name, applies to, condition, days, counted from, legal basis)
LIMITATION_RULES = [
    ("Khiếu nại lần đầu quyết định, hành vi hành chính", "complaint_1", "", 90, "learned",
     "Luật Khiếu nại 2011, Điều 9"),
    ("Khiếu nại lần hai quyết định, hành vi hành chính", "complaint_2", "", 30, "first_decision",
     "Luật Khiếu nại 2011, Điều 33"),
    ("Khiếu nại lần hai (vùng sâu, vùng xa đi lại khó khăn)", "complaint_2", "remote_area", 45, "first_decision",
     "Luật Khiếu nại 2011, Điều 33"),
    ("Khiếu nại lần đầu quyết định kỷ luật cán bộ, công chức", "discipline_1", "", 15, "discipline_received",
     "Luật Khiếu nại 2011, Điều 48"),
    ("Khiếu nại lần hai quyết định kỷ luật cán bộ, công chức", "discipline_2", "", 10, "first_decision",
     "Luật Khiếu nại 2011, Điều 48"),
    ("Khiếu nại lần hai quyết định kỷ luật buộc thôi việc", "dismissal_2", "", 30, "first_decision",
     "Luật Khiếu nại 2011, Điều 48"),
]  # fmt: skip

DECREE_124 = date(2020, 12, 5)
GROUP_BASIS = "Nghị định 124/2020/NĐ-CP, khoản 2 Điều 6"
# (name, from people, to people, at most representatives)
GROUP_RULES = [
    ("Nhóm từ 5 đến 10 người", 5, 10, 2),
    ("Nhóm từ 11 người trở lên", 11, None, 5),
]

GRANTS = {
    Role.HANDLER: ["petitions.view_limitationrule", "petitions.view_grouprepresentationrule"],
    Role.LEADER: ["petitions.view_limitationrule", "petitions.view_grouprepresentationrule"],
    Role.ADMINISTRATOR: [
        "petitions.add_limitationrule",
        "petitions.change_limitationrule",
        "petitions.view_limitationrule",
        "petitions.add_grouprepresentationrule",
        "petitions.change_grouprepresentationrule",
        "petitions.view_grouprepresentationrule",
    ],
}


def seed(apps, schema_editor):
    LimitationRule = apps.get_model("petitions", "LimitationRule")
    GroupRepresentationRule = apps.get_model("petitions", "GroupRepresentationRule")
    for name, applies_to, condition, days, counted_from, basis in LIMITATION_RULES:
        LimitationRule.objects.create(
            name=name,
            applies_to=applies_to,
            condition=condition,
            days=days,
            counting_unit="calendar_days",
            counted_from=counted_from,
            valid_from=LAW,
            legal_basis=basis,
        )
    for name, low, high, most in GROUP_RULES:
        GroupRepresentationRule.objects.create(
            name=name, min_people=low, max_people=high, max_representatives=most, valid_from=DECREE_124,
            legal_basis=GROUP_BASIS,
        )  # fmt: skip
    grant_role_permissions(apps, GRANTS)


def unseed(apps, schema_editor):
    apps.get_model("petitions", "LimitationRule").objects.all().delete()
    apps.get_model("petitions", "GroupRepresentationRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0013_withdrawal_and_dialogue"),
    ]

    operations = [
        migrations.CreateModel(
            name="GroupRepresentationRule",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("complaint_1", "Complaint (first instance)"),
                            ("complaint_2", "Complaint (second instance)"),
                            ("denunciation", "Denunciation"),
                            ("recommendation", "Recommendation"),
                            ("feedback", "Feedback"),
                        ],
                        help_text="Blank: every kind.",
                        max_length=20,
                        verbose_name="petition kind",
                    ),
                ),
                (
                    "min_people",
                    models.PositiveSmallIntegerField(
                        validators=[django.core.validators.MinValueValidator(2)], verbose_name="from (people)"
                    ),
                ),
                (
                    "max_people",
                    models.PositiveSmallIntegerField(
                        blank=True, help_text="Blank: no upper bound.", null=True, verbose_name="to (people)"
                    ),
                ),
                ("max_representatives", models.PositiveSmallIntegerField(verbose_name="at most (representatives)")),
                ("valid_from", models.DateField(verbose_name="in force from")),
                ("valid_to", models.DateField(blank=True, null=True, verbose_name="in force until")),
                ("legal_basis", models.CharField(max_length=255, verbose_name="legal basis")),
            ],
            options={
                "verbose_name": "representatives of a group",
                "verbose_name_plural": "representatives of groups",
                "ordering": ["kind", "min_people", "-valid_from"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("valid_to__isnull", True), ("valid_to__gte", models.F("valid_from")), _connector="OR"
                        ),
                        name="group_rule_period_ordered",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("max_people__isnull", True), ("max_people__gte", models.F("min_people")), _connector="OR"
                        ),
                        name="group_rule_people_ordered",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="LimitationRule",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "applies_to",
                    models.CharField(
                        choices=[
                            ("complaint_1", "First complaint about an administrative decision or act"),
                            ("complaint_2", "Second complaint about an administrative decision or act"),
                            ("discipline_1", "First complaint about a disciplinary decision"),
                            ("discipline_2", "Second complaint about a disciplinary decision"),
                            ("dismissal_2", "Second complaint about a dismissal decision"),
                        ],
                        max_length=20,
                        verbose_name="applies to",
                    ),
                ),
                (
                    "condition",
                    models.CharField(
                        blank=True,
                        choices=[("", "Ordinary case"), ("remote_area", "Remote area with difficult travel")],
                        default="",
                        max_length=20,
                        verbose_name="circumstance",
                    ),
                ),
                (
                    "days",
                    models.PositiveSmallIntegerField(
                        validators=[django.core.validators.MinValueValidator(1)], verbose_name="period (days)"
                    ),
                ),
                (
                    "counting_unit",
                    models.CharField(
                        choices=[
                            ("working_days", "Working days"),
                            ("calendar_days", "Calendar days, rolled forward past days off"),
                        ],
                        default="calendar_days",
                        max_length=20,
                        verbose_name="counted in",
                    ),
                ),
                (
                    "counted_from",
                    models.CharField(
                        choices=[
                            ("learned", "The day the complainant received or learned of the decision or act"),
                            (
                                "first_decision",
                                "The day the first-instance decision was received, or its resolution period ended without one",
                            ),
                            ("discipline_received", "The day the official received the disciplinary decision"),
                        ],
                        max_length=30,
                        verbose_name="counted from",
                    ),
                ),
                ("valid_from", models.DateField(verbose_name="in force from")),
                ("valid_to", models.DateField(blank=True, null=True, verbose_name="in force until")),
                ("legal_basis", models.CharField(max_length=255, verbose_name="legal basis")),
            ],
            options={
                "verbose_name": "limitation period",
                "verbose_name_plural": "limitation periods",
                "ordering": ["applies_to", "condition", "-valid_from"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("valid_to__isnull", True), ("valid_to__gte", models.F("valid_from")), _connector="OR"
                        ),
                        name="limitation_rule_period_ordered",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PetitionLimitation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "subject",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "An administrative decision or act"),
                            ("discipline", "A disciplinary decision on an official"),
                            ("dismissal", "A dismissal decision (buộc thôi việc)"),
                        ],
                        default="",
                        max_length=20,
                        verbose_name="complaint about",
                    ),
                ),
                (
                    "decision_known_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="received or learned of the decision or act on"
                    ),
                ),
                (
                    "first_decision_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="first-instance decision received (or its period ended) on"
                    ),
                ),
                ("obstacle_from", models.DateField(blank=True, null=True, verbose_name="obstacle from")),
                ("obstacle_to", models.DateField(blank=True, null=True, verbose_name="obstacle until")),
                ("obstacle_reason", models.CharField(blank=True, max_length=255, verbose_name="obstacle")),
                ("last_day", models.DateField(blank=True, null=True, verbose_name="last day to lodge")),
                (
                    "petition",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="limitation",
                        to="petitions.petition",
                        verbose_name="petition",
                    ),
                ),
                (
                    "rule",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="petitions.limitationrule",
                        verbose_name="rule",
                    ),
                ),
            ],
            options={
                "verbose_name": "limitation period of a complaint",
                "verbose_name_plural": "limitation periods of complaints",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("obstacle_to__isnull", True),
                            ("obstacle_to__gte", models.F("obstacle_from")),
                            _connector="OR",
                        ),
                        name="limitation_obstacle_ordered",
                    )
                ],
            },
        ),
        migrations.RunPython(seed, unseed),
    ]
