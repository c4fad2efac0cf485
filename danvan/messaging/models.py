"""Messages to citizens (e-mail and SMS) about the records they follow, each sent once.

The app knows nothing of petitions: a message points at its record through a generic key, and the
domain app says which step happened and what the citizen may be told (petitions/citizen_messages.py).
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The steps a citizen is told of."""

    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted for resolution")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    TRANSFERRED = "transferred", _("Transferred")
    EXTENDED = "extended", _("Deadline extended")
    ANSWERED = "answered", _("Resolved or answered")


class MessageChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Could not be sent")
    SKIPPED = "skipped", _("Not sent")


class MessageSubscription(models.Model):
    """Whether the citizen who follows a record wants its messages; one row per followed record.

    The record is the one the citizen looks up (after a transfer, the first of the chain), so
    stopping the messages stops them for every unit the case goes through."""

    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("kind of record"))
    target_id = models.PositiveBigIntegerField(_("record number"))
    target = GenericForeignKey("target_type", "target_id")
    stopped_at = models.DateTimeField(_("messages stopped at"), null=True, blank=True)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("message subscription")
        verbose_name_plural = _("message subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["target_type", "target_id"], name="subscription_unique_target"),
        ]

    def __str__(self):
        return f"{self.target_type_id}:{self.target_id}"

    @property
    def is_stopped(self):
        return self.stopped_at is not None


class CitizenMessage(models.Model):
    """One e-mail or SMS about one step of one record.

    The unique constraint on (record, stage, channel, event) is what makes each message exist
    once, however many times a service, a retry or a second worker tries to write it; the
    conditional UPDATE that claims it for sending is what makes it go out once."""

    subscription = models.ForeignKey(
        MessageSubscription, on_delete=models.PROTECT, related_name="messages", verbose_name=_("subscription")
    )
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind of record")
    )
    target_id = models.PositiveBigIntegerField(_("record number"))
    target = GenericForeignKey("target_type", "target_id")
    # The history row of the step: the same stage may happen twice (a second extension).
    event_id = models.PositiveBigIntegerField(_("step number"))
    reference = models.CharField(_("code"), max_length=40)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    channel = models.CharField(_("sent by"), max_length=10, choices=MessageChannel.choices)
    recipient = models.CharField(_("recipient"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED)
    # Why it is not sent (yet): no address, stopped by the citizen, the day's SMS limit, the last error.
    status_note = models.CharField(_("status note"), max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(_("being sent since"), null=True, blank=True)
    retry_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message to a citizen")
        verbose_name_plural = _("messages to citizens")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "stage", "channel", "event_id"],
                name="citizen_message_once_per_step",
            ),
        ]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="citizen_message_target_idx"),
            models.Index(fields=["status", "retry_at"], name="citizen_message_due_idx"),
        ]

    def __str__(self):
        return f"{self.reference} {self.stage} {self.channel}"

    @property
    def masked_recipient(self):
        """The address or number with its middle hidden: enough to tell which, not to copy it."""
        value = self.recipient
        if not value:
            return ""
        if "@" in value:
            name, _at, domain = value.partition("@")
            return f"{name[:1]}***@{domain}"
        return f"{value[:3]}****{value[-3:]}" if len(value) > 6 else "****"


class SmsDay(models.Model):
    """SMS handed to the gateway on one day, counted against SMS_DAILY_LIMIT."""

    day = models.DateField(_("day"), unique=True)
    count = models.PositiveIntegerField(_("SMS sent"), default=0)

    class Meta:
        verbose_name = _("SMS count of a day")
        verbose_name_plural = _("SMS counts by day")

    def __str__(self):
        return f"{self.day}: {self.count}"
