"""A period's records in the structure of the national database on citizen reception and petition handling.

Decree 55/2022/NĐ-CP, Art 6, lists what the database holds: (1) citizen reception: the citizen's name and
address, the content and result of the reception; (2) petition processing: the kind of petition, whether it
may be processed, whether it is within competence, petitions transferred to the competent bodies, returned
with guidance, withdrawn, filed; then (3) complaint resolution, (4) denunciation resolution and (5) handling
of recommendations and feedback. One section each here, validated by schemas/national-v1.schema.json.

Every record comes from the caller's scoped selectors; a denouncer's identity is sealed in every section, as
in every export (Law on Denunciation Art 47)."""

import json
from functools import cache
from pathlib import Path

import jsonschema
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan import xlsx
from petitions import selectors as petition_selectors
from petitions.models import COMPLAINT_KINDS, DecisionKind, Kind, PetitionDecision
from petitions.workflow import Status
from reception import selectors as reception_selectors

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "national-v1.schema.json"
SCHEMA_VERSION = "1"
LEGAL_BASIS = "Nghị định 55/2022/NĐ-CP, Điều 6"
SECTIONS = (
    "citizen_reception",
    "petition_processing",
    "complaint_resolution",
    "denunciation_resolution",
    "recommendation_handling",
)
# Where each petition kind is resolved (Art 6, items 3 to 5).
RESOLUTION_SECTION = {
    Kind.COMPLAINT_FIRST: "complaint_resolution",
    Kind.COMPLAINT_SECOND: "complaint_resolution",
    Kind.DENUNCIATION: "denunciation_resolution",
    Kind.RECOMMENDATION: "recommendation_handling",
    Kind.FEEDBACK: "recommendation_handling",
}
# Art 6(2): how the processing of a petition ended, when it did not go on to resolution.
PROCESSING_RESULT = {
    Status.TRANSFERRED: "transferred",
    Status.GUIDED: "returned_with_guidance",
    Status.WITHDRAWN: "withdrawn",
    Status.FILED: "filed",
    Status.DUPLICATE: "filed",
    Status.NOT_ACCEPTED: "not_accepted",
}
NOT_ELIGIBLE = {Status.FILED, Status.DUPLICATE}
OUTSIDE_COMPETENCE = {Status.TRANSFERRED, Status.GUIDED}


@cache
def schema():
    """The JSON Schema kept in the repository."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(document):
    """Raise jsonschema.ValidationError unless `document` follows the schema."""
    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(document)


def petitions_of(user, period, units=None):
    """The register's petitions received in the period (handled by `units` if given), with their decisions."""
    decisions = PetitionDecision.objects.order_by("date", "pk")
    petitions = petition_selectors.petition_list(user)
    if units is not None:
        petitions = petitions.filter(handling_unit__in=units)
    return (
        petitions.filter(received_date__range=(period.start, period.end))
        .select_related("receiving_unit")
        .prefetch_related(Prefetch("decisions", queryset=decisions))
        .order_by("received_date", "pk")
    )


def visits_of(user, period, units=None):
    """Visits at the user's sessions in the period (hosted by `units` if given); a denunciation's visitors are
    never read."""
    visits = reception_selectors.visit_list(user).filter(session__date__range=(period.start, period.end))
    if units is not None:
        visits = visits.filter(session__in=reception_selectors.sessions_visible_to(user).filter(hosts__in=units))
    return visits


def _sealed_people(petition):
    if petition.is_anonymous:
        return []
    if petition.is_sealed:
        return [{"full_name": petition_selectors.SEALED, "address": petition_selectors.SEALED}]
    return [{"full_name": p.full_name, "address": ", ".join(x for x in (p.address, p.place) if x)} for p in
            petition.petitioners.all()]  # fmt: skip


def _visit(visit):
    sealed = visit.kind == Kind.DENUNCIATION
    citizens = (
        [{"full_name": petition_selectors.SEALED, "address": petition_selectors.SEALED}]
        if sealed
        else [{"full_name": v.full_name, "address": v.address} for v in visit.visitors.all()]
    )
    return {
        "id": visit.pk,
        "date": visit.session.date.isoformat(),
        "units": [host.name for host in visit.session.hosts.all()],
        "citizens": citizens,
        "identity_sealed": sealed,
        "people": visit.citizen_count,
        "is_group": visit.is_group,
        "kind": visit.kind,
        "content": visit.topic,
        "result": visit.outcome,
        "petition_code": visit.petition.code if visit.petition_id else None,
    }


def _processing(petition):
    return {
        "code": petition.code,
        "kind": petition.kind,
        "channel": petition.channel,
        "received_date": petition.received_date.isoformat(),
        "receiving_unit": petition.receiving_unit.name,
        "handling_unit": petition.handling_unit.name,
        "senders": _sealed_people(petition),
        "identity_sealed": petition.is_sealed,
        "people": petition.people_count,
        "summary": petition.summary,
        "eligible": petition.status not in NOT_ELIGIBLE,
        "within_competence": petition.status not in OUTSIDE_COMPETENCE | NOT_ELIGIBLE,
        "result": PROCESSING_RESULT.get(petition.status, "in_handling"),
        "transferred_to": petition.transferred_to_name or None,
        "status": petition.status,
    }


