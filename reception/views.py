"""Pages of citizen reception: the public calendar, sessions and their visits, compliance, voter meetings."""

from datetime import UTC, date, datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST
from django_filters.views import FilterView
from icalendar import Calendar, Event, vDuration

from danvan.history.selectors import history_of
from danvan.orgunits.models import Unit
from danvan.orgunits.selectors import units_visible_to
from danvan.workflow import DomainError
from dialogues.selectors import published_dialogues

from . import exports, permissions, selectors, services
from .compliance import compliance_report, months_of
from .filters import SessionFilter, VisitFilter, VoterMeetingFilter
from .forms import (
    AdHocSessionForm,
    BookPeriodForm,
    CalendarUnitForm,
    CompliancePeriodForm,
    SessionCorrectionForm,
    SessionStatusForm,
    VisitForm,
    VoterMeetingForm,
    VoterRecommendationForm,
)
from .workflow import statuses_to_record, takes_visits

CALENDAR_DAYS = 90
PAGE_SIZE = 25
# Without a chosen period the session list starts a month back: last month's sessions still get visits recorded.
DEFAULT_LOOKBACK_DAYS = 31


@method_decorator(login_not_required, name="dispatch")
class PublicCalendarView(View):
    """The published reception calendar for the coming months, of all units or of one province or commune."""

    def get(self, request):
        form = CalendarUnitForm(request.GET or None)
        valid = form.is_valid() if form.is_bound else True
        unit = form.cleaned_data.get("unit") if form.is_bound and valid else None
        today = timezone.localdate()
        end = today + timedelta(days=CALENDAR_DAYS)
        sessions = _with_dialogues(
            selectors.published_sessions(start=today, end=end, unit=unit, called_off=True),
            start=today,
            end=end,
            unit=unit,
        )
        context = {
            "form": form,
            "unit": unit,
            "sessions": sessions,
            "units": selectors.calendar_units(),
            "days": CALENDAR_DAYS,
        }
        return render(request, "public/calendar.html", context, status=200 if valid else 400)


def _with_dialogues(sessions, *, start, end, unit):
    """The sessions and the heads' planned dialogues (labelled "Dialogue") of the same days, in time order."""
    dialogues = published_dialogues(start=start, end=end, unit=unit)
    return sorted([*sessions, *dialogues], key=lambda item: item.starts_at)


# How often phone calendars should fetch the feed again (RFC 7986 REFRESH-INTERVAL; Outlook
# reads X-PUBLISHED-TTL): a session moved past a new day off should reach them within the day.
FEED_REFRESH = timedelta(hours=6)


