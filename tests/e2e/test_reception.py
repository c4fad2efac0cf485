from datetime import time

import pytest
from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind
from petitions.models import Petition
from reception.models import ReceptionSession
from tests.e2e.conftest import screenshot
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
