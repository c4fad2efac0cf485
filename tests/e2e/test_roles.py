"""Every role's task ends well: one browser test per role, from its first page to its end.

Data are set up through the services, the factories or the demo; from then on each official
(each in a browser of their own) and the citizen act only through the pages. Each test ends with
a screenshot at desk and phone width under test-artifacts/roles/.
"""

import re
from datetime import date, time

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from icalendar import Calendar

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.alerts import tasks as alert_tasks
from danvan.notifications.models import Notification
from danvan.orgunits.models import Unit, UnitKind, UnitLevel
from demo.people import DEMO_PASSWORD
from petitions import services as petition_services
from petitions.models import Category, EventKind, Kind, Petition, PetitionEvent
from reception import services as reception_services
from reception.models import HolidayPolicy, ReceptionSchedule, ReceptionSession, Recurrence, VisitOutcome
from supervision.models import Recommendation
from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE, has_horizontal_scroll
from tests.factories import PASSWORD, ProgrammeFactory, SupervisionFactory, UnitFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("seeded_transactional_db")]

ROLES = ARTIFACTS / "roles"


# --- helpers ------------------------------------------------------------------------------


@pytest.fixture
def sign_in(browser, live_server):
    """Open a browser of one's own and sign in: each official works at their own desk."""
    contexts = []

    def open_as(username, password=PASSWORD, viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập", exact=True).click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def citizen_phone(browser):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def shoot(page, role):
    """The end of a role's task at desk and phone width; returns the widths that scroll sideways."""
    ROLES.mkdir(parents=True, exist_ok=True)
    before = page.viewport_size
    scrolls = []
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(ROLES / f"{role}-{label}.png"), full_page=True)
        if has_horizontal_scroll(page):
            scrolls.append(label)
    page.set_viewport_size(before)
    return scrolls


def open_step(page, label):
    """Open a step of the petition page ("Next steps" card) by its label."""
    page.locator("details.step > summary").filter(has_text=re.compile(f"^{re.escape(label)}$")).click()


def confirm_step(page, name):
    page.locator(f"#step-{name}").get_by_role("button", name="Xác nhận").click()


def said(page, message):
    """The page's message (a Bootstrap alert) says `message`."""
    return page.get_by_role("alert").filter(has_text=message).is_visible()


def timeline(page):
    return page.locator("#sec-timeline").locator("xpath=../..").inner_text()


def open_register_row(page, text):
    """From any page: the register (Đơn thư), then the petition whose row holds `text`."""
    page.get_by_role("link", name="Đơn thư", exact=True).click()
    page.wait_for_url(re.compile(r"/petitions/(\?.*)?$"))
    row = page.get_by_role("row").filter(has_text=text)
    assert row.count() == 1, f"{row.count()} rows hold {text!r}"
    row.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/petitions/\d+/$"))


def province():
    """Lai Châu as the demo shapes it: the province's bodies and two communes with their People's Committees."""
    lai_chau = UnitFactory(name="Tỉnh Lai Châu", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    committee = UnitFactory(
        name="UBND tỉnh Lai Châu", kind=UnitKind.PEOPLE_COMMITTEE, level=UnitLevel.PROVINCE, parent=lai_chau
    )
    council = UnitFactory(
        name="HĐND tỉnh Lai Châu", kind=UnitKind.PEOPLE_COUNCIL, level=UnitLevel.PROVINCE, parent=lai_chau
    )
    units = {
        "province": lai_chau,
        "committee": committee,
        "inspectorate": UnitFactory(
            name="Thanh tra tỉnh Lai Châu", kind=UnitKind.INSPECTORATE, level=UnitLevel.PROVINCE, parent=committee
        ),
        "reception": UnitFactory(
            name="Ban Tiếp công dân tỉnh Lai Châu",
            kind=UnitKind.RECEPTION_OFFICE,
            level=UnitLevel.PROVINCE,
            parent=committee,
        ),
        "standing": UnitFactory(
            name="Thường trực HĐND tỉnh Lai Châu",
            kind=UnitKind.COUNCIL_STANDING,
            level=UnitLevel.PROVINCE,
            parent=council,
        ),
    }
    tan_phong = UnitFactory(name="Phường Tân Phong", kind=UnitKind.COMMUNE, parent=lai_chau)
    binh_lu = UnitFactory(name="Xã Bình Lư", kind=UnitKind.COMMUNE, parent=lai_chau)
    units["tan_phong"] = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE, parent=tan_phong)
    units["binh_lu"] = UnitFactory(name="UBND xã Bình Lư", kind=UnitKind.PEOPLE_COMMITTEE, parent=binh_lu)
    return units


