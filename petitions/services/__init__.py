"""Every change to a petition goes through one of these functions.

Each one locks the row, checks the workflow and the actor's permission, saves
with update_fields and a new version, writes a PetitionEvent, and leaves side
effects (notifications) to run after commit."""

from .classification import (
    accept_petition,
    classify_petition,
    file_petition,
    guide_petition,
    mark_duplicate,
    refuse_petition,
    transfer_petition,
)
from .confidentiality import record_identity_access, record_reader_viewing
from .corrections import correct_moved_deadline, keep_moved_deadline
from .dialogue import (
    check_dialogue_held,
    dialogue_state,
    record_dialogue,
    record_dialogue_finding,
    takes_dialogue,
    takes_dialogue_finding,
)
from .enforcement import (
    complete_enforcement,
    escalate_enforcement,
    record_enforcement_progress,
    start_enforcement,
    urge_petition,
)
from .followup import escalate_petition, explain_petition_delay, rate_petition, send_daily_digest
from .handling import (
    HANDLING_STATUSES,
    add_petition_note,
    assign_petition,
    close_petition,
    extend_petition_deadline,
    pending_acceptance_notice,
    record_acceptance_notice,
    resolve_petition,
    start_verification,
    take_petition,
    terminate_petition,
)
from .intake import (
    PETITION_FIELDS,
    PETITIONER_FIELDS,
    add_attachments,
    create_petition,
    record_voter_recommendation,
    submit_online_petition,
    update_petition,
)
from .overdue_reports import (
    open_overdue_report_request,
    pending_overdue_report,
    pending_overdue_request,
    report_overdue_denunciation,
    request_overdue_report,
    superior_leaders,
)
from .saved_filters import delete_saved_filter, save_filter
from .search import refresh_search_text
from .withdrawal import withdraw_petition, withdrawal_rule_for

__all__ = [
    "complete_enforcement",
    "escalate_enforcement",
    "record_enforcement_progress",
    "start_enforcement",
    "urge_petition",
    "HANDLING_STATUSES",
    "PETITIONER_FIELDS",
    "PETITION_FIELDS",
    "accept_petition",
    "add_attachments",
    "add_petition_note",
    "assign_petition",
    "check_dialogue_held",
    "classify_petition",
    "close_petition",
    "correct_moved_deadline",
    "create_petition",
    "delete_saved_filter",
    "dialogue_state",
    "escalate_petition",
    "explain_petition_delay",
    "extend_petition_deadline",
    "file_petition",
    "guide_petition",
    "keep_moved_deadline",
    "mark_duplicate",
    "open_overdue_report_request",
    "pending_acceptance_notice",
    "pending_overdue_report",
    "pending_overdue_request",
    "record_acceptance_notice",
    "record_dialogue",
    "record_dialogue_finding",
    "record_identity_access",
    "record_reader_viewing",
    "record_voter_recommendation",
    "report_overdue_denunciation",
    "request_overdue_report",
    "refresh_search_text",
    "refuse_petition",
    "rate_petition",
    "resolve_petition",
    "save_filter",
    "send_daily_digest",
    "start_verification",
    "submit_online_petition",
    "superior_leaders",
    "take_petition",
    "takes_dialogue",
    "takes_dialogue_finding",
    "terminate_petition",
    "transfer_petition",
    "update_petition",
    "withdraw_petition",
    "withdrawal_rule_for",
]
