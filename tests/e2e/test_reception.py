import re
from datetime import time, timedelta

import pytest
from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind
from petitions.models import Petition
from reception.models import ReceptionDuty, ReceptionSession, SessionStatus
from tests.e2e.conftest import PHONE, has_horizontal_scroll, screenshot
from tests.factories import PASSWORD, UnitFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("seeded_transactional_db")]


def test_officer_records_a_visit_that_becomes_a_petition(live_server, page):
    committee = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE)
    UserFactory(username="tiepdan", full_name="Lường Thị Thu", roles=[Role.RECEPTION_OFFICER], units=[committee])
    session = ReceptionSession.objects.create(
        date=timezone.localdate(), start_time=time(7, 30), end_time=time(11, 30), place="Trụ sở UBND phường",
        presiding_position="Chủ tịch UBND phường",
    )  # fmt: skip
    session.hosts.set([committee])

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("tiepdan")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.get_by_role("link", name="Tiếp công dân").click()
    page.get_by_role("link", name="Hôm nay").click()  # today's session is marked
    page.get_by_label("Loại việc").select_option(label="Khiếu nại")
    page.get_by_label("Lĩnh vực").select_option(label="Đất đai")
    page.locator("#id_visit-topic").fill("Khiếu nại việc thu hồi đất tổ 12")
    page.locator("#id_visit-outcome").select_option(label="Tiếp nhận đơn")
    page.get_by_label("Công dân (mỗi người một dòng").fill("Lò Văn Pọm; 012078001245; Tổ 12")
    page.get_by_label("Nội dung đơn tiếp nhận").fill("Không đồng ý mức bồi thường khi thu hồi đất ở.")
    screenshot(page, "reception-session-desktop")
    page.get_by_role("button", name="Lưu lượt tiếp").click()

    petition = Petition.objects.get()
    assert page.get_by_text(f"Đã ghi nhận lượt tiếp và tạo đơn {petition.code}.").is_visible()
    page.get_by_role("link", name="Đơn thư").click()
    row = page.get_by_role("row").filter(has_text=petition.code)
    assert "Khiếu nại việc thu hồi đất tổ 12" in row.inner_text()
    assert petition.channel == "in_person" and petition.petitioners.get().full_name == "Lò Văn Pọm"


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def log_in(page, url, username):
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def test_a_leader_corrects_a_cancelled_session_after_confirming(live_server, page):
    commune = UnitFactory(name="Phường Tân Phong", kind=UnitKind.COMMUNE)
    committee = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE, parent=commune)
    UserFactory(username="lanhdao", full_name="Đỗ Văn Long", roles=[Role.LEADER], units=[committee])
    session = ReceptionSession.objects.create(
        date=timezone.localdate(), start_time=time(7, 30), end_time=time(11, 30), place="Trụ sở UBND phường",
        presiding_position="Chủ tịch UBND phường", status=SessionStatus.CANCELLED, status_reason="Ghi nhầm",
    )  # fmt: skip
    session.hosts.set([committee])
    log_in(page, live_server.url, "lanhdao")
    page.goto(f"{live_server.url}/reception/sessions/{session.pk}/")
    form = page.locator("form[data-confirm]").filter(has=page.locator("#id_correct-reason"))
    form.get_by_label("Thực tế buổi tiếp").select_option(label="Đã tiếp")
    form.get_by_label("Người trực tiếp chủ trì").select_option(label="Đỗ Văn Long")
    form.get_by_label("Lý do đính chính").fill("Buổi tiếp vẫn diễn ra")
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    form.get_by_role("button", name="Lưu đính chính").click()
    assert questions and "lịch sử buổi tiếp" in questions[0]
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED  # dismissed: nothing sent
    page.once("dialog", lambda dialog: dialog.accept())
    form.get_by_role("button", name="Lưu đính chính").click()
    assert page.get_by_text("Đã đính chính trạng thái buổi tiếp.").is_visible()
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
    screenshot(page, "reception-session-corrected-desktop")


def test_the_month_calendar_is_a_grid_on_a_desk_and_a_list_on_a_phone(live_server, page, phone_page):
    committee = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE)
    UserFactory(username="tiepdan", roles=[Role.RECEPTION_OFFICER], units=[committee])
    today = timezone.localdate()
    session = ReceptionSession.objects.create(
        date=today, start_time=time(7, 30), end_time=time(11, 30), place="Trụ sở tiếp công dân phường",
        presiding_position="Chủ tịch UBND phường",
    )  # fmt: skip
    session.hosts.set([committee])
    for where in (page, phone_page):
        log_in(where, live_server.url, "tiepdan")
        where.goto(f"{live_server.url}/reception/month/")
    assert page.get_by_role("table").is_visible()
    assert page.get_by_role("columnheader").first.inner_text() == "Thứ Hai"
    screenshot(page, "reception-month-desktop")
    assert not phone_page.get_by_role("table").is_visible()
    phone_page.get_by_role("link", name=re.compile("Trụ sở tiếp công dân phường")).click()
    assert phone_page.get_by_role("heading", name=re.compile("Buổi tiếp công dân")).is_visible()
    phone_page.go_back()
    assert not has_horizontal_scroll(phone_page)
    screenshot(phone_page, "reception-month-phone")


