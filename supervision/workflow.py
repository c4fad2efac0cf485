"""Statuses and allowed changes of programmes, supervisions, recommendations and Dân vận khéo initiatives."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    COMPLETED = "completed", _("Completed")


# A programme is adopted once, by the body's resolution, and completed at the end of its year.
PROGRAMME_TRANSITIONS = {
    ProgrammeStatus.DRAFT: {ProgrammeStatus.ADOPTED},
    ProgrammeStatus.ADOPTED: {ProgrammeStatus.COMPLETED},
    ProgrammeStatus.COMPLETED: set(),
}


class SupervisionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    FIELDWORK = "fieldwork", _("Field work")
    REPORTING = "reporting", _("Report being drafted")
    CONCLUDED = "concluded", _("Concluded, recommendations being followed up")
    CLOSED = "closed", _("Closed")


SUPERVISION_TRANSITIONS = {
    SupervisionStatus.PLANNED: {SupervisionStatus.FIELDWORK},
    SupervisionStatus.FIELDWORK: {SupervisionStatus.REPORTING},
    SupervisionStatus.REPORTING: {SupervisionStatus.CONCLUDED},
    SupervisionStatus.CONCLUDED: {SupervisionStatus.CLOSED, SupervisionStatus.FIELDWORK},  # re-supervision
    SupervisionStatus.CLOSED: {SupervisionStatus.FIELDWORK},  # re-opened for re-supervision
}
# Recorded for good (a re-supervision starts over, it does not undo them): the status form asks before these only.
SUPERVISION_FINAL = (SupervisionStatus.CONCLUDED, SupervisionStatus.CLOSED)


class RecommendationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTLY = "partly", _("Partly implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_IMPLEMENTED = "not_implemented", _("Not implemented")


# Progress can move freely while work goes on; "implemented" is final.
RECOMMENDATION_OPEN = (RecommendationStatus.NOT_STARTED, RecommendationStatus.IN_PROGRESS, RecommendationStatus.PARTLY)
# The endings: a form never starts on one of them (the supervising body may re-open "not implemented").
RECOMMENDATION_FINAL = (RecommendationStatus.IMPLEMENTED, RecommendationStatus.NOT_IMPLEMENTED)
RECOMMENDATION_TRANSITIONS = {
    RecommendationStatus.NOT_STARTED: {
        RecommendationStatus.IN_PROGRESS, RecommendationStatus.PARTLY, RecommendationStatus.IMPLEMENTED,
        RecommendationStatus.NOT_IMPLEMENTED,
    },
    RecommendationStatus.IN_PROGRESS: {
        RecommendationStatus.IN_PROGRESS, RecommendationStatus.PARTLY, RecommendationStatus.IMPLEMENTED,
        RecommendationStatus.NOT_IMPLEMENTED,
    },
    RecommendationStatus.PARTLY: {
        RecommendationStatus.IN_PROGRESS, RecommendationStatus.PARTLY, RecommendationStatus.IMPLEMENTED,
        RecommendationStatus.NOT_IMPLEMENTED,
    },
    RecommendationStatus.NOT_IMPLEMENTED: {RecommendationStatus.IN_PROGRESS, RecommendationStatus.IMPLEMENTED},
    RecommendationStatus.IMPLEMENTED: set(),
}  # fmt: skip


# What "percent done" each status allows, so a report never contradicts itself: it is refused, never corrected.
# Not implemented is the supervising body's conclusion; what was achieved before it (under 100 %) stays on record.
RECOMMENDATION_PERCENT = {
    RecommendationStatus.NOT_STARTED: (0, 0),
    RecommendationStatus.IN_PROGRESS: (1, 99),
    RecommendationStatus.PARTLY: (1, 99),
    RecommendationStatus.IMPLEMENTED: (100, 100),
    RecommendationStatus.NOT_IMPLEMENTED: (0, 99),
}


def percent_problem(status, percent):
    """Why `percent` contradicts `status` (a translated sentence), or "" when they agree."""
    low, high = RECOMMENDATION_PERCENT[status]
    if low <= percent <= high:
        return ""
    label = RecommendationStatus(status).label
    if low == high:
        return gettext("“%(status)s” means %(percent)d %% done: enter %(percent)d or choose another status.") % {
            "status": label,
            "percent": low,
        }
    return gettext("“%(status)s” needs a percentage from %(low)d to %(high)d %%.") % {
        "status": label,
        "low": low,
        "high": high,
    }


def percent_rules():
    """The rules above as one sentence for the progress form."""
    return gettext(
        "Not started: 0 %. In progress or partly implemented: 1 to 99 %. Implemented: 100 %. "
        "Not implemented (the supervising body's conclusion): 0 to 99 %."
    )


class InitiativeStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    IMPLEMENTING = "implementing", _("Being implemented")
    EVALUATED = "evaluated", _("Evaluated")
    EXEMPLAR = "exemplar", _("Recognised as an exemplar")
    COMMENDED = "commended", _("Commended")


# Recognised as an exemplar, whether commended since or not: what the registry and the dashboard count.
EXEMPLARS = (InitiativeStatus.EXEMPLAR, InitiativeStatus.COMMENDED)
# Recognition and commendation cannot be taken back: the status form asks before these only.
INITIATIVE_FINAL = EXEMPLARS

INITIATIVE_TRANSITIONS = {
    InitiativeStatus.REGISTERED: {InitiativeStatus.IMPLEMENTING},
    InitiativeStatus.IMPLEMENTING: {InitiativeStatus.EVALUATED},
    InitiativeStatus.EVALUATED: {InitiativeStatus.EXEMPLAR, InitiativeStatus.IMPLEMENTING},
    InitiativeStatus.EXEMPLAR: {InitiativeStatus.COMMENDED},
    InitiativeStatus.COMMENDED: set(),
}
