"""What an uploaded file really is, read from its bytes, and whether it may be kept.

The browser's claimed type and the file's name say nothing reliable: a program renamed `don.pdf` or a web
page renamed `anh.jpg` must be refused. Each accepted extension names the content it must have:

- the family comes from the file's signature (puremagic's table of magic numbers);
- containers are looked into: a .docx or .xlsx is a ZIP holding an Office package of that kind, an .odt
  or .ods a ZIP whose `mimetype` says so, a .doc or .xls an OLE2 compound file;
- what could expand on the server is capped: a ZIP's unpacked size and entry count, a PDF's pages, an
  image's pixels (the limits are settings).

A file whose signature matches its name but whose body cannot be read (a truncated scan) is kept as sent:
the portal never opens it beyond these checks. The detected type, not the browser's, is what is stored.
"""

import io
import zipfile
from pathlib import Path

import puremagic
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .workflow import DomainError

# What each accepted extension must contain: a name for messages and the type stored.
PDF, JPEG, PNG, OLE, OOXML_WORD, OOXML_SHEET, ODF_TEXT, ODF_SHEET, TEXT = (
    "pdf", "jpeg", "png", "ole", "docx", "xlsx", "odt", "ods", "text",
)  # fmt: skip

EXPECTED = {
    ".pdf": PDF,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".png": PNG,
    ".doc": OLE,
    ".xls": OLE,
    ".docx": OOXML_WORD,
    ".xlsx": OOXML_SHEET,
    ".odt": ODF_TEXT,
    ".ods": ODF_SHEET,
    ".txt": TEXT,
}

MIME = {
    PDF: "application/pdf",
    JPEG: "image/jpeg",
    PNG: "image/png",
    OOXML_WORD: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    OOXML_SHEET: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ODF_TEXT: "application/vnd.oasis.opendocument.text",
    ODF_SHEET: "application/vnd.oasis.opendocument.spreadsheet",
    TEXT: "text/plain",
}
OLE_MIME = {".doc": "application/msword", ".xls": "application/vnd.ms-excel"}

LABELS = {
    PDF: _("a PDF document"),
    JPEG: _("a JPEG image"),
    PNG: _("a PNG image"),
    OLE: _("a Word or Excel 97–2003 file"),
    OOXML_WORD: _("a Word document"),
    OOXML_SHEET: _("an Excel workbook"),
    ODF_TEXT: _("an OpenDocument text"),
    ODF_SHEET: _("an OpenDocument spreadsheet"),
    TEXT: _("plain text"),
    "zip": _("a ZIP archive"),
    "exe": _("a program (executable)"),
    "html": _("a web page (HTML)"),
    "script": _("a script"),
    "other": _("another kind of file"),
}

# The extensions puremagic reports for content of each family (an OLE2 header is every Office 97 format).
FAMILY_EXTENSIONS = {
    PDF: {".pdf"},
    JPEG: {".jpg", ".jpeg", ".jfif"},
    PNG: {".png"},
    OLE: {".doc", ".xls", ".ppt", ".msg", ".msi"},
}
MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe", b"<head", b"<meta")
HEAD = 8192


class Refusal(DomainError):
    """Why a file is refused, in words for the person who sent it (str(refusal))."""


