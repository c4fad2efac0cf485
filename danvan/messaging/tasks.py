import logging

from celery import shared_task

from . import selectors, services

logger = logging.getLogger(__name__)


# Acknowledged when done, like officials' mails: a worker killed before sending gives it back (claimed once).
@shared_task(acks_late=True)
def send_citizen_message(message_id):
    """Send one citizen message; safe to run twice (the claim is once only).

    A failure is logged and left to retry_citizen_messages, which honours the backoff stored on the message.
    """
    try:
        services.deliver_citizen_message(message_id=message_id)
    except Exception:
        logger.exception("Citizen message %s failed; it will be retried.", message_id)


@shared_task
def retry_citizen_messages():
    """Re-queue messages never attempted, due for a retry, held by the day's SMS limit, or whose sender died."""
    for message_id in selectors.citizen_message_ids_due():
        send_citizen_message.delay(message_id)
