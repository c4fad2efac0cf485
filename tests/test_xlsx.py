"""Every workbook the portal writes stores text as text: a typed formula is never evaluated."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from danvan import xlsx
from danvan.orgunits.services import update_unit

pytestmark = pytest.mark.django_db


def _saved(workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return load_workbook(BytesIO(buffer.getvalue()))


def test_strings_stay_text_and_other_values_keep_their_type():
    workbook = xlsx.new_workbook()
    sheet = xlsx.add_sheet(workbook, "Sổ", widths=[10, 20])
    xlsx.append(sheet, ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", 7, date(2026, 3, 2), None])
    row = next(_saved(workbook)["Sổ"].iter_rows())
    assert [cell.data_type for cell in row[:3]] == ["s", "s", "n"]
    assert row[0].value == '=HYPERLINK("http://x","y")'
    assert row[3].value.date() == date(2026, 3, 2)
    assert row[4].value in (None, "")


def test_the_dashboard_report_guards_its_cells(client, people, units):
    committee = update_unit(unit=units["committee"], name="=1+1", actor=None)
    client.force_login(people["leader"])
    response = client.get(f"/dashboard/report/?period=year&year=2026&unit={committee.pk}&format=xlsx")
    assert response["Content-Type"] == xlsx.CONTENT_TYPE
    scope = _saved_from(response)["01-TCD"]["B1"]
    assert (scope.value, scope.data_type) == ("=1+1", "s")


def _saved_from(response):
    return load_workbook(BytesIO(response.content))