def _family(head, name):
    """The content family of a file from its first bytes (puremagic's signatures): one of the kinds
    above, "zip" (looked into next), "exe", "html" or "other"."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    try:
        matches = puremagic.magic_string(head, filename=name)
    except (puremagic.PureError, ValueError):
        matches = []
    found = {match.extension.lower() for match in matches}
    for family, extensions in FAMILY_EXTENSIONS.items():
        if found & extensions:
            return family
    if b"%PDF-" in head[:1024]:  # a PDF may carry a few bytes before its header
        return PDF
    if head.startswith((b"MZ", b"\x7fELF")):
        return "exe"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(MARKUP) or b"<script" in lowered or any("html" in match.mime_type for match in matches):
        return "html"
    if head.startswith(b"#!"):
        return "script"
    if any(match.confidence >= 0.8 for match in matches):
        return "other"
    if b"\x00" not in head or head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text has its mark
        return TEXT
    return "other"


def _zip_kind(upload, name):
    """What an Office or OpenDocument package holds, refusing one that would unpack too large."""
    try:
        archive = zipfile.ZipFile(upload)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip"  # damaged: kept as sent only if a ZIP was expected, which no accepted name is
    if len(entries) > settings.UPLOAD_MAX_ARCHIVE_ENTRIES:
        raise Refusal(
            _("“%(name)s” holds %(count)d files inside; at most %(limit)d are accepted.")
            % {"name": name, "count": len(entries), "limit": settings.UPLOAD_MAX_ARCHIVE_ENTRIES}
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > settings.UPLOAD_MAX_UNPACKED_MB * 1024 * 1024:
        raise Refusal(
            _("“%(name)s” would unpack to more than %(limit)d MB on the server.")
            % {"name": name, "limit": settings.UPLOAD_MAX_UNPACKED_MB}
        )
    names = {entry.filename for entry in entries}
    if "mimetype" in names:
        declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
        return {MIME[ODF_TEXT]: ODF_TEXT, MIME[ODF_SHEET]: ODF_SHEET}.get(declared, "zip")
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return OOXML_WORD
        if "xl/workbook.xml" in names:
            return OOXML_SHEET
    return "zip"


def _check_pages(upload, name, family):
    """Refuse a PDF of too many pages or an image of too many pixels; an unreadable body is kept as sent."""
    if family == PDF:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError

        try:
            pages = len(PdfReader(upload, strict=False).pages)
        except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
            return
        if pages > settings.UPLOAD_MAX_PDF_PAGES:
            raise Refusal(
                _("“%(name)s” has %(pages)d pages; at most %(limit)d are accepted.")
                % {"name": name, "pages": pages, "limit": settings.UPLOAD_MAX_PDF_PAGES}
            )
    elif family in (JPEG, PNG):
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(upload) as image:  # reads the header only
                width, height = image.size
        except Image.DecompressionBombError:
            width = height = settings.UPLOAD_MAX_IMAGE_PIXELS  # far over any limit: Pillow refused to open it
        except (UnidentifiedImageError, OSError, ValueError):
            return
        if width * height > settings.UPLOAD_MAX_IMAGE_PIXELS:
            raise Refusal(
                _("“%(name)s” is an image of %(width)d × %(height)d pixels; at most %(limit)s million pixels.")
                % {"name": name, "width": width, "height": height, "limit": settings.UPLOAD_MAX_IMAGE_PIXELS // 10**6}
            )


def inspect(upload):
    """The MIME type to store for `upload` (its content read from the bytes); Refusal if it may not be kept.

    `upload` is an uploaded file whose name has an accepted extension; it is read and rewound."""
    name = Path(upload.name).name
    extension = Path(name).suffix.lower()
    expected = EXPECTED[extension]
    upload.seek(0)
    head = upload.read(HEAD)
    upload.seek(0)
    family = _family(head, name)
    try:
        if family == "zip":
            family = _zip_kind(upload, name)
        if family != expected:
            raise Refusal(
                _("“%(name)s” is %(actual)s, not %(expected)s as its name says. Send the file itself, or save "
                  "it in one of the accepted types.")
                % {"name": name, "actual": LABELS[family], "expected": LABELS[expected]}
            )  # fmt: skip
        _check_pages(upload, name, family)
    finally:
        upload.seek(0)
    return OLE_MIME[extension] if family == OLE else MIME[family]


def detected_file(content, name):
    """`inspect` for bytes already in memory (tests, imports): the MIME type, or Refusal."""
    buffer = io.BytesIO(content)
    buffer.name = name
    return inspect(buffer)
