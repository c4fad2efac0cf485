"""Each message goes out once: under a second worker, a retried task, a broker outage, a failing gateway and
the day's SMS limit."""

import threading
from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import connection, connections
from django.utils import timezone

from danvan.history.models import Change
from danvan.messaging import selectors, services, tasks
from danvan.messaging.models import CitizenMessage, MessageChannel, MessageStatus, SmsDay
from danvan.messaging.sms import FileBackend
from petitions import citizen_messages
from petitions.models import EventKind
from tests.conftest import require_env

from .conftest import CITIZEN, committed

pytestmark = pytest.mark.django_db


def test_running_the_send_task_again_sends_nothing_twice(petition_of, mailoutbox, sms_files):
    petition_of()
    assert len(mailoutbox) == 1 and len(sms_files()) == 1
    for message in CitizenMessage.objects.all():
        tasks.send_citizen_message(message.pk)  # a second worker, or a retry, with the same id
        tasks.send_citizen_message.delay(message.pk)
        assert services.deliver_citizen_message(message_id=message.pk) is False
    tasks.retry_citizen_messages()
    assert len(mailoutbox) == 1 and len(sms_files()) == 1
    assert set(CitizenMessage.objects.values_list("status", "attempts")) == {(MessageStatus.SENT, 1)}


def test_writing_the_same_steps_messages_again_adds_none(petition_of, mailoutbox, sms_files):
    petition = petition_of()
    event = petition.events.get(kind=EventKind.RECEIVED)
    again = committed(citizen_messages.tell_citizen, petition=petition, event=event)
    assert [message.status for message in again] == [MessageStatus.SENT, MessageStatus.SENT]
    assert CitizenMessage.objects.count() == 2 and len(mailoutbox) == 1 and len(sms_files()) == 1


def test_a_second_worker_while_the_first_is_sending_sends_nothing(petition_of, mailoutbox, sms_files):
    """Worker B takes the same message while worker A is handing it to the gateway: B finds it claimed."""
    with mock.patch("danvan.messaging.services._queue"):  # written, not yet handed to a worker
        petition_of()
    sms = CitizenMessage.objects.get(channel=MessageChannel.SMS)
    real_send = FileBackend.send
    second_worker = []

    def send_while_another_worker_runs(backend, **kwargs):
        second_worker.append(services.deliver_citizen_message(message_id=sms.pk))
        tasks.send_citizen_message(sms.pk)
        return real_send(backend, **kwargs)

    with mock.patch.object(FileBackend, "send", send_while_another_worker_runs):
        assert services.deliver_citizen_message(message_id=sms.pk) is True
    assert second_worker == [False] and len(sms_files()) == 1
    sms.refresh_from_db()
    assert (sms.status, sms.attempts) == (MessageStatus.SENT, 1)


def deliver_in_threads(message_id, workers=4):
    """`workers` threads, each with its own database connection, deliver the same message at once."""
    barrier = threading.Barrier(workers)
    outcomes = []

    def worker():
        try:
            barrier.wait(timeout=10)
            outcomes.append(services.deliver_citizen_message(message_id=message_id))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("seeded_transactional_db")  # the roles, after an earlier transactional test's flush
def test_concurrent_workers_on_postgresql_send_once(petition_of, sms_files, mailoutbox):
    """Real concurrent connections: the conditional UPDATE lets one worker claim the message."""
    require_env("DATABASE_URL", "the concurrent claim is tested against PostgreSQL")
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL is not PostgreSQL")
    with mock.patch("danvan.messaging.services._queue"):
        petition_of()
    for message in CitizenMessage.objects.all():
        outcomes = deliver_in_threads(message.pk)
        assert sorted(outcomes) == [False, False, False, True]
    assert len(mailoutbox) == 1 and len(sms_files()) == 1


def test_a_broker_outage_leaves_the_messages_queued_for_the_retry_job(petition_of, mailoutbox, sms_files):
    with mock.patch("danvan.messaging.tasks.send_citizen_message.delay", side_effect=ConnectionRefusedError):
        petition = petition_of()  # the step itself is saved: no error reaches the official
    assert petition.pk and mailoutbox == [] and sms_files() == []
    assert set(CitizenMessage.objects.values_list("status", flat=True)) == {MessageStatus.QUEUED}
    assert selectors.citizen_message_ids_due() == []  # given ten minutes to be taken first
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(minutes=11)):
        tasks.retry_citizen_messages()
        tasks.retry_citizen_messages()
    assert len(mailoutbox) == 1 and len(sms_files()) == 1


