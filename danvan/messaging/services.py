"""Writing citizens' messages once, sending them once, and the citizen's choice to stop them."""

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.history.models import ChangeKind
from danvan.history.services import record_change
from danvan.text import without_diacritics

from .models import CitizenMessage, MessageChannel, MessageStatus, MessageSubscription, SmsDay, Stage
from .sms import get_sms_backend

logger = logging.getLogger(__name__)

# A claim older than this belongs to a worker that died mid-send.
STALE_CLAIM = timedelta(hours=1)
# After a failed send: retry after 5, 10, 20 … minutes, at most 6 hours apart; give up after MAX_ATTEMPTS.
FIRST_RETRY = timedelta(minutes=5)
LONGEST_RETRY = timedelta(hours=6)
MAX_ATTEMPTS = 8

NO_EMAIL = gettext_lazy("The citizen gave no e-mail address.")
NO_PHONE = gettext_lazy("The citizen gave no phone number.")
STOPPED = gettext_lazy("The citizen asked for no more messages about this petition.")
DAILY_LIMIT = gettext_lazy("The day's SMS limit was reached; it will be sent the next day.")


def _subscription_for(record):
    subscription, _created = MessageSubscription.objects.get_or_create(
        target_type=ContentType.objects.get_for_model(record), target_id=record.pk
    )
    return subscription


def message_citizen(*, record, followed, stage, event_id, reference, email, phone, context):
    """Write the stage's e-mail and SMS for the citizen who follows `followed` once; return the messages.

    `record` is where the step happened, `event_id` its history row, `reference` the code the citizen
    holds. A channel without an address, or a citizen who stopped the messages, gets a row that says
    so and sends nothing. Called inside the caller's transaction; sending is queued after it commits.
    """
    subscription = _subscription_for(followed)
    record_type = ContentType.objects.get_for_model(record)
    with translation.override(settings.LANGUAGE_CODE):
        context = {**context, "code": reference, "stage": stage, "stage_label": str(Stage(stage).label)}
        subject = render_to_string("messaging/subject.txt", context).strip()
        lines = render_to_string(f"messaging/stages/{stage}.txt", context).strip()
        texts = {
            MessageChannel.EMAIL: render_to_string("messaging/email.txt", {**context, "lines": lines}).strip(),
            MessageChannel.SMS: render_to_string("messaging/sms.txt", {**context, "lines": lines}).strip(),
        }
        stopped, no_email, no_phone = str(STOPPED), str(NO_EMAIL), str(NO_PHONE)
    if settings.SMS_WITHOUT_DIACRITICS:
        texts[MessageChannel.SMS] = without_diacritics(texts[MessageChannel.SMS])
    messages = []
    for channel, recipient, missing in (
        (MessageChannel.EMAIL, email, no_email),
        (MessageChannel.SMS, phone, no_phone),
    ):
        if subscription.is_stopped:
            status, note = MessageStatus.SKIPPED, stopped
        elif not recipient:
            status, note = MessageStatus.SKIPPED, missing
        else:
            status, note = MessageStatus.QUEUED, ""
        message, created = CitizenMessage.objects.get_or_create(
            target_type=record_type,
            target_id=record.pk,
            stage=stage,
            channel=channel,
            event_id=event_id,
            defaults={
                "subscription": subscription,
                "reference": reference,
                "recipient": recipient or "",
                "subject": subject[:255] if channel == MessageChannel.EMAIL else "",
                "text": texts[channel],
                "status": status,
                "status_note": note,
            },
        )
        if created and status == MessageStatus.QUEUED:
            transaction.on_commit(lambda pk=message.pk: _queue(pk))
        messages.append(message)
    return messages


def _queue(message_id):
    """Hand the message to a worker. With the broker down the step is already committed and must not answer
    as an error: the message stays queued and retry_citizen_messages sends it when the broker is back."""
    from .tasks import send_citizen_message

    try:
        send_citizen_message.delay(message_id)
    except Exception as error:  # kombu's OperationalError, a refused connection, a timeout
        logger.warning(
            "Citizen message %s not queued (%s); it stays queued for the retry job.", message_id, type(error).__name__
        )


def _next_day_start(now):
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time(7, 0)))


