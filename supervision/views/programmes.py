"""Supervision programmes: the list, a new programme, one programme with its supervisions and resolution."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from danvan.accounts.roles import Role, has_role
from danvan.history.selectors import history_of
from danvan.workflow import DomainError

from .. import permissions, selectors, services
from ..filters import ProgrammeFilter
from ..forms import AdoptProgrammeForm, NewSupervisionForm, ProgrammeForm
from ..workflow import ProgrammeStatus, RecommendationStatus
from ._common import ScopedFilterView


def _can_create(user):
    return has_role(user, Role.SUPERVISOR, Role.LEADER) and selectors.supervising_bodies(user).exists()


class ProgrammeListView(ScopedFilterView):
    """Supervision programmes of the user's bodies, by year, with the overdue recommendations counted."""

    filterset_class = ProgrammeFilter
    template_name = "supervision/programmes.html"
    context_object_name = "programmes"

    def get_queryset(self):
        return selectors.programme_list(self.request.user)

    def get_context_data(self, **kwargs):
        overdue = selectors.overdue(selectors.recommendations_visible_to(self.request.user))
        return super().get_context_data(
            overdue_count=overdue.count(), can_create=_can_create(self.request.user), **kwargs
        )


class ProgrammeCreateView(View):
    """A supervising body starts its programme for a year."""

    template_name = "supervision/programme_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not _can_create(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(self.form(initial={"year": timezone.localdate().year}))

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                item = services.create_programme(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The programme is created."))
                return redirect("supervision:programme", item.pk)
        return self.render(form, status=400)

    def form(self, *args, **kwargs):
        return ProgrammeForm(*args, bodies=selectors.supervising_bodies(self.request.user), **kwargs)

    def render(self, form, status=200):
        return render(self.request, self.template_name, {"form": form}, status=status)


def _labelled(counts):
    """[(status label, count)] in the workflow's order, statuses with no recommendation left out."""
    return [(label, counts[value]) for value, label in RecommendationStatus.choices if counts.get(value)]


def _programme_page(request, item, adopt_form=None, supervision_form=None, status=200):
    can_manage = permissions.can_manage_programme(request.user, item)
    recommendations = selectors.recommendations_visible_to(request.user).filter(supervision__programme=item)
    context = {
        "programme": item,
        "supervisions": item.supervisions.all(),
        "recommendations": recommendations,
        "counts": _labelled(selectors.recommendation_counts(recommendations)),
        "can_manage": can_manage,
        # A refused adoption is shown again with its reason, even once the programme is adopted.
        "can_adopt": can_manage and (item.status == ProgrammeStatus.DRAFT or adopt_form is not None),
        "adopt_form": adopt_form or AdoptProgrammeForm(),
        "supervision_form": supervision_form or NewSupervisionForm(),
        "history": history_of(item),
    }
    return render(request, "supervision/programme.html", context, status=status)


@require_GET
def programme(request, pk):
    """A programme, its supervisions and where each recommendation stands."""
    return _programme_page(request, get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk))


def _managed_programme(request, pk):
    item = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    if not permissions.can_manage_programme(request.user, item):
        raise PermissionDenied
    return item


@require_POST
def adopt_programme(request, pk):
    """Record the resolution (number, date) that adopts the programme."""
    item = _managed_programme(request, pk)
    form = AdoptProgrammeForm(request.POST)
    if form.is_valid():
        try:
            services.adopt_programme(programme=item, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The programme is adopted."))
            return redirect("supervision:programme", item.pk)
    return _programme_page(request, item, adopt_form=form, status=400)


@require_POST
def add_supervision(request, pk):
    item = _managed_programme(request, pk)
    form = NewSupervisionForm(request.POST)
    if form.is_valid():
        try:
            created = services.create_supervision(programme=item, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The supervision is added."))
            return redirect("supervision:supervision", created.pk)
    return _programme_page(request, item, supervision_form=form, status=400)
