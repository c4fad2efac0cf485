"""The real components: PostgreSQL, Redis, and a Celery worker and beat in their own processes.

Tests that need PostgreSQL or Redis skip with the reason when DATABASE_URL or
REDIS_URL is unset, and fail instead under CI, which always provides both.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from danvan.celery import app as celery_app
from danvan.notifications.models import EmailStatus, Notification
from danvan.notifications.services import notify
from tests.conftest import require_env
from tests.factories import UserFactory

ROOT = Path(settings.BASE_DIR)
SCRUBBED = {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DJANGO_DEBUG"}


def component_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env.update(
        DANVAN_ENV_FILE=str(tmp_path / "absent.env"),
        DANVAN_VAR_DIR=str(tmp_path / "var"),
        SECRET_KEY="component-test-secret-key-" + "x" * 30,
        DJANGO_SETTINGS_MODULE="danvan.settings",
    )
    env.update(extra)
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


class Worker:
    """A `celery worker` in its own process, its output in a file."""

    def __init__(self, env, log_path, concurrency=None):
        self.log_path = log_path
        self.log = log_path.open("w")
        pool = ["--pool", "prefork", "--concurrency", str(concurrency)] if concurrency else ["--pool", "solo"]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "danvan", "worker", *pool, "--loglevel", "INFO",
             "--without-mingle", "--without-gossip", "--without-heartbeat"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def output(self):
        return self.log_path.read_text()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def wait_for(predicate, timeout=60, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.django_db
@pytest.mark.services
def test_the_database_is_postgresql():
    require_env("DATABASE_URL", "the PostgreSQL tests need a server")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")


@pytest.mark.services
def test_the_cache_and_the_broker_are_redis():
    import redis

    url = require_env("REDIS_URL", "the Redis tests need a server")
    cache.set("component-probe", {"tỉnh": "Lai Châu"}, 30)
    client = redis.Redis.from_url(url)
    assert client.exists(cache.make_key("component-probe")) == 1
    assert cache.get("component-probe") == {"tỉnh": "Lai Châu"}
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=2)
        assert conn.transport.driver_type == "redis"


def test_embedded_default_worker_sends_a_queued_email_without_redis(tmp_path):
    """SQLite file + filesystem broker: a notice queued by the web side is emailed by the worker."""
    env = component_env(tmp_path)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(
        env, "shell", "-c",
        "from danvan.accounts.models import User\n"
        "from danvan.notifications.services import notify\n"
        "u = User.objects.create_user('hoa', 'hoa@example.gov.vn', 'x', full_name='Nguyễn Thị Hoa')\n"
        "notify(recipient=u, kind='test', key='k1', title='Đơn KN-0001 sắp đến hạn')\n",
    )  # fmt: skip
    queued = list((tmp_path / "var" / "celery" / "queue").iterdir())
    assert len(queued) == 1, "the task should wait in the filesystem queue"

    worker = Worker(env, tmp_path / "worker.log")
    try:
        status = "from danvan.notifications.models import Notification; print(Notification.objects.get().email_status)"
        wait_for(
            lambda: manage(env, "shell", "--verbosity", "0", "-c", status).strip() == EmailStatus.SENT,
            what="the email to be sent",
        )
        wait_for(lambda: "Đơn KN-0001 sắp đến hạn" in worker.output(), timeout=10, what="the console email")
    finally:
        worker.stop()


@pytest.mark.usefixtures("seeded_transactional_db")
@pytest.mark.services
def test_worker_on_redis_and_postgresql_sends_a_queued_email(tmp_path):
    require_env("DATABASE_URL", "the PostgreSQL tests need a server")
    redis_url = require_env("REDIS_URL", "the Redis tests need a server")
    db = connection.settings_dict
    test_database_url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    worker = Worker(component_env(tmp_path, DATABASE_URL=test_database_url, REDIS_URL=redis_url), tmp_path / "w.log")
    celery_app.conf.task_always_eager = False  # really go through Redis
    try:
        user = UserFactory(full_name="Phạm Quốc Bảo")
        notification, _created = notify(recipient=user, kind="test", key="k1", title="Được giao xử lý đơn TC-0007")

        def sent():
            notification.refresh_from_db()
            return notification.email_status == EmailStatus.SENT

        wait_for(sent, what="the worker to send the email")
        assert "Được giao xử lý đơn TC-0007" in worker.output()
        assert Notification.objects.count() == 1
    finally:
        worker.stop()


def test_embedded_beat_starts_without_redis(tmp_path):
    env = component_env(tmp_path)
    log_path = tmp_path / "beat.log"
    with log_path.open("w") as log:
        beat = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "danvan", "beat", "--loglevel", "INFO"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_for(lambda: "beat: Starting" in log_path.read_text(), timeout=30, what="beat to start")
            time.sleep(1)
            assert beat.poll() is None, log_path.read_text()
        finally:
            beat.terminate()
            beat.wait(timeout=20)
    output = log_path.read_text()
    assert "filesystem://" in output
    assert "Traceback" not in output
    assert (tmp_path / "var" / "celerybeat-schedule").exists() or any((tmp_path / "var").glob("celerybeat-schedule*"))


@pytest.mark.usefixtures("seeded_transactional_db")
@pytest.mark.services
def test_two_concurrent_scans_on_redis_and_postgresql_notify_and_email_once(tmp_path):
    """Two reminder scans at the same time on a real two-process worker: each notice once, each email once."""
    from datetime import timedelta

    from django.utils import timezone

    from danvan.accounts.roles import Role
    from danvan.alerts.models import Alert
    from danvan.alerts.tasks import scan_deadlines
    from danvan.orgunits.models import UnitKind
    from petitions import services as petition_services
    from petitions.models import Category, Petition, PetitionDeadline
    from tests.factories import UnitFactory

    require_env("DATABASE_URL", "the PostgreSQL tests need a server")
    redis_url = require_env("REDIS_URL", "the Redis tests need a server")
    unit = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE)
    leader = UserFactory(full_name="Đỗ Văn Long", roles=[Role.LEADER], units=[unit])
    handler = UserFactory(full_name="Lò Văn Tâm", roles=[Role.HANDLER], units=[unit])
    today = timezone.localdate()
    for days_late, summary in ((0, "Đơn đến hạn hôm nay"), (1, "Đơn quá hạn một ngày")):
        petition = petition_services.create_petition(
            actor=handler,
            data={
                "kind": "feedback", "channel": "post", "received_date": today - timedelta(days=20),
                "receiving_unit": unit, "category": Category.objects.first(), "summary": summary, "content": summary,
            },
            petitioners=[{"full_name": "Vàng Thị Mỷ"}],
        )  # fmt: skip
        due = today - timedelta(days=days_late)
        PetitionDeadline.objects.filter(pk=petition.deadline_id).update(due_date=due)
        Petition.objects.filter(pk=petition.pk).update(due_date=due, handler=handler)

    db = connection.settings_dict
    test_database_url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = component_env(tmp_path, DATABASE_URL=test_database_url, REDIS_URL=redis_url)
    worker = Worker(env, tmp_path / "worker.log", concurrency=2)
    celery_app.conf.task_always_eager = False
    try:
        wait_for(lambda: "ready." in worker.output(), timeout=60, what="the worker to start")
        scan_deadlines.delay()
        scan_deadlines.delay()

        def all_sent():
            notices = Notification.objects.all()
            return (
                Alert.objects.filter(delivered_at__isnull=False).count() == 2
                and notices.count() == 4
                and not notices.exclude(email_status=EmailStatus.SENT).exists()
            )

        wait_for(all_sent, timeout=90, what="both alerts delivered and their four emails sent")
        time.sleep(2)  # a duplicate would arrive now
        assert Alert.objects.count() == 2
        assert Notification.objects.count() == 4
        output = worker.output()
        for notice in Notification.objects.all():
            assert output.count(notice.title) == 2, notice.title  # one email each to the leader and the handler
        assert {n.recipient_id for n in Notification.objects.all()} == {leader.pk, handler.pk}
    finally:
        worker.stop()
