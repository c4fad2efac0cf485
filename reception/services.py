"""Writes of the reception app: schedules into sessions, session outcomes, visits, voter meetings.

Each write is one atomic function: it locks what it changes, checks the actor and the
workflow table, saves, and leaves a history row (danvan.history) in the same transaction.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan.history.models import ChangeKind
from danvan.history.services import record_change
from danvan.notifications.services import notify
from danvan.orgunits.selectors import current_bodies_in_trees_of
from danvan.workdays.calendar import WorkCalendar
from danvan.workflow import DomainError, check_transition, require
from petitions import services as petition_services
from petitions.models import Channel

from . import permissions, selectors
from .models import (
    HolidayPolicy,
    ReceptionSchedule,
    ReceptionSession,
    RefusalReason,
    Visit,
    Visitor,
    VisitOutcome,
    VoterMeeting,
)
from .schedules import occurrences
from .workflow import NEEDS_REASON, NOT_HELD, SESSION_CORRECTIONS, SESSION_TRANSITIONS, SessionStatus

# How far ahead sessions are materialised (the published calendar shows 90 days).
HORIZON_DAYS = 120

MEETING_FIELDS = (
    "date",
    "place",
    "deputies",
    "council_session",
    "is_before_session",
    "next_session_date",
    "voters_present",
    "record",
)


def _locked_session(session):
    return ReceptionSession.objects.select_for_update().get(pk=session.pk)


def _check_official(official, hosts):
    """The presiding official works in a host unit or leads its commune or province (selectors.presiding_officials)."""
    if not selectors.presiding_officials(hosts).filter(pk=official.pk).exists():
        raise DomainError(
            _("%(name)s neither works in a host unit nor leads its commune or province.") % {"name": official}
        )


@transaction.atomic
def materialise_sessions(*, schedule, start=None, end=None, actor=None):
    """Create the schedule's sessions from `start` to `end` that do not exist yet; return how many.

    Idempotent: a session is keyed by (schedule, rule date), so running again,
    from the nightly job or on saving the schedule, adds nothing twice.
    """
    start = start or timezone.localdate()
    end = end or start + timedelta(days=HORIZON_DAYS)
    # Locked: the nightly job and a save in the admin must not both create the same day.
    schedule = ReceptionSchedule.objects.select_for_update().get(pk=schedule.pk)
    hosts = list(schedule.hosts.all())
    existing = set(schedule.sessions.values_list("rule_date", flat=True))
    note = _("From the schedule “%(name)s”.") % {"name": schedule.name}
    created = 0
    for rule_date, day in occurrences(schedule, start, end):
        if rule_date in existing:
            continue
        session = ReceptionSession.objects.create(
            schedule=schedule,
            rule_date=rule_date,
            date=day,
            start_time=schedule.start_time,
            end_time=schedule.end_time,
            place=schedule.place,
            presiding_position=schedule.presiding_position,
            presiding=schedule.presiding,
            is_published=schedule.is_published,
        )
        session.hosts.set(hosts)
        record_change(session, actor=actor, kind=ChangeKind.CREATED, note=note)
        created += 1
    return created


@transaction.atomic
def create_ad_hoc_session(
    *, actor, hosts, date, start_time, end_time, place, presiding_position, presiding=None, is_published=True
):
    """An ad hoc (đột xuất) session of the actor's units, e.g. for a prominent or group matter."""
    hosts = list(hosts)
    require(permissions.can_create_ad_hoc_session(actor))
    if not hosts:
        raise DomainError(_("Choose at least one host unit."))
    require(permissions.can_host_sessions(actor, hosts))
    if end_time <= start_time:
        raise DomainError(_("The session must end after it starts."))
    if not place.strip() or not presiding_position.strip():
        raise DomainError(_("Give the place and the position of who presides."))
    if presiding is not None:
        _check_official(presiding, hosts)
    session = ReceptionSession.objects.create(
        date=date,
        start_time=start_time,
        end_time=end_time,
        place=place.strip(),
        presiding_position=presiding_position.strip(),
        presiding=presiding,
        is_ad_hoc=True,
        is_published=is_published,
    )
    session.hosts.set(hosts)
    note = _("Ad hoc session at %(place)s, presided by %(position)s.") % {
        "place": session.place,
        "position": session.presiding_position,
    }
    record_change(session, actor=actor, kind=ChangeKind.CREATED, note=note)
    return session


