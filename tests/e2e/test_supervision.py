from datetime import date

import pytest

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind, UnitLevel
from supervision import services
from tests.e2e.conftest import PHONE, has_horizontal_scroll, screenshot
from tests.factories import (
    PASSWORD,
    InitiativeFactory,
    ProgrammeFactory,
    SupervisionFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("seeded_transactional_db")]


def test_supervisor_records_progress_with_evidence_and_sees_the_status_change(live_server, page, tmp_path):
    province = UnitFactory(name="Tỉnh Lai Châu", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    standing = UnitFactory(name="Thường trực HĐND tỉnh", kind=UnitKind.COUNCIL_STANDING, parent=province)
    commune = UnitFactory(name="Phường Tân Phong", kind=UnitKind.COMMUNE, parent=province)
    committee = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE, parent=commune)
    UserFactory(username="giamsat", full_name="Tòng Thị Mai", roles=[Role.SUPERVISOR], units=[standing])
    programme = ProgrammeFactory(year=2024, body=standing, title="Chương trình giám sát năm 2024")
    supervision = SupervisionFactory(
        programme=programme, topic="Cấp giấy phép xây dựng giai đoạn 2017–2021",
        period_from=date(2017, 1, 1), period_to=date(2021, 12, 31),
    )  # fmt: skip
    actor = UserFactory(roles=[Role.SUPERVISOR], units=[standing])
    recommendation = services.add_recommendation(
        supervision=supervision, actor=actor, addressed_to=committee,
        text="Công khai quy trình cấp phép tại bộ phận một cửa", due_date=date(2030, 3, 31),
    )  # fmt: skip
    evidence = tmp_path / "bien-ban-kiem-tra.pdf"
    evidence.write_bytes(b"%PDF-1.4 bien ban")
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("giamsat")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.get_by_role("link", name="Giám sát").click()
    page.get_by_role("link", name="2024 – Chương trình giám sát năm 2024").click()
    row = page.get_by_test_id(f"recommendation-{recommendation.pk}")
    assert "Chưa thực hiện" in row.inner_text()
    row.get_by_role("link").click()
    page.get_by_label("Nội dung đã thực hiện").fill("Đã niêm yết quy trình tại bộ phận một cửa.")
    page.get_by_label("Trạng thái").select_option(label="Đã thực hiện")
    page.get_by_label("Tỷ lệ hoàn thành (%)").fill("100")
    page.get_by_label("Tài liệu chứng minh (nếu có)").set_input_files(str(evidence))
    page.get_by_role("button", name="Lưu cập nhật").click()
    assert page.get_by_test_id("recommendation-status").inner_text().startswith("Đã thực hiện")
    assert len(questions) == 1  # a progress report cannot be taken back: asked first
    assert page.get_by_role("link", name="bien-ban-kiem-tra.pdf").is_visible()
    assert "100% – Đã niêm yết quy trình" in page.locator("#sec-history").locator("xpath=../..").inner_text()
    screenshot(page, "supervision-recommendation-desktop")

    page.get_by_role("link", name="2024").click()
    assert "Đã thực hiện" in page.get_by_test_id(f"recommendation-{recommendation.pk}").inner_text()
    screenshot(page, "supervision-programme-desktop")


def sign_in(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("giamsat")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def test_an_initiative_asks_before_recognition_only(live_server, page):
    province = UnitFactory(name="Tỉnh Lai Châu", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    commission = UnitFactory(name="Ban Dân vận Tỉnh ủy", kind=UnitKind.MASS_MOBILISATION, parent=province)
    UserFactory(username="giamsat", full_name="Tòng Thị Mai", roles=[Role.SUPERVISOR], units=[commission])
    initiative = InitiativeFactory(
        unit=commission, name="Dân vận khéo trong xây dựng nông thôn mới", status="evaluated"
    )
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/supervision/initiatives/{initiative.pk}/")
    status = page.get_by_test_id("initiative-status")
    form = page.locator("form", has=page.get_by_label("Chuyển sang"))
    # Stepping back to implementation, then evaluated again: nothing irreversible, nothing asked.
    form.get_by_label("Chuyển sang").select_option(label="Đang triển khai")
    form.get_by_role("button", name="Lưu").click()
    assert status.inner_text() == "Đang triển khai"
    form.get_by_label("Chuyển sang").select_option(label="Đã đánh giá")
    form.get_by_role("button", name="Lưu").click()
    assert status.inner_text() == "Đã đánh giá" and questions == []
    # Recognition cannot be taken back: asked once.
    form.get_by_label("Chuyển sang").select_option(label="Được công nhận điển hình")
    form.get_by_label("Quyết định công nhận").fill("QĐ 12/QĐ-BDV ngày 20/12/2024")
    form.get_by_role("button", name="Lưu").click()
    assert status.inner_text() == "Được công nhận điển hình"
    assert len(questions) == 1 and "không thể" in questions[0]


def test_recommendation_tables_read_on_a_phone(live_server, page):
    province = UnitFactory(name="Tỉnh Lai Châu", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    standing = UnitFactory(name="Thường trực HĐND tỉnh", kind=UnitKind.COUNCIL_STANDING, parent=province)
    committee = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE, parent=province)
    supervisor = UserFactory(username="giamsat", full_name="Tòng Thị Mai", roles=[Role.SUPERVISOR], units=[standing])
    programme = ProgrammeFactory(year=2024, body=standing, title="Chương trình giám sát năm 2024")
    supervision = SupervisionFactory(programme=programme, topic="Công tác tiếp công dân và giải quyết khiếu nại")
    recommendation = services.add_recommendation(
        supervision=supervision, actor=supervisor, addressed_to=committee, due_date=date(2030, 3, 31),
        text="Rà soát, công khai đầy đủ quy trình cấp giấy phép xây dựng tại bộ phận tiếp nhận và trả kết quả",
    )  # fmt: skip
    sign_in(page, live_server)
    page.set_viewport_size(PHONE)
    for url, name in [
        ("/supervision/recommendations/", "supervision-recommendations-phone"),
        (f"/supervision/programmes/{programme.pk}/", "supervision-programme-phone"),
    ]:
        page.goto(live_server.url + url)
        row = page.get_by_test_id(f"recommendation-{recommendation.pk}")
        status = row.get_by_text("Chưa thực hiện", exact=True).bounding_box()
        text = row.get_by_role("link", name="Rà soát, công khai").bounding_box()
        assert status["x"] + status["width"] <= PHONE["width"], f"{url}: the status is off-screen"
        assert text["width"] >= PHONE["width"] / 2, f"{url}: the recommendation is squeezed"
        assert "Gửi đến" in row.inner_text()  # on a phone each value says what it is
        assert not has_horizontal_scroll(page)
        screenshot(page, name)
