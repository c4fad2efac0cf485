import re

import pytest
import time_machine

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind
from petitions.models import Petition
from petitions.workflow import Status
from tests.e2e.conftest import PHONE, has_horizontal_scroll, screenshot
from tests.factories import PASSWORD, UnitFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("seeded_transactional_db")]


@time_machine.travel("2026-02-13 09:00 +0700")
def test_handler_records_a_petition_finds_it_and_accepts_it(live_server, page):
    unit = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE)
    UserFactory(username="xulydon", full_name="Phạm Quốc Bảo", roles=[Role.HANDLER], units=[unit])

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("xulydon")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.get_by_role("link", name="Đơn thư").click()
    page.get_by_role("link", name="Ghi nhận đơn").click()

    page.get_by_label("Loại đơn").select_option(label="Khiếu nại lần đầu")
    page.get_by_label("Nguồn đơn").select_option(label="Trực tiếp tại nơi tiếp công dân")
    page.get_by_label("Đơn vị tiếp nhận").select_option(label="UBND phường Tân Phong")
    page.get_by_label("Lĩnh vực").select_option(label="Đất đai")
    page.get_by_label("Tóm tắt nội dung").fill("Khiếu nại quyết định thu hồi đất tổ 12")
    page.get_by_label("Nội dung", exact=False).and_(page.locator("textarea")).fill(
        "Không đồng ý mức bồi thường khi thu hồi đất ở."
    )
    page.get_by_label("Họ và tên").fill("Lò Văn Pọm")
    page.get_by_label("Số định danh cá nhân").fill("01207800124")  # one digit short
    page.get_by_label("Xã, phường").select_option(label="Phường Tân Phong")
    screenshot(page, "petition-form-desktop")
    page.get_by_role("button", name="Ghi nhận đơn").click()

    # The mistake is explained and nothing typed is lost.
    assert page.get_by_text("Số định danh cá nhân gồm đúng 12 chữ số").is_visible()
    assert page.get_by_label("Tóm tắt nội dung").input_value() == "Khiếu nại quyết định thu hồi đất tổ 12"
    page.get_by_label("Số định danh cá nhân").fill("012078001245")
    page.get_by_role("button", name="Ghi nhận đơn").click()
    page.wait_for_url(re.compile(r"/petitions/\d+/$"))
    petition = Petition.objects.get()
    assert page.get_by_role("heading", name=petition.code).is_visible()

    # In the register, filtered by kind and searched without accents, with its deadline:
    # 10 calendar days from Friday 13/2 end in Tết and roll forward to Monday 23/2.
    page.goto(f"{live_server.url}/petitions/?q=thu+hoi+dat&kind=complaint_1")
    row = page.get_by_role("row").filter(has_text=petition.code)
    assert row.is_visible()
    assert "23/02/2026" in row.inner_text() and "Còn 10 ngày" in row.inner_text()
    screenshot(page, "petition-list-desktop")
    page.set_viewport_size(PHONE)
    assert not has_horizontal_scroll(page)
    screenshot(page, "petition-list-phone")
    page.set_viewport_size({"width": 1366, "height": 900})

    row.get_by_role("link", name=petition.code).click()
    page.get_by_text("Thụ lý giải quyết", exact=True).click()
    page.locator("#id_accept-accepted_date").fill("13/02/2026")
    page.locator("#step-accept").get_by_role("button", name="Xác nhận").click()
    assert page.get_by_text("Đã thụ lý đơn; thời hạn giải quyết đã được tính.").is_visible()
    assert page.get_by_text("Thụ lý giải quyết", exact=True).first.is_visible()
    petition.refresh_from_db()
    assert petition.status == Status.ACCEPTED
    # 30 days from 13/2 is Sunday 15/3, so the resolution deadline is Monday 16/3.
    assert page.get_by_text("16/03/2026").first.is_visible()
    screenshot(page, "petition-detail-desktop")

    # Accepted and nobody handles it yet: the page says so, and the handler takes it.
    waiting = page.get_by_test_id("waiting-for")
    assert "Chờ lãnh đạo giao người xử lý" in waiting.inner_text()
    page.get_by_text("Nhận xử lý", exact=True).click()
    page.locator("#step-take").get_by_role("button", name="Xác nhận").click()
    assert page.get_by_text("Bạn đã nhận xử lý đơn; lãnh đạo đơn vị đã được thông báo.").is_visible()
    assert (
        page.get_by_test_id("waiting-for").inner_text().strip() == "Chờ người xử lý Phạm Quốc Bảo xác minh, giải quyết"
    )

    # In the register: "my petitions", and the deadline column sorts with its state announced.
    page.goto(f"{live_server.url}/petitions/")
    page.get_by_role("link", name="Đơn của tôi").click()
    assert page.get_by_text("1 đơn", exact=True).is_visible()
    page.get_by_role("link", name="Thời hạn").click()
    assert page.get_by_role("columnheader", name="Thời hạn").get_attribute("aria-sort") == "ascending"
    assert page.get_by_role("row").filter(has_text=petition.code).is_visible()


@time_machine.travel("2026-03-02 09:00 +0700")
def test_the_register_fits_a_phone(live_server, page, make_petition, people):
    """At 390×844 each petition is a card as wide as the screen: nothing scrolls sideways, neither the page
    nor the register's box, and each card shows the code, the petition, the status and the deadline."""
    from datetime import date

    from petitions import services

    for n in range(3):
        make_petition(
            summary=f"Khiếu nại quyết định thu hồi đất mở rộng đường Trần Phú, tổ {n + 12}, phường Tân Phong",
            people_count=8 if n == 0 else 1,
            is_skipped_level=n == 1,
        )
    # The widest deadline cell: a side deadline's long name, overdue, reported upwards; a long handler name.
    denunciation = make_petition(kind="denunciation", received=date(2026, 2, 2), summary="Tố cáo cán bộ địa chính")
    services.accept_petition(petition=denunciation, actor=people["leader"], accepted_date=date(2026, 2, 3))
    services.assign_petition(petition=denunciation, handler=people["handler"], actor=people["leader"])
    notice = denunciation.deadlines.get(stage="acceptance_notice")
    services.escalate_petition(petition=denunciation, deadline=notice, level=2, recipients_label="UBND tỉnh")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(people["leader"].username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.goto(f"{live_server.url}/petitions/")
    screenshot(page, "petition-register-phone")
    assert not has_horizontal_scroll(page)
    box = page.locator(".petition-table").locator("xpath=..")
    widths = box.evaluate("el => [el.scrollWidth, el.clientWidth, el.querySelector('table').scrollWidth]")
    assert widths[0] <= widths[1] and widths[2] <= widths[1], widths
    for card in page.locator(".petition-table tbody tr").all():
        assert card.evaluate("el => el.scrollWidth <= el.clientWidth"), card.inner_text()
        assert card.bounding_box()["width"] <= PHONE["width"]
