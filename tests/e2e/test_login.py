import pytest

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind
from tests.e2e.conftest import PHONE, has_horizontal_scroll, screenshot
from tests.factories import PASSWORD, UnitFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("seeded_transactional_db")]


def test_official_logs_in_and_sees_the_vietnamese_home_page(live_server, page):
    unit = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE)
    UserFactory(username="tiepdan", full_name="Lường Thị Thu", roles=[Role.RECEPTION_OFFICER], units=[unit])

    # The browser asks for English; the portal answers in Vietnamese.
    page.goto(live_server.url)
    page.get_by_role("link", name="Cán bộ đăng nhập").click()
    assert page.url.startswith(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "vi"
    screenshot(page, "login-desktop")

    page.get_by_label("Tên đăng nhập").fill("tiepdan")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng").is_visible()
    assert page.get_by_label("Tên đăng nhập").input_value() == "tiepdan"

    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Xin chào, Lường Thị Thu").is_visible()
    assert page.get_by_text("Cán bộ tiếp công dân").is_visible()
    assert page.get_by_text("UBND phường Tân Phong").is_visible()
    assert page.title() == "Trang chủ · Cổng Dân vận chính quyền"
    screenshot(page, "home-desktop")

    page.set_viewport_size(PHONE)
    page.reload()
    assert not has_horizontal_scroll(page)
    page.get_by_role("button", name="Mở menu").click()
    page.locator("#portal-nav.show").wait_for()  # the collapse animation has ended
    assert page.get_by_role("link", name="Ngày nghỉ").is_visible()
    screenshot(page, "home-phone")

    page.get_by_role("button", name="Lường Thị Thu").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")
