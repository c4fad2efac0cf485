"""Reads for the documents: which documents a petition's steps produced, and the report's unit and signer."""

from dataclasses import dataclass

from django.utils import timezone

from danvan.orgunits.models import Unit
from danvan.orgunits.selectors import nearest_leaders
from petitions.models import DecisionKind, EventKind, Kind

from .models import DocumentKind, Letterhead

# Kinds whose acceptance is also decided in writing: a denunciation by a decision (Luật Tố cáo 2018 Art 29);
# a complaint's acceptance is notified (Luật Khiếu nại 2011 Art 27), and a decision is the practice of many
# bodies, so both are offered.
DECIDED_ACCEPTANCE = (Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND, Kind.DENUNCIATION)
EVENT_DOCUMENTS = {
    EventKind.NOT_ACCEPTED: [DocumentKind.REFUSAL_NOTICE],
    EventKind.TRANSFERRED_OUT: [DocumentKind.TRANSFER_SLIP],
    EventKind.GUIDED: [DocumentKind.GUIDANCE_SLIP],
}


@dataclass(frozen=True)
class Available:
    """A document a step of the petition produced: its kind, what produced it, and when."""

    kind: str
    source: str
    day: object
    actor: object

    @property
    def label(self):
        return DocumentKind(self.kind).label

    @property
    def slug(self):
        """The source as it stands in the document's address ("event-12")."""
        return self.source.replace(":", "-", 1)


def documents_for(petition):
    """Every document the petition's steps produced so far, in the order of the steps."""
    found = [Available(DocumentKind.RECEIPT, f"petition:{petition.pk}", petition.received_date, petition.created_by)]
    events = petition.events.filter(kind__in=[EventKind.ACCEPTED, *EVENT_DOCUMENTS]).select_related("actor")
    for event in events:
        day = timezone.localdate(event.created_at)
        if event.kind == EventKind.ACCEPTED:
            kinds = [DocumentKind.ACCEPTANCE_NOTICE]
            if petition.kind in DECIDED_ACCEPTANCE:
                kinds.append(DocumentKind.ACCEPTANCE_DECISION)
            day = petition.accepted_date or day
        else:
            kinds = EVENT_DOCUMENTS[event.kind]
        found += [Available(kind, f"event:{event.pk}", day, event.actor) for kind in kinds]
    for decision in petition.decisions.filter(kind=DecisionKind.RESOLUTION).select_related("recorded_by"):
        found.append(Available(DocumentKind.RESOLUTION, f"decision:{decision.pk}", decision.date, decision.recorded_by))
    return found


def find_document(petition, kind, source):
    """The document of `kind` produced by `source` on this petition, or None."""
    return next((item for item in documents_for(petition) if item.kind == kind and item.source == source), None)


def letterhead_of(unit):
    return Letterhead.objects.filter(unit=unit).first()


def report_unit(user, chosen):
    """The unit a report is made for: the one chosen, else the user's primary unit, else the highest unit the
    user belongs to (never "all the units in your scope": a report names its unit)."""
    if chosen is not None:
        return chosen
    memberships = user.memberships.select_related("unit").order_by("-is_primary", "unit__path")
    first = memberships.first()
    if first is not None:
        return first.unit
    return Unit.objects.filter(parent__isnull=True).order_by("path").first()


def report_signer(unit):
    """The head who signs the unit's report: a leader of the unit or of the nearest unit above it."""
    leaders = sorted(nearest_leaders(unit), key=lambda user: (user.full_name, user.pk))
    return leaders[0] if leaders else None