def petition_from_a_visit(officer, host, topic, content, kind="complaint_1", person="Lò Văn Pọm"):
    """A complaint received at a reception session of `host` today, as the reception page records it."""
    session = ReceptionSession.objects.create(
        date=timezone.localdate(), start_time=time(7, 30), end_time=time(11, 30), place="Trụ sở UBND phường",
        presiding_position="Chủ tịch UBND phường",
    )  # fmt: skip
    session.hosts.set([host])
    visit = reception_services.record_visit(
        session=session, actor=officer,
        data={"kind": kind, "category": Category.objects.get(name="Đất đai"), "topic": topic, "citizen_count": 1,
              "is_group": False, "outcome": VisitOutcome.PETITION, "refusal_reason": "", "handled_before_by": "",
              "notes": ""},
        visitors=[{"full_name": person, "citizen_id": "012078001245", "address": "Tổ 12"}],
        petition_content=content,
    )  # fmt: skip
    return visit.petition


# --- 1. Reception officer of a ward ---------------------------------------------------------


def test_reception_officer_records_a_visit_that_becomes_a_petition(live_server, sign_in):
    call_command("load_demo", "--force")
    ward = Unit.objects.get(name="UBND phường Tân Phong")
    chairman = User.objects.get(username="lanhdao.tanphong")
    session = reception_services.create_ad_hoc_session(
        actor=chairman, hosts=[ward], date=timezone.localdate(), start_time=time(13, 30), end_time=time(17, 0),
        place="Nhà văn hóa tổ 7 phường Tân Phong", presiding_position="Chủ tịch UBND phường", presiding=chairman,
    )  # fmt: skip
    before = Petition.objects.count()

    page = sign_in("tiepdan.tanphong", DEMO_PASSWORD)
    page.get_by_role("link", name="Tiếp công dân", exact=True).click()
    assert page.get_by_role("heading", name="Các buổi tiếp công dân").is_visible()
    today = page.get_by_role("link").filter(has_text="Hôm nay").filter(has_text="Nhà văn hóa tổ 7")
    today.click()
    page.wait_for_url(f"**/reception/sessions/{session.pk}/")

    page.get_by_label("Loại việc").select_option(label="Khiếu nại")
    page.get_by_label("Lĩnh vực").select_option(label="Đất đai")
    page.locator("#id_visit-topic").fill("Khiếu nại việc bồi thường thu hồi đất tổ 7")
    page.locator("#id_visit-outcome").select_option(label="Tiếp nhận đơn")
    page.get_by_label("Công dân (mỗi người một dòng").fill("Vàng A Chứ; 012078001299; Tổ 7")
    page.get_by_label("Nội dung đơn tiếp nhận").fill("Không đồng ý mức bồi thường khi thu hồi đất ở tổ 7.")
    page.get_by_role("button", name="Lưu lượt tiếp").click()

    page.wait_for_url(f"**/reception/sessions/{session.pk}/")
    assert Petition.objects.count() == before + 1
    petition = Petition.objects.latest("pk")
    assert page.get_by_text(f"Đã ghi nhận lượt tiếp và tạo đơn {petition.code}.").is_visible()
    visits = page.locator("#visits-heading").locator("xpath=../..")
    assert "Khiếu nại việc bồi thường thu hồi đất tổ 7" in visits.inner_text()
    assert visits.get_by_role("link", name=petition.code).is_visible()
    assert petition.receiving_unit == ward and petition.kind == Kind.COMPLAINT_FIRST
    assert shoot(page, "reception-officer") == []


# --- 2. Handlers and leaders of the receiving and the competent unit ---------------------


