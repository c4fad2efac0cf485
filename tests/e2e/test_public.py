import re

import pytest

from danvan.orgunits.models import UnitKind, UnitLevel
from petitions.models import Petition
from tests.e2e.conftest import PHONE, has_horizontal_scroll, screenshot
from tests.factories import UnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("seeded_transactional_db")]


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_citizen_submits_online_then_looks_the_petition_up(live_server, phone_page, settings):
    settings.LOOKUP_FAILURE_RATE = "3/15m"
    province = UnitFactory(name="Tỉnh Lai Châu", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    commune = UnitFactory(name="Phường Tân Phong", kind=UnitKind.COMMUNE, parent=province)
    UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE, parent=commune)
    page = phone_page

    page.goto(live_server.url)
    assert page.get_by_role("heading", name="Gửi và theo dõi đơn thư đến chính quyền").is_visible()
    assert not has_horizontal_scroll(page)
    screenshot(page, "public-home-phone")

    page.goto(f"{live_server.url}/gui-don/")
    page.get_by_label("Phản ánh về một vấn đề").check()
    page.get_by_label("Nội dung liên quan đến địa phương nào?").select_option(label="Phường Tân Phong")
    page.get_by_label("Lĩnh vực").select_option(label="Môi trường")
    page.get_by_label("Tiêu đề (một dòng)").fill("Phản ánh khói bụi từ lò gạch tổ 8")
    page.locator("textarea[name=content]").fill("Lò gạch thủ công đốt vào buổi tối, khói bụi vào nhà dân.")
    page.get_by_label("Họ và tên").fill("Vàng Thị Mỷ")
    assert not has_horizontal_scroll(page)
    screenshot(page, "public-submit-phone")
    page.get_by_role("button", name="Gửi đơn").click()

    # Post/Redirect/Get: the receipt has its own address, without the code or the key in it.
    page.wait_for_url(f"{live_server.url}/gui-don/bien-nhan/")
    code = page.get_by_test_id("receipt-code").inner_text()
    key = page.get_by_test_id("receipt-key").inner_text()
    assert re.fullmatch(r"DT-\d{4}-\d{6}", code) and re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", key)
    assert page.get_by_text("Đơn của bạn đã được gửi.").is_visible()
    assert not has_horizontal_scroll(page)
    screenshot(page, "public-receipt-phone")

    page.reload()  # a refresh shows the same receipt and files nothing more
    assert page.get_by_test_id("receipt-code").inner_text() == code
    assert page.get_by_test_id("receipt-key").inner_text() == key
    assert Petition.objects.count() == 1

    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.get_by_role("button", name="Sao chép mã tra cứu").click()
    assert page.get_by_role("button", name="Sao chép mã tra cứu").inner_text().strip() == "Đã sao chép"
    assert page.evaluate("navigator.clipboard.readText()") == key
    page.get_by_role("button", name="Sao chép mã đơn").click()
    assert page.evaluate("navigator.clipboard.readText()") == code

    # The code as people type it: lower case, spaces, no hyphens.
    page.goto(f"{live_server.url}/tra-cuu/")
    page.get_by_label("Mã đơn").fill(code.lower().replace("-", " "))
    page.get_by_label("Mã tra cứu").fill(key.lower().replace("-", " "))
    page.get_by_role("button", name="Tra cứu").click()
    assert "Đơn của bạn đã được tiếp nhận" in page.get_by_test_id("plain-status").inner_text()
    assert "Hạn thông báo cho công dân: chậm nhất ngày" in page.get_by_test_id("deadline").inner_text()

    page.goto(f"{live_server.url}/tra-cuu/")
    page.get_by_label("Mã đơn").fill(code)
    page.get_by_label("Mã tra cứu").fill("AAAAA-AAAAA")
    page.get_by_role("button", name="Tra cứu").click()
    assert "Không tìm thấy đơn" in page.get_by_test_id("lookup-error").inner_text()
    assert page.get_by_label("Mã đơn").input_value() == code

    page.get_by_label("Mã tra cứu").fill(key.lower())
    page.get_by_role("button", name="Tra cứu").click()
    assert (
        page.get_by_test_id("plain-status").inner_text()
        == "Đơn của bạn đã được tiếp nhận và đang được xem xét, phân loại."
    )
    assert page.get_by_text("Vàng Thị Mỷ").count() == 0
    assert not has_horizontal_scroll(page)
    screenshot(page, "public-status-phone")

    # Two more wrong keys reach the limit of three: then even the right key waits.
    page.goto(f"{live_server.url}/tra-cuu/")
    for _attempt in range(2):
        page.get_by_label("Mã đơn").fill(code)
        page.get_by_label("Mã tra cứu").fill("BBBBB-BBBBB")
        page.get_by_role("button", name="Tra cứu").click()
    page.get_by_label("Mã tra cứu").fill(key)
    page.get_by_role("button", name="Tra cứu").click()
    assert "Bạn đã nhập sai quá nhiều lần" in page.get_by_test_id("lookup-error").inner_text()
    screenshot(page, "public-lookup-limited-phone")

    page.goto(f"{live_server.url}/lich-tiep-cong-dan/")
    assert page.get_by_test_id("no-sessions").is_visible()
    assert not has_horizontal_scroll(page)
    screenshot(page, "public-calendar-phone")


def test_a_transferred_petition_is_followed_with_its_first_code(live_server, phone_page, make_petition, people, units):
    from petitions import services

    first = make_petition(kind="feedback", summary="Phản ánh đường nứt")
    services.add_petition_note(petition=first, actor=people["handler"], note="Ghi chú nội bộ của phường")
    services.transfer_petition(petition=first, actor=people["handler"], note="", to_unit=units["other"])
    page = phone_page
    page.goto(f"{live_server.url}/tra-cuu/")
    page.get_by_label("Mã đơn").fill(first.code.replace("-", "").lower())
    page.get_by_label("Mã tra cứu").fill(first.lookup_key.lower())
    page.get_by_role("button", name="Tra cứu").click()
    assert "UBND xã Bình Lư" in page.get_by_test_id("transferred-to").inner_text()
    assert page.get_by_role("heading", name=re.compile("^Tại UBND xã Bình Lư")).is_visible()
    assert page.get_by_text("Ghi chú nội bộ của phường").count() == 0
    assert not has_horizontal_scroll(page)
    screenshot(page, "public-status-transferred-phone")
