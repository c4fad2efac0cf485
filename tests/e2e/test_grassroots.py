"""Grassroots mediation and democracy in the browser (issue 16's "Done when").

A commune official takes a dispute from a failed mediation to a petition, each page linking to the other; the
unit that answered a recommendation publishes the answer and a citizen reads it, with no name on the page; an
official of another commune does not find the mediation (its parties are personal data). Data are set up through
the services and the factories; from then on everyone acts through the pages. Screenshots at desk and phone width
go to test-artifacts/grassroots/.
"""

import re
from datetime import date, timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from mediation import services as mediation_services
from mediation.models import MediationCase, TeamRule
from mediation.workflow import CaseStatus
from petitions import services as petition_services
from petitions.models import Kind, Petition
from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE, has_horizontal_scroll
from tests.factories import PASSWORD
from tests.mediation.conftest import MEDIATORS, add_mediators

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("seeded_transactional_db")]

SHOTS = ARTIFACTS / "grassroots"

MATTER = "Tranh chấp lối đi chung giữa hai hộ tại tổ dân phố số 5"
PARTIES = [
    {"full_name": "Hoàng Văn Sáng", "address": "Số 9 ngõ 12, tổ 5", "phone": "0912000111"},
    {"full_name": "Vàng Thị Dung", "address": "Số 11 ngõ 12, tổ 5", "phone": "0987000222"},
]
# The petitioner of the answered recommendation: nothing of this may reach the public page.
PETITIONER = {
    "full_name": "Lò Thị Phương",
    "citizen_id": "012188000456",
    "province_code": "12",
    "commune_code": "3408",
    "address": "Số 23 đường Trần Phú, tổ 9",
    "phone": "0978111222",
    "is_representative": False,
}


# --- helpers ------------------------------------------------------------------------------------------------


@pytest.fixture
def sign_in(browser, live_server):
    """A browser of one's own, signed in; every page it opens must satisfy the Content Security Policy."""
    contexts, refused = [], []

    def open_as(username, viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("dialog", lambda dialog: dialog.accept())  # the "cannot be undone" questions: the official agrees
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập", exact=True).click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    yield open_as
    for context in contexts:
        context.close()
    assert refused == [], f"Refused by the Content Security Policy: {refused}"


@pytest.fixture
def citizen(browser):
    """A citizen's phone, no login."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    context.close()
    assert refused == [], f"Refused by the Content Security Policy: {refused}"


def shoot(page, name, widths=(("desktop", DESKTOP), ("phone", PHONE))):
    """Screenshots of the page at each width; returns what reaches past the right edge, at which width."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    before = page.viewport_size
    misfits = []
    for label, size in widths:
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
        if has_horizontal_scroll(page):
            misfits += [f"{name} ({label}): {element}" for element in overflowing(page)]
    page.set_viewport_size(before)
    return misfits


def overflowing(page):
    """The innermost elements that reach past the right edge of the viewport (what makes a page scroll sideways),
    those of the navigation bar marked [navbar]."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const all = [...document.querySelectorAll("body *")];
            const wide = all.filter(e => e.getBoundingClientRect().right > width + 1);
            const name = e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`;
            return wide.filter(e => !wide.some(other => other !== e && e.contains(other))).map(e =>
                `${e.closest(".portal-navbar") ? "[navbar] " : ""}${name(e)}`
                + ` (${Math.round(e.getBoundingClientRect().right)}px): ${(e.innerText || "").trim().slice(0, 60)}`);
        }"""
    )


def judge_layout(misfits):
    """Nothing may scroll sideways, at desk or phone width."""
    assert misfits == [], misfits


def open_grassroots(page, entry):
    """The officials' menu groups mediation, dialogues and grassroots democracy under one entry."""
    page.get_by_role("button", name="Dân vận ở cơ sở").click()
    page.get_by_role("link", name=entry, exact=True).click()


def said(page, message):
    """The page's message (a Bootstrap alert) says `message`."""
    return page.get_by_role("alert").filter(has_text=message).is_visible()


def dmy(day):
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def team(units, people):
    """A recognised team of UBND phường Tân Phong: three mediators, one a woman."""
    if not TeamRule.objects.exists():  # a transactional test's flush removed the seeded make-up rule
        import_module("mediation.migrations.0001_initial").seed(apps, None)
    team = mediation_services.create_team(
        actor=people["handler"], committee=units["committee"], name="Tổ hòa giải tổ dân phố số 5",
        area="Tổ dân phố số 5",
    )  # fmt: skip
    add_mediators(team, people["handler"])
    return mediation_services.recognise_team(
        team=team, actor=people["leader"], decision_number="15/QĐ-UBND", decision_date=date(2025, 3, 10)
    )


# --- 1. A failed mediation becomes a petition ------------------------------------------------------------------


