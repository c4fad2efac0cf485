"""Classification: within competence, acceptance or refusal, transfer, guidance, filing, duplicates."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.workflow import DomainError, check_transition, require

from .. import permissions
from ..models import Attachment, Channel, DecisionKind, EventKind, Kind, Petition, PetitionDecision, Stage
from ..workflow import TRANSITIONS, Status
from ._common import _check_decision_date, _event, _issue_deadline, _locked, _meet_deadline, _notes, _today, _transition
from .intake import PETITION_FIELDS, PETITIONER_FIELDS, create_petition


@transaction.atomic
def classify_petition(*, petition, actor, note="", is_public=False):
    """Within competence; the acceptance decision comes next. The note is internal unless `is_public`."""
    petition = _locked(petition)
    require(permissions.can_classify_petition(actor, petition))
    _check_anonymous_denunciation(petition)
    shown, internal = _notes("", note, is_public)
    return _transition(petition, Status.CLASSIFIED, actor, EventKind.CLASSIFIED, note=shown, internal_note=internal)


def _check_anonymous_denunciation(petition):
    # Law on Denunciation: anonymous denunciations are not handled unless they
    # name the violator and carry concrete evidence.
    if petition.kind == Kind.DENUNCIATION and petition.is_anonymous and not petition.has_evidence:
        raise DomainError(
            _(
                "An anonymous denunciation can only be checked when it names the violator and carries "
                "concrete evidence. Otherwise file it."
            )
        )


@transaction.atomic
def accept_petition(*, petition, actor, accepted_date, note="", is_public=False):
    """Accept for resolution (thụ lý) and start the resolution deadline. The note is internal unless `is_public`."""
    petition = _locked(petition)
    require(permissions.can_accept_petition(actor, petition))
    _check_anonymous_denunciation(petition)
    if accepted_date > _today():
        raise DomainError(_("The acceptance date cannot be in the future."))
    if accepted_date < petition.received_date:
        raise DomainError(_("The acceptance date cannot be before the received date."))
    check_transition(TRANSITIONS, petition.status, Status.ACCEPTED)
    _meet_deadline(petition, accepted_date)
    petition.accepted_date = accepted_date
    _issue_deadline(petition, Stage.RESOLUTION, accepted_date)
    if petition.kind == Kind.DENUNCIATION:
        # Luật TC Art 29: the denouncer is told of the acceptance within 5 working days.
        _issue_deadline(petition, Stage.ACCEPTANCE_NOTICE, accepted_date, main=False)
    standard = _("Accepted for resolution on %(date)s.") % {"date": date_format(accepted_date, "SHORT_DATE_FORMAT")}
    shown, internal = _notes(standard, note, is_public)
    return _transition(
        petition,
        Status.ACCEPTED,
        actor,
        EventKind.ACCEPTED,
        note=shown,
        internal_note=internal,
        fields=["accepted_date", "deadline", "due_date"],
    )


@transaction.atomic
def refuse_petition(*, petition, actor, reason, decided_on, number="", signer=""):
    """Not accepted, with the reason the citizen is told."""
    petition = _locked(petition)
    require(permissions.can_accept_petition(actor, petition))
    check_transition(TRANSITIONS, petition.status, Status.NOT_ACCEPTED)
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
def transfer_petition(*, petition, actor, note, to_unit=None, to_name="", is_public=False):
    """Send to the competent body. A body in the portal gets a linked petition in its queue.
    The note is internal unless `is_public`."""
    petition = _locked(petition)
    require(permissions.can_classify_petition(actor, petition))
    if to_unit is None and not to_name.strip():
        raise DomainError(_("Choose the unit to transfer to, or write the name of a body outside the portal."))
    if to_unit is not None and to_unit.pk == petition.handling_unit_id:
        raise DomainError(_("The petition is already handled by that unit."))
    _check_anonymous_denunciation(petition)
    check_transition(TRANSITIONS, petition.status, Status.TRANSFERRED)
    _meet_deadline(petition, _today())
    petition.transferred_to_name = to_name.strip() if to_unit is None else to_unit.name
    linked = None
    if to_unit is not None:
        linked = _create_transferred_copy(petition, to_unit, actor)
    destination = petition.transferred_to_name
    standard = _("Transferred to %(unit)s, the competent body.") % {"unit": destination}
    shown, internal = _notes(standard, note, is_public)
    return _transition(
        petition,
        Status.TRANSFERRED,
        actor,
        EventKind.TRANSFERRED_OUT,
        note=shown,
        internal_note=internal,
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
def guide_petition(*, petition, actor, note, is_public=False):
    """Outside competence: the citizen is told where to take it. The note is internal unless `is_public`."""
    petition = _locked(petition)
    require(permissions.can_classify_petition(actor, petition))
    if not note.strip():
        raise DomainError(_("Write the guidance given to the citizen."))
    check_transition(TRANSITIONS, petition.status, Status.GUIDED)
    _meet_deadline(petition, _today())
    shown, internal = _notes("", note, is_public)
    return _transition(
        petition, Status.GUIDED, actor, EventKind.GUIDED, note=shown, internal_note=internal,
        fields=["deadline", "due_date"],
    )  # fmt: skip


@transaction.atomic
def file_petition(*, petition, actor, note, is_public=False):
    """File without action (lưu đơn), e.g. an anonymous denunciation without evidence.
    The note is internal unless `is_public`."""
    petition = _locked(petition)
    require(permissions.can_classify_petition(actor, petition))
    if not note.strip():
        raise DomainError(_("Write why the petition is filed without action."))
    check_transition(TRANSITIONS, petition.status, Status.FILED)
    _meet_deadline(petition, _today())
    shown, internal = _notes("", note, is_public)
    return _transition(
        petition, Status.FILED, actor, EventKind.FILED, note=shown, internal_note=internal,
        fields=["deadline", "due_date"],
    )  # fmt: skip


@transaction.atomic
def mark_duplicate(*, petition, original, actor):
    """Same matter as a petition already in hand: link to it and stop here."""
    # Both rows, in id order: two officials linking A and B to each other at once must not both succeed.
    locked = {
        p.pk: p for p in Petition.objects.select_for_update().filter(pk__in=[petition.pk, original.pk]).order_by("pk")
    }
    petition, original = locked[petition.pk], locked.get(original.pk, original)
    require(permissions.can_record_petitions(actor) or permissions.can_classify_petition(actor, petition))
    if original.pk == petition.pk or original.duplicate_of_id == petition.pk:
        raise DomainError(_("A petition cannot be a duplicate of itself."))
    if not permissions.can_view_petition(actor, original):
        raise PermissionDenied
    check_transition(TRANSITIONS, petition.status, Status.DUPLICATE)
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
