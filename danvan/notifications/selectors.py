"""Reads of notifications."""

from datetime import timedelta

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
    """Emails never attempted within `older_than`, or claimed but unfinished for `stuck_after`."""
    now = timezone.now()
    pending = Notification.objects.filter(email_status=EmailStatus.PENDING, created_at__lt=now - older_than)
    stuck = Notification.objects.filter(email_status=EmailStatus.SENDING, email_claimed_at__lt=now - stuck_after)
    return list(pending.values_list("pk", flat=True)) + list(stuck.values_list("pk", flat=True))