def test_a_petition_is_transferred_and_resolved_by_the_competent_unit(live_server, sign_in, browser, time_machine):
    time_machine.move_to("2026-03-10 08:30 +0700")  # a Tuesday
    units = province()
    officer = UserFactory(username="tiepdan.tanphong", roles=[Role.RECEPTION_OFFICER], units=[units["tan_phong"]])
    UserFactory(username="xulydon.tanphong", full_name="Lò Văn Tâm", roles=[Role.HANDLER], units=[units["tan_phong"]])
    UserFactory(username="lanhdao.binhlu", full_name="Sùng A Páo", roles=[Role.LEADER], units=[units["binh_lu"]])
    UserFactory(username="xulydon.binhlu", full_name="Tẩn Thị Mai", roles=[Role.HANDLER], units=[units["binh_lu"]])
    first = petition_from_a_visit(
        officer, units["tan_phong"], "Khiếu nại bồi thường đất bản Nà Khuầy",
        "Thửa đất ở bản Nà Khuầy thuộc xã Bình Lư; không đồng ý mức bồi thường.",
    )  # fmt: skip
    internal = "Ghi chú nội bộ: hồ sơ đất do xã Bình Lư quản lý"
    transfer_note = "Nội bộ: đã trao đổi với công chức địa chính xã Bình Lư"
    verification_note = "Nội bộ: đo đạc lại thửa đất ngày 12/3"

    # The receiving ward's handler: an internal note, then the transfer to the competent commune.
    ward = sign_in("xulydon.tanphong")
    open_register_row(ward, first.code)
    open_step(ward, "Thêm ghi chú")
    ward.locator("#id_note-note").fill(internal)
    confirm_step(ward, "note")
    assert said(ward, "Đã thêm ghi chú.")
    open_step(ward, "Chuyển đơn")
    ward.get_by_label("Đơn vị có thẩm quyền trên cổng").select_option(label="UBND xã Bình Lư")
    ward.locator("#id_transfer-note").fill(transfer_note)
    assert not ward.locator("#id_transfer-is_public").is_checked()
    confirm_step(ward, "transfer")
    assert said(ward, "Đã chuyển đơn.")
    first.refresh_from_db()
    assert first.status == "transferred"
    assert "UBND xã Bình Lư" in timeline(ward)

    # The competent commune's leader finds it in the register, classifies and accepts it.
    linked = Petition.objects.get(transferred_from=first)
    leader = sign_in("lanhdao.binhlu")
    open_register_row(leader, linked.code)
    assert leader.get_by_role("heading", name=linked.code).is_visible()
    open_step(leader, "Thuộc thẩm quyền")
    confirm_step(leader, "classify")
    assert said(leader, "Đơn đã được phân loại là thuộc thẩm quyền.")
    open_step(leader, "Thụ lý giải quyết")
    leader.locator("#id_accept-accepted_date").fill("10/03/2026")
    confirm_step(leader, "accept")
    assert said(leader, "Đã thụ lý đơn; thời hạn giải quyết đã được tính.")
    assert "Chờ lãnh đạo giao người xử lý" in leader.get_by_test_id("waiting-for").inner_text()

    # Its handler takes it, verifies and records the answer.
    handler = sign_in("xulydon.binhlu")
    open_register_row(handler, linked.code)
    open_step(handler, "Nhận xử lý")
    confirm_step(handler, "take")
    assert said(handler, "Bạn đã nhận xử lý đơn; lãnh đạo đơn vị đã được thông báo.")
    open_step(handler, "Bắt đầu xác minh")
    handler.locator("#id_verify-note").fill(verification_note)
    confirm_step(handler, "verify")
    assert said(handler, "Đã bắt đầu xác minh.")
    open_step(handler, "Ghi nhận quyết định hoặc văn bản trả lời")
    resolve = handler.locator("#step-resolve")
    resolve.get_by_label("Ngày quyết định hoặc văn bản trả lời").fill("10/03/2026")
    resolve.get_by_label("Số quyết định").fill("15/QĐ-UBND")
    resolve.get_by_label("Người ký").fill("Chủ tịch UBND xã Bình Lư")
    resolve.get_by_label("Kết luận").select_option(value="partly")
    resolve.get_by_label("Nội dung trả lời hoặc tóm tắt quyết định").fill(
        "Điều chỉnh đơn giá bồi thường đất ở theo bảng giá năm 2026."
    )
    confirm_step(handler, "resolve")
    assert said(handler, "Đã ghi nhận kết quả giải quyết.")

    # Every step is on the timeline, each by whom took it; the typed notes are marked internal.
    steps = timeline(handler)
    with translation.override("vi"):
        labels = {str(event.get_kind_display()) for event in PetitionEvent.objects.filter(petition=linked)}
    assert len(labels) >= 5, labels  # received by transfer, classified, accepted, verifying, resolved
    for label in labels:
        assert label in steps, label
    assert "Tẩn Thị Mai" in steps and "Sùng A Páo" in steps
    assert verification_note in steps
    linked.refresh_from_db()
    assert linked.status == "resolved" and linked.handler.username == "xulydon.binhlu"

    # What the typed notes became: internal lines the citizen never reads.
    public_notes = " ".join(
        PetitionEvent.objects.filter(petition__in=[first, linked], is_public=True).values_list("note", flat=True)
    )
    for note in (internal, transfer_note, verification_note):
        assert note not in public_notes
    note_entry = (
        handler.locator("#sec-timeline")
        .locator("xpath=../..")
        .get_by_role("listitem")
        .filter(has_text=verification_note)
    )
    assert "nội bộ" in note_entry.inner_text()
    assert shoot(handler, "handler-leader") == []

    # What the citizen reads with the first code and key: the steps and the answer, none of the typed notes.
    citizen = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    try:
        lookup = citizen.new_page()
        lookup.goto(f"{live_server.url}/tra-cuu/")
        lookup.get_by_label("Mã đơn").fill(first.code)
        lookup.get_by_label("Mã tra cứu").fill(first.lookup_key)
        lookup.get_by_role("button", name="Tra cứu").click()
        status = lookup.locator("main").inner_text()
        assert linked.code in lookup.get_by_test_id("transferred-to").inner_text()
        assert "Điều chỉnh đơn giá bồi thường đất ở" in status
        for note in (internal, transfer_note, verification_note):
            assert note not in status, note
    finally:
        citizen.close()

    # The two petitions name each other on their timelines: a link offered across the seam opens.
    ward.reload()
    dead = []
    for page, other in ((ward, linked), (handler, first)):
        link = page.locator("#sec-timeline").locator("xpath=../..").get_by_role("link", name=other.code)
        if link.count():
            where = page.url.removeprefix(live_server.url)
            href = link.first.get_attribute("href")
            with page.expect_response(lambda response, href=href: response.url.endswith(href)) as opened:
                link.first.click()
            if opened.value.status != 200:
                dead.append(f"{where} → {other.code} ({href}): {opened.value.status}")
    assert dead == [], f"links between the transferred petitions that do not open: {dead}"


