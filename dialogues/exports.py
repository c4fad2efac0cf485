"""The figures page as an Excel book, through danvan.xlsx."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from danvan.xlsx import add_sheet, append, new_workbook, xlsx_response


def figures_response(rows, year):
    """Dialogues held per head against the norm, and commitments kept on time, for `year`."""
    workbook = new_workbook()
    sheet = add_sheet(workbook, _("Dialogues %(year)s") % {"year": year}, widths=(30, 28, 36, 10, 12, 10, 12, 12, 12))
    append(sheet, [
        _("Unit"), _("Head holding it"), _("Position"), pgettext("dialogue status", "Held"),
        _("Expected in the year"), _("Commitments"),
        _("Kept on time"), _("Done late"), _("Overdue"),
    ])  # fmt: skip
    for row in rows:
        append(sheet, [
            row["unit__name"], row["head__full_name"], row["position_label"], row["held"],
            row["expected"] if row["expected"] is not None else "", row["commitments"], row["on_time"], row["late"],
            row["overdue"],
        ])  # fmt: skip
    return xlsx_response(workbook, f"doi-thoai-{year}.xlsx")
