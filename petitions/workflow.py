"""The petition's statuses and the only transitions allowed between them.

received ──► classified ──► accepted (thụ lý) ──► verifying ──► resolved ──► closed
   │             └► not accepted ──────────────────────────────────────────► closed
   ├► transferred / guided / filed / duplicate            (final for this unit)
   └► withdrawn, and from accepted or verifying also terminated ─────────► closed
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    RECEIVED = "received", _("Received, awaiting classification")
    CLASSIFIED = "classified", _("Within competence, awaiting acceptance")
    ACCEPTED = "accepted", _("Accepted for resolution")
    VERIFYING = "verifying", _("Being verified")
    RESOLVED = "resolved", _("Resolved")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    TRANSFERRED = "transferred", _("Transferred to the competent body")
    GUIDED = "guided", _("Citizen guided to the competent body")
    FILED = "filed", _("Filed without action")
    DUPLICATE = "duplicate", _("Duplicate")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    TERMINATED = "terminated", _("Terminated")
    CLOSED = "closed", _("Closed")


TRANSITIONS = {
    Status.RECEIVED: {
        Status.CLASSIFIED,
        Status.ACCEPTED,
        Status.NOT_ACCEPTED,
        Status.TRANSFERRED,
        Status.GUIDED,
        Status.FILED,
        Status.DUPLICATE,
        Status.WITHDRAWN,
    },
    Status.CLASSIFIED: {Status.ACCEPTED, Status.NOT_ACCEPTED, Status.WITHDRAWN},
    Status.ACCEPTED: {Status.VERIFYING, Status.RESOLVED, Status.WITHDRAWN, Status.TERMINATED},
    Status.VERIFYING: {Status.RESOLVED, Status.WITHDRAWN, Status.TERMINATED},
    Status.RESOLVED: {Status.CLOSED},
    Status.NOT_ACCEPTED: {Status.CLOSED},
    Status.WITHDRAWN: {Status.CLOSED},
    Status.TERMINATED: {Status.CLOSED},
    Status.TRANSFERRED: set(),
    Status.GUIDED: set(),
    Status.FILED: set(),
    Status.DUPLICATE: set(),
    Status.CLOSED: set(),
}

# Still waiting for this unit to act: these have a running deadline.
OPEN_STATUSES = (Status.RECEIVED, Status.CLASSIFIED, Status.ACCEPTED, Status.VERIFYING)
# The unit has answered; the file can be closed.
ANSWERED_STATUSES = (Status.RESOLVED, Status.NOT_ACCEPTED, Status.WITHDRAWN, Status.TERMINATED)