@transaction.atomic
def set_session_status(*, session, actor, status, reason="", presided_by=None):
    """Record that a session was held (and who presided in person), postponed or cancelled."""
    session = _locked_session(session)
    require(permissions.can_record_reception(actor, session))
    check_transition(SESSION_TRANSITIONS, session.status, status)
    reason = reason.strip()
    if status in NEEDS_REASON and not reason:
        raise DomainError(_("Give the reason for postponing or cancelling the session."))
    if status == SessionStatus.HELD:
        if session.date > timezone.localdate():
            raise DomainError(_("A session cannot be recorded as held before its day."))
        if presided_by is None:
            raise DomainError(_("Say who presided over the session in person."))
        _check_official(presided_by, session.hosts.all())
    previous = _save_status(session, status, reason, presided_by)
    note = reason
    if status == SessionStatus.HELD:
        note = _("Presided over in person by %(name)s.") % {"name": presided_by}
    record_change(session, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=status, note=note)
    return session


def _save_status(session, status, reason, presided_by):
    """Set the status with its public reason and who presided; return the status it had."""
    previous = session.status
    session.status = status
    session.status_reason = reason if status in NEEDS_REASON else ""
    session.presided_by = presided_by if status == SessionStatus.HELD else None
    session.revision += 1
    session.save(update_fields=["status", "status_reason", "presided_by", "revision"])
    return previous


@transaction.atomic
def correct_session_status(*, session, actor, status, reason, presided_by=None):
    """A leader of a host unit corrects a recorded status, saying why (workflow.SESSION_CORRECTIONS)."""
    session = _locked_session(session)
    require(permissions.can_correct_session(actor, session))
    check_transition(SESSION_CORRECTIONS, session.status, status)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give the reason for the correction."))
    today = timezone.localdate()
    if status == SessionStatus.HELD:
        if session.date > today:
            raise DomainError(_("A session cannot be recorded as held before its day."))
        if presided_by is None:
            raise DomainError(_("Say who presided over the session in person."))
        _check_official(presided_by, session.hosts.all())
    elif session.status == SessionStatus.HELD and session.visits.exists():
        raise DomainError(_("Visits are recorded in this session, so it took place: only who presided can change."))
    if status == SessionStatus.PLANNED and session.date < today:
        raise DomainError(_("The session's day has passed: record whether it was held, postponed or cancelled."))
    previous = _save_status(session, status, reason, presided_by)
    note = _("Correction: %(reason)s") % {"reason": reason.rstrip(".")} + "."
    if status == SessionStatus.HELD:
        note = f"{note} " + _("Presided over in person by %(name)s.") % {"name": presided_by}
    record_change(session, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=status, note=note)
    return session


def _receiving_unit(session, actor, chosen):
    """The host the petition goes to: the one chosen, if it is a host within the actor's units, or the
    first of selectors.receiving_hosts (the actor's own unit, else the People's Committee)."""
    hosts = selectors.receiving_hosts(session, actor)
    if chosen is None:
        return hosts[0]
    if chosen not in hosts:
        raise DomainError(_("%(unit)s is not a host of this session within your units.") % {"unit": chosen.name})
    return chosen


def _visit_petition(session, actor, data, visitors, content, receiving):
    return petition_services.create_petition(
        actor=actor,
        data={
            "kind": data["kind"],
            "channel": Channel.IN_PERSON,
            "received_date": session.date,
            "receiving_unit": receiving,
            "category": data["category"],
            "summary": data["topic"],
            "content": content or data["topic"],
            "people_count": data["citizen_count"],
        },
        petitioners=[
            {
                "full_name": person["full_name"],
                "citizen_id": person.get("citizen_id", ""),
                "address": person.get("address", ""),
                "is_representative": person.get("is_representative", False),
            }
            for person in visitors
        ],
    )