def test_a_commune_official_lodges_a_failed_mediation_as_a_petition_linked_both_ways(sign_in, people, team, category):
    today = timezone.localdate()
    page = sign_in(people["handler"].username)  # the ward's justice officer

    # Record the dispute brought to the team.
    open_grassroots(page, "Hòa giải")
    assert page.get_by_role("heading", name="Hòa giải ở cơ sở").is_visible()
    page.get_by_role("link", name="Ghi nhận vụ việc").click()
    page.wait_for_url("**/mediation/cases/new/")
    page.get_by_label("Tổ hòa giải").select_option(label=team.name)
    page.get_by_label("Nội dung vụ việc").fill(MATTER)
    page.get_by_label("Chi tiết").fill("Hộ ông Sáng rào lối đi chung mà hộ bà Dung vẫn dùng để ra đường chính.")
    page.get_by_label("Lĩnh vực").select_option(label="Đất đai")
    for number, party in enumerate(PARTIES, start=1):
        page.get_by_label(f"Bên thứ {number}: họ và tên").fill(party["full_name"])
        page.get_by_label(f"Bên thứ {number}: địa chỉ").fill(party["address"])
        page.get_by_label(f"Bên thứ {number}: số điện thoại").fill(party["phone"])
    misfits = shoot(page, "mediation-case-form")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/mediation/cases/\d+/$"))
    case = MediationCase.objects.get(matter=MATTER)
    assert page.url.endswith(f"/mediation/cases/{case.pk}/")
    assert said(page, f"Đã ghi nhận vụ việc {case.code}.")
    assert page.get_by_role("heading", name=case.code).is_visible()
    parties = page.get_by_role("region", name="Các bên").inner_text()
    assert all(party["full_name"] in parties for party in PARTIES), parties

    # The team meets the parties, who do not agree.
    start = page.get_by_role("region", name="Bắt đầu hòa giải")
    for name, _gender, _role in MEDIATORS[:2]:
        start.get_by_label(name).check()
    start.get_by_role("button", name="Bắt đầu").click()
    assert said(page, "Đã bắt đầu hòa giải.")
    assert page.get_by_test_id("case-status").inner_text() == "Đang hòa giải"

    outcome = page.get_by_role("region", name="Ghi nhận kết quả")
    outcome.get_by_label("Kết luận").select_option(label="Hòa giải không thành, đã hướng dẫn đến cơ quan có thẩm quyền")
    outcome.get_by_label("Ngày hòa giải").fill(dmy(today))
    outcome.get_by_label("Biên bản", exact=True).fill("Hai bên không thống nhất việc mở lại lối đi chung.")
    outcome.get_by_label("Cơ quan có thẩm quyền").fill("UBND phường Tân Phong")
    outcome.get_by_role("button", name="Lưu").click()
    assert said(page, "Đã ghi nhận kết quả hòa giải.")
    assert page.get_by_test_id("case-status").inner_text().startswith("Hòa giải không thành")
    case.refresh_from_db()
    assert case.status == CaseStatus.UNSUCCESSFUL and case.mediated_date == today

    # At phone width, the dispute comes back as a recommendation lodged by both parties, from the case page.
    page.set_viewport_size(PHONE)
    lodge = page.get_by_role("region", name="Ghi nhận đơn phát sinh")
    lodge.get_by_label("Loại đơn").select_option(label="Kiến nghị")
    for party in PARTIES:
        lodge.get_by_label(party["full_name"]).check()
    misfits += shoot(page, "mediation-lodge-form", widths=(("phone", PHONE),))
    lodge.get_by_role("button", name="Ghi nhận đơn").click()
    page.wait_for_url(f"**/mediation/cases/{case.pk}/")
    case.refresh_from_db()
    petition = case.follow_up_petition
    assert petition is not None
    assert said(page, f"Đã ghi nhận đơn {petition.code} và liên kết với vụ việc hòa giải này.")
    assert page.get_by_role("region", name="Ghi nhận đơn phát sinh").count() == 0  # one petition per failure
    follow_up = page.get_by_test_id("follow-up-petition")
    assert follow_up.get_by_role("link", name=petition.code).is_visible()
    misfits += shoot(page, "mediation-case-unsuccessful")

    # The petition page links back to the case.
    follow_up.get_by_role("link", name=petition.code).click()
    page.wait_for_url(f"**/petitions/{petition.pk}/")
    assert page.get_by_role("heading", name=petition.code).is_visible()
    panel = page.get_by_test_id("petition-mediation")
    assert "Gửi sau khi hòa giải không thành, vụ việc" in panel.inner_text()
    assert panel.get_by_role("link", name=case.code).is_visible()
    misfits += shoot(page, "mediation-follow-up-petition")
    petition = Petition.objects.get(pk=petition.pk)
    assert petition.kind == Kind.RECOMMENDATION and petition.receiving_unit == team.committee
    assert sorted(p.full_name for p in petition.petitioners.all()) == sorted(p["full_name"] for p in PARTIES)

    page.set_viewport_size(DESKTOP)
    panel.get_by_role("link", name=case.code).click()
    page.wait_for_url(f"**/mediation/cases/{case.pk}/")
    assert page.get_by_role("heading", name=case.code).is_visible()

    judge_layout(misfits)