# --- 3. The citizen, on a phone -------------------------------------------------------------


def test_citizen_follows_a_transferred_petition_and_submits_one_online(live_server, citizen_phone, time_machine):
    time_machine.move_to("2026-03-10 08:30 +0700")
    units = province()
    officer = UserFactory(roles=[Role.RECEPTION_OFFICER], units=[units["tan_phong"]])
    ward_handler = UserFactory(roles=[Role.HANDLER], units=[units["tan_phong"]])
    leader = UserFactory(roles=[Role.LEADER], units=[units["binh_lu"]])
    handler = UserFactory(roles=[Role.HANDLER], units=[units["binh_lu"]])
    first = petition_from_a_visit(
        officer, units["tan_phong"], "Khiếu nại bồi thường đất bản Nà Khuầy", "Không đồng ý mức bồi thường."
    )
    code, key = first.code, first.lookup_key
    internal = "Ghi chú nội bộ: người khiếu nại đã gửi nhiều nơi"
    petition_services.add_petition_note(petition=first, actor=ward_handler, note=internal)
    petition_services.transfer_petition(
        petition=first, actor=ward_handler, note="Nội bộ: chuyển theo địa bàn", to_unit=units["binh_lu"]
    )
    linked = Petition.objects.get(transferred_from=first)
    petition_services.classify_petition(petition=linked, actor=leader)
    petition_services.accept_petition(petition=linked, actor=leader, accepted_date=date(2026, 3, 10))
    petition_services.take_petition(petition=Petition.objects.get(pk=linked.pk), actor=handler)
    petition_services.start_verification(
        petition=Petition.objects.get(pk=linked.pk), actor=handler, note="Nội bộ: đo đạc lại thửa đất"
    )
    answer = "Điều chỉnh đơn giá bồi thường đất ở theo bảng giá năm 2026."
    petition_services.resolve_petition(
        petition=Petition.objects.get(pk=linked.pk), actor=handler, decided_on=date(2026, 3, 10),
        number="15/QĐ-UBND", signer="Chủ tịch UBND xã Bình Lư", outcome="partly", text=answer,
    )  # fmt: skip
    page = citizen_phone

    page.goto(live_server.url)
    page.locator("#main").get_by_role("link", name="Tra cứu đơn").click()
    page.get_by_label("Mã đơn").fill(code)
    page.get_by_label("Mã tra cứu").fill(key)
    page.get_by_role("button", name="Tra cứu").click()
    status = page.locator("main").inner_text()
    assert "UBND xã Bình Lư" in page.get_by_test_id("transferred-to").inner_text()
    assert linked.code in page.get_by_test_id("transferred-to").inner_text()
    assert page.get_by_role("heading", name=re.compile(f"^Tại UBND phường Tân Phong.*{code}")).is_visible()
    later = page.get_by_role("heading", name=re.compile(f"^Tại UBND xã Bình Lư.*{linked.code}"))
    assert later.is_visible()
    with translation.override("vi"):
        for kind in (EventKind.ACCEPTED, EventKind.VERIFICATION_STARTED, EventKind.RESOLVED):
            assert str(kind.label) in status, kind
    assert answer in page.get_by_role("region", name="Kết quả trả lời").inner_text()
    assert internal not in status and "Nội bộ" not in status
    assert "Lò Văn Pọm" not in status
    assert shoot(page, "citizen-status") == []

    # Sending a petition online: the receipt, refreshed, files nothing twice.
    count = Petition.objects.count()
    page.goto(f"{live_server.url}/gui-don/")
    page.get_by_label("Phản ánh về một vấn đề").check()
    page.get_by_label("Nội dung liên quan đến địa phương nào?").select_option(label="Phường Tân Phong")
    page.get_by_label("Lĩnh vực").select_option(label="Môi trường")
    page.get_by_label("Tiêu đề (một dòng)").fill("Phản ánh khói bụi từ lò gạch tổ 8")
    page.locator("textarea[name=content]").fill("Lò gạch thủ công đốt vào buổi tối, khói bụi vào nhà dân.")
    page.get_by_label("Họ và tên").fill("Vàng Thị Mỷ")
    page.get_by_role("button", name="Gửi đơn").click()
    page.wait_for_url(f"{live_server.url}/gui-don/bien-nhan/")
    assert Petition.objects.count() == count + 1
    new_code = page.get_by_test_id("receipt-code").inner_text()
    new_key = page.get_by_test_id("receipt-key").inner_text()
    page.reload()
    assert page.get_by_test_id("receipt-code").inner_text() == new_code
    assert page.get_by_test_id("receipt-key").inner_text() == new_key
    assert Petition.objects.count() == count + 1
    assert page.get_by_role("button", name="Sao chép mã đơn").is_visible()
    assert page.get_by_role("button", name="Sao chép mã tra cứu").is_visible()
    assert shoot(page, "citizen") == []


