"""Programmes and their supervisions: creation, adoption, the supervision's steps, delegation, documents, findings."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.history.models import ChangeKind
from danvan.history.services import record_change
from danvan.orgunits.selectors import same_tree
from danvan.text import short_date
from danvan.workflow import DomainError, check_transition, require, required_text

from .. import permissions
from ..models import (
    DelegationMember,
    DelegationRole,
    DocumentKind,
    Finding,
    SupervisedUnit,
    Supervision,
    SupervisionDocument,
    SupervisionKind,
    SupervisionProgramme,
)
from ..selectors import SUPERVISING_KINDS
from ..workflow import PROGRAMME_TRANSITIONS, SUPERVISION_TRANSITIONS, ProgrammeStatus, SupervisionStatus
from ._common import _check_not_future


def _locked_supervision(supervision):
    return Supervision.objects.select_for_update().select_related("programme").get(pk=supervision.pk)


@transaction.atomic
def create_programme(*, actor, body, year, title, proposals=""):
    """A supervising body's programme for a year, in draft until its resolution is recorded."""
    require(permissions.can_create_programme(actor, body))
    if body.kind not in SUPERVISING_KINDS:
        raise DomainError(
            _(
                "Only a People's Council, a Fatherland Front committee or a mass mobilisation commission has a "
                "supervision programme."
            )
        )
    programme = SupervisionProgramme.objects.create(
        year=year, body=body, title=required_text(title, _("Give the programme a title.")), proposals=proposals.strip()
    )
    record_change(programme, actor=actor, kind=ChangeKind.CREATED, to_status=programme.status)
    return programme


@transaction.atomic
def adopt_programme(*, programme, actor, number, adopted_on):
    """Record the resolution that adopts the programme."""
    programme = SupervisionProgramme.objects.select_for_update().get(pk=programme.pk)
    require(permissions.can_manage_programme(actor, programme))
    check_transition(PROGRAMME_TRANSITIONS, programme.status, ProgrammeStatus.ADOPTED)
    number = required_text(number, _("Give the number of the adopting resolution."))
    _check_not_future(adopted_on, timezone.localdate())
    previous = programme.status
    programme.resolution_number, programme.resolution_date = number, adopted_on
    programme.status = ProgrammeStatus.ADOPTED
    programme.save(update_fields=["resolution_number", "resolution_date", "status"])
    record_change(
        programme,
        actor=actor,
        kind=ChangeKind.STATUS,
        from_status=previous,
        to_status=programme.status,
        note=_("Resolution %(number)s of %(date)s") % {"number": number, "date": short_date(adopted_on)},
    )
    return programme


@transaction.atomic
def create_supervision(
    *, programme, actor, topic, kind, period_from, period_to, fieldwork_from=None, fieldwork_to=None
):
    """A supervision of the programme, planned; the programme's history notes it too."""
    programme = SupervisionProgramme.objects.select_for_update().get(pk=programme.pk)
    require(permissions.can_manage_programme(actor, programme))
    if programme.status == ProgrammeStatus.COMPLETED:
        raise DomainError(_("The programme is completed; it takes no more supervisions."))
    SupervisionKind(kind)
    if period_to < period_from:
        raise DomainError(_("The end of the period cannot be before its start."))
    if fieldwork_from and fieldwork_to and fieldwork_to < fieldwork_from:
        raise DomainError(_("The field work cannot end before it starts."))
    supervision = Supervision.objects.create(
        programme=programme,
        topic=required_text(topic, _("Give the topic of the supervision.")),
        kind=kind,
        period_from=period_from,
        period_to=period_to,
        fieldwork_from=fieldwork_from,
        fieldwork_to=fieldwork_to,
    )
    record_change(supervision, actor=actor, kind=ChangeKind.CREATED, to_status=supervision.status)
    record_change(
        programme, actor=actor, kind=ChangeKind.ADDED, note=_("Supervision: %(topic)s") % {"topic": supervision.topic}
    )
    return supervision


