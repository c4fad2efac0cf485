"""Reads of citizens' messages."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from .models import CitizenMessage, MessageStatus, MessageSubscription


def messages_about(record):
    """The messages written about one record, oldest first (one query)."""
    return CitizenMessage.objects.filter(
        target_type=ContentType.objects.get_for_model(record), target_id=record.pk
    ).order_by("created_at", "pk")


def subscription_of(record):
    """The citizen's choice about messages for a record they follow, or None if never made or used."""
    return MessageSubscription.objects.filter(
        target_type=ContentType.objects.get_for_model(record), target_id=record.pk
    ).first()


def citizen_message_ids_due(*, older_than=timedelta(minutes=10), stuck_after=timedelta(hours=1)):
    """Messages due for a (re)try: never attempted within `older_than` (the broker was down), past their
    retry time (a failure, the day's SMS limit), or claimed by a worker that has not finished in `stuck_after`."""
    now = timezone.now()
    never_tried = Q(status=MessageStatus.QUEUED, retry_at__isnull=True, created_at__lt=now - older_than)
    retry_due = Q(status=MessageStatus.QUEUED, retry_at__lte=now)
    stuck = Q(status=MessageStatus.SENDING, claimed_at__lt=now - stuck_after)
    return list(CitizenMessage.objects.filter(never_tried | retry_due | stuck).values_list("pk", flat=True))