# --- 4. The province's leader, and everyone the escalation ladder reaches ------------------


def test_the_ladder_reaches_each_rung_and_the_leader_follows_the_dashboard(live_server, sign_in, time_machine):
    time_machine.move_to("2026-02-06 09:00 +0700", tick=False)
    units = province()
    officer = UserFactory(username="tiepdan.tanphong", roles=[Role.RECEPTION_OFFICER], units=[units["tan_phong"]])
    people = {
        "ward_leader": UserFactory(username="lanhdao.tanphong", roles=[Role.LEADER], units=[units["tan_phong"]]),
        "ward_handler": UserFactory(username="xulydon.tanphong", roles=[Role.HANDLER], units=[units["tan_phong"]]),
        "leader": UserFactory(username="lanhdao", full_name="Lò Văn Hưng", roles=[Role.LEADER],
                              units=[units["province"]]),
        "inspector": UserFactory(username="xulydon", roles=[Role.HANDLER], units=[units["inspectorate"]]),
        "reception_officer": UserFactory(username="tiepdan", full_name="Nguyễn Thị Hoa",
                                         roles=[Role.RECEPTION_OFFICER], units=[units["reception"]]),
    }  # fmt: skip
    denouncer = "Hoàng Văn Tố"
    denunciation = petition_from_a_visit(
        officer, units["tan_phong"], "Tố cáo cán bộ địa chính nhận tiền", "Cán bộ địa chính nhận tiền khi đo đạc.",
        kind="denunciation", person=denouncer,
    )  # fmt: skip
    petition_services.assign_petition(
        petition=denunciation, handler=people["ward_handler"], actor=people["ward_leader"]
    )
    # The daily job, as beat runs it, on the days the ladder climbs.
    for day in ("2026-02-09", "2026-02-23", "2026-02-24", "2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"):
        time_machine.move_to(f"{day} 06:00 +0700", tick=False)
        alert_tasks.scan_deadlines()
    time_machine.move_to("2026-03-23 08:00 +0700")
    denunciation.refresh_from_db()
    assert denunciation.deadline.escalation_level == 3

    escalated = Notification.objects.filter(kind="petition_escalation")
    told = set(escalated.values_list("recipient__username", flat=True))
    assert told >= {"lanhdao.tanphong", "xulydon.tanphong", "lanhdao", "xulydon", "tiepdan"}, told
    outside = {"lanhdao", "xulydon", "tiepdan"}  # the province's bodies, outside the handling ward
    pages = {}
    for username in sorted(told):
        page = pages[username] = sign_in(username)
        page.get_by_test_id("inbox-link").click()
        notice = page.locator("form").filter(has_text=denunciation.code).filter(has_text=re.compile("cấp|quá hạn"))
        assert notice.count() >= 1, username
        notice.first.get_by_role("button").click()
        page.wait_for_url(f"**/petitions/{denunciation.pk}/")
        assert page.get_by_role("heading", name=denunciation.code).is_visible(), username
        body = page.locator("main").inner_text()
        assert "Tố cáo cán bộ địa chính nhận tiền" in body, username
        if username in outside:
            assert denouncer not in body, username  # sealed from those outside the handling unit
            assert page.get_by_text("Danh tính được bảo mật").first.is_visible(), username
        if username in ("xulydon", "tiepdan"):  # told, though the ward is not theirs: they read, nothing more
            assert page.get_by_test_id("reader-notice").is_visible(), username
            assert page.locator("details.step").count() == 0, username
    shoot(pages["tiepdan"], "leader-ladder-reception-office")

    # The province's leader: the dashboard, narrowed to the ward and the month, then a figure's list.
    leader = pages["lanhdao"]
    leader.get_by_role("link", name="Tổng hợp").click()
    leader.get_by_label("Đơn vị (gồm cả đơn vị trực thuộc)").select_option(label="UBND phường Tân Phong")
    leader.get_by_label("Kỳ báo cáo").select_option(label="Tháng")
    leader.get_by_label("Tháng hoặc quý số").fill("2")
    leader.get_by_label("Năm").fill("2026")
    leader.get_by_role("button", name="Hiển thị").click()
    period = leader.get_by_test_id("period").inner_text()
    card = leader.locator(".card").filter(has_text="Tố cáo").filter(has=leader.locator(".fs-3")).first
    figure = card.locator(".fs-3").inner_text()
    assert figure == "1", period
    card.locator("a").first.click()
    leader.wait_for_url("**/petitions/?**")
    query = leader.url.split("?", 1)[1]
    assert f"unit={units['tan_phong'].pk}" in query and "kind=denunciation" in query
    assert leader.locator("select[name=unit]").input_value() == str(units["tan_phong"].pk)
    start, end = re.findall(r"\d{2}/\d{2}/\d{4}", period)
    assert leader.get_by_label("Nhận từ ngày").input_value() == start, period
    assert leader.get_by_label("Nhận đến ngày").input_value() == end, period
    assert leader.get_by_text(f"{figure} đơn", exact=True).is_visible()
    assert leader.get_by_role("row").filter(has_text=denunciation.code).is_visible()
    assert shoot(leader, "leader") == []


