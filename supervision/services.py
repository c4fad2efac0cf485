"""Every change to supervision records goes through these functions."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.orgunits.models import Unit
from danvan.workdays.calendar import add_days_rolling
from danvan.workflow import DomainError, check_transition

from . import permissions
from .models import (
    DocumentKind,
    Finding,
    KheoModel,
    ModelEvidence,
    ProgrammeStatus,
    ProgressUpdate,
    Recommendation,
    RecommendationKind,
    Supervision,
    SupervisionDocument,
)
from .workflow import (
    MODEL_TRANSITIONS,
    RECOMMENDATION_TRANSITIONS,
    SUPERVISION_TRANSITIONS,
    ModelStatus,
    RecommendationStatus,
    SupervisionStatus,
)

# Law on Supervision 2015, Art 15 and 60: a written answer within 20 days of the question.
WRITTEN_ANSWER_DAYS = 20


def _require(allowed):
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def adopt_programme(*, programme, actor, number, adopted_on):
    """Record the resolution that adopts the programme."""
    _require(permissions.can_manage_programme(actor, programme))
    if not number.strip():
        raise DomainError(_("Give the number of the adopting resolution."))
    programme.resolution_number, programme.resolution_date = number.strip(), adopted_on
    programme.status = ProgrammeStatus.ADOPTED
    programme.save(update_fields=["resolution_number", "resolution_date", "status"])
    return programme


@transaction.atomic
def change_supervision_status(*, supervision, actor, target, report_number="", report_date=None, summary=""):
    """Move a supervision along: field work, report, conclusion, closing, or re-opening for re-supervision."""
    supervision = Supervision.objects.select_for_update().select_related("programme").get(pk=supervision.pk)
    _require(permissions.can_manage_programme(actor, supervision.programme))
    check_transition(SUPERVISION_TRANSITIONS, supervision.status, target)
    fields = ["status"]
    if target == SupervisionStatus.CONCLUDED:
        if not report_number.strip() or report_date is None:
            raise DomainError(_("A concluded supervision needs its report number and date."))
        supervision.report_number, supervision.report_date = report_number.strip(), report_date
        supervision.report_summary = summary
        fields += ["report_number", "report_date", "report_summary"]
    if target == SupervisionStatus.FIELDWORK and supervision.status in (
        SupervisionStatus.CONCLUDED,
        SupervisionStatus.CLOSED,
    ):
        supervision.times_reopened += 1
        fields.append("times_reopened")
    supervision.status = target
    supervision.save(update_fields=fields)
    return supervision


@transaction.atomic
def upload_document(*, supervision, actor, kind, upload):
    """A new version of the plan, outline or report; earlier versions stay."""
    _require(permissions.can_manage_programme(actor, supervision.programme))
    DocumentKind(kind)
    # Locked so two uploads at once number their versions one after the other.
    supervision = Supervision.objects.select_for_update().get(pk=supervision.pk)
    last = supervision.documents.filter(kind=kind).aggregate(last=Max("version"))["last"] or 0
    return SupervisionDocument.objects.create(
        supervision=supervision, kind=kind, version=last + 1, file=upload, original_name=upload.name[:255],
        uploaded_by=actor,
    )  # fmt: skip


@transaction.atomic
def add_finding(*, supervision, actor, text):
    _require(permissions.can_manage_programme(actor, supervision.programme))
    return Finding.objects.create(supervision=supervision, text=text.strip())


@transaction.atomic
def add_recommendation(*, supervision, actor, addressed_to, text, due_date, finding=None):
    """A recommendation from the supervision's report to a unit, followed up until implemented."""
    _require(permissions.can_manage_programme(actor, supervision.programme))
    if due_date < (supervision.report_date or due_date):
        raise DomainError(_("The deadline cannot be before the report."))
    return Recommendation.objects.create(
        kind=RecommendationKind.SUPERVISION, supervision=supervision, finding=finding,
        body=supervision.programme.body, addressed_to=addressed_to, text=text.strip(), due_date=due_date,
    )  # fmt: skip


