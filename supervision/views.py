from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from . import permissions, selectors, services
from .forms import ProgressForm, WrittenAnswerForm
from .models import ProgressUpdate, Supervision
from .workflow import StatusError


@require_GET
def programmes(request):
    """Supervision programmes of the user's bodies, by year."""
    programmes = selectors.programmes_visible_to(request.user).prefetch_related("supervisions")
    overdue = selectors.recommendations_visible_to(request.user).filter(
        status__in=["not_started", "in_progress", "partly"], due_date__lt=timezone.localdate()
    )
    return render(request, "supervision/programmes.html", {"programmes": programmes, "overdue": overdue[:20]})


@require_GET
def programme(request, pk):
    """A programme, its supervisions and where each recommendation stands."""
    item = selectors.programmes_visible_to(request.user).filter(pk=pk).first()
    if item is None:
        raise Http404
    recommendations = selectors.recommendations_visible_to(request.user).filter(supervision__programme=item)
    return render(
        request,
        "supervision/programme.html",
        {
            "programme": item,
            "supervisions": item.supervisions.all(),
            "recommendations": recommendations,
            "counts": selectors.recommendation_counts(recommendations),
        },
    )


@require_GET
def supervision(request, pk):
    item = (
        Supervision.objects.filter(pk=pk, programme__in=selectors.programmes_visible_to(request.user))
        .select_related("programme")
        .first()
    )
    if item is None:
        raise Http404
    context = {
        "supervision": item,
        "delegation": item.delegation.all(),
        "units": item.supervised_units.select_related("unit"),
        "documents": item.documents.all(),
        "findings": item.findings.all(),
        "recommendations": item.recommendations.select_related("addressed_to"),
    }
    return render(request, "supervision/supervision.html", context)


def _recommendation_or_404(request, pk):
    item = selectors.recommendations_visible_to(request.user).filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def _recommendation_page(request, item, form=None, answer_form=None, status=200):
    context = {
        "recommendation": item,
        "updates": item.updates.select_related("recorded_by"),
        "can_report": permissions.can_report_progress(request.user, item),
        "form": form or ProgressForm(initial={"status": item.status, "percent": item.percent}),
        "answer_form": answer_form or WrittenAnswerForm(),
    }
    return render(request, "supervision/recommendation.html", context, status=status)


@require_GET
def recommendation(request, pk):
    return _recommendation_page(request, _recommendation_or_404(request, pk))


@require_POST
def record_progress(request, pk):
    item = _recommendation_or_404(request, pk)
    if not permissions.can_report_progress(request.user, item):
        raise PermissionDenied
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.record_progress(recommendation=item, actor=request.user, **form.cleaned_data)
        except StatusError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The progress update is recorded."))
            return redirect("supervision:recommendation", item.pk)
    return _recommendation_page(request, item, form=form, status=400)


@require_POST
def record_written_answer(request, pk):
    item = _recommendation_or_404(request, pk)
    form = WrittenAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.record_written_answer(recommendation=item, actor=request.user, **form.cleaned_data)
        except StatusError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The written answer is recorded."))
            return redirect("supervision:recommendation", item.pk)
    return _recommendation_page(request, item, answer_form=form, status=400)


@require_GET
def evidence(request, pk):
    update = ProgressUpdate.objects.filter(
        pk=pk, recommendation__in=selectors.recommendations_visible_to(request.user)
    ).first()
    if update is None or not update.evidence:
        raise Http404
    return FileResponse(update.evidence.open("rb"), as_attachment=True, filename=update.evidence_name)


RECOMMENDATION_COLUMNS = [
    gettext_lazy("No."),
    gettext_lazy("Supervision or interpellation"),
    gettext_lazy("Recommendation"),
    gettext_lazy("Addressed to"),
    gettext_lazy("Deadline"),
    gettext_lazy("Status"),
    gettext_lazy("Percent done"),
    gettext_lazy("Last update"),
]


def _row(sheet, values):
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    return cells


@require_GET
def export_recommendations(request):
    """All recommendations and commitments in scope, as .xlsx."""
    items = selectors.recommendations_visible_to(request.user).prefetch_related("updates")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Recommendations"))
    sheet.append([str(title) for title in RECOMMENDATION_COLUMNS])
    for number, item in enumerate(items, start=1):
        updates = list(item.updates.all())
        origin = item.supervision.topic if item.supervision else f"{item.council_session}: {item.question}"
        sheet.append(
            _row(
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
            )  # fmt: skip
        )
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="kien-nghi-giam-sat.xlsx"'
    workbook.save(response)
    return response


@require_GET
def model_registry(request):
    """Dân vận khéo models per unit and year: maintained, new, exemplars against the 1–2 target."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    counts, without = selectors.model_registry(request.user, year)
    return render(request, "supervision/models.html", {"year": year, "counts": counts, "without": without})
