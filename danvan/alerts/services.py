"""The daily deadline scan and the delivery of each alert, exactly once."""

import operator
from contextlib import contextmanager
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from danvan.workdays.calendar import WorkCalendar

from .models import Alert, AlertKind, AlertPolicy
from .registry import SOURCES


def _windows(policy, today, calendar):
    """(kind, step, due-date lookups) for every reminder and escalation level on `today`.

    A reminder k applies while the deadline is between k and the next smaller
    offset working days away, so a deadline first seen late still gets the
    reminder that fits. Escalation level L applies once (L-1)·N working days
    have passed since the deadline (level 1: the day after it).
    """
    offsets = policy.offsets
    for index, offset in enumerate(offsets):
        upper = calendar.add_working_days(today, offset) if offset else today
        lookups = {"__lte": upper, "__gte": today}
        if index + 1 < len(offsets):
            following = offsets[index + 1]
            lookups["__gt"] = calendar.add_working_days(today, following) if following else today
        yield AlertKind.REMINDER, offset, lookups
    for level in range(1, policy.escalation_levels + 1):
        if level == 1:
            threshold = today - timedelta(days=1)
        else:
            threshold = calendar.add_working_days(today, -(level - 1) * policy.escalation_interval)
        yield AlertKind.ESCALATION, level, {"__lte": threshold}


# How each bound of a window (see _windows) holds for a due date.
BOUNDS = {"__lte": operator.le, "__lt": operator.lt, "__gte": operator.ge, "__gt": operator.gt}


def _in_window(due_date, lookups):
    return all(BOUNDS[suffix](due_date, value) for suffix, value in lookups.items())


def _lacking_an_alert(source, windows):
    """Q over the source's rows: in some window whose alert the row does not have yet.

    Each window's date test guards its own NOT EXISTS, so the database probes the alerts' unique
    index only for the windows a row is in, and returns only rows with something new to send.
    """
    lacking = Q()
    for kind, step, lookups in windows:
        due = Q(**{f"{source.due_field}{suffix}": value for suffix, value in lookups.items()})
        already = Alert.objects.filter(source=source.name, kind=kind, step=step, object_id=OuterRef("pk"))
        lacking |= due & ~Exists(already)
    return lacking


@contextmanager
def _without_jit():
    """On PostgreSQL, no JIT compilation for the queries inside (restored after them).

    The planner costs a read of every running deadline by its random heap reads, which passes
    jit_above_cost at any size of province; compiling the windows' tests then takes longer than
    the whole query runs (140 of 230 ms at 100,000 petitions), every day.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
        previous = cursor.fetchone()[0]
        yield
        # On an error the transaction (or savepoint) rolls back, and the setting with it.
        cursor.execute("SELECT set_config('jit', %s, true)", [previous])


def scan_deadlines(*, today=None):
    """Create the alerts due today for every registered source; return the ids still undelivered.

    One SELECT per source, of the rows that lack the alert of a window they are in (with only
    their id and due date), and one INSERT of what they lack; nothing when nothing is new, so the
    day's second run reads no more than one query per source. The unique constraint absorbs a
    concurrent scan, and the alerts a row already has among those it is given again.
    """
    today = today or timezone.localdate()
    policy = AlertPolicy.current()
    windows = list(_windows(policy, today, WorkCalendar()))
    with _without_jit():
        for source in SOURCES.values():
            applicable = [window for window in windows if source.escalates or window[0] != AlertKind.ESCALATION]
            rows = (
                source.open_deadlines()
                .filter(_lacking_an_alert(source, applicable))
                .order_by()
                .values_list("pk", source.due_field)
            )
            Alert.objects.bulk_create(
                [
                    Alert(source=source.name, object_id=pk, kind=kind, step=step, due_date=due_date)
                    for pk, due_date in rows
                    for kind, step, lookups in applicable
                    if _in_window(due_date, lookups)
                ],
                ignore_conflicts=True,
                batch_size=1000,
            )
    return list(Alert.objects.filter(delivered_at__isnull=True).values_list("pk", flat=True))


@transaction.atomic
def deliver_alert(*, alert_id):
    """Send one alert's notices and record it delivered; a second call does nothing.

    The row lock (skipped if another worker holds it) and the delivered mark in
    the same transaction make this once-only; the emails leave after commit.
    """
    alert = Alert.objects.select_for_update(skip_locked=True).filter(pk=alert_id, delivered_at__isnull=True).first()
    if alert is None:
        return False
    source = SOURCES.get(alert.source)
    if source is not None:
        row = source.open_deadlines().filter(pk=alert.object_id).first()
        # A deadline met or closed since the scan needs no notice any more.
        if row is not None:
            source.deliver(alert, row)
    alert.delivered_at = timezone.now()
    alert.save(update_fields=["delivered_at"])
    return True
