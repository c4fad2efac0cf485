"""Writes of the reception app: schedules into sessions, session outcomes, visits, voter meetings.

Each write is one atomic function: it locks what it changes, checks the actor and the
workflow table, saves, and leaves a history row (danvan.history) in the same transaction.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.history.models import ChangeKind
from danvan.history.services import record_change
from danvan.orgunits.selectors import current_bodies_in_trees_of, users_at_or_above
from danvan.workflow import DomainError, check_transition
from petitions import services as petition_services
from petitions.models import Channel

from . import permissions
from .models import ReceptionSchedule, ReceptionSession, Visit, Visitor, VisitOutcome, VoterMeeting
from .schedules import occurrences
from .workflow import NEEDS_REASON, NOT_HELD, SESSION_TRANSITIONS, SessionStatus

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


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _locked_session(session):
    return ReceptionSession.objects.select_for_update().get(pk=session.pk)


def _check_official(official, hosts):
    """The presiding official belongs to a host unit or a unit above it."""
    if not users_at_or_above(hosts).filter(pk=official.pk).exists():
        raise DomainError(_("%(name)s does not work in a host unit or a unit above it.") % {"name": official})


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
    _require(permissions.can_create_ad_hoc_session(actor))
    if not hosts:
        raise DomainError(_("Choose at least one host unit."))
    _require(permissions.can_host_sessions(actor, hosts))
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
    _require(permissions.can_record_reception(actor, session))
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
    previous = session.status
    session.status = status
    session.status_reason = reason if status in NEEDS_REASON else ""
    session.presided_by = presided_by if status == SessionStatus.HELD else None
    session.save(update_fields=["status", "status_reason", "presided_by"])
    note = reason
    if status == SessionStatus.HELD:
        note = _("Presided over in person by %(name)s.") % {"name": presided_by}
    record_change(session, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=status, note=note)
    return session


def _visit_petition(session, actor, data, visitors, content):
    receiving = next(iter(session.hosts.all()))
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
def record_visit(*, session, actor, data, visitors, petition_content=""):
    """Record a visit; if a petition is received, it is created through the petitions services."""
    session = _locked_session(session)
    _require(permissions.can_record_reception(actor, session))
    if session.status in NOT_HELD:
        raise DomainError(_("This session did not take place."))
    if session.date > timezone.localdate():
        raise DomainError(_("Visits are recorded on or after the session's day."))
    if data["outcome"] == VisitOutcome.REFUSED and not data.get("refusal_reason"):
        raise DomainError(_("Choose the legal reason for refusing the reception."))
    if not visitors:
        raise DomainError(_("Enter at least the name of one citizen."))
    petition = None
    if data["outcome"] == VisitOutcome.PETITION:
        petition = _visit_petition(session, actor, data, visitors, petition_content)
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
    _require(permissions.can_record_meeting_of(actor, council))
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
    _require(permissions.can_record_meeting_of(actor, meeting.council))
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
