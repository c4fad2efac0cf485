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
from .overdue_reports import OverdueReport
from .dialogue import Dialogue, DialogueFinding, DialogueRule
from .enforcement import Enforcement, EnforcementProgress
from .petition import Category, Petition, Petitioner, PetitionPolicy
from .readers import PetitionReader, ReaderViewing
from .limitation import (
    ComplaintSubject,
    GroupRepresentationRule,
    LimitationRule,
    LimitationScope,
    LimitationStart,
    PetitionLimitation,
)
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
    "Complexity",
    "ContinuationGround",
    "CountingUnit",
    "DeadlineRule",
    "ComplaintSubject",
    "DecisionKind",
    "Dialogue",
    "DialogueFinding",
    "DialogueRule",
    "Enforcement",
    "EnforcementProgress",
    "EventKind",
    "IdentityAccess",
    "Kind",
    "MovedDeadline",
    "MovedStatus",
    "Outcome",
    "OverdueReport",
    "Petition",
    "PetitionDeadline",
    "GroupRepresentationRule",
    "PetitionDecision",
    "PetitionEvent",
    "LimitationRule",
    "LimitationScope",
    "LimitationStart",
    "PetitionPolicy",
    "PetitionReader",
    "Petitioner",
    "ReaderViewing",
    "RuleCondition",
    "SatisfactionRating",
    "SavedFilter",
    "PetitionLimitation",
    "Stage",
    "Withdrawal",
    "WithdrawalRule",
    "private_storage",
]
