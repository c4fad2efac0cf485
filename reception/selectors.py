"""Reads of the reception app: the published calendar, sessions in scope, compliance with the norms."""

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

from .models import (
    NormPeriod,
    ReceptionDuty,
    ReceptionNorm,
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
class ComplianceRow:
    duty: ReceptionDuty
    norm: ReceptionNorm | None
    required: int
    held: int

    @property
    def ok(self):
        return self.held >= self.required


def _weeks_of(first, last):
    """The Mondays of the weeks counted in the month first..last.

    A week (Monday–Sunday) belongs to the month of its Thursday, so a week spanning two
    months is counted in one of them only; its sessions count wherever they fall.
    """
    weeks = []
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        if (monday + timedelta(days=3)).month == first.month:
            weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def _norm_in_force(norms, position, on):
    for norm in norms.get(position, ()):
        if norm.valid_from <= on and (norm.valid_to is None or norm.valid_to >= on):
            return norm
    return None


def _compliance_by_month(duties, months):
    """{(year, month): [ComplianceRow]} for the duties in force in each month, in three queries."""
    duties = list(duties.select_related("user", "unit"))
    norms = {}
    for norm in ReceptionNorm.objects.order_by("-valid_from"):
        norms.setdefault(norm.position, []).append(norm)
    spans = {}
    for year, month in months:
        first = date(year, month, 1)
        last = date(year, month, month_calendar.monthrange(year, month)[1])
        spans[(year, month)] = (first, last, _weeks_of(first, last))
    held_days = {}
    if spans and duties:
        window_start = min(first - timedelta(days=7) for first, _l, _w in spans.values())
        window_end = max(last + timedelta(days=7) for _f, last, _w in spans.values())
        for session in ReceptionSession.objects.filter(
            status=SessionStatus.HELD,
            date__range=(window_start, window_end),
            presided_by__in={d.user_id for d in duties},
        ).values("presided_by", "date"):
            held_days.setdefault(session["presided_by"], set()).add(session["date"])
    result = {}
    for key, (first, last, weeks) in spans.items():
        rows = result.setdefault(key, [])
        for duty in duties:
            if duty.valid_from > last or (duty.valid_to is not None and duty.valid_to < first):
                continue
            norm = _norm_in_force(norms, duty.position, first)
            days = held_days.get(duty.user_id, set())
            in_month = {d for d in days if first <= d <= last}
            if norm is None:
                required, held = 0, len(in_month)
            elif norm.period == NormPeriod.WEEK:
                required = norm.required_days * len(weeks)
                held = sum(
                    min(norm.required_days, sum(1 for d in days if w <= d <= w + timedelta(days=6))) for w in weeks
                )
            else:
                required, held = norm.required_days, min(norm.required_days, len(in_month))
            rows.append(ComplianceRow(duty=duty, norm=norm, required=required, held=held))
    return result


def compliance(duties, year, month):
    """Per official holding a norm position: sessions required in the month vs held in person.

    A weekly norm asks for one day in every week that has a working day in the
    month; a monthly norm for its number of days. Only sessions the official
    presided over in person count.
    """
    return _compliance_by_month(duties, [(year, month)])[(year, month)]


def months_of(start, end):
    """The (year, month) pairs a period start..end counts: those whose 15th day falls in it.

    So a period with a cut-off day (15/12 – 14/12) counts December of the year before and
    not the last December.
    """
    months = []
    year, month = start.year, start.month
    while date(year, month, 1) <= end:
        if start <= date(year, month, 15) <= end:
            months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def compliance_totals(duties, start, end):
    """Sessions required by the norms and held in person, summed over the months of start..end (months_of)."""
    rows = [row for month_rows in _compliance_by_month(duties, months_of(start, end)).values() for row in month_rows]
    return {
        "required": sum(r.required for r in rows),
        "held": sum(r.held for r in rows),
        "officials": len({r.duty.user_id for r in rows}),
    }


@dataclass
class ComplianceTotal:
    """One official's position over a period: the norms in force in its months, days required and held."""

    duty: ReceptionDuty
    norms: list
    required: int = 0
    held: int = 0

    @property
    def ok(self):
        return self.held >= self.required


def compliance_report(user, start, end, unit=None):
    """Per norm position held in the user's units (or in `unit` and below it, within them) during
    start..end: the sessions required in the months of the period (months_of) and those held in
    person, in three queries whatever the length of the period."""
    units = units_visible_to(user)
    if unit is not None:
        units = units.filter(pk__in=unit_with_descendants(unit).values("pk"))
    duties = ReceptionDuty.objects.filter(unit__in=units, valid_from__lte=end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=start)
    )
    totals = {}
    for rows in _compliance_by_month(duties, months_of(start, end)).values():
        for row in rows:
            total = totals.setdefault(row.duty.pk, ComplianceTotal(duty=row.duty, norms=[]))
            if row.norm is not None and row.norm not in total.norms:
                total.norms.append(row.norm)
            total.required += row.required
            total.held += row.held
    return sorted(totals.values(), key=lambda total: (total.duty.unit.name, total.duty.user.full_name, total.duty.pk))


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
