from datetime import date

from celery import shared_task

from . import services


@shared_task
def scan_deadlines(today=None):
    """Daily: create today's reminders and escalations, then deliver each in its own task.

    `today` (ISO date) re-runs the scan of a day the beat missed, or of another day in a test."""
    for alert_id in services.scan_deadlines(today=date.fromisoformat(today) if today else None):
        deliver_alert.delay(alert_id)


# Idempotent (claim-once row), so a worker lost mid-task may safely run it again.
@shared_task(acks_late=True)
def deliver_alert(alert_id):
    """Deliver one alert; a retry or a second worker does nothing."""
    services.deliver_alert(alert_id=alert_id)