@transaction.atomic
def change_supervision_status(*, supervision, actor, target, report_number="", report_date=None, summary=""):
    """Move a supervision along: field work, report, conclusion, closing, or re-opening for re-supervision."""
    supervision = _locked_supervision(supervision)
    require(permissions.can_manage_programme(actor, supervision.programme))
    check_transition(SUPERVISION_TRANSITIONS, supervision.status, target)
    previous = supervision.status
    fields, note = ["status"], ""
    if target == SupervisionStatus.CONCLUDED:
        if not report_number.strip() or report_date is None:
            raise DomainError(_("A concluded supervision needs its report number and date."))
        supervision.report_number, supervision.report_date = report_number.strip(), report_date
        supervision.report_summary = summary.strip()
        fields += ["report_number", "report_date", "report_summary"]
        note = _("Report %(number)s of %(date)s") % {
            "number": supervision.report_number,
            "date": short_date(report_date),
        }
    if target == SupervisionStatus.FIELDWORK and previous in (SupervisionStatus.CONCLUDED, SupervisionStatus.CLOSED):
        supervision.times_reopened += 1
        fields.append("times_reopened")
        note = _("Re-opened for re-supervision.")
    supervision.status = target
    supervision.save(update_fields=fields)
    record_change(supervision, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=target, note=note)
    return supervision


@transaction.atomic
def upload_document(*, supervision, actor, kind, upload):
    """A new version of the plan, outline or report; earlier versions stay."""
    # Locked so two uploads at once number their versions one after the other.
    supervision = _locked_supervision(supervision)
    require(permissions.can_manage_programme(actor, supervision.programme))
    kind = DocumentKind(kind)
    last = supervision.documents.filter(kind=kind).aggregate(last=Max("version"))["last"] or 0
    document = SupervisionDocument.objects.create(
        supervision=supervision,
        kind=kind,
        version=last + 1,
        file=upload,
        original_name=upload.name[:255],
        uploaded_by=actor,
    )
    record_change(
        supervision,
        actor=actor,
        kind=ChangeKind.FILE,
        note=_("%(document)s, version %(version)d: %(name)s")
        % {
            "document": kind.label,
            "version": document.version,
            "name": document.original_name,
        },
    )
    return document


@transaction.atomic
def add_delegation_member(*, supervision, actor, full_name, role, from_body):
    """A member of the supervision delegation."""
    supervision = _locked_supervision(supervision)
    require(permissions.can_manage_programme(actor, supervision.programme))
    role = DelegationRole(role)
    member = DelegationMember.objects.create(
        supervision=supervision,
        full_name=required_text(full_name, _("Give the member's full name.")),
        role=role,
        from_body=from_body.strip(),
    )
    record_change(
        supervision,
        actor=actor,
        kind=ChangeKind.ADDED,
        note=_("Delegation: %(name)s, %(role)s")
        % {
            "name": member.full_name,
            "role": role.label,
        },
    )
    return member


@transaction.atomic
def add_supervised_unit(*, supervision, actor, unit, visited=False):
    """A unit the supervision looks at, visited directly or supervised by its report."""
    supervision = _locked_supervision(supervision)
    require(permissions.can_manage_programme(actor, supervision.programme))
    if not same_tree(unit, supervision.programme.body):
        raise DomainError(_("Choose a unit of the supervising body's own province."))
    if supervision.supervised_units.filter(unit=unit).exists():
        raise DomainError(_("%(unit)s is already among the supervised units.") % {"unit": unit.name})
    item = SupervisedUnit.objects.create(supervision=supervision, unit=unit, visited=visited)
    record_change(
        supervision, actor=actor, kind=ChangeKind.ADDED, note=_("Supervised unit: %(unit)s") % {"unit": unit.name}
    )
    return item


def _new_finding(supervision, actor, text):
    finding = Finding.objects.create(supervision=supervision, text=required_text(text, _("Write the finding.")))
    record_change(supervision, actor=actor, kind=ChangeKind.ADDED, note=_("Finding: %(text)s") % {"text": finding.text})
    return finding


@transaction.atomic
def add_finding(*, supervision, actor, text):
    """A shortcoming the supervision found, for recommendations to answer."""
    supervision = _locked_supervision(supervision)
    require(permissions.can_manage_programme(actor, supervision.programme))
    return _new_finding(supervision, actor, text)
