"""Writes of the reception app: schedules into sessions, session outcomes, visits, voter meetings."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.roles import Role, has_role
from danvan.orgunits.selectors import visible_unit_ids
from danvan.workflow import DomainError
from petitions import services as petition_services
from petitions.models import Channel

from .models import ReceptionSchedule, ReceptionSession, SessionStatus, Visit, Visitor, VisitOutcome
from .schedules import occurrences

# A planned session may become held, postponed or cancelled; a postponed one may still be held
# or cancelled; held and cancelled are final.
SESSION_TRANSITIONS = {
    SessionStatus.PLANNED: {SessionStatus.HELD, SessionStatus.POSTPONED, SessionStatus.CANCELLED},
    SessionStatus.POSTPONED: {SessionStatus.HELD, SessionStatus.CANCELLED},
    SessionStatus.HELD: {SessionStatus.HELD},  # correcting who presided
    SessionStatus.CANCELLED: set(),
}

# How far ahead sessions are materialised (the published calendar shows 90 days).
HORIZON_DAYS = 120


def can_record_reception(user, session):
    """Reception officers, handlers and leaders of a host unit (or a unit above it)."""
    hosts = {unit.pk for unit in session.hosts.all()}
    return has_role(user, Role.RECEPTION_OFFICER, Role.HANDLER, Role.LEADER) and bool(hosts & visible_unit_ids(user))


@transaction.atomic
def materialise_sessions(*, schedule, start=None, end=None):
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
        created += 1
    return created


@transaction.atomic
def create_ad_hoc_session(*, actor, hosts, date, start_time, end_time, place, presiding_position, presiding=None):
    """An ad hoc (đột xuất) session, e.g. for a prominent or group matter."""
    if not has_role(actor, Role.LEADER, Role.RECEPTION_OFFICER):
        raise PermissionDenied
    session = ReceptionSession.objects.create(
        date=date, start_time=start_time, end_time=end_time, place=place, presiding_position=presiding_position,
        presiding=presiding, is_ad_hoc=True,
    )  # fmt: skip
    session.hosts.set(hosts)
    return session


@transaction.atomic
def set_session_status(*, session, actor, status, reason="", presided_by=None):
    """Record that a session was held (and who presided in person), postponed or cancelled."""
    session = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    if not can_record_reception(actor, session):
        raise PermissionDenied
    if SessionStatus(status) not in SESSION_TRANSITIONS[SessionStatus(session.status)]:
        raise DomainError(
            _("A session that is “%(current)s” cannot become “%(target)s”.")
            % {"current": session.get_status_display(), "target": SessionStatus(status).label}
        )
    if status in (SessionStatus.POSTPONED, SessionStatus.CANCELLED) and not reason.strip():
        raise DomainError(_("Give the reason for postponing or cancelling the session."))
    if status == SessionStatus.HELD:
        if session.date > timezone.localdate():
            raise DomainError(_("A session cannot be recorded as held before its day."))
        if presided_by is None:
            raise DomainError(_("Say who presided over the session in person."))
    session.status = status
    session.status_reason = reason.strip()
    session.presided_by = presided_by if status == SessionStatus.HELD else None
    session.save(update_fields=["status", "status_reason", "presided_by"])
    return session


@transaction.atomic
def record_visit(*, session, actor, data, visitors, petition_content=""):
    """Record a visit; if a petition is received, it is created through the petitions services."""
    session = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    if not can_record_reception(actor, session):
        raise PermissionDenied
    if session.status in (SessionStatus.POSTPONED, SessionStatus.CANCELLED):
        raise DomainError(_("This session did not take place."))
    if session.date > timezone.localdate():
        raise DomainError(_("Visits are recorded on or after the session's day."))
    if data["outcome"] == VisitOutcome.REFUSED and not data.get("refusal_reason"):
        raise DomainError(_("Choose the legal reason for refusing the reception."))
    if not visitors:
        raise DomainError(_("Enter at least the name of one citizen."))
    visit = Visit.objects.create(session=session, recorded_by=actor, **data)
    Visitor.objects.bulk_create(Visitor(visit=visit, **person) for person in visitors)
    if data["outcome"] == VisitOutcome.PETITION:
        receiving = next(iter(session.hosts.all()))
        visit.petition = petition_services.create_petition(
            actor=actor,
            data={
                "kind": data["kind"],
                "channel": Channel.IN_PERSON,
                "received_date": session.date,
                "receiving_unit": receiving,
                "category": data["category"],
                "summary": data["topic"],
                "content": petition_content or data["topic"],
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
        visit.save(update_fields=["petition"])
    return visit


@transaction.atomic
def add_voter_recommendation(*, meeting, actor, unit, category, summary, content, voter_name=""):
    """A voters' recommendation from a meeting, as a petition for the responsible unit,
    to be answered before the next council session."""
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
    return petition
