from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import ListView, TemplateView
from django_filters.views import FilterView

from danvan.orgunits.divisions import commune_choices
from danvan.workflow import DomainError

from . import calendar_changes, exports, permissions, selectors, services, steps
from .deadlines import explain
from .filters import PetitionFilter
from .forms import PetitionerFormSet, PetitionForm, SavedFilterForm, attachments_field
from .models import AccessContext
from .pagination import BoundedPaginator
from .workflow import Status

PAGE_SIZES = (25, 50, 100)


class PetitionListView(FilterView):
    """The register of petitions the user's units handle."""

    filterset_class = PetitionFilter
    template_name = "petitions/list.html"
    context_object_name = "petitions"
    paginator_class = BoundedPaginator

    def get_queryset(self):
        return selectors.petition_list(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_paginate_by(self, queryset):
        size = self.request.GET.get("size", "")
        return int(size) if size.isdigit() and int(size) in PAGE_SIZES else PAGE_SIZES[0]

    def get_paginator(self, queryset, per_page, **kwargs):
        # The page asked for tells the paginator how far it must count.
        return self.paginator_class(queryset, per_page, wanted=self.request.GET.get(self.page_kwarg), **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            page_sizes=PAGE_SIZES,
            can_record=permissions.can_record_petitions(user),
            can_view_identity_log=permissions.can_view_identity_log(user),
            has_mine=permissions.can_be_assigned(user),
            saved_filters=selectors.saved_filters_for(user),
            save_form=SavedFilterForm(initial={"query": query.urlencode()}),
            **kwargs,
        )


@require_POST
def save_filter(request):
    """Save the register's current filters under a name, then show them applied."""
    form = SavedFilterForm(request.POST)
    query = QueryDict(request.POST.get("query", "")).urlencode()  # as typed back, never raw into a header
    if form.is_valid():
        try:
            saved = services.save_filter(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The filter “%(name)s” is saved.") % {"name": saved.name})
            return redirect(f"{reverse('petitions:list')}?{saved.query}" if saved.query else "petitions:list")
    else:
        messages.error(request, " ".join(form.errors.get("name", [])) or _("The filter could not be saved."))
    return redirect(f"{reverse('petitions:list')}?{query}" if query else "petitions:list")


@require_POST
def delete_filter(request, pk):
    """Delete one of the user's saved filters; another's is simply not found."""
    saved = get_object_or_404(selectors.saved_filters_for(request.user), pk=pk)
    services.delete_saved_filter(saved_filter=saved, actor=request.user)
    messages.success(request, _("The filter “%(name)s” is deleted.") % {"name": saved.name})
    return redirect("petitions:list")


def _petitioner_initial(petition):
    return [{"id": p.pk, **{f: getattr(p, f) for f in services.PETITIONER_FIELDS}} for p in petition.petitioners.all()]


class PetitionCreateView(View):
    """Intake: the petition, its petitioners and files in one form."""

    template_name = "petitions/form.html"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_record_petitions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(PetitionForm(user=request.user), PetitionerFormSet(prefix="people"))

    def post(self, request):
        form = PetitionForm(request.POST, request.FILES, user=request.user)
        people = PetitionerFormSet(request.POST, prefix="people", people_count=_people_count(request))
        if form.is_valid() and people.is_valid():
            try:
                petition = services.create_petition(
                    actor=request.user,
                    data=form.service_data(),
                    petitioners=people.people(),
                    files=form.cleaned_data["files"],
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Petition %(code)s has been recorded.") % {"code": petition.code})
                return redirect("petitions:detail", petition.pk)
        return self.render(form, people)

    def render(self, form, people):
        return render(self.request, self.template_name, {"form": form, "people": people, "editing": False})


def _people_count(request):
    value = request.POST.get("people_count", "")
    return int(value) if value.isdigit() else None


class PetitionUpdateView(View):
    """Correct the intake details; a concurrent save is refused and the input kept."""

    template_name = "petitions/form.html"

    def dispatch(self, request, pk):
        self.petition = permissions.get_petition_or_404(selectors.petition_detail(request.user), request.user, pk)
        if not permissions.can_edit_petition(request.user, self.petition):
            raise PermissionDenied
        if not permissions.can_see_identity(request.user, self.petition):
            # Editing shows the petitioners; only those who may see a sealed identity may edit.
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get(self, request, pk):
        form = PetitionForm(
            instance=self.petition,
            user=request.user,
            editing=True,
            initial={
                "version": self.petition.version,
                "first_instance_code": self.petition.first_instance.code if self.petition.first_instance else "",
            },
        )
        people = PetitionerFormSet(prefix="people", initial=_petitioner_initial(self.petition))
        return self.render(form, people)

    def post(self, request, pk):
        form = PetitionForm(request.POST, instance=self.petition, user=request.user, editing=True)
        people = PetitionerFormSet(request.POST, prefix="people", people_count=_people_count(request))
        if form.is_valid() and people.is_valid():
            try:
                services.update_petition(
                    petition=self.petition,
                    actor=request.user,
                    version=form.cleaned_data["version"],
                    data=form.service_data(),
                    petitioners=people.people(),
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect("petitions:detail", self.petition.pk)
        return self.render(form, people)

    def render(self, form, people):
        # The form shows the petitioners, so showing it (again) is a viewing of a sealed identity.
        services.record_identity_access(petition=self.petition, user=self.request.user, context=AccessContext.EDIT)
        context = {"form": form, "people": people, "editing": True, "petition": self.petition}
        return render(self.request, self.template_name, context)


class PetitionDetailView(View):
    """Everything about one petition, the steps the user can take, and its timeline."""

    def get(self, request, pk):
        petition = permissions.get_readable_petition_or_404(selectors.petition_page(request.user), request.user, pk)
        if not permissions.can_view_petition(request.user, petition):
            # A reader told of it by an escalation notice: the page, read only, and the viewing logged.
            services.record_reader_viewing(petition=petition, user=request.user)
        return _detail_page(request, petition)


def _detail_page(request, petition, bound_step=None, bound_form=None, status=200):
    """The petition page; `bound_step` is shown open with `bound_form`'s input and errors."""
    reveal = request.GET.get("reveal") == "1"
    if reveal:
        if not permissions.can_see_identity(request.user, petition):
            raise PermissionDenied
        services.record_identity_access(petition=petition, user=request.user, context=AccessContext.DETAIL)
    can_see_identity = permissions.can_see_identity(request.user, petition)
    context = {
        "petition": petition,
        "people": selectors.people_for(request.user, petition, reveal=reveal),
        "revealed": reveal,
        "can_reveal": petition.is_sealed and can_see_identity,
        "can_edit": permissions.can_edit_petition(request.user, petition) and can_see_identity,
        "offers": _offers(request.user, petition, bound_step, bound_form),
        "waiting": steps.waiting_for(petition),
        "timeline": selectors.timeline(petition, request.user),
        "decisions": petition.decisions.all(),
        "dialogue": services.dialogue_state(petition),
        "attachments": petition.attachments.all(),
        "can_download": can_see_identity,
        **_related(request.user, petition, can_see_identity),
        "is_reader": not permissions.can_view_petition(request.user, petition),
        "moved_deadlines": calendar_changes.moved_deadlines_of(petition),
        "can_decide_moved": permissions.can_correct_deadline(request.user, petition),
    }
    return render(request, "petitions/detail.html", context, status=status)


def _offers(user, petition, bound_step, bound_form):
    """The steps offered, each with its form; the bound step open with its input and errors."""
    offered = steps.steps_for(user, petition)
    if bound_step is not None and bound_step not in offered:
        # A step refused for the current status: still show its form with the reason.
        offered.append(bound_step)
    offers = []
    for step in offered:
        form = bound_form if step is bound_step else step.bind(petition, user)
        offers.append({"step": step, "form": form, "open": step is bound_step})
    return offers


def _related(user, petition, can_see_identity):
    """Possible duplicates, and the same sender's other petitions, while the petition is being classified."""
    if petition.status != Status.RECEIVED or not permissions.can_classify_petition(user, petition):
        return {"duplicates": [], "same_sender": []}
    # Matching on this petition's own sealed petitioners would reveal who they are.
    citizen_ids = [p.citizen_id for p in petition.petitioners.all()] if can_see_identity else []
    duplicates, same_sender = selectors.related_petitions(
        user, citizen_ids=citizen_ids, summary=petition.summary, exclude=petition
    )
    return {"duplicates": duplicates, "same_sender": same_sender}


@require_POST
def petition_step(request, pk, name):
    """Take one step on a petition: authorise → bind the form → call the service → redirect."""
    step = steps.BY_NAME.get(name)
    if step is None:
        raise Http404
    petition = permissions.get_readable_petition_or_404(selectors.petition_page(request.user), request.user, pk)
    if not (permissions.can_view_petition(request.user, petition) or step.name in steps.FOR_READERS):
        raise Http404  # a reader takes no step but the few meant for them
    if not step.allowed(request.user, petition):
        raise PermissionDenied
    form = step.bind(petition, request.user, request.POST, request.FILES)
    if form.is_valid():
        try:
            steps.take_step(step.name, petition, request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, step.done)
            return redirect("petitions:detail", petition.pk)
    # Show the page again with this step open, its input and the errors.
    return _detail_page(request, petition, bound_step=step, bound_form=form, status=400)


class ReceiptView(TemplateView):
    """The printable receipt handed to the citizen: code, lookup key, what happens next."""

    template_name = "petitions/receipt.html"

    def get_context_data(self, **kwargs):
        petition = permissions.get_petition_or_404(
            selectors.petition_detail(self.request.user), self.request.user, kwargs["pk"]
        )
        first = petition.deadlines.order_by("created_at", "pk").first()
        return super().get_context_data(petition=petition, first_deadline=first, **kwargs)


class DeadlineView(TemplateView):
    """How each of the petition's deadlines was computed."""

    template_name = "petitions/deadline.html"

    def get_context_data(self, **kwargs):
        petition = permissions.get_readable_petition_or_404(
            selectors.petition_page(self.request.user), self.request.user, kwargs["pk"]
        )
        rows = [(d, explain(d)) for d in petition.deadlines.select_related("rule")]
        return super().get_context_data(petition=petition, rows=rows, **kwargs)


class MovedDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("correct", "correct"), ("keep", "keep")])
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write the reason for the decision.")},
    )  # fmt: skip


@require_GET
def moved_deadlines(request):
    """Issued deadlines a change of the official calendar would move, for the leaders to correct or keep."""
    return _moved_page(request)


def _moved_page(request, bound_pk=None, bound_form=None, status=200):
    if not permissions.can_view_moved_deadlines(request.user):
        raise PermissionDenied
    page = Paginator(calendar_changes.moved_deadlines_for(request.user), 50).get_page(request.GET.get("page"))
    for moved in page:
        moved.can_decide = permissions.can_correct_deadline(request.user, moved.deadline.petition)
        moved.form = bound_form if moved.pk == bound_pk else MovedDecisionForm()
    context = {"page_obj": page, "moved_deadlines": page, "is_paginated": page.has_other_pages()}
    return render(request, "petitions/moved_deadlines.html", context, status=status)


@require_POST
def decide_moved_deadline(request, pk):
    """Correct the moved deadline to the new calendar, or keep it as issued, with the reason."""
    moved = get_object_or_404(calendar_changes.moved_deadlines_for(request.user), pk=pk)
    if not permissions.can_correct_deadline(request.user, moved.deadline.petition):
        raise PermissionDenied
    form = MovedDecisionForm(request.POST)
    if form.is_valid():
        correct = form.cleaned_data["decision"] == "correct"
        service = services.correct_moved_deadline if correct else services.keep_moved_deadline
        try:
            service(moved=moved, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            done = _("The deadline has been corrected.") if correct else _("The deadline is kept as issued.")
            messages.success(request, f"{moved.deadline.petition.code}: {done}")
            return redirect("petitions:moved_deadlines")
    return _moved_page(request, bound_pk=moved.pk, bound_form=form, status=400)


@require_GET
def download_attachment(request, pk, attachment_pk):
    """Files only to those who may see the petition; a denunciation's files only to those
    who may see the denouncer, and each download is logged."""
    petition = permissions.get_petition_or_404(selectors.petitions_visible_to(request.user), request.user, pk)
    # A file the retention job removed (danvan.ops.retention) keeps its row, without a file.
    attachment = get_object_or_404(petition.attachments.exclude(file=""), pk=attachment_pk)
    if not permissions.can_see_identity(request.user, petition):
        raise PermissionDenied
    services.record_identity_access(petition=petition, user=request.user, context=AccessContext.ATTACHMENT)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


@require_POST
def add_attachments(request, pk):
    """Attach more files to an open petition."""
    petition = permissions.get_petition_or_404(selectors.petitions_visible_to(request.user), request.user, pk)
    if not permissions.can_edit_petition(request.user, petition):
        raise PermissionDenied
    try:
        files = attachments_field().clean(request.FILES.getlist("files"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("petitions:detail", pk)
    if files:
        services.add_attachments(petition=petition, files=files, actor=request.user)
        messages.success(request, _("The files have been attached."))
    return redirect("petitions:detail", pk)


@require_GET
def export_register(request):
    """The filtered register as an .xlsx petition book, identities of denouncers redacted."""
    filterset = PetitionFilter(request.GET, queryset=selectors.petition_list(request.user), user=request.user)
    rows = (
        filterset.qs.prefetch_related("decisions")
        if filterset.is_valid()
        else selectors.petition_list(request.user).none()
    )
    return exports.register_response(rows)


class IdentityLogView(ListView):
    """Who looked at what: who saw a sealed denouncer's identity, when and where; and, apart, each opening of
    a petition by an official outside its units who was told of it by an escalation notice."""

    template_name = "petitions/identity_log.html"
    context_object_name = "accesses"
    paginate_by = 50

    def get_queryset(self):
        if not permissions.can_view_identity_log(self.request.user):
            raise PermissionDenied
        return selectors.identity_accesses_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        viewings = Paginator(selectors.reader_viewings_visible_to(self.request.user), self.paginate_by)
        return super().get_context_data(viewings=viewings.get_page(self.request.GET.get("viewings_page")), **kwargs)


@require_GET
def similar(request):
    """Petitions that may be the same matter (and, apart, the sender's other petitions), for the intake form."""
    duplicates, same_sender = selectors.related_petitions(
        request.user,
        citizen_ids=[value for value in request.GET.getlist("citizen_id") if value.isdigit()],
        summary=request.GET.get("summary", "")[:300],
    )

    def row(petition, why):
        return {
            "code": petition.code,
            "url": reverse("petitions:detail", args=[petition.pk]),
            "summary": petition.summary,
            "why": str(why),
            "status": petition.get_status_display(),
        }

    # "matches" are possible duplicates only; the sender's other petitions, about anything, come apart.
    return JsonResponse(
        {
            "matches": [row(petition, why) for petition, why in duplicates],
            "same_sender": [row(petition, _("same sender")) for petition in same_sender],
        }
    )


@require_GET
def communes(request):
    """The communes of a province, for the address selects."""
    return JsonResponse({"communes": commune_choices(request.GET.get("province", ""))})
