from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST
from icalendar import Calendar, Event

from danvan.accounts.roles import Role, has_role
from danvan.orgunits.models import Unit
from danvan.orgunits.selectors import units_visible_to, users_at_or_above
from danvan.workflow import DomainError

from . import exports, selectors, services
from .forms import BookPeriodForm, SessionStatusForm, VisitForm, VoterMeetingForm, VoterRecommendationForm
from .models import Visit, VoterMeeting

CALENDAR_DAYS = 90


@method_decorator(login_not_required, name="dispatch")
class PublicCalendarView(View):
    """The published reception calendar for the coming months, by unit."""

    def get(self, request):
        today = timezone.localdate()
        sessions = selectors.published_sessions(start=today, end=today + timedelta(days=CALENDAR_DAYS))
        units = Unit.objects.filter(kind__in=["province", "commune"], valid_to__isnull=True).order_by("kind", "name")
        return render(request, "public/calendar.html", {"sessions": sessions, "units": units, "days": CALENDAR_DAYS})


@login_not_required
def calendar_feed(request, unit_id):
    """An iCalendar (.ics) feed of one unit's published sessions, for phone calendars."""
    unit = get_object_or_404(Unit, pk=unit_id)
    today = timezone.localdate()
    calendar = Calendar()
    calendar.add("prodid", "-//Cong Dan van chinh quyen//vi")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Citizen reception: %(unit)s") % {"unit": unit.name})
    for session in selectors.published_sessions(start=today, end=today + timedelta(days=CALENDAR_DAYS), unit=unit):
        event = Event()
        event.add("uid", session.uid)
        event.add("summary", _("Citizen reception – %(unit)s") % {"unit": session.unit_name})
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("location", session.place)
        event.add("description", _("Presided by: %(who)s") % {"who": session.presiding})
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="lich-tiep-cong-dan-{unit.pk}.ics"'
    return response


def _session_or_404(request, pk):
    session = selectors.sessions_visible_to(request.user).filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


@require_GET
def session_list(request):
    """Today's and the coming sessions of the user's units, and the last month's."""
    today = timezone.localdate()
    sessions = selectors.sessions_visible_to(request.user).filter(date__gte=today - timedelta(days=31))
    return render(
        request,
        "reception/sessions.html",
        {"today": today, "sessions": sessions.order_by("date", "start_time")[:200], "book": BookPeriodForm()},
    )


def _officials_for(session):
    return users_at_or_above(session.hosts.all())


def _session_page(request, session, *, visit_form=None, status_form=None, status=200):
    context = {
        "session": session,
        "visits": selectors.session_detail(session),
        "can_record": services.can_record_reception(request.user, session),
        "visit_form": visit_form or VisitForm(prefix="visit"),
        "status_form": status_form or SessionStatusForm(prefix="status", officials=_officials_for(session)),
        "today": timezone.localdate(),
    }
    return render(request, "reception/session.html", context, status=status)


@require_GET
def session_detail(request, pk):
    return _session_page(request, _session_or_404(request, pk))


@require_POST
def record_visit(request, pk):
    session = _session_or_404(request, pk)
    if not services.can_record_reception(request.user, session):
        raise PermissionDenied
    form = VisitForm(request.POST, prefix="visit")
    if form.is_valid():
        try:
            visit = services.record_visit(
                session=session,
                actor=request.user,
                data=form.visit_data(),
                visitors=form.cleaned_data["visitors"],
                petition_content=form.cleaned_data["petition_content"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            if visit.petition_id:
                messages.success(
                    request, _("The visit is recorded and petition %(code)s created.") % {"code": visit.petition.code}
                )
            else:
                messages.success(request, _("The visit is recorded."))
            return redirect("reception:session", session.pk)
    return _session_page(request, session, visit_form=form, status=400)


@require_POST
def set_status(request, pk):
    session = _session_or_404(request, pk)
    form = SessionStatusForm(request.POST, prefix="status", officials=_officials_for(session))
    if form.is_valid():
        try:
            services.set_session_status(
                session=session,
                actor=request.user,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                presided_by=form.cleaned_data["presided_by"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The session's status is recorded."))
            return redirect("reception:session", session.pk)
    return _session_page(request, session, status_form=form, status=400)


@require_GET
def reception_book(request):
    """The reception book of the user's units for a period, as .xlsx."""
    form = BookPeriodForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose the period of the reception book (dd/mm/yyyy)."))
        return redirect("reception:sessions")
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    visits = (
        Visit.objects.filter(session__in=selectors.sessions_visible_to(request.user), session__date__range=(start, end))
        .select_related("session", "petition")
        .prefetch_related("visitors")
        .order_by("session__date", "pk")
    )
    return exports.book_response(visits, start, end)


@require_GET
def compliance(request):
    """Sessions required by the norms vs held in person, per official and month."""
    if not has_role(request.user, Role.LEADER, Role.SUPERVISOR, Role.ADMINISTRATOR):
        raise PermissionDenied
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", f"{today:%Y-%m}").split("-"))
        first = date(year, month, 1)
    except ValueError:
        year, month, first = today.year, today.month, today.replace(day=1)
    rows = selectors.compliance(selectors.duties_visible_to(request.user, first), year, month)
    units = units_visible_to(request.user)
    return render(request, "reception/compliance.html", {"rows": rows, "month": first, "has_units": units.exists()})


def _can_record_meetings(user):
    return has_role(user, Role.SUPERVISOR, Role.LEADER, Role.RECEPTION_OFFICER)


@require_GET
def voter_meetings(request):
    """Voter meetings of the councils in the user's units."""
    meetings = VoterMeeting.objects.filter(council__in=units_visible_to(request.user)).select_related("council")
    return render(
        request,
        "reception/voter_meetings.html",
        {
            "meetings": meetings[:100],
            "form": VoterMeetingForm(user=request.user),
            "can_record": _can_record_meetings(request.user),
        },
    )


@require_POST
def add_voter_meeting(request):
    if not _can_record_meetings(request.user):
        raise PermissionDenied
    form = VoterMeetingForm(request.POST, user=request.user)
    if form.is_valid():
        meeting = form.save(commit=False)
        meeting.recorded_by = request.user
        meeting.save()
        messages.success(request, _("The voter meeting is recorded."))
        return redirect("reception:voter_meeting", meeting.pk)
    meetings = VoterMeeting.objects.filter(council__in=units_visible_to(request.user)).select_related("council")
    context = {"meetings": meetings[:100], "form": form, "can_record": True}
    return render(request, "reception/voter_meetings.html", context, status=400)


def _meeting_or_404(request, pk):
    meeting = VoterMeeting.objects.filter(pk=pk, council__in=units_visible_to(request.user)).first()
    if meeting is None:
        raise Http404
    return meeting


def voter_meeting(request, pk):
    """A voter meeting and its recommendations, each a petition for the responsible unit."""
    meeting = _meeting_or_404(request, pk)
    form = VoterRecommendationForm(request.POST or None, council=meeting.council)
    if request.method == "POST":
        if not _can_record_meetings(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                petition = services.add_voter_recommendation(meeting=meeting, actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Recommendation recorded as petition %(code)s.") % {"code": petition.code})
                return redirect("reception:voter_meeting", meeting.pk)
    petitions = meeting.petitions.select_related("handling_unit").order_by("pk")
    context = {
        "meeting": meeting,
        "form": form,
        "petitions": petitions,
        "can_record": _can_record_meetings(request.user),
    }
    return render(request, "reception/voter_meeting.html", context, status=400 if form.errors else 200)
