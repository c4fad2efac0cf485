"""Retention (danvan.ops.retention): petitions closed longer ago than their kind's rule lose their petitioners'
personal data, nothing else; the statistics do not move; a denouncer's identity is left in no row; every run
is logged, a second changes nothing, and the dry run changes nothing."""

import logging
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, models
from django.urls import reverse
from django.utils import translation

from danvan.history.models import Change
from danvan.ops import retention
from danvan.ops.models import AnonymisedRecord, RetentionRule, RetentionRun
from dashboard import full_scan, selectors
from dashboard.periods import Period, period_for
from petitions import services
from petitions.models import Attachment, Kind, Petition, Petitioner
from petitions.selectors import search
from reception import services as reception_services
from reception.models import Visit, Visitor
from tests.factories import CategoryFactory, SessionFactory

pytestmark = pytest.mark.django_db

DENOUNCER = {
    "full_name": "Trần Thị Bích Ngọc",
    "citizen_id": "098765432109",
    "province_code": "12",
    "commune_code": "3408",
    "address": "Số 7 ngõ Hoa Ban",
    "phone": "0987654321",
    "is_representative": False,
}
CO_DENOUNCER = {**DENOUNCER, "full_name": "Lò Văn Khánh", "citizen_id": "098765432110", "phone": "0987654322"}
COMPLAINANT = "Nguyễn Văn An"  # tests.fixtures.PERSON
VISITOR = "Giàng Thị Mỷ"
SECRETS = ("Trần Thị Bích Ngọc", "098765432109", "Số 7 ngõ Hoa Ban", "0987654321", "Lò Văn Khánh", "098765432110")


@pytest.fixture
def ten_years(db):
    RetentionRule.objects.update(years=10)


def _scan(note):
    return SimpleUploadedFile("don-cua-ong-an.pdf", b"%PDF-1.4 " + note.encode(), content_type="application/pdf")


@pytest.fixture
def cases(time_machine, make_petition, people, units, ten_years):
    """Closed on 2/3/2026: a complaint with a file and a denunciation by two people; closed on 2/3/2028: a
    complaint; never closed: a complaint received in 2026. A visit on 2/3/2026 that received no petition."""
    officer, leader = people["officer"], people["leader"]
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)
    old = make_petition(summary=f"Ông {COMPLAINANT} khiếu nại việc thu hồi đất")
    services.add_attachments(petition=old, files=[_scan("khieu nai")], actor=officer)
    services.add_petition_note(petition=old, actor=leader, note=f"Đã gọi ông {COMPLAINANT} theo số 0912345678")
    services.guide_petition(petition=old, actor=leader, note=f"Hướng dẫn ông {COMPLAINANT} gửi Tòa án", is_public=True)
    denunciation = make_petition(
        kind=Kind.DENUNCIATION,
        summary="Tố cáo cán bộ địa chính",
        content=f"Tôi là {DENOUNCER['full_name']}, CCCD {DENOUNCER['citizen_id']}, tố cáo cán bộ địa chính.",
        petitioners=[DENOUNCER, CO_DENOUNCER],
    )
    services.add_attachments(petition=denunciation, files=[_scan("to cao")], actor=officer)
    services.add_petition_note(petition=denunciation, actor=leader, note=f"Bà {DENOUNCER['full_name']} gọi lại")
    services.file_petition(petition=denunciation, actor=leader, note="Lưu đơn")
    still_open = make_petition(summary="Khiếu nại chưa giải quyết")
    session = SessionFactory(date=date(2026, 3, 2), hosts=[units["committee"]])
    reception_services.set_session_status(session=session, actor=officer, status="held", presided_by=leader)
    reception_services.record_visit(
        session=session, actor=officer,
        data={"kind": "feedback", "category": CategoryFactory(name="Đất đai"), "topic": f"Bà {VISITOR} hỏi về đèn",
              "citizen_count": 1, "is_group": False, "outcome": "explained", "refusal_reason": "",
              "handled_before_by": "", "notes": f"{VISITOR} ở tổ 9"},
        visitors=[{"full_name": VISITOR, "citizen_id": "011111111111", "address": "Tổ 9"}],
    )  # fmt: skip
    time_machine.move_to("2028-03-02 09:00 +0700", tick=False)
    recent = make_petition(received=date(2028, 3, 2), summary="Khiếu nại mới")
    services.guide_petition(petition=recent, actor=leader, note="Hướng dẫn gửi Tòa án")
    # 2037: eleven years after the first closings, nine after the second.
    time_machine.move_to("2037-03-10 09:00 +0700", tick=False)
    return {"old": old, "denunciation": denunciation, "open": still_open, "recent": recent}