def test_a_citizen_narrows_the_calendar_to_a_commune(live_server, phone_page):
    province = UnitFactory(name="Tỉnh Lai Châu", kind=UnitKind.PROVINCE)
    for commune_name, place in (("Phường Tân Phong", "Trụ sở phường Tân Phong"), ("Xã Bình Lư", "Trụ sở xã Bình Lư")):
        commune = UnitFactory(name=commune_name, kind=UnitKind.COMMUNE, parent=province)
        host = UnitFactory(name=f"UBND {commune_name}", kind=UnitKind.PEOPLE_COMMITTEE, parent=commune)
        session = ReceptionSession.objects.create(
            date=timezone.localdate() + timedelta(days=3), start_time=time(7, 30), end_time=time(11, 30),
            place=place, presiding_position="Chủ tịch UBND",
        )  # fmt: skip
        session.hosts.set([host])
    phone_page.goto(f"{live_server.url}/lich-tiep-cong-dan/")
    assert phone_page.get_by_text("Trụ sở phường Tân Phong").count() == 1
    phone_page.get_by_label("Tỉnh hoặc xã, phường", exact=True).select_option(label="Xã Bình Lư")
    phone_page.get_by_role("button", name="Hiển thị").click()
    assert phone_page.get_by_text("Trụ sở xã Bình Lư").is_visible()
    assert phone_page.get_by_text("Trụ sở phường Tân Phong").count() == 0
    assert phone_page.get_by_role("link", name=re.compile("Thêm lịch của Xã Bình Lư")).is_visible()
    assert not has_horizontal_scroll(phone_page)
    screenshot(phone_page, "public-calendar-commune-phone")


# What the tester saw in Chromium: a clipped select, a one-option multi-select, 12-hour times, tables too wide.

FITS = """form => [...form.querySelectorAll("select")].filter(select => {
    const style = getComputedStyle(select);
    const context = document.createElement("canvas").getContext("2d");
    context.font = style.font;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return [...select.options].some(option => context.measureText(option.text).width > room + 1);
}).map(select => select.name)"""


def test_the_session_filters_show_their_choices_whole_at_desktop_width(live_server, page):
    committee = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE)
    UserFactory(username="tiepdan", roles=[Role.RECEPTION_OFFICER], units=[committee])
    log_in(page, live_server.url, "tiepdan")
    page.goto(f"{live_server.url}/reception/")
    form = page.get_by_role("search", name="Lọc các buổi tiếp")
    assert form.evaluate(FITS) == []
    form.get_by_label("Loại buổi tiếp").select_option(label="Chỉ buổi đột xuất")
    screenshot(page, "reception-sessions-filters-desktop")


def test_an_ad_hoc_session_with_one_host_and_24_hour_times(live_server, page):
    commune = UnitFactory(name="Phường Tân Phong", kind=UnitKind.COMMUNE)
    committee = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE, parent=commune)
    UserFactory(username="lanhdao", full_name="Đỗ Văn Long", roles=[Role.LEADER], units=[committee])
    log_in(page, live_server.url, "lanhdao")
    page.goto(f"{live_server.url}/reception/sessions/new/")
    hosts = page.get_by_label("Đơn vị chủ trì")
    assert hosts.evaluate("select => select.multiple") is False
    assert hosts.evaluate("select => select.selectedOptions[0].text") == "UBND phường Tân Phong"
    start = page.get_by_label("Giờ bắt đầu")
    assert start.get_attribute("type") == "text" and start.get_attribute("placeholder") == "hh:mm"
    page.locator("#id_date").fill(f"{timezone.localdate() + timedelta(days=2):%d/%m/%Y}")
    start.fill("13:30")
    page.get_by_label("Giờ kết thúc").fill("16h30")
    page.get_by_label("Địa điểm").fill("Nhà văn hóa tổ 12")
    page.get_by_label("Chức danh người chủ trì").fill("Chủ tịch UBND phường")
    page.get_by_label("Người chủ trì", exact=True).select_option(label="Đỗ Văn Long")
    screenshot(page, "reception-ad-hoc-form-desktop")
    page.get_by_role("button", name="Tạo buổi tiếp").click()
    assert page.get_by_text("13:30–16:30").is_visible()
    session = ReceptionSession.objects.get()
    assert (session.start_time, session.end_time) == (time(13, 30), time(16, 30))
    assert session.hosts.get() == committee


def test_reception_pages_fit_a_phone(live_server, phone_page):
    commune = UnitFactory(name="Phường Tân Phong", kind=UnitKind.COMMUNE)
    committee = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE, parent=commune)
    leader = UserFactory(username="lanhdao", full_name="Đỗ Văn Long", roles=[Role.LEADER], units=[committee])
    ReceptionDuty.objects.create(
        user=leader, unit=committee, position="commune_chairman", valid_from=timezone.localdate().replace(day=1)
    )
    session = ReceptionSession.objects.create(
        date=timezone.localdate(), start_time=time(7, 30), end_time=time(11, 30), place="Trụ sở UBND phường",
        presiding_position="Chủ tịch UBND phường", presiding=leader,
    )  # fmt: skip
    session.hosts.set([committee])
    log_in(phone_page, live_server.url, "lanhdao")
    for path, name in (
        ("/reception/", "sessions"),
        (f"/reception/sessions/{session.pk}/", "session"),
        ("/reception/visits/", "visits"),
        ("/reception/compliance/", "compliance"),
        ("/reception/month/", "month"),
        ("/reception/sessions/new/", "ad-hoc-form"),
    ):
        phone_page.goto(f"{live_server.url}{path}")
        assert not has_horizontal_scroll(phone_page), path
        wide = phone_page.evaluate(
            "[...document.querySelectorAll('main table, .table-responsive')]"
            ".filter(el => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1).length"
        )
        assert wide == 0, path
        screenshot(phone_page, f"reception-{name}-phone")
    assert phone_page.get_by_text("Giờ bắt đầu").is_visible()
