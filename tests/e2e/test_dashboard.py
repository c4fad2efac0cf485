from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind, UnitLevel
from petitions import services
from petitions.models import Category, Kind
from tests.e2e.conftest import PHONE, has_horizontal_scroll, screenshot
from tests.factories import PASSWORD, UnitFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("seeded_transactional_db")]


def test_leader_filters_the_dashboard_follows_a_figure_and_downloads_the_report(live_server, page):
    province = UnitFactory(name="Tỉnh Lai Châu", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    tan_phong = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE, parent=province)
    binh_lu = UnitFactory(name="UBND xã Bình Lư", kind=UnitKind.PEOPLE_COMMITTEE, parent=province)
    officer = UserFactory(roles=[Role.RECEPTION_OFFICER, Role.HANDLER], units=[tan_phong, binh_lu])
    UserFactory(username="lanhdao", full_name="Giàng Thị Hoa", roles=[Role.LEADER], units=[province])
    land = Category.objects.get(name="Đất đai")
    today = timezone.localdate()

    def petition(unit, kind, summary):
        data = {
            "kind": kind, "channel": "in_person", "received_date": today, "receiving_unit": unit, "category": land,
            "summary": summary, "content": summary, "respondent": unit.name, "people_count": 1,
        }  # fmt: skip
        person = {"full_name": "Lò Thị Mai", "citizen_id": "012345678901", "address": "Bản Nà Nọi", "phone": ""}
        return services.create_petition(actor=officer, data=data, petitioners=[person])

    ours = [
        petition(tan_phong, Kind.COMPLAINT_FIRST, "Khiếu nại bồi thường đất tổ 3"),
        petition(tan_phong, Kind.RECOMMENDATION, "Kiến nghị sửa đường bản Nà Nọi"),
    ]
    theirs = petition(binh_lu, Kind.DENUNCIATION, "Tố cáo lấn chiếm đất công")

    page.goto(f"{live_server.url}/accounts/login/?next=/dashboard/")
    page.get_by_label("Tên đăng nhập").fill("lanhdao")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    received = page.get_by_test_id("kpi-received")
    assert received.locator(".fs-3").inner_text() == "3"

    page.get_by_label("Đơn vị (gồm cả đơn vị trực thuộc)").select_option(label="UBND phường Tân Phong")
    page.get_by_label("Kỳ báo cáo").select_option(label="Năm")
    page.get_by_label("Năm").fill(str(today.year))
    page.get_by_role("button", name="Hiển thị").click()
    assert page.get_by_label("Kỳ báo cáo").input_value() == "year"
    assert received.locator(".fs-3").inner_text() == "2"
    screenshot(page, "dashboard-desktop")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Báo cáo (.xlsx)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("bao-cao-") and download.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(BytesIO(download.path().read_bytes()))
    rows = {row[0]: row[1] for row in workbook["01-XLD"].iter_rows(min_row=3, values_only=True)}
    assert rows["Tiếp nhận"] == 2 and rows["Tố cáo"] == 0 and rows["Khiếu nại"] == 1
    assert workbook["01-XLD"]["B1"].value == "UBND phường Tân Phong"

    received.locator("a").click()
    page.wait_for_url("**/petitions/**")
    table = page.get_by_role("table").inner_text()
    assert all(p.code in table for p in ours) and theirs.code not in table

    page.set_viewport_size(PHONE)
    page.go_back()
    assert received.locator(".fs-3").inner_text() == "2"
    assert not has_horizontal_scroll(page)
    screenshot(page, "dashboard-phone")


def test_the_controls_show_the_period_chosen_and_a_year_out_of_range_is_named(live_server, page):
    province = UnitFactory(name="Tỉnh Lai Châu", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    UserFactory(username="lanhdao", full_name="Giàng Thị Hoa", roles=[Role.LEADER], units=[province])
    page.goto(f"{live_server.url}/accounts/login/?next=/dashboard/")
    page.get_by_label("Tên đăng nhập").fill("lanhdao")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    # With nothing chosen yet, the controls already say which period is shown.
    assert page.get_by_label("Kỳ báo cáo").input_value() == "quarter"
    assert page.get_by_label("Năm").input_value() == str(timezone.localdate().year)

    page.get_by_label("Kỳ báo cáo").select_option(label="Quý")
    page.get_by_label("Tháng hoặc quý số").fill("2")
    page.get_by_label("Năm").fill("2026")
    page.get_by_role("button", name="Hiển thị").click()
    assert page.get_by_label("Kỳ báo cáo").input_value() == "quarter"
    assert page.get_by_label("Tháng hoặc quý số").input_value() == "2"
    assert page.get_by_label("Năm").input_value() == "2026"
    assert "Quý 2/2026: 15/03/2026 – 14/06/2026" in page.get_by_test_id("period").inner_text()

    page.get_by_label("Năm").fill("1999")  # the server answers, in Vietnamese, not the browser
    page.get_by_role("button", name="Hiển thị").click()
    assert page.get_by_text("Năm phải là số nguyên từ 2000 đến 2100.").count() == 1
    assert page.get_by_label("Năm").input_value() == "1999"