def _people(petition):
    return list(Petitioner.objects.filter(petition=petition).values_list("full_name", "citizen_id", "phone", "address"))


def test_a_petition_closed_eleven_years_ago_is_anonymised_one_closed_nine_years_ago_is_not(cases):
    kept_recent, kept_open = _people(cases["recent"]), _people(cases["open"])
    run = retention.apply_retention()
    assert run.petitions == {"complaint": 1, "denunciation": 1} and run.visits == 1 and run.errors == 0
    old = Petition.objects.get(pk=cases["old"].pk)
    assert _people(old) == [("(đã ẩn danh)", "", "", "")]
    assert COMPLAINANT not in old.summary and old.summary == "Ông (đã ẩn danh) khiếu nại việc thu hồi đất"
    assert old.content == "[Đã xóa theo chính sách lưu giữ dữ liệu cá nhân]"
    assert not any(COMPLAINANT in note for note in old.events.values_list("note", flat=True))
    # Kept: what the statistics count.
    assert (old.kind, old.status, old.received_date, old.people_count) == (Kind.COMPLAINT_FIRST, "guided",
                                                                           date(2026, 2, 13), 1)  # fmt: skip
    assert _people(cases["recent"]) == kept_recent and _people(cases["open"]) == kept_open
    assert set(AnonymisedRecord.objects.values_list("record", "object_id")) == {
        ("petition", cases["old"].pk), ("petition", cases["denunciation"].pk), ("visit", Visit.objects.get().pk)
    }  # fmt: skip


def test_open_petitions_are_never_anonymised_however_old(cases):
    RetentionRule.objects.update(years=1)
    retention.apply_retention()
    assert _people(cases["open"])[0][0] == COMPLAINANT
    assert not AnonymisedRecord.objects.filter(object_id=cases["open"].pk, record="petition").exists()
    assert AnonymisedRecord.objects.filter(object_id=cases["recent"].pk, record="petition").exists()


def test_files_are_deleted_after_the_commit_and_their_rows_say_so(cases, django_capture_on_commit_callbacks):
    stored = [Path(a.file.path) for a in Attachment.objects.all()]
    assert len(stored) == 2 and all(path.exists() for path in stored)
    with django_capture_on_commit_callbacks(execute=True):
        run = retention.apply_retention()
    assert run.files_removed == 2
    assert not any(path.exists() for path in stored)
    row = Attachment.objects.get(petition=cases["old"])
    assert (row.file.name, row.original_name) == ("", "Tệp đã bị xóa theo chính sách lưu giữ dữ liệu cá nhân")
    assert row.size > 0 and row.content_type == "application/pdf"


def test_a_second_run_changes_nothing(cases):
    retention.apply_retention()
    before = {model: list(model.objects.order_by("pk").values()) for model in (Petition, Petitioner, Visitor, Change)}
    second = retention.apply_retention()
    assert second.petitions == {} and second.visits == 0 and second.files_removed == 0
    for model, rows in before.items():
        assert list(model.objects.order_by("pk").values()) == rows, model
    assert AnonymisedRecord.objects.count() == 3 and RetentionRun.objects.count() == 2


def test_search_no_longer_finds_the_name(cases, people):
    visible = Petition.objects.all()
    assert set(search(visible, "nguyen van an")) == {cases["old"], cases["open"], cases["recent"]}
    assert search(visible, "0912345678").filter(pk=cases["old"].pk).exists()
    retention.apply_retention()
    assert set(search(visible, "nguyen van an")) == {cases["open"], cases["recent"]}
    assert not search(visible, "0912345678").filter(pk=cases["old"].pk).exists()
    assert not search(visible, "bich ngoc").exists()


def test_the_citizen_still_looks_up_an_anonymised_petition_and_sees_no_name(cases, client):
    retention.apply_retention()
    denunciation = cases["denunciation"]
    for petition in (cases["old"], denunciation):
        response = client.post(reverse("lookup"), {"code": petition.code, "key": petition.lookup_key})
        html = response.content.decode()
        assert response.status_code == 200 and petition.code in html
        for secret in (COMPLAINANT, *SECRETS):
            assert secret not in html


