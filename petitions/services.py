"""Every change to a petition goes through one of these functions.

Each one locks the row, checks the workflow and the actor's permission, saves
with update_fields and a new version, writes a PetitionEvent, and leaves side
effects (notifications) to run after commit.
"""

import secrets
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.notifications.services import notify
from danvan.text import fold

from . import permissions
from .deadlines import due_date_for, intake_stage, rule_for
from .models import (
    Attachment,
    Channel,
    Complexity,
    DecisionKind,
    EventKind,
    IdentityAccess,
    Kind,
    Petition,
    PetitionDeadline,
    PetitionDecision,
    Petitioner,
    PetitionEvent,
    PetitionPolicy,
    Stage,
)
from .workflow import ConcurrentEditError, PetitionError, Status, check_transition

# No 0/O/1/I: keys are read aloud and typed from paper. 10 characters of 32
# symbols are 50 bits; with the lookup rate limit, guessing is hopeless.
KEY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
KEY_LENGTH = 10
# Partial withdrawal exists only since Law 136/2025/QH15.
PARTIAL_WITHDRAWAL_FROM = date(2026, 7, 1)

PETITION_FIELDS = (
    "kind",
    "channel",
    "received_date",
    "receiving_unit",
    "category",
    "summary",
    "content",
    "respondent",
    "people_count",
    "is_anonymous",
    "is_skipped_level",
    "is_remote_area",
    "has_evidence",
    "first_instance",
    "first_decision_reference",
)
PETITIONER_DEFAULTS = {"is_representative": False}
PETITIONER_FIELDS = (
    "full_name",
    "citizen_id",
    "province_code",
    "commune_code",
    "address",
    "phone",
    "is_representative",
)


def _person_fields(person):
    return {f: person.get(f) or PETITIONER_DEFAULTS.get(f, "") for f in PETITIONER_FIELDS}


def new_lookup_key():
    return "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_LENGTH))


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _locked(petition):
    return Petition.objects.select_for_update().get(pk=petition.pk)


def _event(petition, kind, actor, *, note="", is_public=False, from_status="", to_status="", related=None):
    return PetitionEvent.objects.create(
        petition=petition,
        kind=kind,
        actor=actor,
        note=note,
        is_public=is_public,
        from_status=from_status,
        to_status=to_status,
        related_petition=related,
    )


def _search_text(petition, petitioners):
    parts = [petition.code or "", petition.summary, petition.content, petition.respondent]
    # A sealed identity must not be findable by searching for the person.
    if not petition.is_sealed:
        for person in petitioners:
            parts += [person.full_name, person.citizen_id, person.phone]
    return fold(" ".join(part for part in parts if part))


def _issue_deadline(petition, stage, start, complexity=Complexity.NORMAL):
    """Compute a stage's deadline once, store it with its rule, make it current."""
    rule = rule_for(kind=petition.kind, stage=stage, on=start, remote=petition.is_remote_area)
    PetitionDeadline.objects.filter(petition=petition, stage=stage, is_current=True).update(is_current=False)
    deadline = PetitionDeadline.objects.create(
        petition=petition,
        stage=stage,
        rule=rule,
        complexity=complexity,
        start_date=start,
        due_date=due_date_for(rule, start, complexity),
    )
    petition.deadline, petition.due_date = deadline, deadline.due_date
    return deadline


def _meet_deadline(petition, on):
    """The pending stage is done: record when, and stop the clock."""
    if petition.deadline_id:
        PetitionDeadline.objects.filter(pk=petition.deadline_id, met_on__isnull=True).update(met_on=on)
    petition.deadline, petition.due_date = None, None


def _transition(petition, target, actor, event_kind, *, note="", is_public=True, fields=(), related=None):
    check_transition(petition.status, target)
    previous = petition.status
    petition.status = target
    petition.version += 1
    petition.save(update_fields=["status", "version", "updated_at", *fields])
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


# --- Intake ---------------------------------------------------------------------------


