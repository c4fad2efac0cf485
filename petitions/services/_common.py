"""Helpers shared by the petition services: locking, events, deadlines, transitions."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.text import fold
from danvan.workflow import DomainError, check_transition

from ..citizen_messages import tell_citizen
from ..deadlines import NoRuleError, due_date_for, rule_for
from ..models import Complexity, EventKind, Kind, Petition, PetitionDeadline, PetitionEvent
from ..workflow import TRANSITIONS

# No 0/O/1/I: keys are read aloud and typed from paper. 10 characters of 32
# symbols are 50 bits; with the lookup rate limit, guessing is hopeless.
KEY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
KEY_LENGTH = 10


def _locked(petition):
    return Petition.objects.select_for_update().get(pk=petition.pk)


def _event(petition, kind, actor, *, note="", is_public=False, from_status="", to_status="", related=None):
    event = PetitionEvent.objects.create(
        petition=petition,
        kind=kind,
        actor=actor,
        note=note,
        is_public=is_public,
        from_status=from_status,
        to_status=to_status,
        related_petition=related,
    )
    # The stages the citizen hears of by e-mail and SMS (received, accepted or not, transferred, extended,
    # answered) are timeline lines; their messages are written here, once, and sent after the commit.
    tell_citizen(petition, event)
    return event


def _search_text(petition, petitioners):
    """The folded words the register's search looks in: the petition's own text, its field, its kind
    and its handling unit (so "dat dai" finds a land petition whatever its words), and the petitioners'
    names and numbers unless the identity is sealed. Kept current by the services and, when a field or a
    unit is renamed, by services.search."""
    with translation.override(settings.LANGUAGE_CODE):
        kind = str(Kind(petition.kind).label)
    parts = [
        petition.code or "",
        petition.summary,
        petition.content,
        petition.respondent,
        petition.category.name,
        kind,
        petition.handling_unit.name,
    ]
    # A sealed identity must not be findable by searching for the person.
    if not petition.is_sealed:
        for person in petitioners:
            parts += [person.full_name, person.citizen_id, person.phone]
    return fold(" ".join(part for part in parts if part))


def _issue_deadline(petition, stage, start, complexity=Complexity.NORMAL, *, main=True):
    """Compute a stage's deadline once and store it with its rule.

    The main deadline is the one the petition is waiting on (lists, overdue);
    a side deadline such as the acceptance notice runs beside it.
    """
    try:
        rule = rule_for(kind=petition.kind, stage=stage, on=start, conditions=petition.conditions)
    except NoRuleError as missing:
        raise DomainError(
            _("No deadline rule applies on %(date)s for this kind of petition. Ask the administrator to add one.")
            % {"date": date_format(start, "SHORT_DATE_FORMAT")}
        ) from missing
    PetitionDeadline.objects.filter(petition=petition, stage=stage, is_current=True).update(is_current=False)
    deadline = PetitionDeadline.objects.create(
        petition=petition,
        stage=stage,
        rule=rule,
        complexity=complexity,
        start_date=start,
        due_date=due_date_for(rule, start, complexity, fixed=petition.answer_by),
    )
    if main:
        petition.deadline, petition.due_date = deadline, deadline.due_date
    return deadline


def _meet_deadline(petition, on):
    """The pending stage is done: record when, and stop the clock."""
    if petition.deadline_id:
        PetitionDeadline.objects.filter(pk=petition.deadline_id, met_on__isnull=True).update(met_on=on)
    petition.deadline, petition.due_date = None, None


def _notes(standard, typed, is_public):
    """(the step's own line, an internal note) from the standard text of a step and what the official
    typed: the typed note joins the line the citizen reads only if the official chose to show it."""
    typed = (typed or "").strip()
    if is_public:
        return " ".join(part for part in (standard, typed) if part), ""
    return standard, typed


def _transition(
    petition, target, actor, event_kind, *, note="", internal_note="", is_public=True, fields=(), related=None
):
    """Change the status and write its line (`note`). An `internal_note` (what the official typed and kept
    internal) is written just before it, so the step's own line stays the petition's last."""
    check_transition(TRANSITIONS, petition.status, target)
    previous = petition.status
    petition.status = target
    petition.version += 1
    petition.save(update_fields=["status", "version", "updated_at", *fields])
    if internal_note:
        _event(petition, EventKind.NOTE, actor, note=internal_note)
    _event(
        petition,
        event_kind,
        actor,
        note=note,
        is_public=is_public,
        from_status=previous,
        to_status=target,
        related=related,
    )
    return petition


def _today():
    return timezone.localdate()


def _check_decision_date(petition, decided_on):
    if decided_on > _today():
        raise DomainError(_("The decision date cannot be in the future."))
    earliest = petition.accepted_date or petition.received_date
    if decided_on < earliest:
        if petition.accepted_date:
            raise DomainError(_("The decision cannot be dated before the petition was accepted."))
        raise DomainError(_("The decision cannot be dated before the petition was received."))
