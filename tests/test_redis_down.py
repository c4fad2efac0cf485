"""With Redis down, officials and citizens keep working (danvan/cache.py, danvan/notifications): the rate
limits fall back to this process's memory and still limit; a notice whose email cannot be queued is kept
and sent by the retry job when the broker is back. On a real Redis: the server of REDIS_URL is not touched,
a closed port on loopback stands for the stopped server."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from danvan.cache import ResilientRedisCache
from danvan.notifications import services, tasks
from danvan.notifications.models import EmailStatus, Notification
from tests.factories import UserFactory

DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def down_cache():
    return ResilientRedisCache(DOWN, {"KEY_PREFIX": "t"})


def test_a_cache_with_redis_down_answers_from_memory_and_still_limits(down_cache):
    assert down_cache.get("missing") is None
    down_cache.set("k", "v", 30)
    assert down_cache.get("k") == "v"
    # What django-ratelimit does: add the counter, then increment it; the fourth try is over a limit of 3.
    counts = []
    for _ in range(4):
        if not down_cache.add("rl:lookup:1.2.3.4", 1, 60):
            counts.append(down_cache.incr("rl:lookup:1.2.3.4"))
        else:
            counts.append(1)
    assert counts == [1, 2, 3, 4]


@pytest.mark.django_db(transaction=True)
def test_a_notice_whose_email_cannot_be_queued_is_kept_and_sent_when_the_broker_is_back(
    monkeypatch, settings, time_machine
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    recipient = UserFactory(email="lanhdao@example.gov.vn")

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(tasks.send_notification_email, "delay", broker_down)
    with transaction.atomic():  # the official's step: its notice commits, the queueing fails after
        notification, created = services.notify(recipient=recipient, kind="info", key="k-1", title="Đơn mới")
    assert created
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.PENDING and mail.outbox == []
    # Known to be unqueued, it is due at the retry job's next run (not only 10 minutes after it was made).
    assert notification.email_retry_at is not None and notification.email_retry_at <= timezone.now()
    # The broker is back: the retry job (every 10 minutes) sends it, once.
    time_machine.move_to(timezone.now() + timedelta(seconds=30))
    monkeypatch.setattr(tasks.send_notification_email, "delay", lambda pk: tasks.send_notification_email(pk))
    tasks.retry_pending_notification_emails()
    tasks.retry_pending_notification_emails()
    assert len(mail.outbox) == 1 and Notification.objects.get().email_status == EmailStatus.SENT


@pytest.mark.django_db
def test_a_citizen_submits_online_with_redis_down_and_the_limit_still_holds(client, units, settings):
    from django.urls import reverse

    from petitions.models import Category, Kind, Petition

    settings.CACHES = {"default": {"BACKEND": "danvan.cache.ResilientRedisCache", "LOCATION": DOWN}}
    settings.SUBMISSION_RATE = "2/h"
    data = {
        "kind": Kind.RECOMMENDATION, "locality": units["committee"].parent.pk,
        "category": Category.objects.first().pk, "summary": "Kiến nghị sửa đường", "content": "Đường hỏng.",
    }  # fmt: skip
    assert client.post(reverse("submit"), data).status_code == 302  # kept, not an error page
    assert client.post(reverse("submit"), {**data, "summary": "Kiến nghị thứ hai"}).status_code == 302
    assert client.post(reverse("submit"), {**data, "summary": "Kiến nghị thứ ba"}).status_code == 429
    assert Petition.objects.count() == 2


@pytest.mark.django_db
def test_the_retry_job_can_be_told_to_send_every_pending_mail_now(monkeypatch, settings):
    """A worker killed between a notice's commit and the queueing of its mail leaves it pending, untried: the
    job takes it after 10 minutes, or at once when asked with 0 (an operator who knows a worker died)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    recipient = UserFactory(email="lanhdao@example.gov.vn")
    Notification.objects.create(recipient=recipient, kind="info", key="k-2", title="Đơn mới", email_status="pending")
    monkeypatch.setattr(tasks.send_notification_email, "delay", lambda pk: tasks.send_notification_email(pk))
    tasks.retry_pending_notification_emails()
    assert mail.outbox == []  # too fresh for the default wait
    tasks.retry_pending_notification_emails(0)
    tasks.retry_pending_notification_emails(0)
    assert len(mail.outbox) == 1 and Notification.objects.get().email_status == EmailStatus.SENT
