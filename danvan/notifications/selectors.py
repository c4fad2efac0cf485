"""Reads of notifications."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .models import EmailStatus, Notification


def notifications_for(user, *, unread_only=False):
    """The user's inbox, newest first."""
    qs = Notification.objects.filter(recipient=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def unread_count_for(user):
    """How many notices the user has not opened yet (one indexed COUNT)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_ids_awaiting_email(*, older_than=timedelta(minutes=10), stuck_after=timedelta(hours=1)):
    """Emails due for a (re)try: never attempted within `older_than`, past their retry
    time after a failure, or claimed by a worker that has not finished in `stuck_after`."""
    now = timezone.now()
    never_tried = Q(email_status=EmailStatus.PENDING, email_retry_at__isnull=True, created_at__lt=now - older_than)
    retry_due = Q(email_status=EmailStatus.PENDING, email_retry_at__lte=now)
    stuck = Q(email_status=EmailStatus.SENDING, email_claimed_at__lt=now - stuck_after)
    return list(Notification.objects.filter(never_tried | retry_due | stuck).values_list("pk", flat=True))
