"""Reads of the reception app.

The reception schedules and sessions arrive with the reception issue; until
then the published calendar has nothing to show, and the public calendar page
and its iCalendar feed already read from here.
"""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PublicSession:
    """A published reception session as citizens see it."""

    uid: str
    unit_name: str
    starts_at: datetime
    ends_at: datetime
    place: str
    presiding: str


def published_sessions(*, start=None, end=None, unit=None):
    """Published sessions from `start` to `end` (inclusive), optionally of one unit and its sub-units."""
    return []
