"""Recording petitions and correcting their details."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from danvan.accounts.roles import Role, has_role
from danvan.orgunits.models import Unit
from danvan.workflow import ConcurrentEditError, DomainError, require

from .. import permissions
from ..deadlines import intake_stage
from ..limitation import FACT_FIELDS, assess, facts_errors, facts_for, limitation_of, representatives_error
from ..models import Attachment, Channel, EventKind, Kind, Petition, Petitioner, PetitionLimitation, PetitionPolicy
from ..models.limitation import first_received
from ._common import KEY_ALPHABET, KEY_LENGTH, _event, _issue_deadline, _locked, _search_text, _today

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
    "is_several_places",
    "has_evidence",
    "first_instance",
    "first_decision_reference",
    "answer_by",
)


PETITIONER_DEFAULTS = {"is_representative": False}

# What a correction is called in the history when it is not a field of the petition itself.
EDIT_LABELS = {"petitioners": _lazy("petitioners"), "limitation": _lazy("complaint limitation period")}


PETITIONER_FIELDS = (
    "full_name",
    "citizen_id",
    "province_code",
    "commune_code",
    "address",
    "phone",
    "email",
    "is_representative",
)


def _person_fields(person):
    return {f: person.get(f) or PETITIONER_DEFAULTS.get(f, "") for f in PETITIONER_FIELDS}


def new_lookup_key():
    return "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_LENGTH))


def _validate_intake(data, petitioners):
    kind = data["kind"]
    if not data.get("is_anonymous") and not petitioners:
        raise DomainError(_("Enter at least one petitioner, or mark the petition as anonymous."))
    if data.get("is_anonymous") and kind in (Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND):
        raise DomainError(_("A complaint cannot be anonymous: the complainant must be identified."))
    if data["received_date"] > _today():
        raise DomainError(_("The received date cannot be in the future."))
    errors = facts_errors(data, kind=kind)
    if errors:
        raise DomainError(errors[0][1])
    representatives = sum(1 for person in petitioners if person.get("is_representative"))
    message = representatives_error(
        people_count=data.get("people_count") or len(petitioners),
        representatives=representatives,
        kind=kind,
        on=data["received_date"],
    )
    if message:
        raise DomainError(message)


@transaction.atomic
def create_petition(*, actor, data, petitioners=(), files=(), transferred_from=None):
    """Record a received petition with its petitioners and files; start its first deadline."""
    require(permissions.can_record_petitions(actor))
    return _create(actor=actor, data=data, petitioners=petitioners, files=files, transferred_from=transferred_from)


def _create(*, actor, data, petitioners, files, transferred_from=None):
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
    _store_limitation(petition, data)
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
    return petition


def _store_limitation(petition, data):
    """Store the dates a complaint's limitation period counts from and the last day they give (Law on
    Complaints Art 9, 33, 48), computed once; True if anything changed. Lodging late is only recorded here:
    the officer is warned at intake and may refuse to accept on that ground."""
    if not petition.is_complaint:
        return False
    facts = facts_for(petition, data)
    result = assess(facts, received=first_received(petition))
    values = {field: getattr(facts, field) for field in FACT_FIELDS}
    values.update(rule=result.rule if result else None, last_day=result.last_day if result else None)
    record = limitation_of(petition)
    if record is None:
        if not any(values[field] for field in FACT_FIELDS):
            return False
        petition.limitation = PetitionLimitation.objects.create(petition=petition, **values)
        return True
    if all(getattr(record, field) == value for field, value in values.items()):
        return False
    for field, value in values.items():
        setattr(record, field, value)
    record.save()
    return True


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
    require(permissions.can_view_petition(actor, petition) and permissions.can_record_petitions(actor))
    stored = [_store_attachment(petition, upload, actor) for upload in files]
    _event(petition, EventKind.NOTE, actor, note=_("%(count)d file(s) attached.") % {"count": len(stored)})
    return stored


@transaction.atomic
def update_petition(*, petition, actor, version, data, petitioners):
    """Correct the intake details, refusing if someone saved the petition since `version`.

    The first deadline is not recomputed: a deadline once issued stands.
    """
    require(permissions.can_edit_petition(actor, petition))
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
    if _store_limitation(current, data):
        changed.append("limitation")
    current.search_text = _search_text(current, kept)
    current.version += 1
    first = current.deadline
    if (
        first is not None
        and first.met_on is None
        and first.stage == intake_stage(current.kind)
        and {"received_date", "is_remote_area", "is_several_places"} & set(changed)
    ):
        # A typo in the received date is a correction of the facts, not a change of
        # rule: the first deadline is issued again from the corrected date.
        _issue_deadline(current, first.stage, current.received_date)
    current.save()
    labels = sorted(
        {str(EDIT_LABELS[f]) if f in EDIT_LABELS else str(Petition._meta.get_field(f).verbose_name) for f in changed}
    )
    if labels:
        _event(current, EventKind.EDITED, actor, note=_("Changed: %(fields)s.") % {"fields": ", ".join(labels)})
    return current


# A second identical submission within this time is a refresh or a second click, not a new petition.
REPEAT_WINDOW = timedelta(minutes=10)
# What makes two online submissions "the same": the petition's words and who sent it.
REPEAT_FIELDS = ("kind", "receiving_unit", "category", "summary", "content", "respondent")
CONTACT_FIELDS = ("full_name", "citizen_id", "phone", "email", "address")


@transaction.atomic
def submit_online_petition(*, data, petitioner, files=()):
    """A citizen's own online submission: channel "online", no official recorded it. Returns
    (petition, created): the same content from the same contact within minutes is the petition
    already filed, not a second one.

    It lands in the receiving unit's queue as received, with its first deadline
    running from today. Complaints and denunciations need the sender's identity.
    """
    kind = data["kind"]
    if kind in (Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND, Kind.DENUNCIATION) and not (
        petitioner.get("full_name") and petitioner.get("citizen_id")
    ):
        raise DomainError(_("A complaint or denunciation needs your full name and citizen ID number."))
    # Online submissions to one unit are serialised, so two identical clicks cannot both file.
    Unit.objects.select_for_update().filter(pk=data["receiving_unit"].pk).exists()
    earlier = _recent_repeat(data, petitioner)
    if earlier is not None:
        return earlier, False
    named = bool(petitioner.get("full_name"))
    data = {**data, "channel": Channel.ONLINE, "received_date": _today(), "people_count": 1, "is_anonymous": not named}
    return _create(actor=None, data=data, petitioners=[petitioner] if named else [], files=files), True


def _recent_repeat(data, petitioner):
    """The online petition with the same words from the same contact filed within REPEAT_WINDOW, if any."""
    since = timezone.now() - REPEAT_WINDOW
    candidates = (
        Petition.objects.filter(
            channel=Channel.ONLINE,
            received_date__gte=timezone.localdate(since),
            created_at__gte=since,
            **{field: data.get(field, "") for field in REPEAT_FIELDS},
        )
        .prefetch_related("petitioners")
        .order_by("pk")
    )
    contact = [tuple(petitioner.get(f) or "" for f in CONTACT_FIELDS)] if petitioner.get("full_name") else []
    for petition in candidates:
        if [tuple(getattr(p, f) for f in CONTACT_FIELDS) for p in petition.petitioners.all()] == contact:
            return petition
    return None


@transaction.atomic
def record_voter_recommendation(*, actor, data, petitioners=()):
    """A voters' recommendation from a meeting, recorded by the council's deputies or staff
    (supervisors included) for the unit that must answer it before the next session."""
    require(has_role(actor, Role.SUPERVISOR) or permissions.can_record_petitions(actor))
    if not data.get("answer_by"):
        raise DomainError(_("A voters' recommendation needs the date of the next council session."))
    data = {**data, "kind": Kind.RECOMMENDATION, "channel": Channel.VOTER_MEETING}
    return _create(actor=actor, data=data, petitioners=petitioners, files=())
