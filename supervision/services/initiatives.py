"""Dân vận khéo initiatives: registration, carrying over to the next year, evaluation and recognition, evidence."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.history.models import ChangeKind
from danvan.history.services import record_change
from danvan.orgunits.models import Unit
from danvan.text import short_date
from danvan.workflow import DomainError, check_transition, require, required_text

from .. import permissions
from ..models import Initiative, InitiativeEvidence, InitiativeField, InitiativeLevel
from ..workflow import INITIATIVE_TRANSITIONS, InitiativeStatus


def _lock_unit(unit):
    # Registrations of one unit are serialised so a double click or two officials at once
    # cannot register (or carry over) the same initiative twice.
    Unit.objects.select_for_update().filter(pk=unit.pk).exists()


@transaction.atomic
def register_initiative(
    *, actor, unit, year, name, field, start_date, level=InitiativeLevel.GRASSROOTS, description=""
):
    """A unit registers a Dân vận khéo initiative for the year; a start date still ahead is allowed
    (a model is planned), its implementation is not recorded before that day."""
    require(permissions.can_manage_initiatives(actor, unit.pk))
    _lock_unit(unit)
    name = required_text(name, _("Give the name of the model."))
    if Initiative.objects.filter(unit=unit, year=year, name=name).exists():
        raise DomainError(_("This unit already registered a model with this name for the year."))
    initiative = Initiative.objects.create(
        unit=unit,
        year=year,
        name=name,
        field=InitiativeField(field),
        level=InitiativeLevel(level),
        description=description.strip(),
        start_date=start_date,
    )
    record_change(initiative, actor=actor, kind=ChangeKind.CREATED, to_status=initiative.status)
    return initiative


@transaction.atomic
def carry_over_initiatives(*, actor, unit, from_year, to_year):
    """Register again for `to_year` the unit's initiatives of `from_year` that are not there yet: being
    implemented, or registered while their start date is still ahead."""
    require(permissions.can_manage_initiatives(actor, unit.pk))
    _lock_unit(unit)
    today = timezone.localdate()
    existing = Initiative.objects.filter(unit=unit, year=to_year).values_list("name", flat=True)
    carried = []
    for earlier in Initiative.objects.filter(unit=unit, year=from_year).exclude(name__in=existing):
        initiative = Initiative.objects.create(
            unit=unit,
            year=to_year,
            name=earlier.name,
            field=earlier.field,
            level=earlier.level,
            description=earlier.description,
            start_date=earlier.start_date,
            carried_from=earlier,
            status=InitiativeStatus.IMPLEMENTING if earlier.start_date <= today else InitiativeStatus.REGISTERED,
        )
        record_change(
            initiative,
            actor=actor,
            kind=ChangeKind.CREATED,
            to_status=initiative.status,
            note=_("Carried over from %(year)d.") % {"year": from_year},
        )
        carried.append(initiative)
    return carried


@transaction.atomic
def advance_initiative(*, initiative, actor, target, recognition=""):
    """registered → implementing → evaluated → exemplar → commended."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require(permissions.can_manage_initiatives(actor, initiative.unit_id))
    check_transition(INITIATIVE_TRANSITIONS, initiative.status, target)
    if target == InitiativeStatus.IMPLEMENTING and initiative.start_date > timezone.localdate():
        raise DomainError(
            _("The model starts on %(date)s; it can be marked as being implemented from that day.")
            % {"date": short_date(initiative.start_date)}
        )
    recognition = recognition.strip()
    if target in (InitiativeStatus.EXEMPLAR, InitiativeStatus.COMMENDED) and not recognition:
        raise DomainError(_("Give the recognition decision."))
    previous = initiative.status
    initiative.status = target
    initiative.recognition = recognition or initiative.recognition
    initiative.save(update_fields=["status", "recognition"])
    record_change(
        initiative, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=target, note=recognition
    )
    return initiative


@transaction.atomic
def add_initiative_evidence(*, initiative, actor, upload):
    """A file showing what the initiative did."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require(permissions.can_manage_initiatives(actor, initiative.unit_id))
    evidence = InitiativeEvidence.objects.create(
        initiative=initiative, file=upload, original_name=upload.name[:255], uploaded_by=actor
    )
    record_change(initiative, actor=actor, kind=ChangeKind.FILE, note=evidence.original_name)
    return evidence
