from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from danvan.accounts.roles import Role, has_role
from danvan.orgunits.selectors import units_visible_to
from danvan.workflow import DomainError

from . import permissions, selectors, services
from .forms import (
    CarryOverForm,
    CommitmentForm,
    DocumentForm,
    EvidenceForm,
    ModelForm,
    ModelStatusForm,
    NewSupervisionForm,
    ProgrammeForm,
    ProgressForm,
    RecommendationForm,
    SupervisionStatusForm,
    WrittenAnswerForm,
    registering_units,
)
from .models import KheoModel, ModelEvidence, ProgressUpdate, Supervision, SupervisionDocument, SupervisionProgramme
from .workflow import MODEL_TRANSITIONS, SUPERVISION_TRANSITIONS, ModelStatus, SupervisionStatus


def _supervising_bodies(user):
    from danvan.orgunits.models import UnitKind

    kinds = [UnitKind.PEOPLE_COUNCIL, UnitKind.COUNCIL_STANDING, UnitKind.FATHERLAND_FRONT, UnitKind.MASS_MOBILISATION]
    return units_visible_to(user).filter(kind__in=kinds).order_by("name")


def programmes(request):
    """Supervision programmes of the user's bodies, by year; supervisors start new ones here."""
    form = ProgrammeForm(request.POST or None, initial={"year": timezone.localdate().year})
    form.fields["body"].queryset = _supervising_bodies(request.user)
    if request.method == "POST":
        if not has_role(request.user, Role.SUPERVISOR, Role.LEADER):
            raise PermissionDenied
        if form.is_valid():
            item = SupervisionProgramme.objects.create(**form.cleaned_data)
            messages.success(request, _("The programme is created."))
            return redirect("supervision:programme", item.pk)
    items = selectors.programmes_visible_to(request.user).prefetch_related("supervisions")
    overdue = selectors.recommendations_visible_to(request.user).filter(
        status__in=["not_started", "in_progress", "partly"], due_date__lt=timezone.localdate()
    )
    context = {"programmes": items, "overdue": overdue[:20], "form": form,
               "can_create": form.fields["body"].queryset.exists()}  # fmt: skip
    return render(request, "supervision/programmes.html", context, status=400 if form.errors else 200)


def programme(request, pk):
    """A programme, its supervisions and where each recommendation stands."""
    item = selectors.programmes_visible_to(request.user).filter(pk=pk).first()
    if item is None:
        raise Http404
    form = NewSupervisionForm(request.POST or None)
    if request.method == "POST":
        if not permissions.can_manage_programme(request.user, item):
            raise PermissionDenied
        if form.is_valid():
            created = Supervision.objects.create(programme=item, **form.cleaned_data)
            messages.success(request, _("The supervision is added."))
            return redirect("supervision:supervision", created.pk)
    recommendations = selectors.recommendations_visible_to(request.user).filter(supervision__programme=item)
    return render(
        request,
        "supervision/programme.html",
        {
            "programme": item,
            "supervisions": item.supervisions.all(),
            "recommendations": recommendations,
            "counts": selectors.recommendation_counts(recommendations),
            "form": form,
            "can_manage": permissions.can_manage_programme(request.user, item),
        },
        status=400 if form.errors else 200,
    )


def _supervision_or_404(request, pk):
    item = (
        Supervision.objects.filter(pk=pk, programme__in=selectors.programmes_visible_to(request.user))
        .select_related("programme")
        .first()
    )
    if item is None:
        raise Http404
    return item


def _status_targets(item):
    return sorted(SUPERVISION_TRANSITIONS[SupervisionStatus(item.status)])


@require_GET
def supervision(request, pk):
    return _supervision_page(request, _supervision_or_404(request, pk))


def _supervision_page(request, item, status_form=None, document_form=None, recommendation_form=None, status=200):
    context = {
        "can_manage": permissions.can_manage_programme(request.user, item.programme),
        "status_form": status_form or SupervisionStatusForm(targets=_status_targets(item)),
        "document_form": document_form or DocumentForm(),
        "recommendation_form": recommendation_form or RecommendationForm(body=item.programme.body),
        "supervision": item,
        "delegation": item.delegation.all(),
        "units": item.supervised_units.select_related("unit"),
        "documents": item.documents.all(),
        "findings": item.findings.all(),
        "recommendations": item.recommendations.select_related("addressed_to"),
    }
    return render(request, "supervision/supervision.html", context, status=status)


