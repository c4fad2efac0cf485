"""A reception session's statuses and the only changes allowed between them.

planned ──► held            (final; may be recorded again to correct who presided)
   ├──► postponed ──► held / cancelled
   └──► cancelled           (final)

A leader of a host unit may correct a recorded status, giving the reason
(SESSION_CORRECTIONS): a cancelled session that took place after all becomes held
with who presided; a held one recorded by mistake becomes cancelled or postponed
while it has no visits; a session whose day is still ahead may be planned again.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.workflow import allowed_targets


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


SESSION_TRANSITIONS = {
    SessionStatus.PLANNED: {SessionStatus.HELD, SessionStatus.POSTPONED, SessionStatus.CANCELLED},
    SessionStatus.POSTPONED: {SessionStatus.HELD, SessionStatus.CANCELLED},
    SessionStatus.HELD: {SessionStatus.HELD},  # correcting who presided
    SessionStatus.CANCELLED: set(),
}

# Corrections by a leader of a host unit (services.correct_session_status adds the conditions:
# held needs its day to have come and who presided; leaving held needs no visits recorded;
# planned needs the day still ahead).
SESSION_CORRECTIONS = {
    SessionStatus.PLANNED: {SessionStatus.HELD, SessionStatus.POSTPONED, SessionStatus.CANCELLED},
    SessionStatus.POSTPONED: {SessionStatus.PLANNED, SessionStatus.HELD, SessionStatus.CANCELLED},
    SessionStatus.HELD: {SessionStatus.PLANNED, SessionStatus.HELD, SessionStatus.POSTPONED, SessionStatus.CANCELLED},
    SessionStatus.CANCELLED: {SessionStatus.PLANNED, SessionStatus.HELD, SessionStatus.POSTPONED},
}

# A session in one of these did not take place: no visit can be recorded in it.
NOT_HELD = (SessionStatus.POSTPONED, SessionStatus.CANCELLED)
# Postponing or cancelling a published day must say why (citizens may have come for it).
NEEDS_REASON = NOT_HELD


def statuses_to_record(status, day, today):
    """What a session can be recorded as now: the table's targets, held only from its day."""
    return [
        target
        for target in allowed_targets(SESSION_TRANSITIONS, status)
        if target != SessionStatus.HELD or day <= today
    ]


def takes_visits(status, day, today):
    """Visits are recorded from the session's day on, unless it was postponed or cancelled."""
    return status not in NOT_HELD and day <= today
