"""Creating notices, delivering their emails and marking them read."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import EmailStatus, Notification

logger = logging.getLogger(__name__)

# A claim older than this is taken to belong to a worker that died mid-send.
STALE_CLAIM = timedelta(hours=1)
# After a failed send: retry after 5, 10, 20 … minutes, at most 6 hours apart,
# and give up after MAX_EMAIL_ATTEMPTS (the notice stays in the inbox).
FIRST_RETRY = timedelta(minutes=5)
LONGEST_RETRY = timedelta(hours=6)
MAX_EMAIL_ATTEMPTS = 8


def notify(*, recipient, kind, key, title, body="", target=None, url="", email=True):
    """Create the notice for (recipient, key) once; return (notification, created).

    A second call with the same key returns the existing notice and sends
    nothing. The email, if any, is queued only after the caller's transaction
    commits.
    """
    if not email:
        status = EmailStatus.NOT_REQUESTED
    elif recipient.email:
        status = EmailStatus.PENDING
    else:
        status = EmailStatus.NO_ADDRESS
    defaults = {"kind": kind, "title": title[:255], "body": body, "url": url, "email_status": status}
    if target is not None:
        defaults["target_type"] = ContentType.objects.get_for_model(target)
        defaults["target_id"] = target.pk
    notification, created = Notification.objects.get_or_create(recipient=recipient, key=key, defaults=defaults)
    if created and status == EmailStatus.PENDING:
        transaction.on_commit(lambda: _queue_email(notification.pk))
    return notification, created


def _queue_email(notification_id):
    """Hand the email to a worker. With the broker down the change is already committed and must not
    answer as an error (the official would submit it again): the notice stays pending and
    retry_pending_notification_emails sends it when the broker is back."""
    from .tasks import send_notification_email

    try:
        send_notification_email.delay(notification_id)
    except Exception as error:  # kombu's OperationalError, a refused connection, a timeout
        logger.warning(
            "Email of notification %s not queued (%s); it stays pending for the retry job.",
            notification_id, type(error).__name__,
        )  # fmt: skip
        # Due at once: the retry job's next run queues it (it waits for untried ones otherwise).
        Notification.objects.filter(pk=notification_id, email_status=EmailStatus.PENDING).update(
            email_retry_at=timezone.now()
        )


def deliver_notification_email(*, notification_id):
    """Send the notice's email unless another worker has it or it went already.

    The claim is one conditional UPDATE, so two workers (or a retried task)
    cannot both send. The mail goes out outside any transaction; if sending
    fails the claim is released and the next attempt is scheduled for the
    periodic sweep, which is the only retry mechanism.
    """
    now = timezone.now()
    claimable = Q(email_status=EmailStatus.PENDING) | Q(
        email_status=EmailStatus.SENDING, email_claimed_at__lt=now - STALE_CLAIM
    )
    claimed = Notification.objects.filter(claimable, pk=notification_id).update(
        email_status=EmailStatus.SENDING, email_claimed_at=now
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "notification": notification,
                "recipient": notification.recipient,
                "link": _absolute(notification.url),
            }
            subject = render_to_string("emails/notification_subject.txt", context).strip()
            text = render_to_string("emails/notification.txt", context)
        # The header names the notice, so a mail server (and deploy/cluster-test) can tell a repeat.
        headers = {"X-Danvan-Notification": str(notification.pk)}
        EmailMessage(subject, text, None, [notification.recipient.email], headers=headers).send()
    except Exception:
        attempts = notification.email_attempts + 1
        delay = min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)
        Notification.objects.filter(pk=notification_id).update(
            email_status=EmailStatus.FAILED if attempts >= MAX_EMAIL_ATTEMPTS else EmailStatus.PENDING,
            email_claimed_at=None,
            email_attempts=attempts,
            email_retry_at=timezone.now() + delay,
        )
        raise
    Notification.objects.filter(pk=notification_id).update(email_status=EmailStatus.SENT, emailed_at=timezone.now())
    return True


def _absolute(url):
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.PORTAL_BASE_URL + url


@transaction.atomic
def mark_notification_read(*, notification, actor):
    """Mark one of the actor's notices read (no-op if it already is)."""
    Notification.objects.filter(pk=notification.pk, recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def mark_all_notifications_read(*, actor):
    """Mark every unread notice of the actor read; return how many changed."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())
