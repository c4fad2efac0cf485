"""In a browser: a leader downloads a petition's receipt and the periodic report as PDF, and follows a long
report made by a worker to its download link."""

from datetime import date
from pathlib import Path

import pytest
import time_machine

from tests.documents.conftest import pdf_text
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("seeded_transactional_db")]


def log_in(page, url, user):
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def downloaded(page, locator):
    with page.expect_download() as info:
        locator.click()
    return Path(info.value.path()).read_bytes(), info.value.suggested_filename


@time_machine.travel("2026-03-02 09:00 +0700", tick=False)
def test_a_leader_downloads_a_receipt_and_the_report(live_server, page, make_petition, people, settings):
    from petitions import services

    petition = make_petition()
    services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 20))
    log_in(page, live_server.url, people["leader"])
    page.goto(f"{live_server.url}/petitions/{petition.pk}/")
    card = page.get_by_test_id("documents")
    assert "Phiếu tiếp nhận đơn" in card.inner_text() and "Thông báo thụ lý" in card.inner_text()
    content, name = downloaded(page, page.get_by_test_id("document-pdf-receipt"))
    text = pdf_text(content)
    assert name == f"giay-bien-nhan-{petition.code}.pdf"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "UBND PHƯỜNG TÂN PHONG" in text
    assert petition.code in text and "Lường Thị Thu" in text

    page.goto(f"{live_server.url}/dashboard/report/?period=quarter&year=2026&number=1")
    content, name = downloaded(page, page.get_by_test_id("report-pdf"))
    text = pdf_text(content)
    assert name.endswith(".pdf") and "BÁO CÁO" in text and "Đơn vị báo cáo: UBND phường Tân Phong." in text

    # Over more units than the limit, the report is made by a worker: the page shows its progress, then the link.
    settings.DOCUMENTS_INLINE_UNITS = 0
    page.goto(f"{live_server.url}/dashboard/report/?period=quarter&year=2026&number=1")
    page.get_by_test_id("report-docx").click()
    link = page.get_by_test_id("export-download")
    link.wait_for(state="visible")
    assert page.locator("progress").get_attribute("value") == "100"
    content, name = downloaded(page, link)
    assert content[:2] == b"PK" and name.endswith(".docx")