def _validate_intake(data, petitioners):
    kind = data["kind"]
    if not data.get("is_anonymous") and not petitioners:
        raise PetitionError(_("Enter at least one petitioner, or mark the petition as anonymous."))
    if data.get("is_anonymous") and kind in (Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND):
        raise PetitionError(_("A complaint cannot be anonymous: the complainant must be identified."))
    if data["received_date"] > _today():
        raise PetitionError(_("The received date cannot be in the future."))


@transaction.atomic
def create_petition(*, actor, data, petitioners=(), files=(), duplicate_of=None, transferred_from=None):
    """Record a received petition with its petitioners and files; start its first deadline."""
    _require(permissions.can_record_petitions(actor))
    _validate_intake(data, petitioners)
    policy = PetitionPolicy.current()
    petition = Petition(
        **{field: data[field] for field in PETITION_FIELDS if field in data},
        handling_unit=data.get("handling_unit") or data["receiving_unit"],
        lookup_key=new_lookup_key(),
        created_by=actor,
        transferred_from=transferred_from,
    )
    petition.is_group = petition.people_count >= policy.group_threshold
    petition.save()
    petition.code = f"DT-{petition.received_date.year}-{petition.pk:06d}"
    people = [
        Petitioner(petition=petition, order=index, **_person_fields(person)) for index, person in enumerate(petitioners)
    ]
    Petitioner.objects.bulk_create(people)
    for upload in files:
        _store_attachment(petition, upload, actor)
    _issue_deadline(petition, intake_stage(petition.kind), petition.received_date)
    petition.search_text = _search_text(petition, people)
    petition.save(update_fields=["code", "search_text", "deadline", "due_date"])
    if transferred_from is not None:
        note = _("Transferred by %(unit)s (petition %(code)s).") % {
            "unit": transferred_from.handling_unit,
            "code": transferred_from.code,
        }
        _event(petition, EventKind.TRANSFERRED_IN, actor, note=note, is_public=True, related=transferred_from)
    else:
        _event(petition, EventKind.RECEIVED, actor, note=_("Petition received."), is_public=True)
    if duplicate_of is not None:
        mark_duplicate(petition=petition, original=duplicate_of, actor=actor)
    return petition


def _store_attachment(petition, upload, actor):
    return Attachment.objects.create(
        petition=petition,
        file=upload,
        original_name=upload.name[:255],
        content_type=getattr(upload, "content_type", "") or "application/octet-stream",
        size=upload.size,
        uploaded_by=actor,
    )


@transaction.atomic
def add_attachments(*, petition, files, actor):
    """Attach more files to a petition."""
    petition = _locked(petition)
    _require(permissions.can_view_petition(actor, petition) and permissions.can_record_petitions(actor))
    stored = [_store_attachment(petition, upload, actor) for upload in files]
    _event(petition, EventKind.NOTE, actor, note=_("%(count)d file(s) attached.") % {"count": len(stored)})
    return stored


@transaction.atomic
def update_petition(*, petition, actor, version, data, petitioners):
    """Correct the intake details, refusing if someone saved the petition since `version`.

    The first deadline is not recomputed: a deadline once issued stands.
    """
    _require(permissions.can_edit_petition(actor, petition))
    _validate_intake({**data, "kind": petition.kind}, petitioners)
    current = _locked(petition)
    if current.version != version:
        raise ConcurrentEditError(
            _(
                "Someone else saved this petition while you were editing it. Your changes are still in "
                "the form below: compare them with the current version, then save again."
            )
        )
    changed = [field for field in PETITION_FIELDS if field in data and getattr(current, field) != data[field]]
    for field in changed:
        setattr(current, field, data[field])
    current.is_group = current.people_count >= PetitionPolicy.current().group_threshold
    existing = {p.pk: p for p in current.petitioners.all()}
    kept = []
    for index, person in enumerate(petitioners):
        row = existing.pop(person.get("id"), None) or Petitioner(petition=current)
        before = {f: getattr(row, f) for f in PETITIONER_FIELDS}
        for f, value in _person_fields(person).items():
            setattr(row, f, value)
        row.order = index
        if row.pk is None or before != {f: getattr(row, f) for f in PETITIONER_FIELDS}:
            changed.append("petitioners")
        row.save()
        kept.append(row)
    if existing:
        changed.append("petitioners")
        Petitioner.objects.filter(pk__in=existing).delete()
    current.search_text = _search_text(current, kept)
    current.version += 1
    current.save()
    labels = sorted(
        {str(Petition._meta.get_field(f).verbose_name) if f != "petitioners" else _("petitioners") for f in changed}
    )
    if labels:
        _event(current, EventKind.EDITED, actor, note=_("Changed: %(fields)s.") % {"fields": ", ".join(labels)})
    return current


