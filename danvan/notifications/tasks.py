from celery import shared_task

from . import selectors, services


@shared_task(autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=3600, max_retries=8)
def send_notification_email(notification_id):
    """Email one notification; safe to run twice (the claim is once only)."""
    services.deliver_notification_email(notification_id=notification_id)


@shared_task
def retry_pending_notification_emails():
    """Re-queue emails that were never attempted or whose sender died."""
    for notification_id in selectors.notification_ids_awaiting_email():
        send_notification_email.delay(notification_id)
