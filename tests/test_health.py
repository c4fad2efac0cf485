"""/healthz and /readyz: what load balancers and monitoring read (danvan/ops)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.ops import services, views
from danvan.ops.models import JobRun
from danvan.ops.tasks import heartbeat

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readiness_reports_each_component_and_late_jobs(client):
    response = client.get(reverse("readyz"))
    body = response.json()
    assert response.status_code == 200
    assert body["checks"]["database"]["ok"] and body["checks"]["cache"]["ok"] and body["checks"]["broker"]["ok"]
    assert body["checks"]["replica"] == {"configured": False, "ok": True, "ms": body["checks"]["replica"]["ms"]}
    # Nothing has run yet: the beat and the daily scan are late, so the portal is degraded, not down.
    assert body["checks"]["beat"]["ok"] is False and body["checks"]["daily_scan"]["last_succeeded_at"] is None
    assert body["status"] == "degraded"


def test_a_run_of_the_heartbeat_and_of_the_scan_makes_the_portal_ready(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    heartbeat.apply()  # Celery's task signals record the run, as on a worker
    services.job_started(services.DAILY_SCAN)
    services.job_ended(services.DAILY_SCAN, succeeded=True)
    run = JobRun.objects.get(task=services.HEARTBEAT)
    assert run.runs == 1 and run.last_succeeded_at is not None
    body = client.get(reverse("readyz")).json()
    assert body["checks"]["beat"]["ok"] and body["checks"]["daily_scan"]["ok"]
    assert body["status"] == "ok"
    # A scan that last succeeded more than 26 hours ago is late again.
    JobRun.objects.filter(task=services.DAILY_SCAN).update(last_succeeded_at=timezone.now() - timedelta(hours=27))
    body = client.get(reverse("readyz")).json()
    assert body["checks"]["daily_scan"]["ok"] is False and body["status"] == "degraded"


def test_a_failed_run_is_recorded_by_its_error_class_only():
    services.job_ended(services.DAILY_SCAN, succeeded=False, error=ValueError("Nguyễn Văn A 012345678901"))
    run = JobRun.objects.get(task=services.DAILY_SCAN)
    assert run.last_failed_at is not None and run.last_error == "ValueError"


def test_without_the_database_readiness_fails_and_names_no_detail(client, monkeypatch):
    def refuse():
        raise ConnectionError("could not connect to server at 10.0.0.5 as danvan")

    monkeypatch.setattr(views, "_database", refuse)
    response = client.get(reverse("readyz"))
    assert response.status_code == 503 and response.json()["status"] == "fail"
    assert response.json()["checks"]["database"]["error"] == "ConnectionError"
    assert "10.0.0.5" not in response.content.decode() and "danvan" not in response.content.decode()


def test_a_cache_outage_degrades_but_keeps_the_portal_ready(client, monkeypatch):
    def refuse():
        raise ConnectionError("redis down")

    monkeypatch.setattr(views, "_cache", refuse)
    response = client.get(reverse("readyz"))
    assert response.status_code == 200 and response.json()["checks"]["cache"] == {
        "ok": False, "error": "ConnectionError", "ms": response.json()["checks"]["cache"]["ms"],
    }  # fmt: skip
    assert response.json()["status"] == "degraded"
