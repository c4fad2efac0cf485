"""The petition book (sổ theo dõi đơn) as an .xlsx file, written row by row."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan import xlsx

from . import selectors
from .models import DecisionKind

COLUMNS = [
    (gettext_lazy("No."), 6),
    (gettext_lazy("Code"), 16),
    (gettext_lazy("Received on"), 12),
    (gettext_lazy("Petitioner (name, address)"), 32),
    (gettext_lazy("Citizen ID number"), 15),
    (gettext_lazy("Summary of the content"), 48),
    (gettext_lazy("Kind"), 20),
    (gettext_lazy("Number of people"), 10),
    (gettext_lazy("Field"), 18),
    (gettext_lazy("Handling unit"), 28),
    (gettext_lazy("Action taken"), 28),
    (gettext_lazy("Deadline"), 12),
    (gettext_lazy("Result"), 36),
    (gettext_lazy("Notes"), 24),
]


def _petitioner_cell(petition):
    if petition.is_sealed or petition.is_anonymous:
        return selectors.list_name(petition)
    people = list(petition.petitioners.all())
    return "; ".join(", ".join(part for part in (p.full_name, p.address, p.place) if part) for p in people)


def _id_cell(petition):
    if petition.is_sealed:
        return selectors.SEALED
    return "; ".join(p.citizen_id for p in petition.petitioners.all() if p.citizen_id)


def _result_cell(petition):
    decisions = [d for d in petition.decisions.all() if d.kind == DecisionKind.RESOLUTION]
    if not decisions:
        return ""
    last = decisions[-1]
    parts = [f"{last.number} {xlsx.short_date(last.date)}".strip(), last.get_outcome_display()]
    return " – ".join(part for part in parts if part)


def _notes_cell(petition):
    notes = []
    if petition.is_group:
        notes.append(_("Group petition"))
    if petition.is_skipped_level:
        notes.append(_("Skipped level"))
    if petition.transferred_to_name:
        notes.append(_("Transferred to %(unit)s") % {"unit": petition.transferred_to_name})
    return "; ".join(notes)


def register_workbook(petitions):
    workbook = xlsx.new_workbook()
    sheet = xlsx.add_sheet(workbook, _("Petition book"), widths=[width for _title, width in COLUMNS])
    xlsx.append(sheet, [_("PETITION BOOK"), "", "", f"{_('Exported on')} {xlsx.short_date(timezone.localdate())}"])
    xlsx.append(sheet, [title for title, _w in COLUMNS])
    for number, p in enumerate(petitions.iterator(chunk_size=500), start=1):
        xlsx.append(
            sheet,
            [
                number,
                p.code,
                p.received_date,
                _petitioner_cell(p),
                _id_cell(p),
                p.summary,
                p.get_kind_display(),
                p.people_count,
                p.category.name,
                p.handling_unit.name,
                p.get_status_display(),
                p.due_date,
                _result_cell(p),
                _notes_cell(p),
            ],
        )
    return workbook


def register_response(petitions):
    filename = f"so-theo-doi-don-{timezone.localdate().isoformat()}.xlsx"
    return xlsx.xlsx_response(register_workbook(petitions), filename)