def _text_columns(model):
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField, models.JSONField, models.FileField))
    ]


def test_the_denouncer_is_in_no_row_of_any_table_the_run_touched(cases, caplog):
    touched = {"petitions.Petitioner", "reception.Visitor", "petitions.Attachment", "history.Change",
               "notifications.Notification", "ops.RetentionRun", "ops.AnonymisedRecord",
               *(holder.model for holder in retention.HOLDERS)}  # fmt: skip
    with caplog.at_level(logging.DEBUG):
        call_command("apply_retention", stdout=StringIO())
    for label in sorted(touched):
        model = apps.get_model(label)
        for row in model.objects.values_list(*_text_columns(model)):
            for secret in SECRETS:
                assert secret not in str(row), (label, secret)
    assert not any(secret in caplog.text for secret in SECRETS)
    sealed = Petitioner.objects.filter(petition=cases["denunciation"])
    assert set(sealed.values_list("province_code", "commune_code")) == {("", "")}


def test_the_dry_run_changes_nothing_and_says_what_would_be(cases):
    before = list(Petitioner.objects.order_by("pk").values())
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    text = out.getvalue()
    assert cases["old"].code in text and cases["denunciation"].code in text and cases["recent"].code not in text
    assert "would anonymise 2 petitions (complaint: 1, denunciation: 1) and 1 visits" in text
    assert not any(secret in text for secret in (COMPLAINANT, *SECRETS))
    assert list(Petitioner.objects.order_by("pk").values()) == before
    assert not RetentionRun.objects.exists() and not AnonymisedRecord.objects.exists()


def test_each_run_is_logged_with_its_counts(cases, admin_client):
    call_command("apply_retention", stdout=StringIO())
    run = RetentionRun.objects.get()
    assert run.finished_at is not None and run.finished_at >= run.started_at
    assert (run.petitions, run.visits, run.files_removed, run.errors) == (
        {"complaint": 1, "denunciation": 1}, 1, 2, 0
    )  # fmt: skip
    page = admin_client.get(reverse("admin:ops_retentionrun_change", args=[run.pk]))
    assert page.status_code == 200


def test_a_failed_batch_is_counted_without_its_text_and_the_others_go_on(cases, monkeypatch):
    real = retention.anonymise_petitions

    def failing(*, petitions, run):
        if any(petition.kind == Kind.DENUNCIATION for petition in petitions):
            raise ValueError(f"duplicate value {DENOUNCER['full_name']}")
        return real(petitions=petitions, run=run)

    monkeypatch.setattr(retention, "anonymise_petitions", failing)
    run = retention.apply_retention(batch_size=1)
    assert run.errors == 1 and run.petitions == {"complaint": 1}
    assert run.error_details == f"ValueError: petitions {cases['denunciation'].pk}–{cases['denunciation'].pk}"
    assert _people(cases["denunciation"])[0][0] == DENOUNCER["full_name"]  # left for the next run


def test_the_rules_are_audited(db):
    rule = RetentionRule.objects.get(kind="complaint")
    rule.years = 25
    rule.save()
    change = Change.objects.filter(is_audit=True, object_id=rule.pk).latest("pk")
    assert change.values == {"years": [20, 25]}


def test_the_seeded_rules_are_marked_configurable_defaults(db):
    rules = dict(RetentionRule.objects.values_list("kind", "years"))
    assert rules == {"complaint": 20, "denunciation": 20, "recommendation": 10, "feedback": 10}
    assert all(RetentionRule.objects.values_list("is_default", flat=True))


# The figures of the dashboard and the periodic reports, before and after, on a generated province.

TODAY = date(2026, 11, 20)
PERIODS = [
    period_for("year", 2026, cutoff_day=15),
    period_for("year", 2025, cutoff_day=0),
    Period(date(2024, 1, 1), date(2026, 12, 31), "all"),
]


