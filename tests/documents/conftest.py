import re
from datetime import date
from io import BytesIO

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from petitions import services


@pytest.fixture(autouse=True)
def _today_is_2_march_2026(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


@pytest.fixture
def positions(people):
    """Officials as their documents sign them."""
    for key, title in {
        "officer": "Cán bộ tiếp công dân",
        "handler": "Chuyên viên Thanh tra",
        "leader": "Chủ tịch Ủy ban nhân dân phường",
    }.items():
        people[key].position_title = title
        people[key].save(update_fields=["position_title"])
    return people


@pytest.fixture
def accepted(make_petition, positions):
    def make(**extra):
        petition = make_petition(**extra)
        services.accept_petition(petition=petition, actor=positions["leader"], accepted_date=date(2026, 2, 20))
        petition.refresh_from_db()
        return petition

    return make


def squeeze(text):
    return re.sub(r"\s+", " ", text)


def pdf_text(content):
    assert content.startswith(b"%PDF")
    return squeeze(" ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages))


def docx_text(content):
    word = WordDocument(BytesIO(content))
    parts = [paragraph.text for paragraph in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [paragraph.text for paragraph in cell.paragraphs]
    return squeeze(" ".join(parts))
