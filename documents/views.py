from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from danvan import xlsx
from danvan.orgunits.selectors import unit_with_descendants
from dashboard.views import report_scope, report_sheets
from petitions import permissions as petition_permissions
from petitions import selectors as petition_selectors
from petitions import services as petition_services
from petitions.models import AccessContext

from . import exports, generate, permissions, selectors, services
from .models import DocumentKind, Export, ExportStatus
from .render_docx import render_docx
from .render_pdf import render_pdf

FORMATS = {
    "pdf": (render_pdf, "application/pdf"),
    "docx": (render_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


CONTENT_TYPES = {name: content_type for name, (_render, content_type) in FORMATS.items()} | {"xlsx": xlsx.CONTENT_TYPE}


def _file(content, file_format, stem):
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{file_format}"'
    return response


def status_url(request, petition):
    """The citizen's lookup page with the petition code filled in: the key is never in it."""
    return request.build_absolute_uri(f"{reverse('lookup')}?{urlencode({'code': petition.code})}")


@require_GET
def petition_document(request, pk, kind, source, file_format):
    """A document a step of the petition produced, to those who may see the petition (404 otherwise); a sealed
    identity only with ?reveal=1 for those who may see it, and that viewing is logged as on the page."""
    if file_format not in FORMATS:
        raise Http404
    petition = petition_permissions.get_petition_or_404(
        petition_selectors.petition_detail(request.user), request.user, pk
    )
    available = selectors.find_document(petition, kind, source.replace("-", ":", 1))
    if available is None:
        raise Http404
    reveal = request.GET.get("reveal") == "1"
    if reveal:
        if not permissions.can_reveal_in_document(request.user, petition):
            raise PermissionDenied
        petition_services.record_identity_access(petition=petition, user=request.user, context=AccessContext.ATTACHMENT)
    url = status_url(request, petition) if kind == DocumentKind.RECEIPT else ""
    doc = generate.petition_document(
        petition=petition, available=available, user=request.user, reveal=reveal, status_url=url
    )
    return _file(FORMATS[file_format][0](doc), file_format, doc.file_stem)


@require_GET
def report_document(request, file_format):
    """The periodic report as a document, for the period and unit of the report page; over more units than
    DOCUMENTS_INLINE_UNITS it is made by a worker and the page follows its progress."""
    if file_format not in FORMATS:
        raise Http404
    scope = report_scope(request)
    if not scope.valid:
        return render(request, "dashboard/report.html", {"form": scope.form}, status=400)
    unit = selectors.report_unit(request.user, scope.unit)
    units = scope.units.filter(pk__in=unit_with_descendants(unit))
    count = units.count()
    if count > settings.DOCUMENTS_INLINE_UNITS:
        params = {"unit": unit.pk, "start": scope.period.start.isoformat(), "end": scope.period.end.isoformat(),
                  "label": scope.period.label}  # fmt: skip
        export = services.request_export(
            user=request.user,
            kind=DocumentKind.REPORT,
            file_format=file_format,
            params=params,
            total=exports.REPORT_STAGES,
        )
        return render(request, "documents/export.html", {"export": export})
    doc = generate.report_document(unit=unit, period=scope.period, sheets=report_sheets(units, scope.period),
                                   user=request.user)  # fmt: skip
    return _file(FORMATS[file_format][0](doc), file_format, doc.file_stem)


@require_GET
def register_export(request):
    """The register under its filters as .xlsx: at once up to DOCUMENTS_INLINE_ROWS rows (the register's own
    export), made by a worker with a progress page beyond (a year's register of a province)."""
    query = request.GET.urlencode()
    try:
        count = exports.register_rows(request.user, query).count()
    except ValueError:
        count = 0  # the register's own export answers invalid filters (with no rows)
    if count <= settings.DOCUMENTS_INLINE_ROWS:
        return redirect(f"{reverse('petitions:export')}?{query}")
    export = services.request_export(
        user=request.user, kind=DocumentKind.REGISTER, file_format="xlsx", params={"query": query}, total=count
    )
    return render(request, "documents/export.html", {"export": export})


def _export_or_404(request, pk):
    export = get_object_or_404(Export, pk=pk)
    if not permissions.can_follow_export(request.user, export):
        raise Http404
    return export


@require_GET
def export_page(request, pk):
    """The progress of a long export, and its download link when it is ready."""
    return render(request, "documents/export.html", {"export": _export_or_404(request, pk)})


@require_GET
def export_status(request, pk):
    """The progress as JSON, for the page's progress bar (static/js/export-progress.js)."""
    export = _export_or_404(request, pk)
    ready = export.status == ExportStatus.DONE
    return JsonResponse(
        {
            "status": export.status,
            "label": export.get_status_display(),
            "percent": export.percent,
            "download": reverse("documents:export_file", args=[export.pk]) if ready else "",
            "error": _("The export failed. Ask for it again; if it fails again, tell the administrator.")
            if export.status == ExportStatus.FAILED
            else "",
        }
    )


@require_GET
def export_file(request, pk):
    export = _export_or_404(request, pk)
    if export.status != ExportStatus.DONE:
        raise Http404
    return _file(bytes(export.content), export.file_format, export.file_name.rsplit(".", 1)[0])
