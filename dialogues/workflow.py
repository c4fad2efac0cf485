"""Statuses of a dialogue and of a commitment made at it, and the only changes allowed between them.

dialogue:    planned ──► held        (the record: issues raised, answers, commitments)
                └──────► cancelled   (with the reason)
commitment:  open ──► done           (with the result; kept on time when done by its due date)
An open commitment past its due date is overdue: that is a reading of the date, not a status.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DialogueStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", pgettext_lazy("dialogue status", "Held")
    CANCELLED = "cancelled", _("Cancelled")


DIALOGUE_TRANSITIONS = {
    DialogueStatus.PLANNED: {DialogueStatus.HELD, DialogueStatus.CANCELLED},
    DialogueStatus.HELD: set(),
    DialogueStatus.CANCELLED: set(),
}


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


COMMITMENT_TRANSITIONS = {
    CommitmentStatus.OPEN: {CommitmentStatus.DONE},
    CommitmentStatus.DONE: set(),
}
