"""The workflow vocabulary every app shares: one error a user can act on, one transition check.

Each app keeps its statuses and its transition table in its own `workflow.py`
and calls `check_transition(TABLE, current, target)`; views catch `DomainError`.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class DomainError(Exception):
    """A step refused for a reason the user can act on; the message is for them."""


class TransitionError(DomainError):
    """A step the workflow table does not allow from the current status."""


class ConcurrentEditError(DomainError):
    """Someone else saved the record since this user opened it."""


def require(allowed):
    """A service's check of its actor: the page offers only what the user may do, the service decides."""
    if not allowed:
        raise PermissionDenied


def required_text(value, message):
    """The stripped text, or a DomainError with `message` when it is blank."""
    text = (value or "").strip()
    if not text:
        raise DomainError(message)
    return text


def check_transition(table, current, target):
    """Raise TransitionError unless `current` → `target` is in `table`.

    `table` maps each status (a TextChoices member) to the set it may become.
    """
    choices = type(next(iter(table)))
    current, target = choices(current), choices(target)
    if target not in table[current]:
        raise TransitionError(
            _("“%(current)s” cannot become “%(target)s”.") % {"current": current.label, "target": target.label}
        )


def allowed_targets(table, current):
    """The statuses `current` may become, in the table's order of definition."""
    choices = type(next(iter(table)))
    allowed = table[choices(current)]
    return [status for status in choices if status in allowed]
