"""Writes of the documents app: giving a document its number once, and the long exports a worker makes."""

from django.db import transaction
from django.utils import timezone

from .layout import symbol_of
from .models import DocumentCounter, DocumentKind, Export, ExportStatus, IssuedDocument, Letterhead

# The abbreviation of each kind of document in the symbol (Decree 30/2020/NĐ-CP, Appendix III: QĐ decision,
# TB notice, BC report, PC transfer slip). Receipts and guidance slips have no abbreviation there; these are
# the portal's, changeable here. A letter answering a recommendation carries none ("12/UBND").
KIND_SYMBOLS = {
    DocumentKind.RECEIPT: "BN",
    DocumentKind.ACCEPTANCE_NOTICE: "TB",
    DocumentKind.ACCEPTANCE_DECISION: "QĐ",
    DocumentKind.REFUSAL_NOTICE: "TB",
    DocumentKind.TRANSFER_SLIP: "PC",
    DocumentKind.GUIDANCE_SLIP: "HD",
    DocumentKind.RESOLUTION: "",
    DocumentKind.REPORT: "BC",
    DocumentKind.REGISTER: "",
}


def _locked_counter(unit, year):
    DocumentCounter.objects.get_or_create(unit=unit, year=year)
    return DocumentCounter.objects.select_for_update().get(unit=unit, year=year)


def reference_for(kind, number, unit):
    """ "12/TB-UBND": the number, then the kind's and the unit's abbreviations."""
    letterhead = Letterhead.objects.filter(unit=unit).first()
    symbols = "-".join(part for part in (KIND_SYMBOLS[kind], symbol_of(unit, letterhead)) if part)
    return f"{number}/{symbols}"


@transaction.atomic
def issue_document(*, kind, source, unit, issued_on, actor, petition=None, signer=None, reference=""):
    """The document `source` produced, numbered once: the same source always gets the same number. A
    `reference` typed on the record (a decision's number) is kept as it is and takes no number."""
    # The unit's counter is locked first, so two first downloads of one document wait for each other and
    # the second finds the first's number instead of taking another.
    counter = _locked_counter(unit, issued_on.year)
    existing = IssuedDocument.objects.filter(kind=kind, source=source).first()
    if existing is not None:
        return existing
    number = None
    if not reference:
        counter.last += 1
        counter.save(update_fields=["last"])
        number = counter.last
        reference = reference_for(kind, number, unit)
    return IssuedDocument.objects.create(
        kind=kind,
        source=source,
        unit=unit,
        year=issued_on.year,
        number=number,
        reference=reference,
        issued_on=issued_on,
        petition=petition,
        signer=signer,
        issued_by=actor,
    )


def request_export(*, user, kind, file_format, params, total):
    """Queue a long export for `user`; asking again for the same one while it is being made returns it."""
    from .tasks import make_export

    with transaction.atomic():
        pending = (
            Export.objects.select_for_update()
            .filter(user=user, kind=kind, file_format=file_format, params=params)
            .filter(status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING])
            .first()
        )
        if pending is not None:
            return pending
        export = Export.objects.create(user=user, kind=kind, file_format=file_format, params=params, total=total)
        make_export.delay_on_commit(export.pk)
    return export


def claim_export(export_id):
    """Mark the export as being made; None if another worker has it or it is finished."""
    with transaction.atomic():
        export = (
            Export.objects.select_for_update(skip_locked=True).filter(pk=export_id, status=ExportStatus.QUEUED).first()
        )
        if export is None:
            return None
        export.status = ExportStatus.RUNNING
        export.save(update_fields=["status"])
    return export


def record_export_progress(*, export, done):
    Export.objects.filter(pk=export.pk).update(done=done)


def finish_export(*, export, file_name, content):
    export.status, export.file_name, export.content = ExportStatus.DONE, file_name, content
    export.done, export.finished_at = export.total, timezone.now()
    export.save(update_fields=["status", "file_name", "content", "done", "finished_at"])


def fail_export(*, export, error):
    export.status, export.error, export.finished_at = ExportStatus.FAILED, error[:300], timezone.now()
    export.save(update_fields=["status", "error", "finished_at"])


def delete_old_exports(*, before):
    """Drop the files of exports finished before `before` (their figures stay in the record; they can be
    asked for again). Returns how many were dropped."""
    deleted, _by_model = Export.objects.filter(finished_at__lt=before).delete()
    return deleted