@login_not_required
def calendar_feed(request, unit_id):
    """An iCalendar (.ics, RFC 5545) feed of one unit's published sessions, for phone calendars.

    A postponed or cancelled session stays in the feed until its day, as STATUS:CANCELLED with a
    higher SEQUENCE and "cancelled" in its title: a subscribed calendar drops or strikes it, and
    one that ignores STATUS still shows the word, whereas an event that just disappears is kept
    by calendars that imported the file once. A moved session keeps its UID with the new times.
    """
    unit = get_object_or_404(Unit, pk=unit_id)
    today = timezone.localdate()
    stamp = datetime.now(tz=UTC).replace(microsecond=0)
    calendar = Calendar.new(
        prodid="-//Cong thong tin Dan van//Lich tiep cong dan//VI",
        version="2.0",
        uid=f"reception-calendar-{unit.pk}@danvan",
    )
    calendar.add("x-wr-calname", _("Citizen reception: %(unit)s") % {"unit": unit.name})
    # RFC 7986 §5.7 requires VALUE=DURATION on REFRESH-INTERVAL.
    calendar.add("refresh-interval", vDuration(FEED_REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(FEED_REFRESH))
    end = today + timedelta(days=CALENDAR_DAYS)
    sessions = _with_dialogues(
        selectors.published_sessions(start=today, end=end, unit=unit, called_off=True),
        start=today,
        end=end,
        unit=unit,
    )
    for session in sessions:
        calendar.add_component(_feed_event(session, stamp))
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="lich-tiep-cong-dan-{unit.pk}.ics"'
    return response


def _feed_event(session, stamp):
    summary = _("Citizen reception – %(unit)s") % {"unit": session.unit_name}
    lines = [_("Presided by: %(who)s") % {"who": session.presiding}]
    if session.is_dialogue:
        summary = _("Dialogue – %(unit)s: %(topic)s") % {"unit": session.unit_name, "topic": session.topic}
    if session.moved_from:
        lines.append(_("Moved from %(date)s because of a day off.") % {"date": f"{session.moved_from:%d/%m/%Y}"})
    if session.is_called_off:
        summary = f"{session.status_label.upper()}: {summary}"
        lines.append(f"{session.status_label}: {session.reason}")
    return Event.new(
        uid=session.uid,
        stamp=stamp,
        start=session.starts_at,
        end=session.ends_at,
        summary=summary,
        location=session.place,
        description="\n".join(lines),
        sequence=session.revision,
        status="CANCELLED" if session.is_called_off else "CONFIRMED",
    )


class SessionListView(FilterView):
    """The sessions of the user's units, from a month back unless another period is chosen."""

    filterset_class = SessionFilter
    template_name = "reception/sessions.html"
    context_object_name = "sessions"
    paginate_by = PAGE_SIZE
    # The reception book's period form, when one was refused (reception_book).
    book = None

    def get_queryset(self):
        return selectors.session_list(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        data = self.request.GET.copy()
        data.setdefault("date_from", f"{timezone.localdate() - timedelta(days=DEFAULT_LOOKBACK_DAYS):%d/%m/%Y}")
        kwargs = super().get_filterset_kwargs(filterset_class)
        return {**kwargs, "data": data, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            today=timezone.localdate(),
            book=self.book or BookPeriodForm(),
            can_create=permissions.can_create_ad_hoc_session(self.request.user),
            can_see_month=permissions.can_view_session_month(self.request.user),
            can_see_compliance=permissions.can_view_compliance(self.request.user),
            **kwargs,
        )


class VisitListView(FilterView):
    """The visits in the user's sessions, filtered as the dashboard's figures are counted."""

    filterset_class = VisitFilter
    template_name = "reception/visits.html"
    context_object_name = "visits"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.visit_list(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(people=selectors.people_received(self.object_list), **kwargs)


class AdHocSessionView(View):
    """Call an ad hoc (đột xuất) session of the user's units."""

    template_name = "reception/session_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_create_ad_hoc_session(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        initial = {"hosts": selectors.own_hosts(request.user)}
        return self.page(AdHocSessionForm(user=request.user, initial=initial))

    def post(self, request):
        form = AdHocSessionForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                session = services.create_ad_hoc_session(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The ad hoc reception session is recorded."))
                return redirect("reception:session", session.pk)
        return self.page(form, status=400)

    def page(self, form, status=200):
        return render(self.request, self.template_name, {"form": form}, status=status)


def _correction_form(session, data=None):
    return SessionCorrectionForm(data, prefix="correct", session=session, officials=selectors.officials_for(session))


def _status_form(session, data=None):
    # Who was planned to preside is most often who did.
    return SessionStatusForm(
        data,
        prefix="status",
        initial={"presided_by": session.presiding_id},
        officials=selectors.officials_for(session),
        offered=statuses_to_record(session.status, session.date, timezone.localdate()),
    )


def _visit_form(request, session, data=None):
    return VisitForm(data, prefix="visit", receiving_hosts=selectors.receiving_hosts(session, request.user))


def _session_page(request, session, *, visit_form=None, status_form=None, correction_form=None, status=200):
    can_correct = permissions.can_correct_session(request.user, session)
    context = {
        "session": session,
        "visits": selectors.visits_of(session),
        "history": history_of(session),
        "can_record": permissions.can_record_reception(request.user, session),
        "can_correct": can_correct,
        "visit_form": visit_form or _visit_form(request, session),
        "status_form": status_form or _status_form(session),
        "correction_form": correction_form or (_correction_form(session) if can_correct else None),
        "takes_visits": takes_visits(session.status, session.date, timezone.localdate()),
    }
    return render(request, "reception/session.html", context, status=status)


@require_GET
def session_detail(request, pk):
    return _session_page(request, get_object_or_404(selectors.sessions_visible_to(request.user), pk=pk))


@require_POST
def record_visit(request, pk):
    session = get_object_or_404(selectors.sessions_visible_to(request.user), pk=pk)
    if not permissions.can_record_reception(request.user, session):
        raise PermissionDenied
    form = _visit_form(request, session, request.POST)
    if form.is_valid():
        try:
            visit = services.record_visit(
                session=session,
                actor=request.user,
                data=form.visit_data(),
                visitors=form.cleaned_data["visitors"],
                petition_content=form.cleaned_data["petition_content"],
                receiving_unit=form.cleaned_data.get("receiving_unit"),
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
    session = get_object_or_404(selectors.sessions_visible_to(request.user), pk=pk)
    if not permissions.can_record_reception(request.user, session):
        raise PermissionDenied
    form = _status_form(session, request.POST)
    if form.is_valid():
        try:
            services.set_session_status(session=session, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The session's status is recorded."))
            return redirect("reception:session", session.pk)
    return _session_page(request, session, status_form=form, status=400)


@require_POST
def correct_status(request, pk):
    """A leader of a host unit corrects the session's recorded status."""
    session = get_object_or_404(selectors.sessions_visible_to(request.user), pk=pk)
    if not permissions.can_correct_session(request.user, session):
        raise PermissionDenied
    form = _correction_form(session, request.POST)
    if form.is_valid():
        try:
            services.correct_session_status(session=session, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The session's status is corrected."))
            return redirect("reception:session", session.pk)
    return _session_page(request, session, correction_form=form, status=400)


@require_GET
def session_month(request):
    """The user's sessions in a month, week by week from Monday (a list of days on a phone)."""
    if not permissions.can_view_session_month(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    grid = selectors.session_month(request.user, first)
    return render(request, "reception/month.html", {"grid": grid, "today": today})


@require_GET
def reception_book(request):
    """The reception book of the user's units for a period, as .xlsx."""
    form = BookPeriodForm(request.GET)
    if not form.is_valid():
        # The sessions page, where the form is, with its errors and the input kept.
        response = SessionListView.as_view(book=form)(request)
        response.status_code = 400
        return response
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return exports.book_response(selectors.book_visits(request.user, start, end), start, end)


@require_GET
def compliance(request):
    """Sessions required by the norms vs held in person, per official, for a unit and a period."""
    if not permissions.can_view_compliance(request.user):
        raise PermissionDenied
    form = CompliancePeriodForm(request.GET, user=request.user, today=timezone.localdate())
    context = {"form": form, "has_units": units_visible_to(request.user).exists()}
    if not form.is_valid():
        return render(request, "reception/compliance.html", context, status=400)
    start, end, unit = (form.cleaned_data[name] for name in ("date_from", "date_to", "unit"))
    context.update(
        start=start,
        end=end,
        unit=unit,
        rows=compliance_report(request.user, start, end, unit),
        months=[date(year, month, 1) for year, month in months_of(start, end)],
    )
    return render(request, "reception/compliance.html", context)


class VoterMeetingListView(FilterView):
    """Voter meetings of the councils in the user's units."""

    filterset_class = VoterMeetingFilter
    template_name = "reception/voter_meetings.html"
    context_object_name = "meetings"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.voter_meetings_visible_to(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_context_data(self, **kwargs):
        can_record = permissions.can_record_meetings(self.request.user)
        return super().get_context_data(can_record=can_record, **kwargs)


class VoterMeetingCreateView(View):
    """Record a meeting of a council's deputies with voters."""

    template_name = "reception/voter_meeting_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_record_meetings(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.page(VoterMeetingForm(user=request.user))

    def post(self, request):
        form = VoterMeetingForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                meeting = services.record_voter_meeting(
                    actor=request.user, council=form.cleaned_data["council"], data=form.meeting_data()
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The voter meeting is recorded."))
                return redirect("reception:voter_meeting", meeting.pk)
        return self.page(form, status=400)

    def page(self, form, status=200):
        return render(self.request, self.template_name, {"form": form}, status=status)


def _meeting_page(request, meeting, *, form=None, status=200):
    context = {
        "meeting": meeting,
        "petitions": selectors.recommendations_of(meeting),
        "history": history_of(meeting),
        "can_record": permissions.can_record_meeting_of(request.user, meeting.council),
        "form": form or VoterRecommendationForm(council=meeting.council),
    }
    return render(request, "reception/voter_meeting.html", context, status=status)


@require_GET
def voter_meeting(request, pk):
    """A voter meeting and its recommendations, each a petition for the responsible unit."""
    return _meeting_page(request, get_object_or_404(selectors.voter_meetings_visible_to(request.user), pk=pk))


@require_POST
def add_voter_recommendation(request, pk):
    meeting = get_object_or_404(selectors.voter_meetings_visible_to(request.user), pk=pk)
    if not permissions.can_record_meeting_of(request.user, meeting.council):
        raise PermissionDenied
    form = VoterRecommendationForm(request.POST, council=meeting.council)
    if form.is_valid():
        try:
            petition = services.add_voter_recommendation(meeting=meeting, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Recommendation recorded as petition %(code)s.") % {"code": petition.code})
            return redirect("reception:voter_meeting", meeting.pk)
    return _meeting_page(request, meeting, form=form, status=400)
