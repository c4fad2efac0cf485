"""Reads of the reception app: the published calendar, sessions in scope, voter meetings.

Compliance with the norms is read in `reception.compliance`; its entry points are named here too."""

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, Sum
from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.history.models import Change
from danvan.orgunits.models import LOCALITY_KINDS, Unit, UnitKind
from danvan.orgunits.selectors import (
    councils_of_localities_of,
    leaders_of_localities_of,
    unit_with_descendants,
    units_visible_to,
    visible_unit_ids,
)
from danvan.workdays.calendar import WorkCalendar

# Named here for the callers that read everything of the app from its selectors (forms, dashboard).
from .compliance import compliance, compliance_report, compliance_totals, months_of  # noqa: F401
from .models import (
    ReceptionSession,
    SessionStatus,
    Visit,
    Visitor,
    VoterMeeting,
)
from .workflow import NOT_HELD


@dataclass(frozen=True)
class PublicSession:
    """A published reception session as citizens see it."""

    uid: str
    unit_name: str
    starts_at: datetime
    ends_at: datetime
    place: str
    presiding: str
    status: str = SessionStatus.PLANNED
    status_label: str = ""
    reason: str = ""
    moved_from: date | None = None
    revision: int = 0
    # "dialogue" for a head's dialogue with the people (dialogues.selectors.published_dialogues), shown beside.
    kind: str = "reception"
    topic: str = ""

    @property
    def is_dialogue(self):
        return self.kind == "dialogue"

    @property
    def is_called_off(self):
        """Postponed or cancelled: it will not take place at this time."""
        return self.status in NOT_HELD


def published_sessions(*, start=None, end=None, unit=None, called_off=False):
    """Published sessions from `start` to `end`, optionally of one unit and its sub-units.

    Postponed and cancelled ones only with `called_off`, for pages and feeds that say so.
    """
    start = start or timezone.localdate()
    sessions = ReceptionSession.objects.filter(is_published=True, date__gte=start)
    if not called_off:
        sessions = sessions.exclude(status__in=NOT_HELD)
    if end is not None:
        sessions = sessions.filter(date__lte=end)
    if unit is not None:
        sessions = sessions.filter(hosts__in=unit_with_descendants(unit)).distinct()
    sessions = sessions.prefetch_related("hosts").order_by("date", "start_time")
    tz = timezone.get_current_timezone()
    return [
        PublicSession(
            uid=f"reception-session-{s.pk}@danvan",
            unit_name=" – ".join(host.name for host in s.hosts.all()),
            starts_at=datetime.combine(s.date, s.start_time, tzinfo=tz),
            ends_at=datetime.combine(s.date, s.end_time, tzinfo=tz),
            place=s.place,
            presiding=s.presiding_position,
            status=s.status,
            status_label=s.get_status_display(),
            reason=s.status_reason,
            moved_from=s.moved_from,
            revision=s.revision,
        )
        for s in sessions
    ]


def sessions_visible_to(user):
    """Sessions hosted by the user's units and their sub-units."""
    return (
        ReceptionSession.objects.filter(hosts__in=units_visible_to(user))
        .distinct()
        .select_related("presiding", "presided_by")
        .prefetch_related("hosts")
    )


def sessions_hosted_in(unit):
    """Sessions hosted by the unit or a unit below it."""
    return ReceptionSession.objects.filter(hosts__in=unit_with_descendants(unit))


def session_list(user):
    """The user's sessions in date order, for the list page (hosts loaded with them)."""
    return sessions_visible_to(user).order_by("date", "start_time", "pk")


def calendar_units():
    """The provinces and communes whose calendars citizens can subscribe to: provinces first."""
    return Unit.objects.filter(kind__in=[UnitKind.PROVINCE, UnitKind.COMMUNE], valid_to__isnull=True).order_by(
        "-kind", "name"
    )


def staff_of(session):
    """Who answers for a session: its host units' reception officers and leaders, and its presiding official."""
    users = get_user_model().objects.filter(
        is_active=True,
        memberships__unit__in=session.hosts.all(),
        groups__name__in=[Role.RECEPTION_OFFICER, Role.LEADER],
    )
    if session.presiding_id:
        users = users | get_user_model().objects.filter(pk=session.presiding_id, is_active=True)
    return users.distinct().order_by("pk")


def host_choices(user):
    """Current bodies of the user's units that may host a session (localities themselves do not)."""
    return units_visible_to(user).filter(valid_to__isnull=True).exclude(kind__in=LOCALITY_KINDS).order_by("name")


def own_hosts(user):
    """The host bodies the user belongs to: the default hosts of a session they call."""
    return host_choices(user).filter(memberships__user=user)


