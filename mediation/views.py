"""Pages of grassroots mediation: teams and their mediators, cases, the links with petitions, and the figures."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST
from django_filters.views import FilterView

from danvan.history.selectors import history_of
from danvan.workflow import DomainError, allowed_targets
from petitions import permissions as petition_permissions
from petitions import selectors as petition_selectors

from . import exports, permissions, selectors, services
from .filters import CaseFilter, TeamFilter
from .forms import (
    CaseForm,
    DissolveForm,
    EndTermForm,
    FiguresForm,
    FollowUpPetitionForm,
    FromPetitionForm,
    MediatorForm,
    OutcomeForm,
    RecognitionForm,
    StartForm,
    TeamForm,
)
from .workflow import CASE_TRANSITIONS, TEAM_TRANSITIONS, CaseStatus, TeamStatus

PAGE_SIZE = 25


class ScopedFilterView(FilterView):
    """A FilterView whose FilterSet is told the user, so its choices stay within the user's scope."""

    paginate_by = PAGE_SIZE

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_context_data(self, **kwargs):
        can_record = permissions.can_record_mediation_anywhere(self.request.user)
        return super().get_context_data(can_record=can_record, **kwargs)


class TeamListView(ScopedFilterView):
    """Mediation teams of the communes in the user's scope, with their serving mediators."""

    filterset_class = TeamFilter
    template_name = "mediation/teams.html"
    context_object_name = "teams"

    def get_queryset(self):
        return selectors.team_list(self.request.user)


class CaseListView(ScopedFilterView):
    """Mediation cases of the user's communes; no parties on the list."""

    filterset_class = CaseFilter
    template_name = "mediation/cases.html"
    context_object_name = "cases"

    def get_queryset(self):
        return selectors.case_list(self.request.user)


