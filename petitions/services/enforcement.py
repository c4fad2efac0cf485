"""After the decision: following its enforcement until it is carried out, and urging a petition (đôn đốc).

A resolved petition stays resolved (or closed): enforcement runs beside it on its own record, and every step
writes a line on the petition's timeline. The legal basis and why the due date is entered, not computed, are
in petitions/models/enforcement.py.
"""

from decimal import Decimal

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.workflow import DomainError, require

from .. import permissions
from ..models import (
    COMPLAINT_KINDS,
    DecisionKind,
    Enforcement,
    EnforcementProgress,
    EventKind,
    Kind,
    PetitionDecision,
    PetitionReader,
)
from ..workflow import Status
from ._common import _event, _locked, _today

# The kinds whose decision or conclusion is enforced, and the statuses it is enforced in.
ENFORCED_KINDS = (*COMPLAINT_KINDS, Kind.DENUNCIATION)
ENFORCED_STATUSES = (Status.RESOLVED, Status.CLOSED)

# The results a decision orders (forms 01/KQGQ, 03/KQGQ), and those its enforcement achieved.
ORDERED_RESULTS = (
    "money_to_state",
    "money_to_citizens",
    "land_to_state",
    "land_to_citizens",
    "people_for_discipline",
    "cases_to_investigation",
    "people_to_investigation",
)
ACHIEVED_RESULTS = (
    "money_to_state_recovered",
    "money_to_citizens_returned",
    "land_to_state_recovered",
    "land_to_citizens_returned",
    "people_disciplined",
)


def check_results(results):
    """The result figures as stored: each a number, none negative; a missing one is zero."""
    checked = {}
    for name, value in results.items():
        value = value if value not in (None, "") else 0
        if Decimal(value) < 0:
            raise DomainError(_("The results cannot be negative numbers."))
        checked[name] = value
    return checked


# Who may do what (plain predicates, over those of petitions.permissions).


def can_manage_enforcement(user, petition):
    """Start the enforcement and record its completion: the handler and the deciding unit's leaders."""
    return permissions.can_handle_petition(user, petition)


def can_report_enforcement(user, petition):
    """Add progress: those who manage it, and the official who must act if the petition is in their scope."""
    if can_manage_enforcement(user, petition):
        return True
    enforcement = open_enforcement(petition)
    return (
        enforcement is not None
        and enforcement.responsible_person_id == user.pk
        and permissions.can_view_petition(user, petition)
    )


def can_urge_petition(user, petition):
    """Urge (đôn đốc): a leader of the handling unit or of a body above it."""
    return permissions.is_leader_of(user, petition)


# Reads the petition page and its steps use.


def decision_to_enforce(petition):
    """The latest resolution decision or conclusion not yet followed by an enforcement, if it can be."""
    if petition.kind not in ENFORCED_KINDS or petition.status not in ENFORCED_STATUSES:
        return None
    return (
        PetitionDecision.objects.filter(petition=petition, kind=DecisionKind.RESOLUTION, enforcement__isnull=True)
        .order_by("-date", "-pk")
        .first()
    )


def open_enforcement(petition):
    """The enforcement of the petition still being carried out, if any."""
    if petition.kind not in ENFORCED_KINDS or petition.status not in ENFORCED_STATUSES:
        return None
    return Enforcement.objects.filter(petition=petition, completed_on__isnull=True).order_by("pk").first()


def _locked_open_enforcement(petition):
    enforcement = (
        Enforcement.objects.select_for_update().filter(petition=petition, completed_on__isnull=True).order_by("pk")
    ).first()
    if enforcement is None:
        raise DomainError(_("No enforcement of this petition's decision is being carried out."))
    return enforcement


@transaction.atomic
def start_enforcement(
    *,
    petition,
    actor,
    effective_date,
    measures,
    due_date,
    responsible_unit=None,
    responsible_person=None,
    responsible_other="",
):
    """Open the enforcement of the petition's resolution decision (or conclusion) once it has taken effect."""
    petition = _locked(petition)
    require(can_manage_enforcement(actor, petition))
    decision = decision_to_enforce(petition)
    if decision is None:
        raise DomainError(
            _("Enforcement follows a complaint decision or a denunciation conclusion once the petition is resolved.")
        )
    if not measures.strip():
        raise DomainError(_("Write the measures the decision orders."))
    if not (responsible_unit or responsible_person or responsible_other.strip()):
        raise DomainError(_("Say who must carry out the decision: a unit, an official or a body outside the portal."))
    if effective_date > _today():
        raise DomainError(_("The date the decision took effect cannot be in the future."))
    if effective_date < decision.date:
        raise DomainError(
            _("The decision cannot take effect before it was made (%(date)s).")
            % {"date": date_format(decision.date, "SHORT_DATE_FORMAT")}
        )
    if due_date < effective_date:
        raise DomainError(_("The due date cannot be before the date the decision took effect."))
    enforcement = Enforcement.objects.create(
        petition=petition,
        decision=decision,
        effective_date=effective_date,
        measures=measures.strip(),
        due_date=due_date,
        responsible_unit=responsible_unit,
        responsible_person=responsible_person,
        responsible_other=responsible_other.strip(),
        started_by=actor,
    )
    if petition.kind in COMPLAINT_KINDS:
        standard = _("Decision %(number)s took legal effect on %(date)s; to be carried out by %(due)s.")
    else:
        standard = _("Conclusion %(number)s is being carried out since %(date)s; to be carried out by %(due)s.")
    note = standard % {
        "number": decision.number,
        "date": date_format(effective_date, "SHORT_DATE_FORMAT"),
        "due": date_format(due_date, "SHORT_DATE_FORMAT"),
    }
    _event(petition, EventKind.ENFORCEMENT_STARTED, actor, note=note, is_public=True)
    return enforcement


