"""The supervision pages: each refuses strangers (404) and the wrong role (403), takes the happy path,
shows a refused input again with its message (400), filters and pages its lists, and keeps the number
of queries of a list page independent of its length."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from danvan.accounts.roles import Role
from danvan.history.models import ChangeKind
from danvan.history.selectors import history_of
from danvan.orgunits.models import UnitKind, UnitLevel
from supervision import services
from supervision.models import Initiative, Recommendation, SupervisionProgramme
from supervision.workflow import ProgrammeStatus, RecommendationStatus, SupervisionStatus
from tests.factories import (
    InitiativeFactory,
    ProgrammeFactory,
    RecommendationFactory,
    SupervisionFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2024-03-15 09:00 +0700", tick=False)


@pytest.fixture
def clerk(world):
    """Works in the supervising body but supervises nothing: sees its records, changes none."""
    return UserFactory(full_name="Lò Văn Tâm", roles=[Role.HANDLER], units=[world["standing"]])


@pytest.fixture
def officer(world):
    """A reception officer of the addressed committee: sees what is addressed to it, reports nothing."""
    return UserFactory(full_name="Lường Thị Thu", roles=[Role.RECEPTION_OFFICER], units=[world["committee"]])


@pytest.fixture
def recommendation(world):
    return services.add_recommendation(
        supervision=world["supervision"], actor=world["supervisor"], addressed_to=world["committee"],
        text="Rà soát, công khai quy trình cấp giấy phép xây dựng", due_date=date(2024, 6, 29),
    )  # fmt: skip


def as_user(client, user):
    client.force_login(user)
    return client


def page(response):
    return response.content.decode()


def query_count(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


# Programmes


def test_the_programme_list_is_scoped_filtered_and_paged(client, world):
    other_body = UnitFactory(
        name="Ban Thường trực UBMTTQ tỉnh", kind=UnitKind.FATHERLAND_FRONT, level=UnitLevel.PROVINCE,
        parent=world["province"],
    )  # fmt: skip
    ProgrammeFactory.create_batch(29, year=2023, body=world["standing"])
    ProgrammeFactory(year=2024, body=other_body, title="Chương trình của Mặt trận")
    province_supervisor = UserFactory(roles=[Role.SUPERVISOR], units=[world["province"]])
    client = as_user(client, province_supervisor)
    first = client.get("/supervision/")
    assert first.context["paginator"].count == 31 and len(first.context["programmes"]) == 25
    assert len(client.get("/supervision/", {"page": 2}).context["programmes"]) == 6
    assert client.get("/supervision/", {"year": 2024}).context["paginator"].count == 2
    by_body = client.get("/supervision/", {"body": other_body.pk})
    assert [p.title for p in by_body.context["programmes"]] == ["Chương trình của Mặt trận"]
    assert as_user(client, world["stranger"]).get("/supervision/").context["paginator"].count == 0


def test_the_programme_list_counts_overdue_recommendations(client, world, recommendation):
    Recommendation.objects.filter(pk=recommendation.pk).update(due_date=date(2024, 3, 1))
    response = as_user(client, world["chairman"]).get("/supervision/")
    assert response.context["overdue_count"] == 1 and "?overdue=true" in page(response)


def test_a_supervisor_creates_a_programme_and_others_may_not(client, world):
    assert as_user(client, world["chairman"]).get("/supervision/programmes/new/").status_code == 403
    client = as_user(client, world["supervisor"])
    assert client.get("/supervision/programmes/new/").status_code == 200
    refused = client.post(
        "/supervision/programmes/new/", {"year": "1990", "body": world["standing"].pk, "title": "Chương trình 1990"}
    )
    assert refused.status_code == 400 and 'value="Chương trình 1990"' in page(refused)
    assert "2000" in page(refused)  # the minimum year in the message
    response = client.post(
        "/supervision/programmes/new/",
        {"year": "2025", "body": world["standing"].pk, "title": "Chương trình giám sát năm 2025"},
    )
    programme = SupervisionProgramme.objects.get(year=2025)
    assert response["Location"] == f"/supervision/programmes/{programme.pk}/"
    assert [row.kind for row in history_of(programme)] == [ChangeKind.CREATED]


def test_the_programme_page_is_scoped(client, world, clerk):
    url = f"/supervision/programmes/{world['programme'].pk}/"
    assert as_user(client, world["stranger"]).get(url).status_code == 404
    clerk_page = as_user(client, clerk).get(url)
    assert clerk_page.status_code == 200 and "adopt-form" not in page(clerk_page)
    supervisor_page = as_user(client, world["supervisor"]).get(url)
    assert "adopt-form" in page(supervisor_page) and 'data-confirm="' in page(supervisor_page)


def test_the_programme_is_adopted_from_its_page(client, world, clerk):
    url = f"/supervision/programmes/{world['programme'].pk}/adopt/"
    data = {"number": "45/NQ-HĐND", "adopted_on": "08/12/2023"}
    assert as_user(client, world["stranger"]).post(url, data).status_code == 404
    assert as_user(client, clerk).post(url, data).status_code == 403
    client = as_user(client, world["supervisor"])
    future = client.post(url, {"number": "45/NQ-HĐND", "adopted_on": "08/12/2030"})
    assert future.status_code == 400 and "Ngày không được ở tương lai." in page(future)
    assert 'value="45/NQ-HĐND"' in page(future)
    assert client.post(url, data).status_code == 302
    world["programme"].refresh_from_db()
    assert world["programme"].status == ProgrammeStatus.ADOPTED
    again = client.post(url, data)
    assert again.status_code == 400 and "Không thể chuyển từ" in page(again)
    history = page(client.get(f"/supervision/programmes/{world['programme'].pk}/"))
    assert "45/NQ-HĐND" in history and "08/12/2023" in history


def test_a_supervision_is_added_to_the_programme(client, world, clerk):
    url = f"/supervision/programmes/{world['programme'].pk}/supervisions/"
    data = {"topic": "Giám sát việc giải quyết khiếu nại", "kind": "thematic", "period_from": "01/01/2023",
            "period_to": "31/12/2023"}  # fmt: skip
    assert as_user(client, world["stranger"]).post(url, data).status_code == 404
    assert as_user(client, clerk).post(url, data).status_code == 403
    client = as_user(client, world["supervisor"])
    bad = client.post(url, {**data, "period_to": "01/01/2022"})
    assert bad.status_code == 400 and "Thời điểm kết thúc không được trước" in page(bad)
    assert 'value="Giám sát việc giải quyết khiếu nại"' in page(bad)
    response = client.post(url, data)
    created = world["programme"].supervisions.get(topic=data["topic"])
    assert response["Location"] == f"/supervision/supervisions/{created.pk}/"


# Supervisions


def test_the_supervision_page_is_scoped_and_shows_its_history(client, world, clerk):
    url = f"/supervision/supervisions/{world['supervision'].pk}/"
    assert as_user(client, world["stranger"]).get(url).status_code == 404
    clerk_page = as_user(client, clerk).get(url)
    assert clerk_page.status_code == 200 and "status-form" not in page(clerk_page)
    services.add_finding(supervision=world["supervision"], actor=world["supervisor"], text="Hồ sơ trả quá hạn.")
    response = as_user(client, world["supervisor"]).get(url)
    assert "sec-history" in page(response) and response.context["history"][0].kind == ChangeKind.ADDED


def test_the_supervision_moves_along_from_its_page(client, world, clerk):
    url = f"/supervision/supervisions/{world['supervision'].pk}/status/"
    assert as_user(client, world["stranger"]).post(url, {"target": "fieldwork"}).status_code == 404
    assert as_user(client, clerk).post(url, {"target": "fieldwork"}).status_code == 403
    client = as_user(client, world["supervisor"])
    client.post(url, {"target": "fieldwork"})
    client.post(url, {"target": "reporting"})
    detail = page(client.get(f"/supervision/supervisions/{world['supervision'].pk}/"))
    assert 'data-confirm="' in detail  # concluding is asked first
    refused = client.post(url, {"target": "concluded", "summary": "Tóm tắt kết quả"})
    assert refused.status_code == 400 and "cần có số và ngày báo cáo" in page(refused)
    assert page(refused).count("cần có số và ngày báo cáo") == 1 and "Tóm tắt kết quả" in page(refused)
    client.post(url, {"target": "concluded", "report_number": "86/BC-HĐND", "report_date": "20/11/2023"})
    world["supervision"].refresh_from_db()
    assert world["supervision"].status == SupervisionStatus.CONCLUDED
    assert [(r.from_status, r.to_status) for r in history_of(world["supervision"])] == [
        ("planned", "fieldwork"), ("fieldwork", "reporting"), ("reporting", "concluded"),
    ]  # fmt: skip


def test_documents_are_uploaded_in_versions_and_other_types_refused(client, world, clerk):
    url = f"/supervision/supervisions/{world['supervision'].pk}/documents/"
    assert as_user(client, clerk).post(url, {"kind": "plan"}).status_code == 403
    client = as_user(client, world["supervisor"])
    refused = client.post(url, {"kind": "plan", "upload": SimpleUploadedFile("ke-hoach.exe", b"MZ")})
    assert refused.status_code == 400 and "ke-hoach.exe" in page(refused)
    assert not world["supervision"].documents.exists()
    for _ in range(2):
        client.post(url, {"kind": "report", "upload": SimpleUploadedFile("bao-cao.pdf", b"%PDF")})
    assert list(world["supervision"].documents.values_list("version", flat=True)) == [2, 1]


def test_delegation_units_and_findings_are_added_from_the_supervision_page(client, world, clerk):
    base = f"/supervision/supervisions/{world['supervision'].pk}/"
    member = {"full_name": "Nguyễn Văn Khoa", "role": "deputy", "from_body": "Ban Kinh tế – Ngân sách"}
    assert as_user(client, clerk).post(base + "delegation/", member).status_code == 403
    client = as_user(client, world["supervisor"])
    missing = client.post(base + "delegation/", {**member, "full_name": ""})
    assert missing.status_code == 400 and 'value="Ban Kinh tế – Ngân sách"' in page(missing)
    assert client.post(base + "delegation/", member).status_code == 302
    assert client.post(base + "units/", {"unit": world["committee"].pk, "visited": "on"}).status_code == 302
    twice = client.post(base + "units/", {"unit": world["committee"].pk})
    assert twice.status_code == 400 and "UBND phường Tân Phong" in page(twice)
    assert client.post(base + "findings/", {"text": "Kiểm tra sau cấp phép chưa thường xuyên."}).status_code == 302
    assert client.post(base + "findings/", {"text": ""}).status_code == 400
    supervision = world["supervision"]
    assert supervision.delegation.get().full_name == "Nguyễn Văn Khoa"
    assert supervision.supervised_units.get().visited and supervision.findings.count() == 1


def test_a_recommendation_and_its_finding_are_added_together(client, world, clerk):
    url = f"/supervision/supervisions/{world['supervision'].pk}/recommendations/"
    data = {"addressed_to": world["committee"].pk, "text": "Giải quyết dứt điểm các vụ việc tồn đọng",
            "due_date": "30/06/2025", "finding_text": "Còn 5 vụ việc quá hạn."}  # fmt: skip
    assert as_user(client, world["stranger"]).post(url, data).status_code == 404
    assert as_user(client, clerk).post(url, data).status_code == 403
    client = as_user(client, world["supervisor"])
    elsewhere = UnitFactory(name="UBND xã Pa Tần", kind=UnitKind.PEOPLE_COMMITTEE)
    assert "UBND xã Pa Tần" not in page(client.get(f"/supervision/supervisions/{world['supervision'].pk}/"))
    assert client.post(url, {**data, "addressed_to": elsewhere.pk}).status_code == 400
    world["supervision"].report_date = date(2024, 1, 10)
    world["supervision"].save(update_fields=["report_date"])
    early = client.post(url, {**data, "due_date": "01/01/2024"})
    assert early.status_code == 400 and "Thời hạn không được trước ngày báo cáo." in page(early)
    assert "Còn 5 vụ việc quá hạn." in page(early) and not world["supervision"].findings.exists()
    assert client.post(url, data).status_code == 302
    recommendation = world["supervision"].recommendations.get()
    assert recommendation.finding.text == "Còn 5 vụ việc quá hạn." and recommendation.body == world["standing"]


def test_documents_download_within_scope_only(client, world):
    document = services.upload_document(
        supervision=world["supervision"], actor=world["supervisor"], kind="plan",
        upload=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-plan"),
    )  # fmt: skip
    response = as_user(client, world["supervisor"]).get(f"/supervision/documents/{document.pk}/")
    assert b"".join(response.streaming_content) == b"%PDF-plan"
    assert "ke-hoach.pdf" in response["Content-Disposition"]
    assert as_user(client, world["stranger"]).get(f"/supervision/documents/{document.pk}/").status_code == 404


# Recommendations


def test_the_recommendation_list_is_scoped_filtered_and_paged(client, world):
    RecommendationFactory.create_batch(
        27, supervision=world["supervision"], addressed_to=world["committee"], due_date=date(2024, 6, 30)
    )
    other = UnitFactory(name="UBND xã Bình Lư", kind=UnitKind.PEOPLE_COMMITTEE, parent=world["province"])
    late = RecommendationFactory(supervision=world["supervision"], addressed_to=other, due_date=date(2024, 3, 1))
    done = RecommendationFactory(
        supervision=world["supervision"], addressed_to=other, status=RecommendationStatus.IMPLEMENTED
    )
    client = as_user(client, world["supervisor"])
    first = client.get("/supervision/recommendations/")
    assert first.context["paginator"].count == 29 and len(first.context["recommendations"]) == 25
    assert len(client.get("/supervision/recommendations/", {"page": 2}).context["recommendations"]) == 4

    def listed(**query):
        return [r.pk for r in client.get("/supervision/recommendations/", query).context["recommendations"]]

    assert listed(overdue="true") == [late.pk]
    assert listed(addressed_to=other.pk, status="implemented") == [done.pk]
    assert listed(kind="commitment") == []
    # The committee sees only what is addressed to it.
    assert as_user(client, world["chairman"]).get("/supervision/recommendations/").context["paginator"].count == 27


def test_recommendations_export_as_filtered(client, world):
    RecommendationFactory(supervision=world["supervision"], addressed_to=world["committee"], text="Kiến nghị đúng hạn")
    RecommendationFactory(
        supervision=world["supervision"], addressed_to=world["committee"], text="=HYPERLINK(1)",
        due_date=date(2024, 3, 1),
    )  # fmt: skip
    response = as_user(client, world["supervisor"]).get("/supervision/recommendations.xlsx", {"overdue": "true"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 1 and rows[0][2] == "=HYPERLINK(1)"  # text, never a formula


def test_the_recommendation_page_is_scoped_and_shows_progress_beside_the_history(client, world, recommendation):
    url = f"/supervision/recommendations/{recommendation.pk}/"
    assert as_user(client, world["stranger"]).get(url).status_code == 404
    response = as_user(client, world["chairman"]).get(url)
    assert "sec-updates" in page(response) and "sec-history" in page(response)
    assert 'value="not_implemented"' not in page(response)  # the supervising body's conclusion
    assert 'value="not_implemented"' in page(as_user(client, world["supervisor"]).get(url))


def test_progress_is_reported_from_the_recommendation_page(client, world, recommendation, officer):
    url = f"/supervision/recommendations/{recommendation.pk}/progress/"
    data = {"text": "Đã niêm yết quy trình", "status": "in_progress", "percent": "40"}
    assert as_user(client, world["stranger"]).post(url, data).status_code == 404
    assert as_user(client, officer).post(url, data).status_code == 403
    client = as_user(client, world["chairman"])
    empty = client.post(url, {**data, "text": " "})
    assert empty.status_code == 400 and 'value="40"' in page(empty)
    evidence = SimpleUploadedFile("bien-ban.pdf", b"%PDF-bien-ban")
    assert (
        client.post(url, {**data, "status": "implemented", "percent": "100", "evidence": evidence}).status_code == 302
    )
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.IMPLEMENTED and recommendation.percent == 100
    again = client.post(url, data)
    assert again.status_code == 400 and "Không thể chuyển từ" in page(again)
    update = recommendation.updates.get()
    downloaded = client.get(f"/supervision/evidence/{update.pk}/")
    assert b"".join(downloaded.streaming_content) == b"%PDF-bien-ban"
    assert as_user(client, world["stranger"]).get(f"/supervision/evidence/{update.pk}/").status_code == 404


# Commitments


PROMISE = {
    "council_session": "Kỳ họp thứ 17", "question": "Tiến độ cấp giấy chứng nhận?", "asked_by": "Đại biểu Lò Văn A",
    "answered_by": "Chủ tịch UBND phường", "asked_on": "01/02/2024", "promise": "Hoàn thành trong quý II",
    "due_date": "30/06/2024",
}  # fmt: skip


def test_a_commitment_is_recorded_with_its_written_answer_date(client, world):
    assert as_user(client, world["chairman"]).get("/supervision/commitments/new/").status_code == 403
    client = as_user(client, world["supervisor"])
    assert client.get("/supervision/commitments/new/").status_code == 200
    data = {**PROMISE, "body": world["standing"].pk, "addressed_to": world["committee"].pk}
    elsewhere = UnitFactory(name="UBND xã Pa Tần", kind=UnitKind.PEOPLE_COMMITTEE)
    refused = client.post("/supervision/commitments/new/", {**data, "addressed_to": elsewhere.pk})
    assert refused.status_code == 400 and 'value="Đại biểu Lò Văn A"' in page(refused)
    backwards = client.post("/supervision/commitments/new/", {**data, "due_date": "01/01/2024"})
    assert backwards.status_code == 400 and not Recommendation.objects.exists()
    response = client.post("/supervision/commitments/new/", data)
    commitment = Recommendation.objects.get(kind="commitment")
    assert response.status_code == 302 and commitment.written_answer_due == date(2024, 2, 21)
    assert "Hoàn thành trong quý II" in page(client.get("/supervision/commitments/"))


def test_the_written_answer_is_recorded_from_the_commitment_page(client, world, officer):
    commitment = services.record_commitment(
        actor=world["supervisor"], body=world["standing"], addressed_to=world["committee"],
        council_session="Kỳ họp thứ 17", question="Tiến độ?", asked_by="Đại biểu Lò Văn A", answered_by="Chủ tịch",
        asked_on=date(2024, 2, 1), promise="Hoàn thành", due_date=date(2024, 6, 30),
    )  # fmt: skip
    url = f"/supervision/recommendations/{commitment.pk}/written-answer/"
    assert as_user(client, world["stranger"]).post(url, {"answered_on": "20/02/2024"}).status_code == 404
    assert as_user(client, officer).post(url, {"answered_on": "20/02/2024"}).status_code == 403
    client = as_user(client, world["chairman"])
    early = client.post(url, {"answered_on": "31/01/2024"})
    assert early.status_code == 400 and "Ngày trả lời phải từ ngày chất vấn đến hôm nay." in page(early)
    assert 'value="31/01/2024"' in page(early)
    assert client.post(url, {"answered_on": "20/02/2024"}).status_code == 302
    commitment.refresh_from_db()
    assert commitment.written_answer_on == date(2024, 2, 20)


def test_the_commitment_list_is_filtered_and_paged(client, world):
    def promise(**extra):
        return RecommendationFactory(
            kind="commitment", supervision=None, body=world["standing"], addressed_to=world["committee"],
            asked_on=date(2024, 2, 1), written_answer_due=date(2024, 2, 21), **extra,
        )  # fmt: skip

    for _ in range(26):
        promise()
    sent = promise(written_answer_on=date(2024, 2, 20))
    RecommendationFactory(supervision=world["supervision"], addressed_to=world["committee"])  # not a commitment
    client = as_user(client, world["supervisor"])
    first = client.get("/supervision/commitments/")
    assert first.context["paginator"].count == 27 and len(first.context["commitments"]) == 25
    assert [
        c.pk for c in client.get("/supervision/commitments/", {"written_answer": "sent"}).context["commitments"]
    ] == [sent.pk]
    assert client.get("/supervision/commitments/", {"written_answer": "late"}).context["paginator"].count == 26
    assert as_user(client, world["stranger"]).get("/supervision/commitments/").context["paginator"].count == 0


# Initiatives


INITIATIVE = {"name": "Dân vận khéo trong giải phóng mặt bằng", "field": "economy", "level": "grassroots",
              "start_date": "01/02/2024"}  # fmt: skip


def test_initiatives_are_registered_and_carried_over(client, world, officer):
    assert as_user(client, officer).get("/supervision/initiatives/new/").status_code == 403
    client = as_user(client, world["chairman"])
    assert client.get("/supervision/initiatives/new/", {"year": 2024}).status_code == 200
    data = {**INITIATIVE, "year": "2024", "unit": world["committee"].pk}
    response = client.post("/supervision/initiatives/new/", data)
    assert response.status_code == 302 and response["Location"] == "/supervision/initiatives/?year=2024"
    duplicate = client.post("/supervision/initiatives/new/", data)
    assert duplicate.status_code == 400 and "đã đăng ký mô hình trùng tên" in page(duplicate)
    assert page(duplicate).count("đã đăng ký mô hình trùng tên") == 1
    assert 'value="Dân vận khéo trong giải phóng mặt bằng"' in page(duplicate)
    assert (
        client.post("/supervision/initiatives/carry-over/", {"year": "1999", "unit": world["committee"].pk}).status_code
        == 400
    )
    assert (
        client.post("/supervision/initiatives/carry-over/", {"year": "2025", "unit": world["committee"].pk}).status_code
        == 302
    )
    carried = Initiative.objects.get(year=2025)
    assert carried.carried_from.year == 2024 and [r.kind for r in history_of(carried)] == [ChangeKind.CREATED]


def test_the_initiative_page_moves_the_status_and_attaches_evidence(client, world, officer):
    initiative = InitiativeFactory(unit=world["committee"], status="evaluated")
    url = f"/supervision/initiatives/{initiative.pk}/"
    assert as_user(client, world["stranger"]).get(url).status_code == 404
    assert as_user(client, officer).get(url).status_code == 200
    assert as_user(client, officer).post(url + "status/", {"target": "implementing"}).status_code == 403
    client = as_user(client, world["chairman"])
    refused = client.post(url + "status/", {"target": "exemplar", "recognition": " "})
    assert refused.status_code == 400 and "Ghi quyết định công nhận." in page(refused)
    assert client.post(url + "status/", {"target": "exemplar", "recognition": "QĐ 215/QĐ-UBND"}).status_code == 302
    assert 'data-confirm="' in page(client.get(url))  # commending next: asked first
    wrong = client.post(url + "evidence/", {"upload": SimpleUploadedFile("anh.exe", b"MZ")})
    assert wrong.status_code == 400 and "anh.exe" in page(wrong)
    photo = b"\xff\xd8\xffjpg"  # a JPEG's signature: uploads are checked by their bytes
    assert client.post(url + "evidence/", {"upload": SimpleUploadedFile("anh.jpg", photo)}).status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "exemplar" and initiative.recognition == "QĐ 215/QĐ-UBND"
    evidence = initiative.evidence.get()
    assert b"".join(client.get(f"/supervision/initiatives/evidence/{evidence.pk}/").streaming_content) == photo
    assert (
        as_user(client, world["stranger"]).get(f"/supervision/initiatives/evidence/{evidence.pk}/").status_code == 404
    )
    history = as_user(client, world["chairman"]).get(url).context["history"]
    assert [row.kind for row in history] == [ChangeKind.STATUS, ChangeKind.FILE]


def test_the_initiative_registry_is_filtered_paged_and_exported(client, world):
    other = UnitFactory(name="UBND xã Bình Lư", kind=UnitKind.PEOPLE_COMMITTEE, parent=world["province"])
    InitiativeFactory.create_batch(26, unit=world["committee"], year=2024)
    exemplar = InitiativeFactory(unit=other, year=2024, status="exemplar", field="culture_society")
    InitiativeFactory(unit=other, year=2023)
    client = as_user(client, UserFactory(roles=[Role.LEADER], units=[world["province"]]))
    first = client.get("/supervision/initiatives/", {"year": 2024})
    assert first.context["paginator"].count == 27 and len(first.context["initiatives"]) == 25
    assert {row["unit__name"]: row["new"] for row in first.context["counts"]} == {
        "UBND phường Tân Phong": 26, "UBND xã Bình Lư": 1,
    }  # fmt: skip

    def listed(**query):
        return [i.pk for i in client.get("/supervision/initiatives/", {"year": 2024, **query}).context["initiatives"]]

    assert listed(unit=other.pk) == listed(status="exemplar") == listed(field="culture_society") == [exemplar.pk]
    sheet = load_workbook(
        BytesIO(client.get("/supervision/initiatives.xlsx", {"year": 2024, "unit": other.pk}).content)
    ).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 1 and rows[0][1] == "UBND xã Bình Lư" and rows[0][6] == "mới"


@pytest.mark.parametrize("year", ["abc", "99999", "1200"])
def test_a_registry_year_out_of_range_shows_this_year(client, world, year):
    response = as_user(client, world["chairman"]).get(f"/supervision/initiatives/?year={year}")
    assert response.status_code == 200 and response.context["year"] == timezone.localdate().year


# A list page makes as many queries for one row as for twenty.


def _programmes(world, n):
    for _ in range(n):
        SupervisionFactory(programme=ProgrammeFactory(body=world["standing"]))


def _recommendations(world, n):
    RecommendationFactory.create_batch(n, supervision=world["supervision"], addressed_to=world["committee"])


def _commitments(world, n):
    RecommendationFactory.create_batch(
        n, kind="commitment", supervision=None, body=world["standing"], addressed_to=world["committee"],
        asked_on=date(2024, 2, 1), written_answer_due=date(2024, 2, 21),
    )  # fmt: skip


def _initiatives(world, n):
    for initiative in InitiativeFactory.create_batch(n, unit=world["committee"], year=2024):
        services.add_initiative_evidence(
            initiative=initiative, actor=world["chairman"], upload=SimpleUploadedFile("anh.jpg", b"\xff\xd8")
        )


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/supervision/", _programmes),
        ("/supervision/recommendations/", _recommendations),
        ("/supervision/commitments/", _commitments),
        ("/supervision/initiatives/?year=2024", _initiatives),
    ],
)
def test_list_pages_make_the_same_queries_for_one_row_as_for_twenty(client, world, url, make):
    client = as_user(client, world["supervisor"] if "initiatives" not in url else world["chairman"])
    make(world, 1)
    one = query_count(client, url)
    make(world, 19)
    assert query_count(client, url) == one


# Readers told by an escalation notice


@pytest.fixture
def superior(world):
    """The province's People's Committee's chairman: told at level 2, outside the records' scope."""
    committee = UnitFactory(
        name="UBND tỉnh Lai Châu", kind=UnitKind.PEOPLE_COMMITTEE, level=UnitLevel.PROVINCE, parent=world["province"]
    )
    return UserFactory(full_name="Lò Văn Hưng", roles=[Role.LEADER], units=[committee])


def test_whoever_an_escalation_told_reads_the_recommendation_and_changes_nothing(
    client, world, recommendation, superior
):
    url = f"/supervision/recommendations/{recommendation.pk}/"
    services.record_progress(
        recommendation=recommendation, actor=world["chairman"], text="Đã niêm yết quy trình", status="in_progress",
        percent=40, evidence=SimpleUploadedFile("bien-ban.pdf", b"%PDF-bien-ban"),
    )  # fmt: skip
    assert as_user(client, superior).get(url).status_code == 404  # not told yet
    services.escalate_recommendation(recommendation=recommendation, level=2, readers=[superior, world["supervisor"]])
    response = client.get(url)
    html = page(response)
    assert (
        response.status_code == 200 and "Rà soát, công khai quy trình" in html and 'data-testid="reader-note"' in html
    )
    assert "progress-form" not in html and "answer-form" not in html  # read only
    assert f'href="/supervision/programmes/{world["programme"].pk}/"' not in html  # a page they may not open
    update = recommendation.updates.get()
    assert b"".join(client.get(f"/supervision/evidence/{update.pk}/").streaming_content) == b"%PDF-bien-ban"
    progress = {"text": "Xong", "status": "implemented", "percent": "100"}
    assert client.post(f"{url}progress/", progress).status_code == 403
    assert client.get(f"/supervision/programmes/{world['programme'].pk}/").status_code == 404
    # The lists and figures keep to the user's units: being told opens the one page.
    assert client.get("/supervision/recommendations/").context["paginator"].count == 0
    assert 'data-testid="reader-note"' not in page(as_user(client, world["supervisor"]).get(url))
    assert as_user(client, world["stranger"]).get(url).status_code == 404


def test_a_reader_is_let_in_by_one_lookup_inside_the_page_query(world, recommendation, superior):
    from supervision import selectors

    services.escalate_recommendation(recommendation=recommendation, level=2, readers=[superior])
    user = type(superior).objects.get(pk=superior.pk)  # nothing cached
    with CaptureQueriesContext(connection) as context:
        assert selectors.recommendations_readable_by(user).get(pk=recommendation.pk) == recommendation
    touching = [q["sql"] for q in context.captured_queries if "supervision_recommendation" in q["sql"]]
    assert len(touching) == 1 and "supervision_recommendationreader" in touching[0]


# Progress that says what it means


def selected_status(html):
    """The value of the status option the progress form starts on ("" for the empty choice)."""
    import re

    form = html[html.index('id="progress-form"') :]
    select = form[form.index('name="status"') : form.index("</select>")]
    chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', select)
    return chosen[0] if chosen else None


def test_an_implemented_report_at_fifty_percent_is_refused_with_its_reason(client, world, recommendation):
    url = f"/supervision/recommendations/{recommendation.pk}/progress/"
    client = as_user(client, world["chairman"])
    data = {"text": "Đã niêm yết một phần quy trình", "status": "implemented", "percent": "50"}
    refused = client.post(url, data)
    html = page(refused)
    message = "“Đã thực hiện” nghĩa là đã hoàn thành 100%"
    assert refused.status_code == 400 and html.count(message) == 1
    assert 'value="50"' in html and "Đã niêm yết một phần quy trình" in html  # the input is kept
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.percent) == ("not_started", 0)
    assert client.post(url, {**data, "status": "partly"}).status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.percent) == ("partly", 50)


def test_the_progress_form_states_the_rules_and_never_starts_on_an_ending_status(client, world, recommendation):
    url = f"/supervision/recommendations/{recommendation.pk}/"
    client = as_user(client, world["supervisor"])
    html = page(client.get(url))
    assert "Chưa thực hiện: 0%" in html and "Đã thực hiện: 100%" in html  # the help text
    assert selected_status(html) in (None, "")  # not started: nothing chosen, not the first final status
    assert '<option value="" selected>' in html[html.index('id="progress-form"') :]
    Recommendation.objects.filter(pk=recommendation.pk).update(status="in_progress", percent=30)
    assert selected_status(page(client.get(url))) == "in_progress"
    Recommendation.objects.filter(pk=recommendation.pk).update(status="not_implemented", percent=0)
    html = page(client.get(url))
    assert selected_status(html) in (None, "") and 'value="not_implemented"' not in html  # only the steps from here


def test_every_final_step_asks_first(client, world, recommendation):
    client = as_user(client, world["chairman"])

    def confirm_of(html, heading_id):
        form = html[html.index(f'id="{heading_id}"') :]
        form = form[: form.index("</form>")]
        return "data-confirm=" in form

    assert confirm_of(page(client.get(f"/supervision/recommendations/{recommendation.pk}/")), "progress-form")
    commitment = services.record_commitment(
        actor=world["supervisor"], body=world["standing"], addressed_to=world["committee"],
        council_session="Kỳ họp thứ 17", question="Tiến độ?", asked_by="Đại biểu Lò Văn A", answered_by="Chủ tịch",
        asked_on=date(2024, 2, 1), promise="Hoàn thành", due_date=date(2024, 6, 30),
    )  # fmt: skip
    # The written answer is recorded once and for good.
    assert confirm_of(page(client.get(f"/supervision/recommendations/{commitment.pk}/")), "answer-form")
    # Recognising an exemplar cannot be taken back (then commending it).
    evaluated = InitiativeFactory(unit=world["committee"], status="evaluated")
    assert confirm_of(page(client.get(f"/supervision/initiatives/{evaluated.pk}/")), "status-form")
    supervisor = as_user(client, world["supervisor"])
    assert confirm_of(page(supervisor.get(f"/supervision/programmes/{world['programme'].pk}/")), "adopt-form")
    reporting = SupervisionFactory(programme=world["programme"], status=SupervisionStatus.REPORTING)
    assert confirm_of(page(supervisor.get(f"/supervision/supervisions/{reporting.pk}/")), "status-form")


def form_attributes(html, heading_id):
    """The attributes of the <form> tag of the card headed `heading_id`."""
    import re

    form = html[html.index(f'id="{heading_id}"') :]
    tag = form[form.index("<form") : form.index(">", form.index("<form"))]
    return dict(re.findall(r'(data-confirm[\w-]*)="([^"]*)"', tag))


def test_a_step_form_asks_only_when_the_step_chosen_is_recorded_for_good(client, world, recommendation):
    chairman = as_user(client, world["chairman"])
    # Evaluated: back to implementation asks nothing, recognition as an exemplar asks.
    evaluated = InitiativeFactory(unit=world["committee"], status="evaluated")
    asks = form_attributes(page(chairman.get(f"/supervision/initiatives/{evaluated.pk}/")), "status-form")
    assert asks["data-confirm"].startswith("Việc công nhận điển hình không thể")
    assert (asks["data-confirm-field"], asks["data-confirm-values"]) == ("target", "exemplar")
    exemplar = InitiativeFactory(unit=world["committee"], status="exemplar")
    asks = form_attributes(page(chairman.get(f"/supervision/initiatives/{exemplar.pk}/")), "status-form")
    assert asks["data-confirm-values"] == "commended"
    # A progress report asks only when it ends the recommendation; the addressed unit cannot conclude
    # "not implemented", so its form asks about "implemented" only.
    url = f"/supervision/recommendations/{recommendation.pk}/"
    asks = form_attributes(page(chairman.get(url)), "progress-form")
    assert (asks["data-confirm-field"], asks["data-confirm-values"]) == ("status", "implemented")
    supervisor = as_user(client, world["supervisor"])
    asks = form_attributes(page(supervisor.get(url)), "progress-form")
    assert asks["data-confirm-values"] == "implemented not_implemented"
    assert "“Đã thực hiện” kết thúc kiến nghị" in asks["data-confirm"]
    # A concluded supervision: closing asks, a re-supervision (back to field work) does not.
    concluded = SupervisionFactory(programme=world["programme"], status=SupervisionStatus.CONCLUDED)
    asks = form_attributes(page(supervisor.get(f"/supervision/supervisions/{concluded.pk}/")), "status-form")
    assert (asks["data-confirm-field"], asks["data-confirm-values"]) == ("target", "closed")
    # Planned: field work is the only step, nothing to ask.
    planned = SupervisionFactory(programme=world["programme"])
    assert form_attributes(page(supervisor.get(f"/supervision/supervisions/{planned.pk}/")), "status-form") == {}


def test_the_recommendation_page_shows_the_finding_it_answers(client, world):
    finding = services.add_finding(
        supervision=world["supervision"], actor=world["supervisor"], text="Còn 12 hồ sơ cấp phép quá hạn."
    )
    answering = services.add_recommendation(
        supervision=world["supervision"], actor=world["supervisor"], addressed_to=world["committee"],
        text="Giải quyết dứt điểm hồ sơ quá hạn", due_date=date(2024, 6, 29), finding=finding,
    )  # fmt: skip
    html = page(as_user(client, world["chairman"]).get(f"/supervision/recommendations/{answering.pk}/"))
    shown = html[html.index('data-testid="recommendation-finding"') :]
    shown = shown[: shown.index("</div>")]
    assert "Hạn chế, tồn tại cần khắc phục:" in shown and "Còn 12 hồ sơ cấp phép quá hạn." in shown
    alone = services.add_recommendation(
        supervision=world["supervision"], actor=world["supervisor"], addressed_to=world["committee"],
        text="Công khai quy trình", due_date=date(2024, 6, 29),
    )  # fmt: skip
    assert "recommendation-finding" not in page(client.get(f"/supervision/recommendations/{alone.pk}/"))


def test_a_model_is_not_marked_implemented_before_it_starts(client, world):
    planned = InitiativeFactory(unit=world["committee"], start_date=date(2024, 9, 1))
    refused = as_user(client, world["chairman"]).post(
        f"/supervision/initiatives/{planned.pk}/status/", {"target": "implementing"}
    )
    message = "Mô hình bắt đầu từ ngày 01/09/2024; chỉ ghi nhận “Đang triển khai” từ ngày đó trở đi."
    assert refused.status_code == 400 and page(refused).count(message) == 1
    planned.refresh_from_db()
    assert planned.status == "registered"


def test_labels_that_begin_with_dan_van_kheo_models_are_capitalised(client, world):
    import re

    initiative = InitiativeFactory(unit=world["committee"])
    client = as_user(client, world["chairman"])
    pages = {
        "/supervision/": "button",
        "/supervision/initiatives/?year=2024": "title and breadcrumb",
        f"/supervision/initiatives/{initiative.pk}/": "breadcrumb",
        "/supervision/initiatives/new/?year=2024": "breadcrumb",
    }
    for url in pages:
        html = page(client.get(url))
        assert re.search(r">\s*(<i [^>]*></i>\s*)?Mô hình Dân vận khéo", html), url
        # Lower case only inside a sentence, never where a label or the title starts.
        assert not re.search(r"(>|<title>)\s*(<i [^>]*></i>\s*)?mô hình Dân vận khéo", html), url
    assert '<dd class="col-sm-8">Mới</dd>' in page(client.get(f"/supervision/initiatives/{initiative.pk}/"))


def test_a_supervision_with_no_finding_says_so_unnumbered(client, world):
    html = page(as_user(client, world["supervisor"]).get(f"/supervision/supervisions/{world['supervision'].pk}/"))
    section = html[html.index('id="sec-findings"') : html.index('id="sec-recommendations"')]
    assert "Chưa ghi nhận hạn chế, tồn tại nào." in section
    assert "list-group-numbered" not in section and "—" not in section


def test_a_year_or_percentage_out_of_bounds_is_explained_without_a_stray_space(client, world, recommendation):
    client = as_user(client, world["supervisor"])
    late = page(client.get("/supervision/", {"year": "2101"}))
    early = page(client.get("/supervision/", {"year": "1999"}))
    assert "Năm không được sau 2100." in late and "Năm phải từ 2000 trở đi." in early
    assert " ." not in late + early
    created = page(client.post("/supervision/programmes/new/", {"year": "2101", "title": "Chương trình"}))
    assert "Năm không được sau 2100." in created
    reported = client.post(
        f"/supervision/recommendations/{recommendation.pk}/progress/",
        {"text": "Đã làm", "status": "in_progress", "percent": "150"},
    )
    assert reported.status_code == 400 and "Tỷ lệ hoàn thành phải từ 0 đến 100." in page(reported)
    assert " ." not in page(reported)


def test_an_implemented_recommendation_offers_no_more_progress(client, world, recommendation):
    services.record_progress(
        recommendation=recommendation, actor=world["chairman"], text="Đã công khai quy trình", status="implemented",
        percent=100,
    )  # fmt: skip
    html = page(as_user(client, world["chairman"]).get(f"/supervision/recommendations/{recommendation.pk}/"))
    assert "Đã công khai quy trình" in html
    assert "progress-form" not in html