def _take_sms_allowance(now):
    """Count one SMS against today's limit; False when the limit is reached. One conditional UPDATE, so
    two workers cannot both take the last one."""
    limit = settings.SMS_DAILY_LIMIT
    if not limit:
        return True
    today = timezone.localdate(now)
    SmsDay.objects.get_or_create(day=today)
    return bool(SmsDay.objects.filter(day=today, count__lt=limit).update(count=F("count") + 1))


def deliver_citizen_message(*, message_id):
    """Send one message unless another worker has it, it went already, or it is not due; True if sent.

    The claim is one conditional UPDATE, so two workers (or a retried task) cannot both send. The
    message goes out outside any transaction; a failure releases the claim and schedules the next
    attempt with backoff for the periodic sweep."""
    now = timezone.now()
    due = Q(status=MessageStatus.QUEUED) & (Q(retry_at__isnull=True) | Q(retry_at__lte=now))
    stale = Q(status=MessageStatus.SENDING, claimed_at__lt=now - STALE_CLAIM)
    claimed = CitizenMessage.objects.filter(due | stale, pk=message_id).update(
        status=MessageStatus.SENDING, claimed_at=now
    )
    if not claimed:
        return False
    message = CitizenMessage.objects.select_related("subscription").get(pk=message_id)
    mine = CitizenMessage.objects.filter(pk=message_id, status=MessageStatus.SENDING)
    if message.subscription.is_stopped:
        with translation.override(settings.LANGUAGE_CODE):
            note = str(STOPPED)
        mine.update(status=MessageStatus.SKIPPED, status_note=note, claimed_at=None)
        return False
    if message.channel == MessageChannel.SMS and not _take_sms_allowance(now):
        with translation.override(settings.LANGUAGE_CODE):
            note = str(DAILY_LIMIT)
        mine.update(status=MessageStatus.QUEUED, status_note=note, claimed_at=None, retry_at=_next_day_start(now))
        return False
    try:
        if message.channel == MessageChannel.EMAIL:
            # The header names the message, so a mail server can tell a repeat.
            headers = {"X-Danvan-Citizen-Message": str(message.pk)}
            EmailMessage(message.subject, message.text, None, [message.recipient], headers=headers).send()
        else:
            get_sms_backend().send(to=message.recipient, text=message.text, reference=message.reference)
    except Exception as error:
        attempts = message.attempts + 1
        delay = min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)
        mine.update(
            status=MessageStatus.FAILED if attempts >= MAX_ATTEMPTS else MessageStatus.QUEUED,
            status_note=f"{type(error).__name__}: {error}"[:255],
            claimed_at=None,
            attempts=attempts,
            retry_at=timezone.now() + delay,
        )
        raise
    mine.update(
        status=MessageStatus.SENT, status_note="", attempts=F("attempts") + 1, sent_at=timezone.now(), retry_at=None
    )
    return True


@transaction.atomic
def stop_citizen_messages(*, followed):
    """The citizen asks for no more messages about `followed`; recorded in its history. No-op if already."""
    subscription = _subscription_for(followed)
    subscription = MessageSubscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.is_stopped:
        return subscription
    subscription.stopped_at = subscription.changed_at = timezone.now()
    subscription.save(update_fields=["stopped_at", "changed_at"])
    record_change(
        subscription,
        actor=None,
        kind=ChangeKind.STATUS,
        from_status="on",
        to_status="off",
        note=_("The citizen stopped the messages from the status page."),
    )
    return subscription


@transaction.atomic
def resume_citizen_messages(*, followed):
    """The citizen wants the messages again from the next step; recorded in its history. No-op if on."""
    subscription = _subscription_for(followed)
    subscription = MessageSubscription.objects.select_for_update().get(pk=subscription.pk)
    if not subscription.is_stopped:
        return subscription
    subscription.stopped_at = None
    subscription.changed_at = timezone.now()
    subscription.save(update_fields=["stopped_at", "changed_at"])
    record_change(
        subscription,
        actor=None,
        kind=ChangeKind.STATUS,
        from_status="off",
        to_status="on",
        note=_("The citizen asked for the messages again from the status page."),
    )
    return subscription


@transaction.atomic
def forget_citizen_message_recipients(*, record):
    """Blank the addresses and numbers the messages about `record` went to (for the retention rules that
    anonymise a closed petition's personal data); the texts carry none. Returns how many changed."""
    return (
        CitizenMessage.objects.filter(target_type=ContentType.objects.get_for_model(record), target_id=record.pk)
        .exclude(recipient="")
        .update(recipient="")
    )