@require_POST
def change_status(request, pk):
    item = _supervision_or_404(request, pk)
    form = SupervisionStatusForm(request.POST, targets=_status_targets(item))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.change_supervision_status(
                supervision=item, actor=request.user, target=data["target"], report_number=data["report_number"],
                report_date=data["report_date"], summary=data["summary"],
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The supervision's status is recorded."))
            return redirect("supervision:supervision", item.pk)
    return _supervision_page(request, item, status_form=form, status=400)


@require_POST
def upload_document(request, pk):
    item = _supervision_or_404(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        document = services.upload_document(
            supervision=item, actor=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["upload"]
        )
        messages.success(request, _("Version %(version)d is uploaded.") % {"version": document.version})
        return redirect("supervision:supervision", item.pk)
    return _supervision_page(request, item, document_form=form, status=400)


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
        "form": form
        or ProgressForm(
            initial={"status": item.status, "percent": item.percent},
            can_assess=permissions.can_assess(request.user, item),
        ),
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
    form = ProgressForm(request.POST, request.FILES, can_assess=permissions.can_assess(request.user, item))
    if form.is_valid():
        try:
            services.record_progress(recommendation=item, actor=request.user, **form.cleaned_data)
        except DomainError as error:
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
        except DomainError as error:
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


@require_GET
def document(request, pk):
    """Download one version of a supervision's plan, outline or report."""
    item = SupervisionDocument.objects.filter(
        pk=pk, supervision__programme__in=selectors.programmes_visible_to(request.user)
    ).first()
    if item is None:
        raise Http404
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)


@require_GET
def model_evidence_file(request, pk):
    """Download a file attached to a Dân vận khéo model of a unit in the user's scope."""
    item = ModelEvidence.objects.filter(pk=pk, model__unit__in=units_visible_to(request.user)).first()
    if item is None:
        raise Http404
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)


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