# --- 5. The supervisor, and the unit the recommendation is addressed to ---------------------


def test_supervisor_adds_a_recommendation_the_unit_reports_and_the_supervisor_reads_the_history(live_server, sign_in):
    units = province()
    UserFactory(username="giamsat", full_name="Tòng Thị Mai", roles=[Role.SUPERVISOR], units=[units["standing"]])
    UserFactory(username="lanhdao.tanphong", full_name="Đỗ Văn Long", roles=[Role.LEADER], units=[units["tan_phong"]])
    programme = ProgrammeFactory(year=2026, body=units["standing"], title="Chương trình giám sát năm 2026")
    supervision = SupervisionFactory(
        programme=programme, topic="Cấp giấy phép xây dựng giai đoạn 2021–2025",
        period_from=date(2021, 1, 1), period_to=date(2025, 12, 31),
    )  # fmt: skip
    text = "Công khai quy trình cấp phép xây dựng tại bộ phận một cửa"

    supervisor = sign_in("giamsat")
    supervisor.get_by_role("link", name="Giám sát", exact=True).click()
    supervisor.get_by_role("link", name="2026 – Chương trình giám sát năm 2026").click()
    supervisor.get_by_role("link", name="Cấp giấy phép xây dựng giai đoạn 2021–2025").click()
    supervisor.wait_for_url(f"**/supervision/supervisions/{supervision.pk}/")
    form = supervisor.get_by_role("region", name="Thêm kiến nghị")
    form.get_by_label("Gửi đến").select_option(label="UBND phường Tân Phong")
    form.locator("textarea[name=text]").fill(text)
    form.get_by_label("Thời hạn").fill("30/06/2030")
    form.get_by_role("button", name="Thêm").click()
    recommendations = supervisor.locator("#sec-recommendations").locator("xpath=../..")
    assert text in recommendations.inner_text()
    recommendation = Recommendation.objects.get(text=text)

    # The addressed ward reports it implemented: the page asks first, since that cannot be undone.
    ward = sign_in("lanhdao.tanphong")
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept()

    ward.on("dialog", answer)
    ward.get_by_role("link", name="Giám sát", exact=True).click()
    ward.locator("#main").get_by_role("link", name="Kiến nghị", exact=True).click()
    ward.wait_for_url("**/supervision/recommendations/")
    ward.get_by_role("link", name=re.compile(re.escape(text[:40]))).first.click()
    ward.wait_for_url(f"**/supervision/recommendations/{recommendation.pk}/")
    ward.get_by_label("Nội dung đã thực hiện").fill("Đã niêm yết quy trình tại bộ phận một cửa phường.")
    ward.get_by_label("Trạng thái").select_option(label="Đã thực hiện")
    ward.get_by_label("Tỷ lệ hoàn thành (%)").fill("100")
    ward.get_by_role("button", name="Lưu cập nhật").click()
    assert ward.get_by_test_id("recommendation-status").inner_text().startswith("Đã thực hiện")
    assert len(questions) == 1 and "không thể sửa" in questions[0]  # asked before it is recorded for good

    # The supervisor reads the history.
    supervisor.goto(f"{live_server.url}/supervision/supervisions/{supervision.pk}/")
    supervisor.get_by_role("link", name=re.compile(re.escape(text[:40]))).click()
    assert supervisor.get_by_test_id("recommendation-status").inner_text().startswith("Đã thực hiện")
    updates = supervisor.locator("#sec-updates").locator("xpath=..").locator("xpath=..").inner_text()
    assert "Đã niêm yết quy trình" in updates and "Đỗ Văn Long" in updates
    history = supervisor.locator("#sec-history").locator("xpath=../..").inner_text()
    assert "Đỗ Văn Long" in history and "Đã thực hiện" in history
    assert shoot(supervisor, "supervisor") == []
    # Implemented closes it for good: no progress form is offered any more (it could offer no status).
    offered = supervisor.get_by_role("region", name="Cập nhật tiến độ")
    assert offered.count() == 0, "an implemented recommendation still offers its progress form: " + " | ".join(
        offered.get_by_label("Trạng thái").locator("option").all_inner_texts()
    )