@transaction.atomic
def record_commitment(*, actor, body, addressed_to, council_session, question, asked_by, answered_by, asked_on,
                      promise, due_date):  # fmt: skip
    """A promise made answering an interpellation; the written answer is due within 20 days."""
    from danvan.accounts.roles import Role, has_role

    _require(has_role(actor, Role.SUPERVISOR, Role.LEADER))
    return Recommendation.objects.create(
        kind=RecommendationKind.COMMITMENT, body=body, addressed_to=addressed_to, council_session=council_session,
        question=question, asked_by=asked_by, answered_by=answered_by, asked_on=asked_on, text=promise,
        due_date=due_date, written_answer_due=add_days_rolling(asked_on, WRITTEN_ANSWER_DAYS),
    )  # fmt: skip


@transaction.atomic
def record_written_answer(*, recommendation, actor, answered_on):
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    _require(permissions.can_report_progress(actor, recommendation))
    if recommendation.kind != RecommendationKind.COMMITMENT:
        raise DomainError(_("Only an interpellation has a written answer."))
    if answered_on > timezone.localdate() or answered_on < recommendation.asked_on:
        raise DomainError(_("The answer date must be between the question and today."))
    recommendation.written_answer_on = answered_on
    recommendation.save(update_fields=["written_answer_on"])
    return recommendation


@transaction.atomic
def record_progress(*, recommendation, actor, text, status, percent, evidence=None):
    """The addressed unit reports what it did; the recommendation takes the reported status."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    _require(permissions.can_report_progress(actor, recommendation))
    check_transition(RECOMMENDATION_TRANSITIONS, recommendation.status, status)
    if not text.strip():
        raise DomainError(_("Write what was done."))
    if status == RecommendationStatus.NOT_IMPLEMENTED and not permissions.can_assess(actor, recommendation):
        raise DomainError(_("Only the supervising body can conclude that a recommendation was not implemented."))
    if status == RecommendationStatus.IMPLEMENTED:
        percent = 100
    update = ProgressUpdate.objects.create(
        recommendation=recommendation, text=text.strip(), status=status, percent=percent,
        evidence=evidence or "", evidence_name=evidence.name[:255] if evidence else "", recorded_by=actor,
    )  # fmt: skip
    recommendation.status, recommendation.percent = status, percent
    recommendation.save(update_fields=["status", "percent"])
    return update


@transaction.atomic
def escalate_recommendation(*, recommendation, level):
    """Record the escalation level reached by an overdue recommendation (never moves its deadline)."""
    return Recommendation.objects.filter(pk=recommendation.pk, escalation_level__lt=level).update(
        escalation_level=level
    )


@transaction.atomic
def register_model(*, actor, unit, year, name, field, start_date, level="grassroots", description=""):
    """A unit registers a Dân vận khéo model for the year."""
    _require(permissions.can_manage_models(actor, unit.pk))
    return KheoModel.objects.create(
        unit=unit, year=year, name=name.strip(), field=field, level=level, description=description,
        start_date=start_date,
    )  # fmt: skip


@transaction.atomic
def carry_over_models(*, actor, unit, from_year, to_year):
    """Register again for `to_year` the unit's models of `from_year` that are not there yet."""
    _require(permissions.can_manage_models(actor, unit.pk))
    # Locked so a double click or two officials at once cannot carry a model over twice.
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    existing = set(KheoModel.objects.filter(unit=unit, year=to_year).values_list("name", flat=True))
    carried = []
    for model in KheoModel.objects.filter(unit=unit, year=from_year).exclude(name__in=existing):
        carried.append(
            KheoModel.objects.create(
                unit=unit,
                year=to_year,
                name=model.name,
                field=model.field,
                level=model.level,
                description=model.description,
                start_date=model.start_date,
                carried_from=model,
                status=ModelStatus.IMPLEMENTING,
            )  # fmt: skip
        )
    return carried


@transaction.atomic
def advance_model(*, model, actor, target, recognition=""):
    """registered → implementing → evaluated → exemplar → commended."""
    model = KheoModel.objects.select_for_update().get(pk=model.pk)
    _require(permissions.can_manage_models(actor, model.unit_id))
    check_transition(MODEL_TRANSITIONS, model.status, target)
    if target in (ModelStatus.EXEMPLAR, ModelStatus.COMMENDED) and not recognition.strip():
        raise DomainError(_("Give the recognition decision."))
    model.status = target
    model.recognition = recognition.strip() or model.recognition
    model.save(update_fields=["status", "recognition"])
    return model


@transaction.atomic
def add_model_evidence(*, model, actor, upload):
    _require(permissions.can_manage_models(actor, model.unit_id))
    return ModelEvidence.objects.create(model=model, file=upload, original_name=upload.name[:255], uploaded_by=actor)