class RecordingView(View):
    """A form page for officials who record mediation."""

    template_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_record_mediation_anywhere(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def page(self, form, status=200):
        return render(self.request, self.template_name, {"form": form}, status=status)


class TeamCreateView(RecordingView):
    template_name = "mediation/team_form.html"

    def get(self, request):
        return self.page(TeamForm(committees=selectors.committees_visible_to(request.user)))

    def post(self, request):
        form = TeamForm(request.POST, committees=selectors.committees_visible_to(request.user))
        if form.is_valid():
            try:
                team = services.create_team(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The team is recorded. Add its mediators, then its recognition."))
                return redirect("mediation:team", team.pk)
        return self.page(form, status=400)


class CaseCreateView(RecordingView):
    template_name = "mediation/case_form.html"

    def get(self, request):
        return self.page(CaseForm(teams=selectors.recognised_teams(request.user)))

    def post(self, request):
        form = CaseForm(request.POST, teams=selectors.recognised_teams(request.user))
        if form.is_valid():
            try:
                case = services.record_case(actor=request.user, parties=form.parties(), **form.case_data())
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Case %(code)s is recorded.") % {"code": case.code})
                return redirect("mediation:case", case.pk)
        return self.page(form, status=400)


# --- A team --------------------------------------------------------------------------------------------------


def _team_page(request, team, status=200, **forms):
    can_manage = permissions.can_manage_mediation(request.user, team.committee_id)
    serving = selectors.serving_mediators(team)
    targets = allowed_targets(TEAM_TRANSITIONS, team.status)
    context = {
        "team": team,
        "mediators": selectors.mediators_of(team),
        "cases": selectors.cases_of_team(team)[:PAGE_SIZE],
        "history": history_of(team),
        "today": timezone.localdate(),
        "can_manage": can_manage and team.status != TeamStatus.DISSOLVED,
        "can_recognise": permissions.can_recognise_team(request.user, team),
        "rule": team.rule or selectors.team_rule_on(timezone.localdate()),
        "mediator_form": forms.get("mediator_form") or MediatorForm(),
        "end_form": forms.get("end_form") or EndTermForm(serving=serving),
        "recognition_form": forms.get("recognition_form")
        or (RecognitionForm() if TeamStatus.RECOGNISED in targets else None),
        "dissolve_form": forms.get("dissolve_form") or (DissolveForm() if TeamStatus.DISSOLVED in targets else None),
    }
    return render(request, "mediation/team.html", context, status=status)


@require_GET
def team_detail(request, pk):
    return _team_page(request, permissions.get_team_or_404(selectors.teams_visible_to(request.user), request.user, pk))


def _team_step(request, pk, form_name, form, call, success, *, allowed):
    team = permissions.get_team_or_404(selectors.teams_visible_to(request.user), request.user, pk)
    if not allowed(request.user, team):
        raise PermissionDenied
    form = form(team)
    if form.is_valid():
        try:
            call(team, form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, success)
            return redirect("mediation:team", team.pk)
    return _team_page(request, team, status=400, **{form_name: form})


def _manages(user, team):
    return permissions.can_manage_mediation(user, team.committee_id)


@require_POST
def add_mediator(request, pk):
    return _team_step(
        request, pk, "mediator_form", lambda team: MediatorForm(request.POST),
        lambda team, data: services.add_mediator(team=team, actor=request.user, **data),
        _("The mediator is added."), allowed=_manages,
    )  # fmt: skip


@require_POST
def end_term(request, pk):
    return _team_step(
        request, pk, "end_form", lambda team: EndTermForm(request.POST, serving=selectors.serving_mediators(team)),
        lambda team, data: services.end_mediator_term(actor=request.user, **data),
        _("The mediator's term is ended."), allowed=_manages,
    )  # fmt: skip


@require_POST
def recognise(request, pk):
    return _team_step(
        request, pk, "recognition_form", lambda team: RecognitionForm(request.POST),
        lambda team, data: services.recognise_team(team=team, actor=request.user, **data),
        _("The recognition decision is recorded: the team may take cases."), allowed=permissions.can_recognise_team,
    )  # fmt: skip


@require_POST
def dissolve(request, pk):
    return _team_step(
        request, pk, "dissolve_form", lambda team: DissolveForm(request.POST),
        lambda team, data: services.dissolve_team(team=team, actor=request.user, **data),
        _("The team is dissolved."), allowed=permissions.can_recognise_team,
    )  # fmt: skip


# --- A case --------------------------------------------------------------------------------------------------


def _case_page(request, case, status=200, **forms):
    can_manage = permissions.can_manage_case(request.user, case)
    targets = allowed_targets(CASE_TRANSITIONS, case.status)
    lodge = (
        can_manage
        and case.status == CaseStatus.UNSUCCESSFUL
        and case.follow_up_petition_id is None
        and petition_permissions.can_record_petitions(request.user)
    )
    context = {
        "case": case,
        "parties": case.parties.all(),
        "history": history_of(case),
        "petitions": _linked_petitions(request.user, case),
        "can_manage": can_manage,
        "start_form": forms.get("start_form")
        or (StartForm(serving=selectors.serving_mediators(case.team)) if CaseStatus.MEDIATING in targets else None),
        "outcome_form": forms.get("outcome_form") or (OutcomeForm() if case.status == CaseStatus.MEDIATING else None),
        "withdraw_only": case.status == CaseStatus.RECEIVED,
        "petition_form": forms.get("petition_form") or (FollowUpPetitionForm(case=case) if lodge else None),
    }
    return render(request, "mediation/case.html", context, status=status)


def _linked_petitions(user, case):
    """The linked petitions the user may open (a link is shown only then; the code is shown anyway)."""
    ids = [pk for pk in (case.source_petition_id, case.follow_up_petition_id) if pk]
    return set(petition_selectors.petitions_readable_by(user).filter(pk__in=ids).values_list("pk", flat=True))


def _case(request, pk):
    return permissions.get_case_or_404(selectors.case_page(request.user), request.user, pk)


@require_GET
def case_detail(request, pk):
    return _case_page(request, _case(request, pk))


def _case_step(request, pk, form_name, form, call, success):
    case = _case(request, pk)
    if not permissions.can_manage_case(request.user, case):
        raise PermissionDenied
    form = form(case)
    if form.is_valid():
        try:
            result = call(case, form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, success(result))
            return redirect("mediation:case", case.pk)
    return _case_page(request, case, status=400, **{form_name: form})


@require_POST
def start(request, pk):
    return _case_step(
        request, pk, "start_form",
        lambda case: StartForm(request.POST, serving=selectors.serving_mediators(case.team)),
        lambda case, data: services.start_mediation(case=case, actor=request.user, **data),
        lambda result: _("The mediation has started."),
    )  # fmt: skip


@require_POST
def conclude(request, pk):
    return _case_step(
        request, pk, "outcome_form", lambda case: OutcomeForm(request.POST, request.FILES),
        lambda case, data: services.conclude_mediation(case=case, actor=request.user, **data),
        lambda result: _("The outcome of the mediation is recorded."),
    )  # fmt: skip


@require_POST
def lodge_petition(request, pk):
    return _case_step(
        request, pk, "petition_form", lambda case: FollowUpPetitionForm(request.POST, case=case),
        lambda case, data: services.lodge_petition_after_mediation(case=case, actor=request.user, **data),
        lambda petition: _("Petition %(code)s is recorded and linked to this mediation.") % {"code": petition.code},
    )  # fmt: skip


@require_GET
def minutes_file(request, pk):
    """The signed minutes of a case in the user's scope."""
    case = _case(request, pk)
    if not case.minutes_file:
        raise Http404
    return FileResponse(case.minutes_file.open("rb"), as_attachment=True, filename=case.minutes_name)


# --- From a petition -----------------------------------------------------------------------------------------


class FromPetitionView(RecordingView):
    """Guide a received petition to a mediation team, by its code (the petition page links here with it)."""

    template_name = "mediation/from_petition.html"

    def get(self, request):
        initial = {"code": request.GET.get("code", "")}
        return self.page(FromPetitionForm(initial=initial, teams=selectors.recognised_teams(request.user)))

    def post(self, request):
        form = FromPetitionForm(request.POST, teams=selectors.recognised_teams(request.user))
        if form.is_valid():
            code = petition_selectors.normalise_code(form.cleaned_data["code"])
            petition = petition_selectors.petition_detail(request.user).filter(code=code).first()
            if petition is None:
                form.add_error("code", _("No petition with this code is handled by your units."))
            else:
                try:
                    case = services.guide_petition_to_mediation(
                        petition=petition, team=form.cleaned_data["team"], actor=request.user,
                        note=form.cleaned_data["note"],
                    )  # fmt: skip
                except DomainError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(
                        request,
                        _("Petition %(petition)s is guided to mediation as case %(case)s.")
                        % {"petition": petition.code, "case": case.code},
                    )
                    return redirect("mediation:case", case.pk)
        return self.page(form, status=400)


# --- Figures -------------------------------------------------------------------------------------------------


def _figures_year(request):
    """The year asked for, else this year; the box shows the year the figures are for (a refused entry stays
    with its error)."""
    form = FiguresForm(request.GET or None)
    year = form.cleaned_data.get("year") if form.is_bound and form.is_valid() else None
    year = year or timezone.localdate().year
    if not form.is_bound or (form.is_valid() and not form.cleaned_data.get("year")):
        form = FiguresForm(initial={"year": year})
    return form, year


@require_GET
def figures(request):
    """Per commune: cases mediated, the success rate, and the petitions that followed a failed mediation."""
    form, year = _figures_year(request)
    rows = selectors.figures_by_commune(request.user, start=date(year, 1, 1), end=date(year, 12, 31))
    context = {"form": form, "year": year, "rows": rows, "total": selectors.figures_total(rows)}
    return render(request, "mediation/figures.html", context)


@require_GET
def figures_xlsx(request):
    form, year = _figures_year(request)
    rows = selectors.figures_by_commune(request.user, start=date(year, 1, 1), end=date(year, 12, 31))
    return exports.figures_workbook(rows, selectors.figures_total(rows), year)
