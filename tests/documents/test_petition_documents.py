"""Each document of a petition's steps as PDF and .docx: the layout's words, the unit, the signer, the number."""

import re
from datetime import date

import pytest
import segno
from django.urls import reverse

from documents import selectors
from documents.layout import MOTTO, NATIONAL_NAME, vietnamese_date
from documents.models import DocumentKind, IssuedDocument
from petitions import services
from petitions.models import IdentityAccess, Kind, Outcome
from tests.documents.conftest import docx_text, pdf_text


def url(petition, available, file_format):
    return reverse("documents:petition", args=[petition.pk, available.kind, available.slug, file_format])


def download(client, user, petition, kind, file_format="pdf", query=""):
    client.force_login(user)
    available = next(item for item in selectors.documents_for(petition) if item.kind == kind)
    return client.get(url(petition, available, file_format) + query)


def both(client, user, petition, kind):
    """The document's text in the PDF and in the .docx, each checked to be the file it says it is."""
    pdf = download(client, user, petition, kind, "pdf")
    word = download(client, user, petition, kind, "docx")
    assert pdf.status_code == word.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert word["Content-Type"].endswith("wordprocessingml.document")
    assert pdf["Content-Disposition"].startswith("attachment;")
    # Named in Vietnamese without diacritics, as officials file it, with the petition's code.
    assert re.search(rf'filename="[a-z0-9-]+-{re.escape(petition.code)}\.pdf"', pdf["Content-Disposition"])
    return pdf_text(pdf.content), docx_text(word.content)


def test_the_date_line_pads_days_and_the_first_two_months():
    assert vietnamese_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert vietnamese_date(date(2026, 11, 20)) == "ngày 20 tháng 11 năm 2026"


def test_receipt_in_both_formats(client, make_petition, positions):
    petition = make_petition()
    for text in both(client, positions["handler"], petition, DocumentKind.RECEIPT):
        assert NATIONAL_NAME in text and MOTTO in text
        assert "UBND PHƯỜNG TÂN PHONG" in text  # the issuer, upper case as the header has it
        assert "Tân Phong, ngày 13 tháng 02 năm 2026" in text
        assert "GIẤY BIÊN NHẬN" in text
        assert "Số: 1/BN-UBND" in text
        assert "Nguyễn Văn An" in text and petition.code in text
        assert "CÁN BỘ TIẾP CÔNG DÂN" in text and "Lường Thị Thu" in text  # the officer who received it


def test_receipt_qr_code_opens_the_lookup_with_the_code_never_the_key(client, make_petition, positions, monkeypatch):
    petition = make_petition()
    seen = []
    real_make = segno.make

    def spy(content, **kwargs):
        seen.append(content)
        return real_make(content, **kwargs)

    monkeypatch.setattr("documents.render_pdf.segno.make", spy)
    monkeypatch.setattr("documents.render_docx.segno.make", spy)
    both(client, positions["officer"], petition, DocumentKind.RECEIPT)
    assert seen == [f"http://testserver/tra-cuu/?code={petition.code}"] * 2
    assert petition.lookup_key not in seen[0]


def test_acceptance_notice_and_decision(client, accepted, positions):
    petition = accepted()
    for text in both(client, positions["leader"], petition, DocumentKind.ACCEPTANCE_NOTICE):
        assert NATIONAL_NAME in text and "UBND PHƯỜNG TÂN PHONG" in text
        assert "THÔNG BÁO" in text and "Số: 1/TB-UBND" in text
        assert "Điều 27 Luật Khiếu nại năm 2011" in text
        assert "Kính gửi: Nguyễn Văn An" in text
        assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG" in text and "Đỗ Văn Long" in text
        assert "Nơi nhận:" in text
    for text in both(client, positions["leader"], petition, DocumentKind.ACCEPTANCE_DECISION):
        assert "QUYẾT ĐỊNH" in text and "Số: 2/QĐ-UBND" in text and "Đỗ Văn Long" in text


def test_refusal_transfer_and_guidance(client, make_petition, positions, units):
    refused = make_petition()
    services.refuse_petition(
        petition=refused, actor=positions["handler"], reason="Đã hết thời hiệu khiếu nại.", decided_on=date(2026, 2, 20)
    )
    for text in both(client, positions["handler"], refused, DocumentKind.REFUSAL_NOTICE):
        assert "không thụ lý" in text and "Đã hết thời hiệu khiếu nại." in text and "Phạm Quốc Bảo" in text
    moved = make_petition()
    services.transfer_petition(petition=moved, actor=positions["handler"], note="", to_unit=units["other"])
    for text in both(client, positions["handler"], moved, DocumentKind.TRANSFER_SLIP):
        assert "PHIẾU CHUYỂN ĐƠN" in text and "Kính gửi: UBND xã Bình Lư" in text and "CHUYÊN VIÊN THANH TRA" in text
    guided = make_petition()
    services.guide_petition(petition=guided, actor=positions["handler"], note="Gửi đơn đến Tòa án nhân dân khu vực.")
    for text in both(client, positions["handler"], guided, DocumentKind.GUIDANCE_SLIP):
        assert "PHIẾU HƯỚNG DẪN" in text and "Gửi đơn đến Tòa án nhân dân khu vực." in text


def test_resolution_decision_keeps_its_own_number(client, accepted, positions):
    petition = accepted()
    services.resolve_petition(
        petition=petition, actor=positions["leader"], decided_on=date(2026, 3, 2), number="46/QĐ-UBND",
        outcome=Outcome.PARTLY, text="Giữ nguyên một phần quyết định thu hồi đất.",
    )  # fmt: skip
    for text in both(client, positions["leader"], petition, DocumentKind.RESOLUTION):
        assert "QUYẾT ĐỊNH" in text and "Số: 46/QĐ-UBND" in text and "lần đầu" in text
        assert "Giữ nguyên một phần quyết định thu hồi đất." in text and "đúng một phần" in text
        assert "Đỗ Văn Long" in text and "UBND PHƯỜNG TÂN PHONG" in text


