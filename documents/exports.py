"""Long exports made by a worker: the report over many units, its progress written as it goes."""

import logging
from datetime import date

from danvan.orgunits.models import Unit
from danvan.orgunits.selectors import unit_with_descendants, units_visible_to
from dashboard.periods import Period
from dashboard.views import report_sheets

from . import generate, services
from .models import DocumentKind
from .render_docx import render_docx
from .render_pdf import render_pdf

logger = logging.getLogger(__name__)
RENDERERS = {"pdf": render_pdf, "docx": render_docx}
# The stages whose ends move the progress bar: the figures, the document, the file.
REPORT_STAGES = 3


def make(export_id):
    """Claim the export, make its file stage by stage, and store it; a failure is recorded, not raised."""
    export = services.claim_export(export_id)
    if export is None:
        return
    try:
        if export.kind != DocumentKind.REPORT:
            raise ValueError(f"no export of kind {export.kind}")
        params = export.params
        # Scoped again from the official's units as they are now, as the page would be.
        unit = units_visible_to(export.user).get(pk=params["unit"])
        units = units_visible_to(export.user).filter(pk__in=unit_with_descendants(unit))
        period = Period(date.fromisoformat(params["start"]), date.fromisoformat(params["end"]), params["label"])
        sheets = report_sheets(units, period)
        services.record_export_progress(export=export, done=1)
        doc = generate.report_document(unit=unit, period=period, sheets=sheets, user=export.user)
        services.record_export_progress(export=export, done=2)
        content = RENDERERS[export.file_format](doc)
    except (Unit.DoesNotExist, KeyError, ValueError) as error:
        logger.warning("export %s failed: %s", export.pk, error)
        services.fail_export(export=export, error=str(error))
        return
    services.finish_export(export=export, file_name=f"{doc.file_stem}.{export.file_format}", content=content)