def _resolution(petition):
    answer = next(
        (
            d
            for d in reversed(petition.decisions.all())
            if d.kind in (DecisionKind.RESOLUTION, DecisionKind.NOT_ACCEPTED)
        ),
        None,
    )
    record = {
        "code": petition.code,
        "kind": petition.kind,
        "handling_unit": petition.handling_unit.name,
        "accepted_date": petition.accepted_date.isoformat() if petition.accepted_date else None,
        "due_date": petition.due_date.isoformat() if petition.due_date else None,
        "status": petition.status,
        "decision": None,
    }
    if answer is not None:
        record["decision"] = {
            "kind": answer.kind,
            "number": answer.number,
            "date": answer.date.isoformat(),
            "outcome": answer.outcome or None,
            "money_to_state": answer.money_to_state,
            "money_to_citizens": answer.money_to_citizens,
            "land_to_state": float(answer.land_to_state),
            "land_to_citizens": float(answer.land_to_citizens),
            "people_for_discipline": answer.people_for_discipline,
            "cases_to_investigation": answer.cases_to_investigation,
        }
    if petition.kind in COMPLAINT_KINDS:
        record["instance"] = 2 if petition.kind == Kind.COMPLAINT_SECOND else 1
    return record


def build(*, user, period, unit_name, units=None):
    """The export of the period, as a dict that follows the schema."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "legal_basis": LEGAL_BASIS,
        "generated_at": timezone.now().isoformat(),
        "reporting_unit": unit_name,
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        **{section: [] for section in SECTIONS},
    }
    document["citizen_reception"] = [_visit(visit) for visit in visits_of(user, period, units)]
    for petition in petitions_of(user, period, units):
        document["petition_processing"].append(_processing(petition))
        document[RESOLUTION_SECTION[petition.kind]].append(_resolution(petition))
    document["totals"] = {section: len(document[section]) for section in SECTIONS}
    return document


# The spreadsheet provinces upload: one sheet per section, one column per field, headers in Vietnamese.
COLUMNS = {
    "citizen_reception": [
        ("date", gettext_lazy("Date")),
        ("units", gettext_lazy("Receiving units")),
        ("citizens", gettext_lazy("Citizens (name, address)")),
        ("people", gettext_lazy("Number of people")),
        ("is_group", gettext_lazy("Group delegation")),
        ("kind", gettext_lazy("Kind")),
        ("content", gettext_lazy("Content")),
        ("result", gettext_lazy("Result")),
        ("petition_code", gettext_lazy("Petition code")),
    ],
    "petition_processing": [
        ("code", gettext_lazy("Code")),
        ("kind", gettext_lazy("Kind")),
        ("received_date", gettext_lazy("Received on")),
        ("handling_unit", gettext_lazy("Handling unit")),
        ("senders", gettext_lazy("Senders (name, address)")),
        ("summary", gettext_lazy("Summary")),
        ("eligible", gettext_lazy("Eligible for processing")),
        ("within_competence", gettext_lazy("Within competence")),
        ("result", gettext_lazy("Result")),
        ("transferred_to", gettext_lazy("Transferred to")),
        ("status", gettext_lazy("Status")),
    ],
    "resolution": [
        ("code", gettext_lazy("Code")),
        ("kind", gettext_lazy("Kind")),
        ("handling_unit", gettext_lazy("Handling unit")),
        ("accepted_date", gettext_lazy("Accepted on")),
        ("due_date", gettext_lazy("Deadline")),
        ("status", gettext_lazy("Status")),
        ("decision.number", gettext_lazy("Decision number")),
        ("decision.date", gettext_lazy("Decision date")),
        ("decision.outcome", gettext_lazy("Outcome")),
    ],
}
TITLES = {
    "citizen_reception": gettext_lazy("Citizen reception"),
    "petition_processing": gettext_lazy("Processing of petitions"),
    "complaint_resolution": gettext_lazy("Resolution of complaints"),
    "denunciation_resolution": gettext_lazy("Resolution of denunciations"),
    "recommendation_handling": gettext_lazy("Handling of recommendations and feedback"),
}


def _cell(record, key):
    value = record
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, list):
        return "; ".join(", ".join(str(v) for v in item.values() if v) if isinstance(item, dict) else str(item)
                         for item in value)  # fmt: skip
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value


def workbook(document):
    """The document as an .xlsx workbook (danvan.xlsx: no cell can become a formula)."""
    book = xlsx.new_workbook()
    for section in SECTIONS:
        columns = COLUMNS.get(section, COLUMNS["resolution"])
        sheet = xlsx.add_sheet(book, TITLES[section], widths=[18] * len(columns))
        xlsx.append(sheet, [TITLES[section], document["reporting_unit"],
                            f"{document['period']['start']} – {document['period']['end']}"])  # fmt: skip
        xlsx.append(sheet, [label for _key, label in columns])
        for record in document[section]:
            xlsx.append(sheet, [_cell(record, key) for key, _label in columns])
    return book