@transaction.atomic
def record_visit(*, session, actor, data, visitors, petition_content="", receiving_unit=None):
    """Record a visit; if a petition is received, it is created through the petitions services for a
    host unit within the actor's units (`receiving_unit`, or the default of _receiving_unit)."""
    session = _locked_session(session)
    require(permissions.can_record_reception(actor, session))
    if session.status in NOT_HELD:
        raise DomainError(_("This session did not take place."))
    if session.date > timezone.localdate():
        raise DomainError(_("Visits are recorded on or after the session's day."))
    if data["outcome"] == VisitOutcome.REFUSED and not data.get("refusal_reason"):
        raise DomainError(_("Choose the legal reason for refusing the reception."))
    if data.get("refusal_reason") == RefusalReason.OTHER and not data.get("notes", "").strip():
        raise DomainError(_("Name in the notes the legal provision that allows the refusal."))
    if not visitors:
        raise DomainError(_("Enter at least the name of one citizen."))
    petition = None
    if data["outcome"] == VisitOutcome.PETITION:
        receiving = _receiving_unit(session, actor, receiving_unit)
        petition = _visit_petition(session, actor, data, visitors, petition_content, receiving)
    visit = Visit.objects.create(session=session, recorded_by=actor, petition=petition, **data)
    Visitor.objects.bulk_create(Visitor(visit=visit, **person) for person in visitors)
    outcome = visit.get_outcome_display()
    if visit.outcome == VisitOutcome.REFUSED:
        outcome = f"{outcome}: {visit.get_refusal_reason_display()}"
    if petition is not None:
        outcome = _("%(outcome)s: petition %(code)s.") % {"outcome": outcome, "code": petition.code}
    record_change(visit, actor=actor, kind=ChangeKind.CREATED, note=outcome)
    note = _("Visit “%(topic)s” – %(outcome)s") % {"topic": visit.topic, "outcome": outcome}
    record_change(session, actor=actor, kind=ChangeKind.ADDED, note=note)
    return visit


@transaction.atomic
def record_voter_meeting(*, actor, council, data):
    """Record a meeting of a People's Council's deputies with voters."""
    require(permissions.can_record_meeting_of(actor, council))
    if data["date"] > timezone.localdate():
        raise DomainError(_("A voter meeting is recorded on or after its day."))
    if data["next_session_date"] <= data["date"]:
        raise DomainError(_("The next session must come after the meeting."))
    meeting = VoterMeeting.objects.create(
        council=council, recorded_by=actor, **{field: data[field] for field in MEETING_FIELDS if field in data}
    )
    record_change(meeting, actor=actor, kind=ChangeKind.CREATED, note=meeting.council_session)
    return meeting


@transaction.atomic
def add_voter_recommendation(*, meeting, actor, unit, category, summary, content, voter_name=""):
    """A voters' recommendation from a meeting, as a petition for the responsible unit,
    to be answered before the next council session."""
    meeting = VoterMeeting.objects.select_for_update().get(pk=meeting.pk)
    require(permissions.can_record_meeting_of(actor, meeting.council))
    # Recommendations go to units of the council's own province.
    if not current_bodies_in_trees_of([meeting.council]).filter(pk=unit.pk).exists():
        raise DomainError(_("%(unit)s is not a unit of the council's province.") % {"unit": unit.name})
    petition = petition_services.record_voter_recommendation(
        actor=actor,
        data={
            "received_date": meeting.date,
            "receiving_unit": unit,
            "category": category,
            "summary": summary,
            "content": content,
            "answer_by": meeting.next_session_date,
            "is_anonymous": not voter_name,
        },
        petitioners=[{"full_name": voter_name}] if voter_name else [],
    )
    meeting.petitions.add(petition)
    note = _("Recommendation %(code)s for %(unit)s: %(summary)s") % {
        "code": petition.code,
        "unit": unit.name,
        "summary": summary,
    }
    record_change(meeting, actor=actor, kind=ChangeKind.ADDED, note=note)
    return petition


# Days off announced after the sessions were generated (danvan.workdays.registry)


def _label(session, day):
    label = f"{day:%d/%m/%Y} {session.start_time:%H:%M}, {session.place}"
    return f"{label} ({session.schedule.name})" if session.schedule_id else label


def _tell_hosts(session, day, title, change="day-off"):
    """A notice to the host units' reception officers and leaders and the presiding official."""
    for recipient in selectors.staff_of(session):
        notify(
            recipient=recipient,
            kind="reception_day_off",
            key=f"reception-{change}:{session.pk}:{day:%Y-%m-%d}:{session.revision}",
            title=title,
            target=session,
            url=reverse("reception:session", args=[session.pk]),
        )


def _move_past_day_off(session, day, name, calendar, actor):
    new = calendar.next_working_day(day)
    session.date, session.moved_from = new, day
    session.revision += 1
    session.save(update_fields=["date", "moved_from", "revision"])
    values = {"old": f"{day:%d/%m/%Y}", "new": f"{new:%d/%m/%Y}", "name": name}
    note = _("Moved from %(old)s to %(new)s: %(old)s is a day off (%(name)s).") % values
    record_change(session, actor=actor, kind=ChangeKind.UPDATED, note=note)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("The reception session of %(old)s moves to %(new)s (day off: %(name)s)") % values
    _tell_hosts(session, day, title)
    return _("%(session)s: moved to %(new)s.") % {"session": _label(session, day), "new": values["new"]}


