"""Every change to supervision records goes through these functions.

Each one is atomic, takes keyword-only arguments including `actor` (None for the system),
re-reads the row it changes under a lock, checks the step and the actor's permission,
saves only the changed fields and appends a history row (danvan.history).
"""

from .initiatives import add_initiative_evidence, advance_initiative, carry_over_initiatives, register_initiative
from .programmes import (
    add_delegation_member,
    add_finding,
    add_supervised_unit,
    adopt_programme,
    change_supervision_status,
    create_programme,
    create_supervision,
    upload_document,
)
from .recommendations import (
    WRITTEN_ANSWER_DAYS,
    add_recommendation,
    escalate_recommendation,
    record_commitment,
    record_progress,
    record_written_answer,
)

__all__ = [
    "WRITTEN_ANSWER_DAYS",
    "add_delegation_member",
    "add_finding",
    "add_initiative_evidence",
    "add_recommendation",
    "add_supervised_unit",
    "adopt_programme",
    "advance_initiative",
    "carry_over_initiatives",
    "change_supervision_status",
    "create_programme",
    "create_supervision",
    "escalate_recommendation",
    "record_commitment",
    "record_progress",
    "record_written_answer",
    "register_initiative",
    "upload_document",
]
