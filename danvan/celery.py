"""The Celery app and its beat schedule.

Configuration comes from Django settings (CELERY_* names). With REDIS_URL set the
broker is Redis; without it the broker is kombu's filesystem transport, which needs
no server, so the embedded default still runs a real worker and beat.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

app = Celery("danvan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# One entry per periodic job; each task is thin and calls a service.
app.conf.beat_schedule = {
    # Re-queue notification emails whose first attempt never ran (broker down at
    # commit time, worker crashed mid-send). Delivery itself is claim-once.
    "retry-pending-notification-emails": {
        "task": "danvan.notifications.tasks.retry_pending_notification_emails",
        "schedule": crontab(minute="*/10"),
    },
    # Reminders before every stored deadline and the escalation ladder after it
    # (danvan.alerts; petitions and later apps register their deadlines).
    "scan-deadlines": {
        "task": "danvan.alerts.tasks.scan_deadlines",
        "schedule": crontab(hour=6, minute=0),
    },
    # Each leader's morning email: overdue petitions and those due this week.
    "leader-digests": {
        "task": "petitions.tasks.send_leader_digests",
        "schedule": crontab(hour=6, minute=30),
    },
    # Reception sessions for the coming months from every schedule (idempotent).
    "materialise-reception-sessions": {
        "task": "reception.tasks.materialise_sessions",
        "schedule": crontab(hour=1, minute=0),
    },
    # The dashboard's buckets that changes marked stale, rebuilt ahead of the leaders' next read
    # (the read rebuilds them itself if this has not run yet).
    "refresh-dashboard-summaries": {
        "task": "dashboard.tasks.refresh_dashboard_summaries",
        "schedule": crontab(minute="*/5"),
    },
    # The dashboard's summaries rebuilt from the petitions, whatever was written without a signal
    # (bulk loads); the changes made through the services keep them current meanwhile.
    "rebuild-dashboard-summaries": {
        "task": "dashboard.tasks.rebuild_dashboard_summaries",
        "schedule": crontab(hour=3, minute=0),
    },
    # Proof of life for /readyz: the beat sends it, a worker runs it, its run is recorded (danvan.ops).
    "heartbeat": {
        "task": "danvan.ops.tasks.heartbeat",
        "schedule": crontab(minute="*/5"),
    },
    # Petitioners' personal data anonymised once the retention rules' years after closing have passed
    # (danvan.ops.retention); after the summaries' rebuild, in the quiet of the night.
    "apply-retention": {
        "task": "danvan.ops.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=30),
    },
    # Citizens' e-mail and SMS whose first attempt never ran (broker down), whose retry is due after a
    # failure, or that waited for the next day's SMS allowance. Delivery itself is claim-once.
    "retry-citizen-messages": {
        "task": "danvan.messaging.tasks.retry_citizen_messages",
        "schedule": crontab(minute="*/10"),
    },
    # Long exports (documents) older than DOCUMENTS_EXPORT_DAYS dropped; they can be asked for again.
    "delete-old-exports": {
        "task": "documents.tasks.delete_old_exports",
        "schedule": crontab(hour=2, minute=45),
    },
    # Expired sessions and old login logs, at night when nobody works.
    "purge-expired-login-data": {
        "task": "danvan.accounts.tasks.purge_expired_login_data",
        "schedule": crontab(hour=2, minute=30),
    },
}