def _figures(units):
    found = {}
    for module in (selectors, full_scan):
        for period in PERIODS:
            for name in ("petition_figures", "resolution_results", "timeliness", "voter_recommendation_figures"):
                found[(module.__name__, period.label, name)] = getattr(module, name)(units, period)
            found[(module.__name__, period.label, "trend")] = module.monthly_trend(units, period)
            for field, label in (("handling_unit", "handling_unit__name"), ("category", "category__name")):
                rows = module.breakdown(units, period, field, label, limit=1000)
                found[(module.__name__, period.label, field)] = sorted(rows, key=lambda row: (-row[2], row[0]))
        found[(module.__name__, "hotspots")] = module.hotspots(units, today=TODAY, limit=1000)
    for period in PERIODS:
        found[("reception", period.label)] = selectors.reception_figures(units, period)
        found[("satisfaction", period.label)] = selectors.satisfaction(units, period)
    return found


def test_the_dashboard_and_report_figures_are_the_same_before_and_after(time_machine, ten_years):
    from danvan.orgunits.models import Unit

    time_machine.move_to("2026-11-20 16:00 +0700", tick=False)
    call_command("generate_petitions", "200", "--seed", "7", "--today", TODAY.isoformat(), stdout=StringIO())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    time_machine.move_to("2037-06-01 09:00 +0700", tick=False)
    units = Unit.objects.all()
    with translation.override("vi"):
        before = _figures(units)
        run = retention.apply_retention()
        after = _figures(units)
    assert run.petitions_total > 50 and run.errors == 0
    assert Petitioner.objects.filter(full_name="(đã ẩn danh)").exists()
    assert after == before


def test_a_removed_file_answers_not_found_instead_of_an_error(cases, client, people):
    retention.apply_retention()
    attachment = Attachment.objects.get(petition=cases["old"])
    client.force_login(people["leader"])
    response = client.get(reverse("petitions:attachment", args=[cases["old"].pk, attachment.pk]))
    assert response.status_code == 404


def test_the_petitioners_copied_into_a_mediation_case_are_masked_and_the_other_party_stays(
    time_machine, make_petition, people, units, ten_years
):
    from mediation import services as mediation_services
    from mediation.models import Gender, MediatorRole, Party

    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)
    handler, leader = people["handler"], people["leader"]
    team = mediation_services.create_team(
        actor=handler, committee=units["committee"], name="Tổ hòa giải số 5", area="Tổ dân phố số 5"
    )
    for name, gender, role in (("Lò Văn Chiến", Gender.MALE, MediatorRole.LEADER),
                               ("Nguyễn Thị Lan", Gender.FEMALE, MediatorRole.MEMBER),
                               ("Đỗ Văn Bình", Gender.MALE, MediatorRole.MEMBER)):  # fmt: skip
        mediation_services.add_mediator(
            team=team, actor=handler, full_name=name, gender=gender, role=role, from_date=date(2026, 2, 1)
        )
    team = mediation_services.recognise_team(
        team=team, actor=leader, decision_number="15/QĐ-UBND", decision_date=date(2026, 2, 10)
    )
    petition = make_petition(
        kind=Kind.FEEDBACK, summary=f"Ông {COMPLAINANT} phản ánh tranh chấp ranh giới với hộ bên cạnh"
    )
    case = mediation_services.guide_petition_to_mediation(petition=petition, team=team, actor=handler)
    Party.objects.create(case=case, full_name="Vàng Thị Dung", address="Tổ 6", order=1)
    time_machine.move_to("2037-03-10 09:00 +0700", tick=False)
    run = retention.apply_retention()
    assert run.petitions == {"feedback": 1}
    parties = list(Party.objects.filter(case=case).order_by("order", "pk").values_list("full_name", "phone"))
    assert parties == [("(đã ẩn danh)", "(đã ẩn danh)"), ("Vàng Thị Dung", "")]
    case.refresh_from_db()
    assert COMPLAINANT not in case.matter + case.details


def test_the_beat_runs_the_task_nightly_and_the_task_runs_the_policy(cases):
    from danvan.celery import app
    from danvan.ops import tasks

    entry = app.conf.beat_schedule["apply-retention"]
    assert entry["task"] == tasks.apply_retention.name and entry["schedule"].hour == {3}
    result = tasks.apply_retention.delay().get()
    assert result["petitions"] == {"complaint": 1, "denunciation": 1} and result["errors"] == 0
    assert _people(cases["old"]) == [("(đã ẩn danh)", "", "", "")]