# --- 2. A published answer, read by a citizen ---------------------------------------------------------------


def test_the_answering_unit_publishes_an_answer_and_a_citizen_reads_it_without_a_name(
    live_server, sign_in, citizen, people, make_petition
):
    today = timezone.localdate()
    leader = people["leader"]
    petition = make_petition(
        kind=Kind.RECOMMENDATION, received=today - timedelta(days=12), petitioners=[PETITIONER],
        summary="Kiến nghị lắp đèn chiếu sáng đường Trần Phú, tổ 9",
        content="Bà Phương ở số 23 đường Trần Phú kiến nghị lắp đèn đường đoạn trước nhà, buổi tối rất tối.",
        respondent="",
    )  # fmt: skip
    petition_services.accept_petition(petition=petition, actor=leader, accepted_date=today - timedelta(days=11))
    original = "Trả lời bà Lò Thị Phương (0978111222): UBND phường đã bố trí kinh phí lắp 6 đèn trong quý IV."
    petition_services.resolve_petition(
        petition=petition, actor=leader, decided_on=today - timedelta(days=2), text=original
    )
    summary = "Kiến nghị lắp đèn chiếu sáng đoạn đường Trần Phú thuộc tổ dân phố số 9"
    answer = "UBND phường đã bố trí kinh phí và sẽ lắp 6 đèn chiếu sáng trên đoạn đường này trong quý IV."

    # The ward's leader publishes it, with texts written for the public.
    page = sign_in(leader.username)
    open_grassroots(page, "Dân chủ ở cơ sở")
    page.get_by_role("link", name="Công bố trả lời", exact=True).click()
    page.wait_for_url("**/democracy/publications/")
    waiting = page.get_by_test_id(f"waiting-answer-{petition.pk}")
    assert petition.code in waiting.inner_text()
    waiting.get_by_role("link", name="Công bố công khai").click()
    page.wait_for_url(f"**/democracy/publish/answer/{petition.pk}/")
    assert page.get_by_role("heading", name="Công bố công khai", exact=True).is_visible()
    page.get_by_label("Tóm tắt công khai").fill(summary)
    page.get_by_label("Nội dung trả lời hoặc kết quả công khai").fill(answer)
    misfits = shoot(page, "democracy-publish-form")
    page.get_by_role("button", name="Công bố công khai").click()
    page.wait_for_url(re.compile(r"/democracy/publications/\d+/$"))
    assert said(page, "Đã công bố nội dung trả lời trên trang công khai.")
    misfits += shoot(page, "democracy-publication")

    # A citizen, on a phone, with no login, finds it from the menu.
    citizen.goto(live_server.url)
    citizen.locator(".navbar-toggler").click()
    citizen.get_by_role("link", name="Thông tin công khai").click()
    citizen.wait_for_url("**/cong-khai/tra-loi-kien-nghi/")
    assert citizen.get_by_role("heading", name="Trả lời kiến nghị, phản ánh").is_visible()
    item = citizen.locator("[data-testid^=public-answer-]").filter(has_text=summary)
    assert item.count() == 1
    text = item.inner_text()
    assert answer in text and "UBND phường Tân Phong" in text, text
    html = citizen.content()
    personal = [PETITIONER[key] for key in ("full_name", "citizen_id", "address", "phone")]
    for secret in (*personal, "Phương", original, petition.code, petition.lookup_key):
        assert secret not in html, secret
    misfits += shoot(citizen, "public-answers")
    judge_layout(misfits)


# --- 3. Another commune's official ------------------------------------------------------------------------------


def test_an_official_of_another_commune_does_not_find_the_mediation(live_server, sign_in, people, team, category):
    case = mediation_services.record_case(
        actor=people["handler"], team=team, matter=MATTER, details="", field=category,
        received_date=timezone.localdate(), parties=PARTIES,
    )  # fmt: skip
    url = f"{live_server.url}/mediation/cases/{case.pk}/"

    # The ward's own reception officer opens it, parties and all: the address is right.
    own = sign_in(people["officer"].username)
    assert own.goto(url).status == 200
    assert PARTIES[0]["full_name"] in own.get_by_role("region", name="Các bên").inner_text()

    # An official of xã Bình Lư (leader and handler there) is told the page does not exist.
    stranger = sign_in(people["stranger"].username)
    response = stranger.goto(url)
    assert response.status == 404
    assert stranger.get_by_role("heading", name="Không tìm thấy trang").is_visible()
    html = stranger.content()
    for secret in (case.code, MATTER, *(p["full_name"] for p in PARTIES), *(p["phone"] for p in PARTIES)):
        assert secret not in html, secret
    misfits = shoot(stranger, "mediation-case-other-commune-404")
    open_grassroots(stranger, "Hòa giải")
    stranger.wait_for_url("**/mediation/")
    assert case.code not in stranger.content()
    judge_layout(misfits + shoot(stranger, "mediation-cases-other-commune"))