def test_a_failing_gateway_is_retried_with_backoff_then_sent_once(petition_of, sms_files, time_machine):
    with mock.patch("danvan.messaging.sms.FileBackend.send", side_effect=OSError("gateway down")):
        petition_of()
        sms = CitizenMessage.objects.get(channel=MessageChannel.SMS)
        assert (sms.status, sms.attempts, sms.retry_at - timezone.now()) == (
            MessageStatus.QUEUED, 1, timedelta(minutes=5),
        )  # fmt: skip
        assert "gateway down" in sms.status_note
        time_machine.shift(timedelta(minutes=6))
        tasks.retry_citizen_messages()
        sms.refresh_from_db()
        assert sms.attempts == 2 and sms.retry_at - timezone.now() == timedelta(minutes=10)
    tasks.retry_citizen_messages()  # not due yet
    assert sms_files() == []
    time_machine.shift(timedelta(minutes=11))
    tasks.retry_citizen_messages()
    tasks.retry_citizen_messages()
    sms.refresh_from_db()
    assert (sms.status, sms.attempts, sms.status_note) == (MessageStatus.SENT, 3, "") and len(sms_files()) == 1


def test_a_message_that_keeps_failing_ends_as_failed(petition_of, time_machine):
    with mock.patch("danvan.messaging.sms.FileBackend.send", side_effect=OSError("gateway down")):
        petition_of()
        for _attempt in range(services.MAX_ATTEMPTS):
            time_machine.shift(timedelta(hours=7))
            tasks.retry_citizen_messages()
    sms = CitizenMessage.objects.get(channel=MessageChannel.SMS)
    assert (sms.status, sms.attempts) == (MessageStatus.FAILED, services.MAX_ATTEMPTS)


def test_the_daily_limit_keeps_extra_sms_queued_until_the_next_day(
    petition_of, settings, mailoutbox, sms_files, time_machine
):
    settings.SMS_DAILY_LIMIT = 2
    for _ in range(3):
        petition_of()
    assert len(sms_files()) == 2 and len(mailoutbox) == 3  # e-mail is not limited
    held = CitizenMessage.objects.get(channel=MessageChannel.SMS, status=MessageStatus.QUEUED)
    assert held.status_note == "Đã hết hạn mức SMS trong ngày; tin nhắn sẽ được gửi vào ngày hôm sau."
    assert timezone.localtime(held.retry_at).date() == date(2026, 3, 3)
    tasks.retry_citizen_messages()
    assert len(sms_files()) == 2 and SmsDay.objects.get(day=date(2026, 3, 2)).count == 2
    time_machine.move_to("2026-03-03 07:30 +0700", tick=False)
    tasks.retry_citizen_messages()
    held.refresh_from_db()
    assert held.status == MessageStatus.SENT and len(sms_files()) == 3
    assert SmsDay.objects.get(day=date(2026, 3, 3)).count == 1


def test_stopping_the_messages_stops_the_next_stages(petition_of, accept, mailoutbox, sms_files):
    petition = petition_of()
    committed(services.stop_citizen_messages, followed=petition)
    accept(petition)
    assert len(mailoutbox) == 1 and len(sms_files()) == 1
    skipped = CitizenMessage.objects.filter(stage="accepted")
    assert {(m.status, m.status_note) for m in skipped} == {
        (MessageStatus.SKIPPED, "Công dân đã đề nghị không nhận thêm tin nhắn về đơn này.")
    }
    # The choice is recorded in the subscription's history.
    choices = Change.objects.filter(content_type__model="messagesubscription", object_id=skipped[0].subscription_id)
    assert list(choices.values_list("to_status", flat=True)) == ["off"]


def test_a_message_queued_before_the_citizen_stopped_is_not_sent(petition_of, mailoutbox, sms_files):
    with mock.patch("danvan.messaging.services._queue"):
        petition = petition_of()
    services.stop_citizen_messages(followed=petition)
    for message in CitizenMessage.objects.all():
        services.deliver_citizen_message(message_id=message.pk)
    assert mailoutbox == [] and sms_files() == []
    assert set(CitizenMessage.objects.values_list("status", flat=True)) == {MessageStatus.SKIPPED}


def test_resuming_sends_the_next_stage_again(petition_of, accept, mailoutbox, sms_files):
    petition = petition_of(petitioners=[{**CITIZEN, "email": ""}])
    services.stop_citizen_messages(followed=petition)
    services.resume_citizen_messages(followed=petition)
    services.resume_citizen_messages(followed=petition)  # no-op: recorded once
    accept(petition)
    assert len(sms_files()) == 2 and mailoutbox == []
    choices = Change.objects.filter(content_type__model="messagesubscription").order_by("pk")
    assert list(choices.values_list("to_status", flat=True)) == ["off", "on"]


def test_the_recipients_can_be_forgotten_for_retention(petition_of):
    petition = petition_of()
    assert services.forget_citizen_message_recipients(record=petition) == 2
    assert set(CitizenMessage.objects.values_list("recipient", "status")) == {("", MessageStatus.SENT)}
