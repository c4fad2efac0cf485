"""Long exports made by a worker: the report over many units and a year's register of a province, their
progress written as they go."""

import logging
from datetime import date
from io import BytesIO

from django.http import QueryDict
from django.utils import timezone

from danvan.orgunits.models import Unit
from danvan.orgunits.selectors import unit_with_descendants, units_visible_to
from dashboard.periods import Period
from dashboard.views import report_sheets
from petitions import exports as petition_exports
from petitions import selectors as petition_selectors
from petitions.filters import PetitionFilter

from . import generate, services
from .models import DocumentKind
from .render_docx import render_docx
from .render_pdf import render_pdf

logger = logging.getLogger(__name__)
RENDERERS = {"pdf": render_pdf, "docx": render_docx}
# The stages whose ends move the progress bar: the figures, the document, the file.
REPORT_STAGES = 3
# The register's progress is written every this many rows.
PROGRESS_ROWS = 500


def make(export_id):
    """Claim the export, make its file stage by stage, and store it; a failure is recorded, not raised."""
    export = services.claim_export(export_id)
    if export is None:
        return
    try:
        if export.kind == DocumentKind.REGISTER:
            file_name, content = _register(export)
        elif export.kind == DocumentKind.REPORT:
            file_name, content = _report(export)
        else:
            raise ValueError(f"no export of kind {export.kind}")
    except (Unit.DoesNotExist, KeyError, ValueError) as error:
        logger.warning("export %s failed: %s", export.pk, error)
        services.fail_export(export=export, error=str(error))
        return
    services.finish_export(export=export, file_name=file_name, content=content)


def _report(export):
    params = export.params
    # Scoped again from the official's units as they are now, as the page would be.
    unit = units_visible_to(export.user).get(pk=params["unit"])
    units = units_visible_to(export.user).filter(pk__in=unit_with_descendants(unit))
    period = Period(date.fromisoformat(params["start"]), date.fromisoformat(params["end"]), params["label"])
    sheets = report_sheets(units, period)
    services.record_export_progress(export=export, done=1)
    doc = generate.report_document(unit=unit, period=period, sheets=sheets, user=export.user)
    services.record_export_progress(export=export, done=2)
    return f"{doc.file_stem}.{export.file_format}", RENDERERS[export.file_format](doc)


def register_rows(user, query):
    """The register's rows for `user` under the register page's filters (`query`), as its export has them."""
    filterset = PetitionFilter(QueryDict(query), queryset=petition_selectors.petition_list(user), user=user)
    if not filterset.is_valid():
        raise ValueError("the register's filters are not valid")
    return filterset.qs.prefetch_related("decisions")


class _Counted:
    """The rows, telling the export how far the workbook has got every PROGRESS_ROWS rows."""

    def __init__(self, rows, export):
        self.rows, self.export = rows, export

    def iterator(self, chunk_size):
        for number, row in enumerate(self.rows.iterator(chunk_size=chunk_size), start=1):
            if number % PROGRESS_ROWS == 0:
                services.record_export_progress(export=self.export, done=number)
            yield row


def _register(export):
    rows = register_rows(export.user, export.params["query"])
    out = BytesIO()
    petition_exports.register_workbook(_Counted(rows, export)).save(out)
    return f"so-theo-doi-don-{timezone.localdate().isoformat()}.xlsx", out.getvalue()