# --- Classification -----------------------------------------------------------------


@transaction.atomic
def classify_petition(*, petition, actor, note=""):
    """Within competence; the acceptance decision comes next."""
    petition = _locked(petition)
    _require(permissions.can_classify_petition(actor, petition))
    return _transition(petition, Status.CLASSIFIED, actor, EventKind.CLASSIFIED, note=note)


def _check_anonymous_denunciation(petition):
    # Law on Denunciation: anonymous denunciations are not handled unless they
    # name the violator and carry concrete evidence.
    if petition.kind == Kind.DENUNCIATION and petition.is_anonymous and not petition.has_evidence:
        raise PetitionError(
            _(
                "An anonymous denunciation can only be checked when it names the violator and carries "
                "concrete evidence. Otherwise file it."
            )
        )


@transaction.atomic
def accept_petition(*, petition, actor, accepted_date, note=""):
    """Accept for resolution (thụ lý) and start the resolution deadline."""
    petition = _locked(petition)
    _require(permissions.can_classify_petition(actor, petition))
    _check_anonymous_denunciation(petition)
    if accepted_date > _today():
        raise PetitionError(_("The acceptance date cannot be in the future."))
    if accepted_date < petition.received_date:
        raise PetitionError(_("The acceptance date cannot be before the received date."))
    check_transition(petition.status, Status.ACCEPTED)
    _meet_deadline(petition, accepted_date)
    petition.accepted_date = accepted_date
    _issue_deadline(petition, Stage.RESOLUTION, accepted_date)
    note = note or _("Accepted for resolution on %(date)s.") % {"date": accepted_date.strftime("%d/%m/%Y")}
    return _transition(
        petition,
        Status.ACCEPTED,
        actor,
        EventKind.ACCEPTED,
        note=note,
        fields=["accepted_date", "deadline", "due_date"],
    )


@transaction.atomic
def refuse_petition(*, petition, actor, reason, decided_on, number="", signer=""):
    """Not accepted, with the reason the citizen is told."""
    petition = _locked(petition)
    _require(permissions.can_classify_petition(actor, petition))
    check_transition(petition.status, Status.NOT_ACCEPTED)
    _check_decision_date(petition, decided_on)
    PetitionDecision.objects.create(
        petition=petition,
        kind=DecisionKind.NOT_ACCEPTED,
        number=number,
        date=decided_on,
        signer=signer,
        text=reason,
        recorded_by=actor,
    )
    _meet_deadline(petition, decided_on)
    return _transition(
        petition, Status.NOT_ACCEPTED, actor, EventKind.NOT_ACCEPTED, note=reason, fields=["deadline", "due_date"]
    )


@transaction.atomic
def transfer_petition(*, petition, actor, note, to_unit=None, to_name=""):
    """Send to the competent body. A body in the portal gets a linked petition in its queue."""
    petition = _locked(petition)
    _require(permissions.can_classify_petition(actor, petition))
    if to_unit is None and not to_name.strip():
        raise PetitionError(_("Choose the unit to transfer to, or write the name of a body outside the portal."))
    if to_unit is not None and to_unit.pk == petition.handling_unit_id:
        raise PetitionError(_("The petition is already handled by that unit."))
    check_transition(petition.status, Status.TRANSFERRED)
    _meet_deadline(petition, _today())
    petition.transferred_to_name = to_name.strip() if to_unit is None else to_unit.name
    linked = None
    if to_unit is not None:
        linked = _create_transferred_copy(petition, to_unit, actor)
    destination = petition.transferred_to_name
    public_note = _("Transferred to %(unit)s, the competent body.") % {"unit": destination}
    if note:
        public_note = f"{public_note} {note}"
    return _transition(
        petition,
        Status.TRANSFERRED,
        actor,
        EventKind.TRANSFERRED_OUT,
        note=public_note,
        fields=["deadline", "due_date", "transferred_to_name"],
        related=linked,
    )