def _year(request):
    """The registry's year from the request; anything outside 2000–2100 means this year."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or this_year)
    except ValueError:
        return this_year
    return year if 2000 <= year <= 2100 else this_year


def model_registry(request, model_form=None, carry_form=None, status=200):
    """Dân vận khéo models per unit and year: maintained, new, exemplars against the 1–2 target."""
    year = _year(request)
    counts, without = selectors.model_registry(request.user, year)
    units = registering_units(request.user)
    if model_form is None:
        model_form = ModelForm()
    model_form.fields["unit"].queryset = units
    carry_form = carry_form or CarryOverForm()
    carry_form.fields["unit"].queryset = units
    models = (
        KheoModel.objects.filter(unit__in=units_visible_to(request.user), year=year)
        .select_related("unit", "carried_from")
        .prefetch_related("evidence")
    )
    rows = [
        (m, ModelStatusForm(prefix=f"m{m.pk}", targets=sorted(MODEL_TRANSITIONS[ModelStatus(m.status)])))
        for m in models
    ]
    context = {"year": year, "counts": counts, "without": without, "rows": rows, "model_form": model_form,
               "carry_form": carry_form, "can_register": units.exists()}  # fmt: skip
    return render(request, "supervision/models.html", context, status=status)


@require_POST
def register_model(request):
    form = ModelForm(request.POST)
    form.fields["unit"].queryset = registering_units(request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.register_model(actor=request.user, year=_year(request), **data)
        except IntegrityError:
            form.add_error("name", _("This unit already registered a model with this name for the year."))
        else:
            messages.success(request, _("The model is registered."))
            return redirect(f"{reverse('supervision:models')}?year={_year(request)}")
    return model_registry(request, model_form=form, status=400)


@require_POST
def carry_over(request):
    form = CarryOverForm(request.POST)
    form.fields["unit"].queryset = registering_units(request.user)
    if form.is_valid():
        year = _year(request)
        carried = services.carry_over_models(
            actor=request.user, unit=form.cleaned_data["unit"], from_year=year - 1, to_year=year
        )
        messages.success(request, _("%(n)d models carried over from %(year)d.") % {"n": len(carried), "year": year - 1})
        return redirect(f"{reverse('supervision:models')}?year={year}")
    return model_registry(request, carry_form=form, status=400)


@require_POST
def advance_model(request, pk):
    model = KheoModel.objects.filter(pk=pk, unit__in=units_visible_to(request.user)).first()
    if model is None:
        raise Http404
    form = ModelStatusForm(request.POST, prefix=f"m{pk}", targets=sorted(MODEL_TRANSITIONS[ModelStatus(model.status)]))
    if form.is_valid():
        try:
            services.advance_model(model=model, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The model's status is recorded."))
    else:
        messages.error(request, _("Choose the new status."))
    return redirect(f"{reverse('supervision:models')}?year={model.year}")


@require_POST
def model_evidence(request, pk):
    model = KheoModel.objects.filter(pk=pk, unit__in=units_visible_to(request.user)).first()
    if model is None:
        raise Http404
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error if request.FILES.get("upload") else _("Choose a file."))
    else:
        services.add_model_evidence(model=model, actor=request.user, upload=form.cleaned_data["upload"])
        messages.success(request, _("The evidence is attached."))
    return redirect(f"{reverse('supervision:models')}?year={model.year}")


MODEL_COLUMNS = [
    gettext_lazy("No."),
    gettext_lazy("Unit"),
    gettext_lazy("Name of the model"),
    gettext_lazy("Field"),
    gettext_lazy("Level"),
    gettext_lazy("Started on"),
    gettext_lazy("Maintained or new"),
    gettext_lazy("Status"),
    gettext_lazy("Recognition decision"),
]


@require_GET
def export_models(request):
    """The year's model registry as .xlsx."""
    year = _year(request)
    models = KheoModel.objects.filter(unit__in=units_visible_to(request.user), year=year).select_related("unit")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Models %(year)d") % {"year": year})
    sheet.append([str(title) for title in MODEL_COLUMNS])
    for number, m in enumerate(models.order_by("unit__name", "name"), start=1):
        origin = _("maintained") if m.carried_from_id else _("new")
        sheet.append(_row(sheet, [number, m.unit.name, m.name, m.get_field_display(), m.get_level_display(),
                                  m.start_date, str(origin), m.get_status_display(), m.recognition]))  # fmt: skip
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="mo-hinh-dan-van-kheo-{year}.xlsx"'
    workbook.save(response)
    return response


@require_POST
def add_recommendation(request, pk):
    """A finding (optional) and its recommendation to a unit, from the supervision's report."""
    item = _supervision_or_404(request, pk)
    form = RecommendationForm(request.POST, body=item.programme.body)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                finding = None
                if data["finding_text"].strip():
                    finding = services.add_finding(supervision=item, actor=request.user, text=data["finding_text"])
                services.add_recommendation(
                    supervision=item, actor=request.user, addressed_to=data["addressed_to"], text=data["text"],
                    due_date=data["due_date"], finding=finding,
                )  # fmt: skip
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The recommendation is added."))
            return redirect("supervision:supervision", item.pk)
    return _supervision_page(request, item, recommendation_form=form, status=400)


def commitments(request):
    """Promises made answering interpellations, and recording a new one."""
    bodies = _supervising_bodies(request.user).filter(kind__in=["people_council", "council_standing"])
    form = CommitmentForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = services.record_commitment(actor=request.user, **data)
        messages.success(request, _("The commitment is recorded; the written answer is due on %(date)s.")
                         % {"date": date_format(item.written_answer_due, "SHORT_DATE_FORMAT")})  # fmt: skip
        return redirect("supervision:recommendation", item.pk)
    items = selectors.recommendations_visible_to(request.user).filter(kind="commitment")
    context = {"items": items, "form": form, "can_record": bodies.exists()}
    return render(request, "supervision/commitments.html", context, status=400 if form.errors else 200)
