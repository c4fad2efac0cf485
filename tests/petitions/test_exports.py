"""The petition book export: redaction, safe cells, and a fixed number of queries."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from petitions import services
from petitions.models import Kind
from tests.petitions.test_views import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


def rows(response):
    sheet = load_workbook(BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]


def test_export_redacts_denouncers(client, make_petition, people):
    make_petition(kind=Kind.DENUNCIATION, summary="Tố cáo cán bộ địa chính")
    make_petition(kind=Kind.COMPLAINT_FIRST)
    client.force_login(people["leader"])
    found = rows(client.get(reverse("petitions:export")))
    assert len(found) == 2
    cells = " ".join(str(v) for row in found for v in row)
    by_summary = {row[5]: row for row in found}
    assert by_summary["Tố cáo cán bộ địa chính"][3] == "Danh tính được bảo mật"
    assert by_summary["Tố cáo cán bộ địa chính"][4] == "***"
    assert cells.count("012345678901") == 1  # only the complaint's row


def test_export_writes_typed_text_never_formulas(client, make_petition, people):
    make_petition(summary='=HYPERLINK("http://evil.example","bấm vào")')
    client.force_login(people["leader"])
    sheet = load_workbook(BytesIO(client.get(reverse("petitions:export")).content)).active
    cell = sheet.cell(row=3, column=6)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_the_export_makes_as_many_queries_for_20_rows_as_for_1(client, make_petition, people):
    def answered(n):
        # Answered with a decision, so the result column reads the prefetched decisions.
        petition = make_petition(kind=Kind.FEEDBACK, summary=f"Phản ánh số {n}")
        services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 20))
        services.resolve_petition(
            petition=petition, actor=people["leader"], decided_on=date(2026, 2, 27), number=f"{n}/TB", text="Đã xử lý."
        )
        return petition

    client.force_login(people["leader"])
    url = reverse("petitions:export")
    answered(0)
    one = count_queries(client, url)
    for n in range(1, 20):
        answered(n)
    found = rows(client.get(url))
    assert sorted(row[5] for row in found) == sorted(f"Phản ánh số {n}" for n in range(20))
    assert all(row[12].startswith(f"{row[5].split()[-1]}/TB") for row in found)
    assert count_queries(client, url) == one