def _skip_day_off(session, day, name, actor):
    values = {"date": f"{day:%d/%m/%Y}", "name": name}
    previous = _save_status(session, SessionStatus.CANCELLED, _("%(date)s is a day off: %(name)s.") % values, None)
    note = _("Cancelled: %(date)s is a day off (%(name)s) and the schedule skips sessions on days off.") % values
    record_change(
        session, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=session.status, note=note
    )
    with translation.override(settings.LANGUAGE_CODE):
        title = _("The reception session of %(date)s is cancelled (day off: %(name)s)") % values
    _tell_hosts(session, day, title)
    return _("%(session)s: cancelled, its schedule skips days off.") % {"session": _label(session, day)}


def _flag_day_off(session, day, name, actor):
    values = {"date": f"{day:%d/%m/%Y}", "name": name}
    note = (
        _(
            "%(date)s became a day off (%(name)s). The session stays on its day: "
            "its host units decide whether to hold, postpone or cancel it."
        )
        % values
    )
    record_change(session, actor=actor, kind=ChangeKind.UPDATED, note=note)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("The reception session of %(date)s falls on a day off (%(name)s): decide whether to hold it") % values
    _tell_hosts(session, day, title)
    return _("%(session)s: called for that day, left for its host units to decide.") % {"session": _label(session, day)}


@transaction.atomic
def follow_days_off(*, days, actor):
    """Planned sessions on days that stopped being working days: a schedule's session moves to the
    next working day or is cancelled, as its holiday policy says; an ad hoc one stays for its hosts
    to decide. Return one line per session changed, for the administrator.

    Sessions are moved, never re-created: (schedule, rule_date) stays, so materialising again adds
    nothing on the old date. Past sessions are left for the officers to record as they went.
    """
    calendar = WorkCalendar()
    lines = []
    for day, name in days:
        if day < timezone.localdate():
            continue
        sessions = (
            ReceptionSession.objects.select_for_update(of=("self",))
            .filter(date=day, status=SessionStatus.PLANNED)
            .select_related("schedule")
            .order_by("start_time", "pk")
        )
        for session in sessions:
            if session.schedule_id is None or session.is_ad_hoc:
                lines.append(_flag_day_off(session, day, name, actor))
            elif session.schedule.holiday_policy == HolidayPolicy.MOVE_NEXT:
                lines.append(_move_past_day_off(session, day, name, calendar, actor))
            else:
                lines.append(_skip_day_off(session, day, name, actor))
    return lines


def _move_back(session, day, actor):
    moved_to = session.date
    session.date, session.moved_from = day, None
    session.revision += 1
    session.save(update_fields=["date", "moved_from", "revision"])
    values = {"old": f"{moved_to:%d/%m/%Y}", "new": f"{day:%d/%m/%Y}"}
    note = _("Moved back from %(old)s to %(new)s: %(new)s is a working day again.") % values
    record_change(session, actor=actor, kind=ChangeKind.UPDATED, note=note)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("The reception session moved to %(old)s is back on %(new)s (a working day again)") % values
    _tell_hosts(session, day, title, change="working-day")
    return _("%(session)s: moved back from %(old)s.") % {"session": _label(session, day), "old": values["old"]}


@transaction.atomic
def follow_working_days(*, days_off, working_days, actor):
    """Days that became working days again (a day off removed or moved): a planned session that a day off
    had moved away from that day goes back to it, its hosts told; one its schedule cancelled is listed for
    the administrator, who decides with the hosts whether to hold it (the cancellation may have been heard).
    Past days are left alone. Return one line per session, for the administrator."""
    lines = []
    today = timezone.localdate()
    for day, _name in working_days:
        if day < today:
            continue
        moved = (
            ReceptionSession.objects.select_for_update(of=("self",))
            .filter(moved_from=day, status=SessionStatus.PLANNED, date__gte=today)
            .select_related("schedule")
            .order_by("start_time", "pk")
        )
        lines.extend(_move_back(session, day, actor) for session in moved)
        cancelled = ReceptionSession.objects.filter(
            date=day, status=SessionStatus.CANCELLED, schedule__holiday_policy=HolidayPolicy.SKIP
        ).select_related("schedule")
        lines.extend(
            _("%(session)s: was cancelled for the day off and stays cancelled; correct its status if it is to be held.")
            % {"session": _label(session, day)}
            for session in cancelled.order_by("start_time", "pk")
        )
    return lines
