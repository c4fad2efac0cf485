"""Records of the periodic jobs' runs, and the readiness checks built on them."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import JobRun

HEARTBEAT = "danvan.ops.tasks.heartbeat"
DAILY_SCAN = "danvan.alerts.tasks.scan_deadlines"
# The jobs whose runs are recorded: the heartbeat (the beat is alive and a worker runs what it sends) and
# the daily deadline scan (reminders and escalations went out today).
WATCHED = {HEARTBEAT, DAILY_SCAN}
# How old each record may be before /readyz calls the job late: the heartbeat runs every 5 minutes, the
# scan once a day at 6:00.
LATE_AFTER = {HEARTBEAT: timedelta(minutes=15), DAILY_SCAN: timedelta(hours=26)}


def job_started(task, **kwargs):
    with transaction.atomic():
        run, _ = JobRun.objects.select_for_update().get_or_create(task=task)
        JobRun.objects.filter(pk=run.pk).update(last_started_at=timezone.now(), runs=F("runs") + 1)


def job_ended(task, *, succeeded, error=None):
    now = timezone.now()
    if succeeded:
        JobRun.objects.update_or_create(task=task, defaults={"last_succeeded_at": now})
    else:
        JobRun.objects.update_or_create(
            task=task, defaults={"last_failed_at": now, "last_error": type(error).__name__ if error else ""}
        )
