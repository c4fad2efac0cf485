"""Every change to grassroots democracy records goes through these functions.

Each one is atomic, takes keyword-only arguments including `actor`, re-reads the row it changes under
a lock, checks the step and the actor's permission, saves only the changed fields and appends a
history row (danvan.history).
"""

from .boards import add_board_member, establish_board
from .consultations import cancel_consultation, conclude_consultation, open_consultation, plan_consultation
from .disclosures import record_disclosure
from .publications import publish_petition_answer, publish_supervision_result, withdraw_publication

__all__ = [
    "add_board_member",
    "cancel_consultation",
    "conclude_consultation",
    "establish_board",
    "open_consultation",
    "plan_consultation",
    "publish_petition_answer",
    "publish_supervision_result",
    "record_disclosure",
    "withdraw_publication",
]
