"""Every .xlsx the portal writes: streamed sheets, text that can never become a formula, one response."""

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from danvan.text import short_date  # noqa: F401 (the exports write dates through xlsx.short_date)

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def new_workbook():
    """A write-only workbook: rows stream out, so a year's register does not sit in memory."""
    return Workbook(write_only=True)


def add_sheet(workbook, title, *, widths=()):
    """A sheet with its column widths (characters), set before the first row as write-only sheets require."""
    sheet = workbook.create_sheet(str(title)[:31])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return sheet


def safe_row(sheet, values):
    """Cells for one row. Every string is stored as text: a summary typed as "=HYPERLINK(…)"
    or "+cmd|…" must not become a formula when an official opens the file."""
    cells = []
    for value in values:
        if value is None:
            value = ""
        cell = WriteOnlyCell(sheet, value=str(value) if _is_text(value) else value)
        if _is_text(value):
            cell.data_type = "s"
        cells.append(cell)
    return cells


def append(sheet, values):
    sheet.append(safe_row(sheet, values))


def _is_text(value):
    # Lazy translations and other objects with a text form are text too.
    return not isinstance(value, int | float | bool) and not hasattr(value, "isoformat")


def xlsx_response(workbook, filename):
    """The workbook as a download named `filename`."""
    response = HttpResponse(content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    workbook.save(response)
    return response
