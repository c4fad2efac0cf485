"""The petitions app's models, one module per concern; everything is importable from here.

Migrations refer to `petitions.models.private_storage`, so it stays importable from this package.
"""

from .choices import (
    ANSWERED_KINDS,
    COMPLAINT_KINDS,
    AccessContext,
    Channel,
    Complexity,
    CountingUnit,
    DecisionKind,
    EventKind,
    Kind,
    Outcome,
    RuleCondition,
    Stage,
)
from .corrections import MovedDeadline, MovedStatus
from .deadlines import DeadlineRule, PetitionDeadline
from .dialogue import Dialogue, DialogueFinding, DialogueRule
from .enforcement import Enforcement, EnforcementProgress
from .limitation import (
    ComplaintSubject,
    GroupRepresentationRule,
    LimitationRule,
    LimitationScope,
    LimitationStart,
    PetitionLimitation,
)
from .overdue_reports import OverdueReport
from .petition import Category, Petition, Petitioner, PetitionPolicy
from .readers import PetitionReader, ReaderViewing
from .records import Attachment, IdentityAccess, PetitionDecision, PetitionEvent, SatisfactionRating, private_storage
from .register import SavedFilter
from .withdrawal import ContinuationGround, Withdrawal, WithdrawalRule

__all__ = [
    "ANSWERED_KINDS",
    "COMPLAINT_KINDS",
    "AccessContext",
    "Attachment",
    "Category",
    "Channel",
    "ComplaintSubject",
    "Complexity",
    "ContinuationGround",
    "CountingUnit",
    "DeadlineRule",
    "DecisionKind",
    "Dialogue",
    "DialogueFinding",
    "DialogueRule",
    "Enforcement",
    "EnforcementProgress",
    "EventKind",
    "GroupRepresentationRule",
    "IdentityAccess",
    "Kind",
    "LimitationRule",
    "LimitationScope",
    "LimitationStart",
    "MovedDeadline",
    "MovedStatus",
    "Outcome",
    "OverdueReport",
    "Petition",
    "PetitionDeadline",
    "PetitionDecision",
    "PetitionLimitation",
    "PetitionEvent",
    "PetitionPolicy",
    "PetitionReader",
    "Petitioner",
    "ReaderViewing",
    "RuleCondition",
    "SatisfactionRating",
    "SavedFilter",
    "Stage",
    "Withdrawal",
    "WithdrawalRule",
    "private_storage",
]
