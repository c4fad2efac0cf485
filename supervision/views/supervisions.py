"""One supervision: its steps, delegation, supervised units, documents, findings and recommendations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danvan.history.selectors import history_of
from danvan.workflow import DomainError, allowed_targets

from .. import permissions, selectors, services
from ..forms import (
    DelegationMemberForm,
    DocumentForm,
    FindingForm,
    RecommendationForm,
    SupervisedUnitForm,
    SupervisionStatusForm,
)
from ..workflow import SUPERVISION_FINAL, SUPERVISION_TRANSITIONS
from ._common import final_values


def _status_form(item, data=None):
    return SupervisionStatusForm(data, targets=allowed_targets(SUPERVISION_TRANSITIONS, item.status))


def _supervision_page(request, item, status=200, **bound):
    """The page, with the forms of a failed step bound to its input (`bound`: name → form)."""
    forms = {
        "status_form": _status_form(item),
        "document_form": DocumentForm(),
        "member_form": DelegationMemberForm(),
        "unit_form": SupervisedUnitForm(body=item.programme.body),
        "finding_form": FindingForm(),
        "recommendation_form": RecommendationForm(supervision=item),
    }
    forms.update(bound)
    confirm_values = final_values(allowed_targets(SUPERVISION_TRANSITIONS, item.status), SUPERVISION_FINAL)
    context = {
        **forms,
        "supervision": item,
        "can_manage": permissions.can_manage_programme(request.user, item.programme),
        # Asked only when concluding or closing is the step chosen, not before a re-supervision.
        "status_confirm": _("Concluding or closing the supervision is recorded for good. Continue?")
        if confirm_values
        else "",
        "status_confirm_values": confirm_values,
        "delegation": item.delegation.all(),
        "units": item.supervised_units.select_related("unit"),
        "documents": item.documents.all(),
        "findings": item.findings.all(),
        "recommendations": item.recommendations.select_related("addressed_to"),
        "history": history_of(item),
    }
    return render(request, "supervision/supervision.html", context, status=status)


@require_GET
def supervision(request, pk):
    return _supervision_page(request, get_object_or_404(selectors.supervisions_visible_to(request.user), pk=pk))


def _managed_supervision(request, pk):
    item = get_object_or_404(selectors.supervisions_visible_to(request.user), pk=pk)
    if not permissions.can_manage_programme(request.user, item.programme):
        raise PermissionDenied
    return item


def _step(request, pk, form_name, make_form, run, done):
    """Authorise → bind the form → call the service → message → redirect; or the page again, 400."""
    item = _managed_supervision(request, pk)
    form = make_form(item)
    if form.is_valid():
        try:
            result = run(item, form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done(result) if callable(done) else done)
            return redirect("supervision:supervision", item.pk)
    return _supervision_page(request, item, status=400, **{form_name: form})


@require_POST
def change_status(request, pk):
    return _step(
        request,
        pk,
        "status_form",
        lambda item: _status_form(item, request.POST),
        lambda item, data: services.change_supervision_status(supervision=item, actor=request.user, **data),
        _("The supervision's status is recorded."),
    )


@require_POST
def upload_document(request, pk):
    return _step(
        request,
        pk,
        "document_form",
        lambda item: DocumentForm(request.POST, request.FILES),
        lambda item, data: services.upload_document(supervision=item, actor=request.user, **data),
        lambda document: _("Version %(version)d is uploaded.") % {"version": document.version},
    )


@require_POST
def add_delegation_member(request, pk):
    return _step(
        request,
        pk,
        "member_form",
        lambda item: DelegationMemberForm(request.POST),
        lambda item, data: services.add_delegation_member(supervision=item, actor=request.user, **data),
        _("The member is added to the delegation."),
    )


@require_POST
def add_supervised_unit(request, pk):
    return _step(
        request,
        pk,
        "unit_form",
        lambda item: SupervisedUnitForm(request.POST, body=item.programme.body),
        lambda item, data: services.add_supervised_unit(supervision=item, actor=request.user, **data),
        _("The unit is added to the supervision."),
    )


@require_POST
def add_finding(request, pk):
    return _step(
        request,
        pk,
        "finding_form",
        lambda item: FindingForm(request.POST),
        lambda item, data: services.add_finding(supervision=item, actor=request.user, **data),
        _("The finding is recorded."),
    )


@require_POST
def add_recommendation(request, pk):
    """A recommendation to a unit, answering an existing finding, a new one, or none."""
    return _step(
        request,
        pk,
        "recommendation_form",
        lambda item: RecommendationForm(request.POST, supervision=item),
        lambda item, data: services.add_recommendation(supervision=item, actor=request.user, **data),
        _("The recommendation is added."),
    )


@require_GET
def document(request, pk):
    """Download one version of a supervision's plan, outline or report."""
    item = get_object_or_404(selectors.documents_visible_to(request.user), pk=pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)