def presiding_officials(hosts):
    """Who may preside over a session of these hosts: the host units' own officials and the leaders of
    their commune or province; not every official of the units above them."""
    hosts = list(hosts)
    users = get_user_model().objects
    return (
        users.filter(
            Q(pk__in=users.filter(memberships__unit__in=hosts).values("pk"))
            | Q(pk__in=leaders_of_localities_of(hosts).values("pk")),
            is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )


def presiding_choices(user, hosts=None):
    """The officials offered to preside over a session the user calls: presiding_officials of the hosts
    chosen (by default the user's own host bodies), or without any, the leaders of the user's localities."""
    hosts = list(hosts if hosts is not None else own_hosts(user))
    if hosts:
        return presiding_officials(hosts)
    return leaders_of_localities_of(user.units.all()).order_by("full_name")


def receiving_hosts(session, user):
    """The session's host units within the user's units, in the order a petition taken there goes to
    one: the user's own units first, then a People's Committee (it answers citizens' matters)."""
    visible = visible_unit_ids(user)
    own = set(user.units.values_list("pk", flat=True))
    hosts = [host for host in session.hosts.all() if host.pk in visible]
    return sorted(hosts, key=lambda host: (host.pk not in own, host.kind != UnitKind.PEOPLE_COMMITTEE, host.name))


def officials_for(session):
    """Who may have presided over a session in person (presiding_officials of its hosts)."""
    return presiding_officials(session.hosts.all())


def histories_of(objects):
    """{pk: history rows} for objects of one model, oldest first, in one query."""
    objects = list(objects)
    if not objects:
        return {}
    rows = (
        Change.objects.filter(
            content_type=ContentType.objects.get_for_model(objects[0]), object_id__in=[obj.pk for obj in objects]
        )
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    result = {obj.pk: [] for obj in objects}
    for row in rows:
        row.from_label, row.to_label = row.from_status, row.to_status
        result[row.object_id].append(row)
    return result


def visits_of(session):
    """The session's visits with their citizens, category, petition and history (`visit.history`)."""
    visits = list(
        Visit.objects.filter(session=session)
        .select_related("category", "petition", "recorded_by")
        .prefetch_related("visitors")
    )
    histories = histories_of(visits)
    for visit in visits:
        visit.history = histories[visit.pk]
    return visits


def visit_list(user):
    """Visits in the user's sessions, the latest session first, with what a list row shows in a fixed
    number of queries. A denunciation's visitors are not even read: the denouncer's identity is sealed."""
    return (
        Visit.objects.filter(session__in=sessions_visible_to(user))
        .select_related("session", "category", "petition")
        .prefetch_related(
            "session__hosts",
            Prefetch("visitors", queryset=Visitor.objects.exclude(visit__kind="denunciation").order_by("pk")),
        )
        .order_by("-session__date", "-session__start_time", "-pk")
    )


def people_received(visits):
    """The number of people received in these visits (one query)."""
    return visits.order_by().aggregate(people=Sum("citizen_count"))["people"] or 0


def book_visits(user, start, end):
    """Visits in the user's sessions from `start` to `end`, for the reception book."""
    return (
        Visit.objects.filter(session__in=sessions_visible_to(user), session__date__range=(start, end))
        .select_related("session", "petition")
        .prefetch_related("visitors")
        .order_by("session__date", "pk")
    )


def council_choices(user):
    """The People's Councils whose voter meetings are the user's: those in the user's units and
    below them, and the councils of the localities the user's units belong to."""
    return Unit.objects.filter(
        Q(pk__in=units_visible_to(user).filter(kind=UnitKind.PEOPLE_COUNCIL).values("pk"))
        | Q(pk__in=councils_of_localities_of(user).values("pk"))
    ).order_by("name")


def voter_meetings_visible_to(user):
    """Voter meetings of the user's councils (council_choices), newest first."""
    return (
        VoterMeeting.objects.filter(council__in=council_choices(user))
        .select_related("council")
        .order_by("-date", "-pk")
    )


def recommendations_of(meeting):
    """The petitions a voter meeting's recommendations became, in the order recorded."""
    return meeting.petitions.select_related("handling_unit").order_by("pk")


@dataclass
class MonthDay:
    day: date
    in_month: bool
    sessions: list
    # The holiday's or day off's name; None on working days and ordinary weekends.
    day_off: str | None = None

    @property
    def is_weekend(self):
        return self.day.weekday() >= 5


@dataclass
class MonthGrid:
    first: date
    weeks: list  # [[MonthDay] * 7], each week from Monday
    previous: date
    next: date

    @property
    def days_with_sessions(self):
        return [cell for week in self.weeks for cell in week if cell.in_month and cell.sessions]


def session_month(user, first):
    """The user's sessions in the month starting `first`, in Monday-first weeks, with the days off named."""
    start = first - timedelta(days=first.weekday())
    last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
    end = last + timedelta(days=6 - last.weekday())
    by_day = {}
    # Days of the neighbouring months fill the first and last weeks, greyed and empty.
    for session in session_list(user).filter(date__range=(first, last)):
        by_day.setdefault(session.date, []).append(session)
    calendar = WorkCalendar()
    days_off = {
        day: name
        for year in {start.year, end.year}
        for day, name, is_working in calendar.special_days(year)
        if not is_working
    }
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    cells = [MonthDay(d, d.month == first.month, by_day.get(d, []), days_off.get(d)) for d in days]
    weeks = [cells[i : i + 7] for i in range(0, len(cells), 7)]
    previous = (first - timedelta(days=1)).replace(day=1)
    return MonthGrid(first=first, weeks=weeks, previous=previous, next=last + timedelta(days=1))
