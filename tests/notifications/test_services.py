from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.test import TestCase
from django.utils import timezone

from danvan.notifications import selectors, services, tasks
from danvan.notifications.models import EmailStatus, Notification
from danvan.orgunits.models import UnitKind
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def notify(user, key="petition:1:reminder:5wd", **kwargs):
    """services.notify, then the on-commit hooks as a real commit would run them."""
    defaults = {"kind": "deadline_reminder", "title": "Đơn KN-2026-0001 còn 5 ngày làm việc", "url": "/"}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.notify(recipient=user, key=key, **{**defaults, **kwargs})


def test_the_same_key_gives_one_notice_and_one_email(mailoutbox):
    user = UserFactory()
    first, created = notify(user)
    again, created_again = notify(user, title="Tiêu đề khác")
    assert created and not created_again
    assert first.pk == again.pk
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    assert "Đơn KN-2026-0001 còn 5 ngày làm việc" in mailoutbox[0].subject
    assert mailoutbox[0].extra_headers["X-Danvan-Notification"] == str(first.pk)  # a repeat is recognisable
    first.refresh_from_db()
    assert first.email_status == EmailStatus.SENT
    assert first.emailed_at is not None


def test_the_email_links_back_to_the_portal(mailoutbox, settings):
    settings.PORTAL_BASE_URL = "https://danvan.laichau.gov.vn"
    notify(UserFactory(full_name="Phạm Quốc Bảo"), url="/notifications/")
    body = mailoutbox[0].body
    assert "Phạm Quốc Bảo" in body
    assert "https://danvan.laichau.gov.vn/notifications/" in body
    assert "&amp;" not in body


def test_same_key_for_another_recipient_is_another_notice():
    notify(UserFactory())
    notify(UserFactory())
    assert Notification.objects.count() == 2


def test_target_object_is_recorded():
    unit = UnitFactory(kind=UnitKind.PEOPLE_COMMITTEE)
    notification, _created = notify(UserFactory(), target=unit)
    assert Notification.objects.get(pk=notification.pk).target == unit


def test_no_email_without_an_address_or_when_not_asked(mailoutbox):
    no_address, _ = notify(UserFactory(email=""))
    not_asked, _ = notify(UserFactory(), email=False)
    assert no_address.email_status == EmailStatus.NO_ADDRESS
    assert not_asked.email_status == EmailStatus.NOT_REQUESTED
    assert mailoutbox == []


def test_email_is_queued_only_when_the_transaction_commits(mailoutbox, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            services.notify(recipient=user, key="k", kind="test", title="Thông báo thử")
        assert mailoutbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1


def test_delivering_twice_sends_once(mailoutbox):
    notification, _ = notify(UserFactory(), email=False)
    Notification.objects.filter(pk=notification.pk).update(email_status=EmailStatus.PENDING)
    assert services.deliver_notification_email(notification_id=notification.pk) is True
    assert services.deliver_notification_email(notification_id=notification.pk) is False
    tasks.send_notification_email(notification.pk)
    assert len(mailoutbox) == 1


def test_a_failed_send_releases_the_claim_for_a_retry(mailoutbox):
    notification, _ = notify(UserFactory(), email=False)
    Notification.objects.filter(pk=notification.pk).update(email_status=EmailStatus.PENDING)
    failing_smtp = mock.patch("danvan.notifications.services.EmailMessage.send", side_effect=OSError("SMTP down"))
    with failing_smtp, pytest.raises(OSError):
        services.deliver_notification_email(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.PENDING
    assert notification.email_attempts == 1
    assert notification.email_retry_at > timezone.now()
    # Not due yet: the sweep leaves it alone.
    assert notification.pk not in selectors.notification_ids_awaiting_email()
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert notification.pk in selectors.notification_ids_awaiting_email()
    assert services.deliver_notification_email(notification_id=notification.pk) is True
    assert len(mailoutbox) == 1


def test_after_the_last_attempt_the_email_is_given_up(mailoutbox):
    notification, _ = notify(UserFactory(), email=False)
    Notification.objects.filter(pk=notification.pk).update(
        email_status=EmailStatus.PENDING, email_attempts=services.MAX_EMAIL_ATTEMPTS - 1
    )
    failing_smtp = mock.patch("danvan.notifications.services.EmailMessage.send", side_effect=OSError("SMTP down"))
    with failing_smtp, pytest.raises(OSError):
        services.deliver_notification_email(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.FAILED
    assert notification.pk not in selectors.notification_ids_awaiting_email()


def test_the_task_logs_a_failure_instead_of_retrying_itself(mailoutbox, caplog):
    notification, _ = notify(UserFactory(), email=False)
    Notification.objects.filter(pk=notification.pk).update(email_status=EmailStatus.PENDING)
    with mock.patch("danvan.notifications.services.EmailMessage.send", side_effect=OSError("SMTP down")):
        tasks.send_notification_email(notification.pk)
    assert "will be retried" in caplog.text


def test_sweeper_requeues_old_pending_and_stuck_emails(mailoutbox):
    user = UserFactory()
    with time_machine.travel(timezone.now() - timedelta(hours=3)):
        old, _ = notify(user, key="old", email=False)
        stuck, _ = notify(user, key="stuck", email=False)
    fresh, _ = notify(user, key="fresh", email=False)
    Notification.objects.filter(pk__in=[old.pk, fresh.pk]).update(email_status=EmailStatus.PENDING)
    Notification.objects.filter(pk=stuck.pk).update(
        email_status=EmailStatus.SENDING, email_claimed_at=timezone.now() - timedelta(hours=2)
    )

    tasks.retry_pending_notification_emails()

    assert len(mailoutbox) == 2
    statuses = dict(Notification.objects.values_list("key", "email_status"))
    assert statuses == {"old": EmailStatus.SENT, "stuck": EmailStatus.SENT, "fresh": EmailStatus.PENDING}


def test_mark_read():
    user = UserFactory()
    first, _ = notify(user, key="a", email=False)
    notify(user, key="b", email=False)
    services.mark_notification_read(notification=first, actor=user)
    first.refresh_from_db()
    assert first.is_read
    assert services.mark_all_notifications_read(actor=user) == 1
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_only_the_recipient_can_mark_read():
    owner, stranger = UserFactory(), UserFactory()
    notification, _ = notify(owner, email=False)
    services.mark_notification_read(notification=notification, actor=stranger)
    notification.refresh_from_db()
    assert not notification.is_read
    assert len(mail.outbox) == 0
