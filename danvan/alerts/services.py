"""The daily deadline scan and the delivery of each alert, exactly once."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
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


def scan_deadlines(*, today=None):
    """Create the alerts due today for every registered source; return the ids still undelivered.

    Set-based: per source and window, one SELECT of the deadlines that lack
    that alert and one INSERT; the unique constraint absorbs a concurrent scan.
    """
    today = today or timezone.localdate()
    policy = AlertPolicy.current()
    calendar = WorkCalendar()
    for source in SOURCES.values():
        for kind, step, lookups in _windows(policy, today, calendar):
            if kind == AlertKind.ESCALATION and not source.escalates:
                continue
            already = Alert.objects.filter(source=source.name, kind=kind, step=step, object_id=OuterRef("pk"))
            due = {f"{source.due_field}{suffix}": value for suffix, value in lookups.items()}
            rows = source.open_deadlines().filter(**due).filter(~Exists(already)).values_list("pk", source.due_field)
            Alert.objects.bulk_create(
                [
                    Alert(source=source.name, object_id=pk, kind=kind, step=step, due_date=due_date)
                    for pk, due_date in rows
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
