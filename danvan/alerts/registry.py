"""Apps register the deadlines they want reminders and escalations for.

A source names a queryset of open deadline rows (each with a date field) and a
function that delivers one alert: it runs inside the alert's transaction and
sends notices through danvan.notifications, so each is written once.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class DeadlineSource:
    name: str
    open_deadlines: Callable[[], QuerySet]
    deliver: Callable  # deliver(alert, deadline_row) -> None
    due_field: str = "due_date"
    # Whether an item past its date climbs the escalation ladder (a reception day does not).
    escalates: bool = True


SOURCES: dict[str, DeadlineSource] = {}


def register(source):
    """Add a source (from an app's ready()); registering the same name again replaces it."""
    SOURCES[source.name] = source
    return source