def test_a_document_keeps_its_number_and_the_next_takes_the_next(client, accepted, positions):
    petition = accepted()
    download(client, positions["leader"], petition, DocumentKind.ACCEPTANCE_NOTICE)
    download(client, positions["leader"], petition, DocumentKind.ACCEPTANCE_NOTICE, "docx")
    download(client, positions["leader"], petition, DocumentKind.RECEIPT)
    issued = IssuedDocument.objects.order_by("number")
    assert [(d.kind, d.reference) for d in issued] == [
        (DocumentKind.ACCEPTANCE_NOTICE, "1/TB-UBND"),
        (DocumentKind.RECEIPT, "2/BN-UBND"),
    ]


def test_out_of_scope_is_not_found(client, accepted, positions):
    petition = accepted()
    stranger = positions["stranger"]
    for kind in (DocumentKind.RECEIPT, DocumentKind.ACCEPTANCE_NOTICE):
        assert download(client, stranger, petition, kind).status_code == 404
    client.force_login(positions["leader"])
    notice = DocumentKind.ACCEPTANCE_NOTICE
    wrong_source = reverse("documents:petition", args=[petition.pk, notice, "event-999999", "pdf"])
    assert client.get(wrong_source).status_code == 404
    other = reverse("documents:petition", args=[petition.pk, DocumentKind.RESOLUTION, "decision-1", "pdf"])
    assert client.get(other).status_code == 404  # no resolution yet
    assert not IssuedDocument.objects.exists()


@pytest.fixture
def denunciation(make_petition, positions):
    petition = make_petition(kind=Kind.DENUNCIATION, respondent="Cán bộ địa chính phường")
    services.assign_petition(petition=petition, handler=positions["handler"], actor=positions["leader"])
    services.accept_petition(petition=petition, actor=positions["handler"], accepted_date=date(2026, 2, 20))
    return petition


def test_a_sealed_identity_stays_out_of_documents_for_who_may_not_see_it(client, denunciation, positions):
    colleague = positions["colleague"]  # a handler of the unit, not this petition's
    for kind in (DocumentKind.RECEIPT, DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.ACCEPTANCE_DECISION):
        for text in both(client, colleague, denunciation, kind):
            assert "Nguyễn Văn An" not in text and "012345678901" not in text
            assert "Danh tính được giữ bí mật" in text
        assert download(client, colleague, denunciation, kind, query="?reveal=1").status_code == 403
    assert not IdentityAccess.objects.exists()


def test_the_identity_goes_in_only_when_asked_by_who_may_see_it_and_is_logged(client, denunciation, positions):
    handler = positions["handler"]
    sealed = pdf_text(download(client, handler, denunciation, DocumentKind.ACCEPTANCE_NOTICE).content)
    assert "Nguyễn Văn An" not in sealed
    assert not IdentityAccess.objects.exists()
    revealed = download(client, handler, denunciation, DocumentKind.ACCEPTANCE_NOTICE, query="?reveal=1")
    assert "Kính gửi: Nguyễn Văn An" in pdf_text(revealed.content)
    access = IdentityAccess.objects.get()
    assert access.user == handler and access.petition == denunciation


def test_the_petition_page_links_each_document(client, accepted, positions):
    petition = accepted()
    client.force_login(positions["leader"])
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    for available in selectors.documents_for(petition):
        assert url(petition, available, "pdf") in page and url(petition, available, "docx") in page
    assert [item.kind for item in selectors.documents_for(petition)] == [
        DocumentKind.RECEIPT, DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.ACCEPTANCE_DECISION,
    ]  # fmt: skip


def test_the_pdf_places_the_header_as_decree_30_does_and_embeds_its_font():
    from io import BytesIO

    from pypdf import PdfReader

    from documents.layout import Document, Signature
    from documents.render_pdf import render_pdf

    doc = Document(
        kind="notice", file_stem="x", issuer="UBND PHƯỜNG TÂN PHONG", reference="Số: 7/TB-UBND",
        place_date="Tân Phong, ngày 05 tháng 02 năm 2026", title="THÔNG BÁO", recipients=["Như trên;"],
        signature=Signature(position="CHỦ TỊCH", name="Đỗ Văn Long"),
    )  # fmt: skip
    page = PdfReader(BytesIO(render_pdf(doc))).pages[0]
    where = {}
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: where.setdefault(text.strip(), (tm[4], tm[5])))
    issuer, nation = where["UBND PHƯỜNG TÂN PHONG"], where[NATIONAL_NAME]
    assert issuer[0] < nation[0] and abs(issuer[1] - nation[1]) < 1  # issuer top left, national name top right
    assert where["Số: 7/TB-UBND"][1] < issuer[1] and where[MOTTO][1] < nation[1]
    assert where["Tân Phong, ngày 05 tháng 02 năm 2026"][1] < where[MOTTO][1]
    assert where["THÔNG BÁO"][1] < where["Tân Phong, ngày 05 tháng 02 năm 2026"][1]
    assert where["Nơi nhận:"][0] < where["CHỦ TỊCH"][0] and where["Đỗ Văn Long"][1] < where["CHỦ TỊCH"][1]
    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    assert {font["/BaseFont"].split("+")[-1] for font in fonts} >= {"LiberationSerif", "LiberationSerifBold"}
    for font in fonts:  # each a composite font whose glyphs travel in the file (embedded TrueType)
        assert "/FontFile2" in font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
