"""The reception book (Sổ tiếp công dân, form 03 of Circular 04/2021/TT-TTCP) as .xlsx."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from petitions.selectors import SEALED

from .models import VisitOutcome

COLUMNS = [
    gettext_lazy("No."),
    gettext_lazy("Date"),
    gettext_lazy("Full name and address"),
    gettext_lazy("Citizen ID number"),
    gettext_lazy("Content of the matter"),
    gettext_lazy("Kind / number of people"),
    gettext_lazy("Body that already handled it"),
    gettext_lazy("Action taken"),
    gettext_lazy("Result tracking"),
    gettext_lazy("Notes"),
]


def _text(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula
    return cell


def book_response(visits, start, end):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Reception book"))
    sheet.append([_("RECEPTION BOOK"), f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"])
    sheet.append([str(title) for title in COLUMNS])
    for number, visit in enumerate(visits, start=1):
        people = list(visit.visitors.all())
        sealed = visit.kind == "denunciation"  # a denouncer's identity stays sealed in exports
        names = SEALED if sealed else "; ".join(", ".join(p for p in (v.full_name, v.address) if p) for v in people)
        ids = SEALED if sealed else "; ".join(v.citizen_id for v in people if v.citizen_id)
        action = visit.get_outcome_display()
        if visit.outcome == VisitOutcome.REFUSED:
            action = f"{action}: {visit.get_refusal_reason_display()}"
        result = ""
        if visit.petition_id:
            result = f"{visit.petition.code} – {visit.petition.get_status_display()}"
        row = [
            number,
            visit.session.date,
            names,
            ids,
            visit.topic,
            f"{visit.get_kind_display()} / {visit.citizen_count}",
            visit.handled_before_by,
            action,
            result,
            visit.notes,
        ]
        sheet.append([_text(sheet, value) for value in row])
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="so-tiep-cong-dan-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
    workbook.save(response)
    return response
