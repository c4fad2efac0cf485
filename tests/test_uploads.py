"""Uploads are checked by what their bytes are, not by their name or the browser's claim (danvan/uploads.py)."""

import io
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from PIL import Image
from pypdf import PdfWriter

from danvan.uploads import Refusal, detected_file
from petitions.models import Attachment, Category, Kind, Petition


def pdf(pages=1):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image(fmt, size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, fmt)
    return buffer.getvalue()


def package(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def xlsx():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


DOCX = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}
ODT = {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content/>"}
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><head><script>alert(1)</script></head><body></body></html>"


@pytest.mark.parametrize(
    "name, content, stored",
    [
        ("don.pdf", pdf(2), "application/pdf"),
        ("anh.jpg", image("JPEG"), "image/jpeg"),
        ("anh.JPEG", image("JPEG"), "image/jpeg"),
        ("so-do.png", image("PNG"), "image/png"),
        ("bien-ban.docx", package(DOCX), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("bang-ke.xlsx", xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("van-ban.odt", package(ODT), "application/vnd.oasis.opendocument.text"),
        ("cu.doc", OLE, "application/msword"),
        ("cu.xls", OLE, "application/vnd.ms-excel"),
        ("ghi-chu.txt", "Kính gửi Ủy ban nhân dân xã.".encode(), "text/plain"),
        ("utf16.txt", "Kính gửi".encode("utf-16"), "text/plain"),
    ],
)
def test_a_file_that_is_what_its_name_says_is_kept_with_the_detected_type(name, content, stored):
    assert detected_file(content, name) == stored


@pytest.mark.parametrize(
    "name, content, actual",
    [
        ("don.pdf", EXE, "chương trình chạy được"),
        ("anh.jpg", HTML, "trang web (HTML)"),
        ("anh.png", image("JPEG"), "ảnh JPEG"),
        ("bien-ban.docx", xlsx(), "bảng tính Excel"),
        ("bien-ban.docx", package({"a.txt": "x"}), "tệp nén ZIP"),
        ("van-ban.odt", package(DOCX), "văn bản Word"),
        ("ghi-chu.txt", HTML, "trang web (HTML)"),
        ("ghi-chu.txt", b"#!/bin/sh\nrm -rf /\n", "tệp lệnh (script)"),
        ("ghi-chu.txt", EXE, "chương trình chạy được"),
        ("cu.doc", pdf(), "tệp PDF"),
    ],
)
def test_a_file_whose_bytes_are_something_else_is_refused_naming_it(name, content, actual):
    with pytest.raises(Refusal) as refused:
        detected_file(content, name)
    assert str(refused.value).startswith(f"“{name}” là {actual}")  # in Vietnamese, naming the file


def test_what_could_expand_on_the_server_is_capped(settings):
    settings.UPLOAD_MAX_PDF_PAGES = 3
    settings.UPLOAD_MAX_IMAGE_PIXELS = 100 * 100
    settings.UPLOAD_MAX_UNPACKED_MB = 1
    settings.UPLOAD_MAX_ARCHIVE_ENTRIES = 5
    assert detected_file(pdf(3), "ba-trang.pdf") == "application/pdf"
    with pytest.raises(Refusal, match="có 4 trang; chỉ chấp nhận tối đa 3"):
        detected_file(pdf(4), "bon-trang.pdf")
    assert detected_file(image("PNG", (100, 100)), "vua.png") == "image/png"
    with pytest.raises(Refusal, match="101 × 100 điểm ảnh"):
        detected_file(image("PNG", (101, 100)), "lon.png")
    # Two megabytes of zeros pack into a few kilobytes and unpack to more than the limit.
    bomb = package({**DOCX, "word/media/zeros.bin": b"\x00" * (2 * 1024 * 1024)})
    assert len(bomb) < 20_000
    with pytest.raises(Refusal, match="giải nén trên máy chủ sẽ lớn hơn 1 MB"):
        detected_file(bomb, "bom.docx")
    with pytest.raises(Refusal, match="chứa 7 tệp bên trong; chỉ chấp nhận tối đa 5"):
        detected_file(package({**DOCX, **{f"word/media/{i}.png": "x" for i in range(5)}}), "nhieu.docx")


@pytest.fixture
def submission(units, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    return {
        "kind": Kind.FEEDBACK,
        "locality": units["committee"].parent.pk,
        "category": Category.objects.get(name="Môi trường").pk,
        "summary": "Phản ánh khói bụi từ lò gạch",
        "content": "Lò gạch đốt thủ công gây khói bụi buổi tối.",
        "full_name": "Vàng Thị Mỷ",
    }


def test_the_public_form_refuses_a_program_named_pdf_and_keeps_what_was_typed(client, submission):
    fake = SimpleUploadedFile("don-khieu-nai.pdf", EXE, content_type="application/pdf")
    response = client.post(reverse("submit"), {**submission, "files": [fake]})
    html = response.content.decode()
    assert response.status_code == 200 and not Petition.objects.exists()
    # In Vietnamese, naming the file and what it really is.
    assert "“don-khieu-nai.pdf” là chương trình chạy được (tệp thực thi), không phải tệp PDF" in html
    assert "Lò gạch đốt thủ công gây khói bụi buổi tối." in html and "Vàng Thị Mỷ" in html


def test_the_stored_type_is_the_detected_one_not_the_browsers_claim(client, submission):
    scan = SimpleUploadedFile("anh-chup.png", image("PNG"), content_type="application/octet-stream")
    response = client.post(reverse("submit"), {**submission, "files": [scan]})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png" and attachment.original_name == "anh-chup.png"
    assert Petition.objects.get().received_date == date(2026, 3, 2)