@transaction.atomic
def record_enforcement_progress(*, petition, actor, date, note):
    """A dated entry on how the enforcement goes (internal to officials)."""
    petition = _locked(petition)
    require(can_report_enforcement(actor, petition))
    enforcement = _locked_open_enforcement(petition)
    if not note.strip():
        raise DomainError(_("Write what has been done."))
    if date > _today() or date < enforcement.effective_date:
        raise DomainError(_("The date must be between the date the decision took effect and today."))
    progress = EnforcementProgress.objects.create(
        enforcement=enforcement, date=date, note=note.strip(), recorded_by=actor
    )
    line = _("Enforcement progress on %(date)s: %(note)s") % {
        "date": date_format(date, "SHORT_DATE_FORMAT"),
        "note": note.strip(),
    }
    _event(petition, EventKind.ENFORCEMENT_PROGRESS, actor, note=line)
    return progress


@transaction.atomic
def complete_enforcement(*, petition, actor, completed_on, note="", **achieved):
    """Record that the decision has been carried out, with the results actually achieved."""
    petition = _locked(petition)
    require(can_manage_enforcement(actor, petition))
    enforcement = _locked_open_enforcement(petition)
    unknown = set(achieved) - set(ACHIEVED_RESULTS)
    if unknown:
        raise TypeError(f"unknown results: {sorted(unknown)}")
    achieved = check_results(achieved)
    if completed_on > _today() or completed_on < enforcement.effective_date:
        raise DomainError(_("The completion date must be between the date the decision took effect and today."))
    enforcement.completed_on = completed_on
    enforcement.completion_note = note.strip()
    for name, value in achieved.items():
        setattr(enforcement, name, value)
    enforcement.save(update_fields=["completed_on", "completion_note", *achieved])
    line = _("The decision %(number)s has been carried out (%(date)s).") % {
        "number": enforcement.decision.number,
        "date": date_format(completed_on, "SHORT_DATE_FORMAT"),
    }
    _event(petition, EventKind.ENFORCEMENT_COMPLETED, actor, note=line, is_public=True)
    if note.strip():
        _event(petition, EventKind.NOTE, actor, note=note.strip())
    return enforcement


@transaction.atomic
def escalate_enforcement(*, enforcement, level, recipients_label, readers=(), actor=None):
    """Record that an overdue enforcement reached escalation `level`; its due date is unchanged.

    As for a petition's deadline, the people told of it from outside the petition's units may open it (read only).
    """
    petition = _locked(enforcement.petition)
    PetitionReader.objects.bulk_create(
        [
            PetitionReader(petition=petition, user=user, level=level)
            for user in {user.pk: user for user in readers}.values()
            if not permissions.can_view_petition(user, petition)
        ],
        ignore_conflicts=True,
    )
    updated = Enforcement.objects.filter(
        pk=enforcement.pk, escalation_level__lt=level, completed_on__isnull=True
    ).update(escalation_level=level)
    if not updated:
        return None
    note = _("The enforcement of decision %(number)s was due on %(date)s: reported at level %(level)d to %(who)s.") % {
        "number": enforcement.decision.number,
        "date": date_format(enforcement.due_date, "SHORT_DATE_FORMAT"),
        "level": level,
        "who": recipients_label,
    }
    return _event(petition, EventKind.ENFORCEMENT_ESCALATED, actor, note=note)


def can_be_urged(petition):
    """A petition is urged while it is being resolved (accepted, being verified) or its decision carried out."""
    return petition.status in (Status.ACCEPTED, Status.VERIFYING) or open_enforcement(petition) is not None


@transaction.atomic
def urge_petition(*, petition, actor, note):
    """A leader or the superior body urges the resolution or the enforcement (đôn đốc); counted in the reports."""
    petition = _locked(petition)
    require(can_urge_petition(actor, petition))
    if not can_be_urged(petition):
        raise DomainError(_("Only a petition being resolved, or whose decision is being carried out, is urged."))
    if not note.strip():
        raise DomainError(_("Write what is urged and by when."))
    return _event(petition, EventKind.URGED, actor, note=note.strip())