def _create_transferred_copy(petition, to_unit, actor):
    data = {field: getattr(petition, field) for field in PETITION_FIELDS}
    data.update(channel=Channel.TRANSFERRED, received_date=_today(), receiving_unit=to_unit, handling_unit=to_unit)
    people = [{f: getattr(p, f) for f in PETITIONER_FIELDS} for p in petition.petitioners.all()]
    linked = create_petition(actor=actor, data=data, petitioners=people, transferred_from=petition)
    # The files travel with the case; the stored file is shared, not copied.
    Attachment.objects.bulk_create(
        Attachment(
            petition=linked,
            file=a.file.name,
            original_name=a.original_name,
            content_type=a.content_type,
            size=a.size,
            uploaded_by=a.uploaded_by,
        )
        for a in petition.attachments.all()
    )
    return linked


@transaction.atomic
def guide_petition(*, petition, actor, note):
    """Outside competence: the citizen is told where to take it."""
    petition = _locked(petition)
    _require(permissions.can_classify_petition(actor, petition))
    if not note.strip():
        raise PetitionError(_("Write the guidance given to the citizen."))
    check_transition(petition.status, Status.GUIDED)
    _meet_deadline(petition, _today())
    return _transition(petition, Status.GUIDED, actor, EventKind.GUIDED, note=note, fields=["deadline", "due_date"])


@transaction.atomic
def file_petition(*, petition, actor, note):
    """File without action (lưu đơn), e.g. an anonymous denunciation without evidence."""
    petition = _locked(petition)
    _require(permissions.can_classify_petition(actor, petition))
    if not note.strip():
        raise PetitionError(_("Write why the petition is filed without action."))
    check_transition(petition.status, Status.FILED)
    _meet_deadline(petition, _today())
    return _transition(petition, Status.FILED, actor, EventKind.FILED, note=note, fields=["deadline", "due_date"])


@transaction.atomic
def mark_duplicate(*, petition, original, actor):
    """Same matter as a petition already in hand: link to it and stop here."""
    petition = _locked(petition)
    _require(permissions.can_record_petitions(actor) or permissions.can_classify_petition(actor, petition))
    if original.pk == petition.pk or original.duplicate_of_id == petition.pk:
        raise PetitionError(_("A petition cannot be a duplicate of itself."))
    if not permissions.can_view_petition(actor, original):
        raise PermissionDenied
    check_transition(petition.status, Status.DUPLICATE)
    _meet_deadline(petition, _today())
    petition.duplicate_of = original
    note = _("Same matter as petition %(code)s, which is being handled.") % {"code": original.code}
    _transition(
        petition,
        Status.DUPLICATE,
        actor,
        EventKind.DUPLICATE,
        note=note,
        fields=["deadline", "due_date", "duplicate_of"],
        related=original,
    )
    _event(
        original,
        EventKind.NOTE,
        actor,
        related=petition,
        note=_("Petition %(code)s was linked here as a duplicate.") % {"code": petition.code},
    )
    return petition


# --- Handling ------------------------------------------------------------------------


