"""A reception session's statuses and the only changes allowed between them.

planned ──► held            (final; may be recorded again to correct who presided)
   ├──► postponed ──► held / cancelled
   └──► cancelled           (final)
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


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

# A session in one of these did not take place: no visit can be recorded in it.
NOT_HELD = (SessionStatus.POSTPONED, SessionStatus.CANCELLED)
# Postponing or cancelling a published day must say why (citizens may have come for it).
NEEDS_REASON = NOT_HELD
