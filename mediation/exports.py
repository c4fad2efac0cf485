"""The mediation figures per commune as an .xlsx file."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan import xlsx

FIGURE_COLUMNS = [
    (gettext_lazy("No."), 6),
    (gettext_lazy("Commune People's Committee"), 34),
    (gettext_lazy("Cases received"), 12),
    (gettext_lazy("Mediated"), 12),
    (gettext_lazy("Successful"), 12),
    (gettext_lazy("Unsuccessful"), 12),
    (gettext_lazy("Withdrawn"), 12),
    (gettext_lazy("Still open"), 12),
    (gettext_lazy("Success rate (%)"), 12),
    (gettext_lazy("Guided from petitions"), 14),
    (gettext_lazy("Petitions after a failed mediation"), 16),
]
KEYS = ("received", "mediated", "successful", "unsuccessful", "withdrawn", "open", "success_rate", "from_petitions",
        "petitions_after")  # fmt: skip


def figures_workbook(rows, total, year):
    """`rows` and `total` from selectors.figures_by_commune / figures_total, as a download."""
    workbook = xlsx.new_workbook()
    sheet = xlsx.add_sheet(workbook, _("Mediation %(year)d") % {"year": year}, widths=[w for _t, w in FIGURE_COLUMNS])
    xlsx.append(sheet, [title for title, _width in FIGURE_COLUMNS])
    for number, row in enumerate(rows, start=1):
        xlsx.append(sheet, [number, row["team__committee__name"], *(row[key] for key in KEYS)])
    xlsx.append(sheet, ["", _("Total"), *(total[key] for key in KEYS)])
    return xlsx.xlsx_response(workbook, f"hoa-giai-{year}.xlsx")