@transaction.atomic
def assign_petition(*, petition, handler, actor):
    """A leader gives the petition to a handler, who is notified."""
    petition = _locked(petition)
    _require(permissions.can_assign_petition(actor, petition))
    if not handler.is_active or not permissions.can_view_petition(handler, petition):
        raise PetitionError(_("%(name)s does not work in the handling unit.") % {"name": handler})
    petition.handler = handler
    petition.version += 1
    petition.save(update_fields=["handler", "version", "updated_at"])
    _event(petition, EventKind.ASSIGNED, actor, note=_("Assigned to %(name)s.") % {"name": handler})
    notify(
        recipient=handler,
        kind="petition_assigned",
        key=f"petition:{petition.pk}:assigned:{petition.version}",
        title=_("You have been assigned petition %(code)s") % {"code": petition.code},
        body=petition.summary,
        target=petition,
        url=reverse("petitions:detail", args=[petition.pk]),
    )
    return petition


@transaction.atomic
def start_verification(*, petition, actor, note=""):
    petition = _locked(petition)
    _require(permissions.can_handle_petition(actor, petition))
    return _transition(
        petition,
        Status.VERIFYING,
        actor,
        EventKind.VERIFICATION_STARTED,
        note=note or _("Verification started."),
        is_public=True,
    )


@transaction.atomic
def add_petition_note(*, petition, actor, note, is_public=False):
    """A verification note or message on the timeline; internal unless marked public."""
    petition = _locked(petition)
    _require(permissions.can_handle_petition(actor, petition) or permissions.can_classify_petition(actor, petition))
    if not note.strip():
        raise PetitionError(_("The note is empty."))
    return _event(petition, EventKind.NOTE, actor, note=note, is_public=is_public)


@transaction.atomic
def extend_petition_deadline(*, petition, actor, complexity, number, decided_on, reason):
    """Extend the resolution period by decision, within what the rule allows."""
    petition = _locked(petition)
    _require(permissions.can_extend_petition(actor, petition))
    current = petition.deadline
    if current is None or current.stage != Stage.RESOLUTION or not petition.is_open:
        raise PetitionError(_("Only the resolution period of an accepted petition can be extended."))
    order = [Complexity.NORMAL, Complexity.COMPLEX, Complexity.VERY_COMPLEX]
    if order.index(complexity) <= order.index(current.complexity):
        raise PetitionError(_("The deadline has already been extended to that level."))
    if current.rule.days_for(complexity) is None:
        raise PetitionError(_("The rule “%(rule)s” does not allow this extension.") % {"rule": current.rule.name})
    _check_decision_date(petition, decided_on)
    PetitionDecision.objects.create(
        petition=petition,
        kind=DecisionKind.EXTENSION,
        number=number,
        date=decided_on,
        text=reason,
        recorded_by=actor,
    )
    # Same rule and start, longer period: the extension never moves the start.
    PetitionDeadline.objects.filter(pk=current.pk).update(is_current=False)
    deadline = PetitionDeadline.objects.create(
        petition=petition,
        stage=current.stage,
        rule=current.rule,
        complexity=complexity,
        start_date=current.start_date,
        due_date=due_date_for(current.rule, current.start_date, complexity),
    )
    petition.deadline, petition.due_date, petition.complexity = deadline, deadline.due_date, complexity
    petition.version += 1
    petition.save(update_fields=["deadline", "due_date", "complexity", "version", "updated_at"])
    note = _("Resolution deadline extended to %(date)s by decision %(number)s.") % {
        "date": deadline.due_date.strftime("%d/%m/%Y"),
        "number": number,
    }
    _event(petition, EventKind.EXTENDED, actor, note=note, is_public=True)
    return deadline


def _check_decision_date(petition, decided_on):
    if decided_on > _today():
        raise PetitionError(_("The decision date cannot be in the future."))
    earliest = petition.accepted_date or petition.received_date
    if decided_on < earliest:
        if petition.accepted_date:
            raise PetitionError(_("The decision cannot be dated before the petition was accepted."))
        raise PetitionError(_("The decision cannot be dated before the petition was received."))