# --- 6. The administrator ---------------------------------------------------------------------


def test_administrator_adds_a_day_off_and_the_planned_session_moves(live_server, sign_in, browser, time_machine):
    time_machine.move_to("2026-10-20 08:00 +0700")
    units = province()
    UserFactory(username="quantri", full_name="Trần Minh Đức", roles=[Role.ADMINISTRATOR], units=[units["province"]],
                is_staff=True)  # fmt: skip
    schedule = ReceptionSchedule.objects.create(
        name="Chủ tịch UBND phường Tân Phong tiếp công dân (ngày 10)", recurrence=Recurrence.MONTHLY_DAYS,
        days_of_month="10", presiding_position="Chủ tịch UBND phường", place="Trụ sở tiếp công dân phường Tân Phong",
        start_time=time(7, 30), end_time=time(11, 30), valid_from=date(2026, 1, 1),
        holiday_policy=HolidayPolicy.MOVE_NEXT,
    )  # fmt: skip
    schedule.hosts.set([units["tan_phong"]])
    reception_services.materialise_sessions(schedule=schedule, start=date(2026, 11, 1), end=date(2026, 11, 30))
    session = schedule.sessions.get()
    assert session.date == date(2026, 11, 10) and session.is_published

    admin = sign_in("quantri")
    admin.get_by_role("link", name="Quản trị", exact=True).click()
    admin.wait_for_url("**/admin/")
    admin.get_by_role("link", name="Ngày nghỉ bổ sung", exact=True).click()
    admin.locator(".object-tools").get_by_role("link", name=re.compile("^Thêm")).click()
    admin.wait_for_url("**/admin/workdays/dayoff/add/")
    admin.locator("#id_date").fill("10/11/2026")
    admin.locator("#id_name").fill("Nghỉ lễ kỷ niệm thành lập tỉnh")
    admin.locator("#id_legal_basis").fill("Thông báo 12/TB-UBND")
    admin.locator("input[name=_save]").click()
    messages = admin.locator(".messagelist").inner_text()
    assert "10/11/2026 07:30, Trụ sở tiếp công dân phường Tân Phong" in messages, messages
    assert "dời sang ngày 11/11/2026" in messages, messages
    assert shoot(admin, "administrator-day-off-saved") == []
    session.refresh_from_db()
    assert session.date == date(2026, 11, 11)

    # The public calendar and its feed follow.
    public = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    try:
        calendar = public.new_page()
        calendar.goto(f"{live_server.url}/lich-tiep-cong-dan/")
        entry = calendar.locator("main").get_by_text("dời từ 10/11/2026")
        assert entry.is_visible()
        assert "11/11/2026" in calendar.locator("main").inner_text()
        calendar.get_by_label("Tỉnh hoặc xã, phường", exact=True).select_option(label="Phường Tân Phong")
        calendar.get_by_role("button", name="Hiển thị").click()
        feed_link = calendar.get_by_role("link", name=re.compile("Thêm lịch của Phường Tân Phong"))
        feed_url = feed_link.get_attribute("href")
        response = calendar.request.get(f"{live_server.url}{feed_url}" if feed_url.startswith("/") else feed_url)
        assert response.ok
        events = {str(e["UID"]): e for e in Calendar.from_ical(response.body()).walk("VEVENT")}
        moved = events[f"reception-session-{session.pk}@danvan"]
        assert moved.decoded("DTSTART").date() == date(2026, 11, 11)
        assert shoot(calendar, "administrator-public-calendar") == []
    finally:
        public.close()

    # The sessions in the admin, then the month calendar.
    admin.goto(f"{live_server.url}/admin/")
    admin.get_by_role("link", name="Buổi tiếp công dân", exact=True).click()
    assert "/admin/reception/receptionsession/" in admin.url
    row = admin.locator("#result_list tbody tr").filter(has_text="Trụ sở tiếp công dân phường Tân Phong")
    assert "Ngày 11 tháng 11 năm 2026" in row.inner_text() and "Ngày 10 tháng 11 năm 2026" in row.inner_text()
    admin.goto(f"{live_server.url}/reception/month/?month=2026-11")
    assert admin.get_by_role("table").is_visible()
    assert admin.get_by_text("Trụ sở tiếp công dân phường Tân Phong").first.is_visible()
    assert shoot(admin, "administrator") == []
    admin.get_by_role("link", name="Các buổi tiếp công dân").click()  # the month page's breadcrumb
    assert admin.get_by_role("heading", name="Các buổi tiếp công dân").is_visible()
