"""The recommendation follow-up book and the year's Dân vận khéo registry as .xlsx files."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan import xlsx

RECOMMENDATION_COLUMNS = [
    (gettext_lazy("No."), 6),
    (gettext_lazy("Supervision or interpellation"), 40),
    (gettext_lazy("Recommendation"), 48),
    (gettext_lazy("Addressed to"), 28),
    (gettext_lazy("Deadline"), 12),
    (gettext_lazy("Status"), 20),
    (gettext_lazy("Percent done"), 10),
    (gettext_lazy("Last update"), 40),
]

INITIATIVE_COLUMNS = [
    (gettext_lazy("No."), 6),
    (gettext_lazy("Unit"), 28),
    (gettext_lazy("Name of the model"), 40),
    (gettext_lazy("Field"), 22),
    (gettext_lazy("Level"), 12),
    (gettext_lazy("Started on"), 12),
    (gettext_lazy("Maintained or new"), 12),
    (gettext_lazy("Status"), 20),
    (gettext_lazy("Recognition decision"), 36),
]


def recommendations_response(recommendations):
    """Recommendations and commitments with their last progress update; `recommendations` from a selector."""
    workbook = xlsx.new_workbook()
    sheet = xlsx.add_sheet(workbook, _("Recommendations"), widths=[width for _title, width in RECOMMENDATION_COLUMNS])
    xlsx.append(sheet, [title for title, _width in RECOMMENDATION_COLUMNS])
    for number, item in enumerate(recommendations.prefetch_related("updates"), start=1):
        updates = list(item.updates.all())
        origin = item.supervision.topic if item.supervision else f"{item.council_session}: {item.question}"
        xlsx.append(
            sheet,
            [
                number,
                origin,
                item.text,
                item.addressed_to.name,
                item.due_date,
                item.get_status_display(),
                item.percent,
                updates[-1].text if updates else "",
            ],
        )
    return xlsx.xlsx_response(workbook, "kien-nghi-giam-sat.xlsx")


def initiatives_response(initiatives, year):
    """The year's registry; `initiatives` from a selector, in the order to print."""
    workbook = xlsx.new_workbook()
    title = _("Models %(year)d") % {"year": year}
    sheet = xlsx.add_sheet(workbook, title, widths=[width for _title, width in INITIATIVE_COLUMNS])
    xlsx.append(sheet, [title for title, _width in INITIATIVE_COLUMNS])
    for number, item in enumerate(initiatives, start=1):
        origin = _("maintained") if item.carried_from_id else _("new")
        xlsx.append(
            sheet,
            [
                number,
                item.unit.name,
                item.name,
                item.get_field_display(),
                item.get_level_display(),
                item.start_date,
                origin,
                item.get_status_display(),
                item.recognition,
            ],
        )
    return xlsx.xlsx_response(workbook, f"mo-hinh-dan-van-kheo-{year}.xlsx")