@transaction.atomic
def resolve_petition(*, petition, actor, decided_on, number="", signer="", outcome="", text=""):
    """Record the resolution decision, or the written answer to a recommendation or feedback."""
    petition = _locked(petition)
    _require(permissions.can_handle_petition(actor, petition))
    check_transition(petition.status, Status.RESOLVED)
    _check_decision_date(petition, decided_on)
    if petition.kind in (Kind.RECOMMENDATION, Kind.FEEDBACK):
        if not text.strip():
            raise PetitionError(_("Write the answer given to the citizen."))
    elif not (number.strip() and outcome):
        raise PetitionError(_("A resolution decision needs its number and its outcome."))
    decision = PetitionDecision.objects.create(
        petition=petition,
        kind=DecisionKind.RESOLUTION,
        number=number,
        date=decided_on,
        signer=signer,
        outcome=outcome,
        text=text,
        recorded_by=actor,
    )
    _meet_deadline(petition, decided_on)
    if number:
        note = _("Resolved by decision %(number)s of %(date)s.") % {
            "number": number,
            "date": decided_on.strftime("%d/%m/%Y"),
        }
        if outcome:
            note = f"{note} {_('Outcome')}: {decision.get_outcome_display().lower()}."
    else:
        note = _("Answered on %(date)s.") % {"date": decided_on.strftime("%d/%m/%Y")}
    return _transition(petition, Status.RESOLVED, actor, EventKind.RESOLVED, note=note, fields=["deadline", "due_date"])


@transaction.atomic
def withdraw_petition(*, petition, actor, withdrawn_on, partial=False, note=""):
    """The citizen withdraws the petition, wholly or (since 1/7/2026) in part."""
    petition = _locked(petition)
    _require(permissions.can_handle_petition(actor, petition) or permissions.can_classify_petition(actor, petition))
    if withdrawn_on > _today() or withdrawn_on < petition.received_date:
        raise PetitionError(_("The withdrawal date must be between the received date and today."))
    if partial:
        if withdrawn_on < PARTIAL_WITHDRAWAL_FROM:
            raise PetitionError(_("Partial withdrawal is possible only from 1/7/2026 (Law 136/2025/QH15)."))
        if not petition.is_open:
            raise PetitionError(_("The petition is no longer being handled."))
        if not note.strip():
            raise PetitionError(_("Write which part of the petition is withdrawn."))
        return _event(petition, EventKind.PARTLY_WITHDRAWN, actor, note=note, is_public=True)
    check_transition(petition.status, Status.WITHDRAWN)
    _meet_deadline(petition, withdrawn_on)
    note = note or _("The petitioner withdrew the petition on %(date)s.") % {"date": withdrawn_on.strftime("%d/%m/%Y")}
    return _transition(
        petition, Status.WITHDRAWN, actor, EventKind.WITHDRAWN, note=note, fields=["deadline", "due_date"]
    )


@transaction.atomic
def terminate_petition(*, petition, actor, decided_on, number, reason):
    """End the resolution by a termination decision (đình chỉ)."""
    petition = _locked(petition)
    _require(permissions.can_handle_petition(actor, petition))
    check_transition(petition.status, Status.TERMINATED)
    _check_decision_date(petition, decided_on)
    if not reason.strip():
        raise PetitionError(_("Write the reason for the termination."))
    PetitionDecision.objects.create(
        petition=petition,
        kind=DecisionKind.TERMINATION,
        number=number,
        date=decided_on,
        text=reason,
        recorded_by=actor,
    )
    _meet_deadline(petition, decided_on)
    return _transition(
        petition, Status.TERMINATED, actor, EventKind.TERMINATED, note=reason, fields=["deadline", "due_date"]
    )


@transaction.atomic
def close_petition(*, petition, actor, note=""):
    """Close the file once the unit has answered."""
    petition = _locked(petition)
    _require(permissions.can_handle_petition(actor, petition))
    return _transition(petition, Status.CLOSED, actor, EventKind.CLOSED, note=note or _("File closed."))


# --- Confidentiality --------------------------------------------------------------------


def record_identity_access(*, petition, user, context):
    """Log that `user` saw a sealed identity; refuses anyone not allowed to."""
    _require(permissions.can_see_identity(user, petition))
    if petition.is_sealed:
        IdentityAccess.objects.create(petition=petition, user=user, context=context)
