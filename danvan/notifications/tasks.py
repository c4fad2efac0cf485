import logging
from datetime import timedelta

from celery import shared_task

from . import selectors, services

logger = logging.getLogger(__name__)


# Acknowledged when done: a worker killed before sending gives it back to the queue (the claim keeps it once).
@shared_task(acks_late=True)
def send_notification_email(notification_id):
    """Email one notification; safe to run twice (the claim is once only).

    A failure is logged and left to retry_pending_notification_emails, which
    honours the backoff stored on the notification.
    """
    try:
        services.deliver_notification_email(notification_id=notification_id)
    except Exception:
        logger.exception("Email for notification %s failed; it will be retried.", notification_id)


@shared_task
def retry_pending_notification_emails(older_than_seconds=None):
    """Re-queue emails that were never attempted or whose sender died. By default a never-tried email waits
    10 minutes (its first task may still be on its way); an operator who knows a worker died can pass 0.
    Queueing one twice sends it once (the claim)."""
    kwargs = {} if older_than_seconds is None else {"older_than": timedelta(seconds=older_than_seconds)}
    for notification_id in selectors.notification_ids_awaiting_email(**kwargs):
        send_notification_email.delay(notification_id)
