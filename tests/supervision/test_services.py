"""Every status change of supervisions, recommendations and models, through the services."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import translation

from danvan.alerts import tasks as alert_tasks
from danvan.notifications.models import Notification
from danvan.orgunits.models import UnitKind, UnitLevel
from danvan.workflow import DomainError
from supervision import services
from supervision.models import KheoModel, ProgrammeStatus, Recommendation, SupervisionProgramme
from supervision.workflow import (
    MODEL_TRANSITIONS,
    RECOMMENDATION_TRANSITIONS,
    SUPERVISION_TRANSITIONS,
    ModelStatus,
    RecommendationStatus,
    SupervisionStatus,
)
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2024-03-15 09:00 +0700", tick=False)


def test_programme_is_adopted_by_resolution(world):
    with pytest.raises(DomainError):
        services.adopt_programme(
            programme=world["programme"], actor=world["supervisor"], number=" ", adopted_on=date(2023, 12, 8)
        )
    services.adopt_programme(
        programme=world["programme"], actor=world["supervisor"], number="45/NQ-HĐND", adopted_on=date(2023, 12, 8)
    )
    world["programme"].refresh_from_db()
    assert world["programme"].status == ProgrammeStatus.ADOPTED and world["programme"].resolution_number == "45/NQ-HĐND"
    with pytest.raises(PermissionDenied):
        services.adopt_programme(
            programme=world["programme"], actor=world["stranger"], number="1", adopted_on=date(2023, 12, 8)
        )


@pytest.mark.parametrize(("source", "target"), [(s, t) for s, ts in SUPERVISION_TRANSITIONS.items() for t in ts])
def test_every_supervision_status_change(world, source, target):
    supervision = world["supervision"]
    supervision.status = source
    supervision.save(update_fields=["status"])
    changed = services.change_supervision_status(
        supervision=supervision,
        actor=world["supervisor"],
        target=target,
        report_number="12/BC-HĐND",
        report_date=date(2023, 11, 15),
        summary="Kết quả giám sát",
    )
    assert changed.status == target
    if target == SupervisionStatus.FIELDWORK and source != SupervisionStatus.PLANNED:
        assert changed.times_reopened == 1  # re-supervision


def test_illegal_supervision_changes_and_a_conclusion_without_report(world):
    with pytest.raises(DomainError):
        services.change_supervision_status(
            supervision=world["supervision"], actor=world["supervisor"], target=SupervisionStatus.CLOSED
        )
    world["supervision"].status = SupervisionStatus.REPORTING
    world["supervision"].save(update_fields=["status"])
    with pytest.raises(DomainError):
        services.change_supervision_status(
            supervision=world["supervision"], actor=world["supervisor"], target=SupervisionStatus.CONCLUDED
        )


def test_documents_are_versioned(world):
    for _ in range(2):
        services.upload_document(
            supervision=world["supervision"],
            actor=world["supervisor"],
            kind="plan",
            upload=SimpleUploadedFile("ke-hoach.pdf", b"%PDF"),
        )
    assert list(world["supervision"].documents.values_list("kind", "version")) == [("plan", 2), ("plan", 1)]


@pytest.fixture
def recommendation(world):
    return services.add_recommendation(
        supervision=world["supervision"],
        actor=world["supervisor"],
        addressed_to=world["committee"],
        text="Rà soát, công khai quy trình cấp giấy phép xây dựng",
        due_date=date(2024, 3, 29),
    )


@pytest.mark.parametrize(("source", "target"), [(s, t) for s, ts in RECOMMENDATION_TRANSITIONS.items() for t in ts])
def test_every_recommendation_status_change(world, recommendation, source, target):
    Recommendation.objects.filter(pk=recommendation.pk).update(status=source)
    actor = world["supervisor"] if target == RecommendationStatus.NOT_IMPLEMENTED else world["chairman"]
    update = services.record_progress(
        recommendation=recommendation, actor=actor, text="Đã ban hành quy trình", status=target, percent=60
    )
    recommendation.refresh_from_db()
    assert recommendation.status == target == update.status
    assert recommendation.percent == (100 if target == RecommendationStatus.IMPLEMENTED else 60)


def test_implemented_is_final_and_text_is_required(world, recommendation):
    with pytest.raises(DomainError):
        services.record_progress(
            recommendation=recommendation, actor=world["chairman"], text=" ", status="in_progress", percent=10
        )
    services.record_progress(
        recommendation=recommendation, actor=world["chairman"], text="Xong", status="implemented", percent=100
    )
    with pytest.raises(DomainError):
        services.record_progress(
            recommendation=recommendation, actor=world["chairman"], text="Sửa", status="partly", percent=50
        )
    with pytest.raises(PermissionDenied):
        services.record_progress(
            recommendation=recommendation, actor=world["stranger"], text="x", status="partly", percent=5
        )


def test_an_overdue_recommendation_is_reminded_and_escalated(world, recommendation, time_machine):
    def scan(day):
        time_machine.move_to(f"{day} 06:00 +0700", tick=False)
        with TestCase.captureOnCommitCallbacks(execute=True):
            alert_tasks.scan_deadlines()

    scan("2024-03-22")  # five working days before 29/3
    assert Notification.objects.filter(recipient=world["chairman"], kind="recommendation_reminder").count() == 1
    scan("2024-04-01")  # the day after: level 1
    recommendation.refresh_from_db()
    assert recommendation.escalation_level == 1
    scan("2024-04-05")  # five working days late: level 2 reaches the supervising body
    assert Notification.objects.filter(recipient=world["supervisor"], kind="recommendation_escalation").count() == 1
    scan("2024-04-05")
    assert Notification.objects.filter(recipient=world["supervisor"]).count() == 1


def test_interpellation_commitment_and_its_twenty_day_written_answer(world):
    commitment = services.record_commitment(
        actor=world["supervisor"],
        body=world["council"],
        addressed_to=world["committee"],
        council_session="Kỳ họp thứ 17 HĐND tỉnh",
        question="Khi nào hoàn thành cấp giấy chứng nhận?",
        asked_by="Đại biểu Lò Văn A",
        answered_by="Chủ tịch UBND phường Tân Phong",
        asked_on=date(2024, 2, 1),
        promise="Hoàn thành trong quý II/2024",
        due_date=date(2024, 6, 30),
    )
    assert commitment.written_answer_due == date(2024, 2, 21)  # 20 days
    with pytest.raises(DomainError):
        services.record_written_answer(
            recommendation=commitment, actor=world["chairman"], answered_on=date(2024, 1, 31)
        )
    services.record_written_answer(recommendation=commitment, actor=world["chairman"], answered_on=date(2024, 2, 20))
    commitment.refresh_from_db()
    assert commitment.written_answer_on == date(2024, 2, 20)


@pytest.mark.parametrize(("source", "target"), [(s, t) for s, ts in MODEL_TRANSITIONS.items() for t in ts])
def test_every_model_status_change(world, source, target):
    model = services.register_model(
        actor=world["chairman"],
        unit=world["committee"],
        year=2024,
        name="Mô hình “Chính quyền thân thiện”",
        field="political_system",
        start_date=date(2024, 1, 15),
    )
    KheoModel.objects.filter(pk=model.pk).update(status=source)
    services.advance_model(model=model, actor=world["chairman"], target=target, recognition="Quyết định 12/QĐ-UBND")
    model.refresh_from_db()
    assert model.status == target


def test_models_carry_over_and_exemplars_need_a_decision(world):
    services.register_model(
        actor=world["chairman"],
        unit=world["committee"],
        year=2023,
        name="Dân vận khéo trong giải phóng mặt bằng",
        field="economy",
        start_date=date(2023, 3, 1),
    )
    carried = services.carry_over_models(actor=world["chairman"], unit=world["committee"], from_year=2023, to_year=2024)
    again = services.carry_over_models(actor=world["chairman"], unit=world["committee"], from_year=2023, to_year=2024)
    assert len(carried) == 1 and again == [] and carried[0].carried_from.year == 2023
    model = carried[0]
    services.advance_model(model=model, actor=world["chairman"], target=ModelStatus.EVALUATED)
    with pytest.raises(DomainError):
        services.advance_model(model=model, actor=world["chairman"], target=ModelStatus.EXEMPLAR)


def test_supervision_page_moves_the_status_and_versions_documents(client, world):
    client.force_login(world["supervisor"])
    url = f"/supervision/supervisions/{world['supervision'].pk}/"
    assert client.get(url).status_code == 200
    client.post(url + "status/", {"target": "fieldwork"})
    client.post(url + "status/", {"target": "reporting"})
    refused = client.post(url + "status/", {"target": "concluded"})
    assert refused.status_code == 400 and "cần có số và ngày báo cáo" in refused.content.decode()
    client.post(url + "status/", {"target": "concluded", "report_number": "86/BC-HĐND", "report_date": "20/11/2023"})
    world["supervision"].refresh_from_db()
    assert world["supervision"].status == SupervisionStatus.CONCLUDED
    for _ in range(2):
        client.post(url + "documents/", {"kind": "report", "upload": SimpleUploadedFile("bao-cao.pdf", b"%PDF")})
    assert list(world["supervision"].documents.values_list("version", flat=True)) == [2, 1]
    client.force_login(world["stranger"])
    assert client.get(url).status_code == 404


def test_the_model_registry_pages(client, world):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(world["chairman"])
    base = "/supervision/models/"
    data = {
        "year": "2024",
        "unit": world["committee"].pk,
        "name": "Dân vận khéo trong giải phóng mặt bằng",
        "field": "economy",
        "level": "grassroots",
        "start_date": "01/02/2024",
    }
    assert client.post(base + "register/", data).status_code == 302
    duplicate = client.post(base + "register/", data)
    assert duplicate.status_code == 400 and "đã đăng ký mô hình trùng tên" in duplicate.content.decode()
    client.post(base + "carry-over/", {"year": "2025", "unit": world["committee"].pk})
    model = KheoModel.objects.get(year=2025)
    assert model.carried_from.year == 2024
    client.post(f"{base}{model.pk}/status/", {f"m{model.pk}-target": "evaluated"})
    client.post(f"{base}{model.pk}/evidence/", {"upload": SimpleUploadedFile("anh.jpg", b"\xff\xd8")})
    model.refresh_from_db()
    assert model.status == ModelStatus.EVALUATED and model.evidence.count() == 1
    page = client.get(base, {"year": "2025"}).content.decode()
    assert "Dân vận khéo trong giải phóng mặt bằng" in page
    sheet = load_workbook(BytesIO(client.get("/supervision/models.xlsx", {"year": "2025"}).content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0][2] == "Dân vận khéo trong giải phóng mặt bằng" and rows[0][6] == "duy trì"


def test_supervisors_create_programmes_supervisions_and_recommendations_from_the_pages(client, world):
    client.force_login(world["supervisor"])
    response = client.post(
        "/supervision/", {"year": "2025", "body": world["standing"].pk, "title": "Chương trình giám sát năm 2025"}
    )
    programme = SupervisionProgramme.objects.get(year=2025)
    assert response["Location"] == f"/supervision/programmes/{programme.pk}/"
    bad = client.post(
        f"/supervision/programmes/{programme.pk}/",
        {
            "topic": "Giám sát việc giải quyết khiếu nại",
            "kind": "thematic",
            "period_from": "01/01/2024",
            "period_to": "01/01/2023",
        },
    )
    assert bad.status_code == 400 and "Thời điểm kết thúc không được trước" in bad.content.decode()
    client.post(
        f"/supervision/programmes/{programme.pk}/",
        {
            "topic": "Giám sát việc giải quyết khiếu nại",
            "kind": "thematic",
            "period_from": "01/01/2023",
            "period_to": "31/12/2024",
        },
    )
    supervision = programme.supervisions.get()
    client.post(
        f"/supervision/supervisions/{supervision.pk}/recommendations/",
        {
            "addressed_to": world["committee"].pk,
            "text": "Giải quyết dứt điểm các vụ việc tồn đọng",
            "due_date": "30/06/2025",
            "finding_text": "Còn 5 vụ việc quá hạn.",
        },
    )
    recommendation = supervision.recommendations.get()
    assert recommendation.finding.text == "Còn 5 vụ việc quá hạn." and recommendation.body == world["standing"]


def test_commitments_page_records_a_promise_with_its_written_answer_date(client, world):
    client.force_login(world["supervisor"])
    response = client.post(
        "/supervision/commitments/",
        {
            "body": world["standing"].pk,
            "council_session": "Kỳ họp thứ 17",
            "question": "Tiến độ cấp giấy chứng nhận?",
            "asked_by": "Đại biểu Lò Văn A",
            "answered_by": "Chủ tịch UBND phường",
            "asked_on": "01/02/2024",
            "addressed_to": world["committee"].pk,
            "promise": "Hoàn thành trong quý II",
            "due_date": "30/06/2024",
        },
    )
    commitment = Recommendation.objects.get(kind="commitment")
    assert response.status_code == 302 and commitment.written_answer_due == date(2024, 2, 21)
    assert "Hoàn thành trong quý II" in client.get("/supervision/commitments/").content.decode()


def test_only_the_supervising_body_concludes_not_implemented(world, recommendation):
    with translation.override("vi"), pytest.raises(DomainError, match="Chỉ cơ quan giám sát"):
        services.record_progress(
            recommendation=recommendation, actor=world["chairman"], text="Chưa làm", status="not_implemented", percent=0
        )
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.NOT_STARTED
    services.record_progress(
        recommendation=recommendation, actor=world["supervisor"], text="Kết luận: chưa thực hiện",
        status="not_implemented", percent=0,
    )  # fmt: skip
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.NOT_IMPLEMENTED


def test_the_addressed_unit_is_not_offered_not_implemented(client, world, recommendation):
    url = f"/supervision/recommendations/{recommendation.pk}/"
    client.force_login(world["chairman"])
    assert 'value="not_implemented"' not in client.get(url).content.decode()
    client.force_login(world["supervisor"])
    assert 'value="not_implemented"' in client.get(url).content.decode()


def test_uploads_of_other_types_are_refused_with_a_message(client, world):
    client.force_login(world["supervisor"])
    url = f"/supervision/supervisions/{world['supervision'].pk}/documents/"
    refused = client.post(url, {"kind": "plan", "upload": SimpleUploadedFile("ke-hoach.exe", b"MZ")})
    assert refused.status_code == 400 and "ke-hoach.exe" in refused.content.decode()
    assert not world["supervision"].documents.exists()
    model = services.register_model(
        actor=world["chairman"], unit=world["committee"], year=2024, name="Mô hình “Dân hỏi – Chính quyền trả lời”",
        field="political_system", start_date=date(2024, 1, 15),
    )  # fmt: skip
    client.force_login(world["chairman"])
    page = client.post(
        f"/supervision/models/{model.pk}/evidence/", {"upload": SimpleUploadedFile("anh.exe", b"MZ")}, follow=True
    )
    assert "anh.exe" in page.content.decode() and not model.evidence.exists()
    client.post(f"/supervision/models/{model.pk}/evidence/", {"upload": SimpleUploadedFile("anh.jpg", b"\xff\xd8")})
    assert model.evidence.count() == 1


def test_documents_and_model_evidence_download_within_scope_only(client, world):
    client.force_login(world["supervisor"])
    url = f"/supervision/supervisions/{world['supervision'].pk}/documents/"
    client.post(url, {"kind": "plan", "upload": SimpleUploadedFile("ke-hoach.pdf", b"%PDF-plan")})
    document = world["supervision"].documents.get()
    response = client.get(f"/supervision/documents/{document.pk}/")
    assert b"".join(response.streaming_content) == b"%PDF-plan"
    assert "ke-hoach.pdf" in response["Content-Disposition"]
    model = services.register_model(
        actor=world["chairman"], unit=world["committee"], year=2024, name="Mô hình “Bản làng không ma túy”",
        field="political_system", start_date=date(2024, 1, 15),
    )  # fmt: skip
    client.force_login(world["chairman"])
    client.post(f"/supervision/models/{model.pk}/evidence/", {"upload": SimpleUploadedFile("anh.jpg", b"\xff\xd8jpg")})
    evidence = model.evidence.get()
    assert b"".join(client.get(f"/supervision/models/evidence/{evidence.pk}/").streaming_content) == b"\xff\xd8jpg"
    client.force_login(world["stranger"])
    assert client.get(f"/supervision/documents/{document.pk}/").status_code == 404
    assert client.get(f"/supervision/models/evidence/{evidence.pk}/").status_code == 404


@pytest.mark.parametrize("year", ["abc", "99999", "1200"])
def test_a_registry_year_out_of_range_shows_this_year(client, world, year):
    from django.utils import timezone

    client.force_login(world["chairman"])
    response = client.get(f"/supervision/models/?year={year}")
    assert response.status_code == 200 and response.context["year"] == timezone.localdate().year


def test_a_late_written_answer_is_reminded_then_reported_to_the_council(world, time_machine):
    def scan(day):
        time_machine.move_to(f"{day} 06:00 +0700", tick=False)
        with TestCase.captureOnCommitCallbacks(execute=True):
            alert_tasks.scan_deadlines()

    services.record_commitment(
        actor=world["supervisor"], body=world["standing"], addressed_to=world["committee"],
        council_session="Kỳ họp thứ 17 HĐND tỉnh", question="Khi nào hoàn thành cấp giấy chứng nhận?",
        asked_by="Đại biểu Lò Văn A", answered_by="Chủ tịch UBND phường Tân Phong", asked_on=date(2024, 2, 1),
        promise="Hoàn thành trong quý II/2024", due_date=date(2024, 6, 30),
    )  # fmt: skip
    scan("2024-02-21")  # the due day: a reminder to the committee's leader
    reminder = Notification.objects.get(recipient=world["chairman"], kind="written_answer_reminder")
    assert "21/02/2024" in reminder.title
    scan("2024-03-06")  # long overdue: levels reach the council's standing committee
    escalations = Notification.objects.filter(kind="written_answer_escalation")
    assert escalations.filter(recipient=world["supervisor"]).exists()
    assert "quá hạn" in escalations.filter(recipient=world["chairman"]).first().title


def test_recommendations_and_promises_address_units_of_the_bodys_own_province(client, world):
    dien_bien = UnitFactory(name="Tỉnh Điện Biên", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    elsewhere = UnitFactory(name="UBND xã Pa Tần", kind=UnitKind.PEOPLE_COMMITTEE, parent=dien_bien)
    client.force_login(world["supervisor"])
    page = client.get(f"/supervision/supervisions/{world['supervision'].pk}/").content.decode()
    assert "UBND phường Tân Phong" in page and "UBND xã Pa Tần" not in page
    refused = client.post(
        f"/supervision/supervisions/{world['supervision'].pk}/recommendations/",
        {"addressed_to": elsewhere.pk, "text": "Kiến nghị", "due_date": "30/06/2025"},
    )
    assert refused.status_code == 400 and not Recommendation.objects.exists()
    promise = {
        "body": world["standing"].pk, "council_session": "Kỳ họp thứ 17", "question": "Tiến độ?",
        "asked_by": "Đại biểu Lò Văn A", "answered_by": "Chủ tịch", "asked_on": "01/02/2024",
        "addressed_to": elsewhere.pk, "promise": "Hoàn thành", "due_date": "30/06/2024",
    }  # fmt: skip
    response = client.post("/supervision/commitments/", promise)
    assert response.status_code == 400 and not Recommendation.objects.exists()
