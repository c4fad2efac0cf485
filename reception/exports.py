"""The reception book (Sổ tiếp công dân, form 03 of Circular 04/2021/TT-TTCP) as .xlsx."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan import xlsx
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


def book_response(visits, start, end):
    workbook = xlsx.new_workbook()
    sheet = xlsx.add_sheet(workbook, _("Reception book"))
    xlsx.append(sheet, [_("RECEPTION BOOK"), f"{xlsx.short_date(start)} – {xlsx.short_date(end)}"])
    xlsx.append(sheet, COLUMNS)
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
        xlsx.append(sheet, row)
    return xlsx.xlsx_response(workbook, f"so-tiep-cong-dan-{start.isoformat()}-{end.isoformat()}.xlsx")
