"""Health endpoints for load balancers and monitoring: JSON, no login, no personal data.

/healthz  the process answers (liveness): touches nothing else, so a database outage does not make a
          balancer restart every web process.
/readyz   the process can serve (readiness): the database answers; and, for monitoring, the cache, the
          broker, the replica's lag, and the age of the beat's heartbeat and of the last daily scan.
          503 only when the database does not answer, since every page needs it; the rest is reported
          as "degraded" with 200, because the portal keeps answering without them (a cache outage falls
          back, a late beat delays reminders but serves every page).
"""

import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from danvan.db import REPLICA as REPLICA_ALIAS
from danvan.db import replica_lag

from . import services
from .models import JobRun


@login_not_required
@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


def _timed(check):
    start = time.perf_counter()
    try:
        result = check() or {}
        result.setdefault("ok", True)
    except Exception as error:  # a check reports what failed; never the message (it may hold a host or name)
        result = {"ok": False, "error": type(error).__name__}
    result["ms"] = round((time.perf_counter() - start) * 1000, 1)
    return result


def _database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    key = "readyz-probe"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        return {"ok": False, "error": "cache did not keep a value"}
    return None


def _broker():
    from danvan.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)
    return {"transport": app.conf.broker_url.split(":", 1)[0]}


def _replica():
    if REPLICA_ALIAS not in settings.DATABASES:
        return {"configured": False}
    with connections[REPLICA_ALIAS].cursor() as cursor:
        lag = replica_lag(cursor)
    if lag is None:
        return {"configured": True, "ok": False, "error": "not a standby"}
    lag = round(lag, 1)
    return {"configured": True, "ok": lag <= settings.REPLICA_MAX_LAG, "lag_seconds": lag}


def _jobs():
    runs = {run.task: run for run in JobRun.objects.filter(task__in=services.WATCHED)}
    now = timezone.now()
    report = {}
    for name, task in (("beat", services.HEARTBEAT), ("daily_scan", services.DAILY_SCAN)):
        run = runs.get(task)
        done = run.last_succeeded_at if run else None
        age = (now - done).total_seconds() if done else None
        report[name] = {
            "last_succeeded_at": done.isoformat() if done else None,
            "age_seconds": round(age) if age is not None else None,
            "ok": age is not None and age <= services.LATE_AFTER[task].total_seconds(),
            "last_failed_at": run.last_failed_at.isoformat() if run and run.last_failed_at else None,
        }
    return report


@login_not_required
@never_cache
@require_GET
def readyz(request):
    checks = {"database": _timed(_database)}
    if checks["database"]["ok"]:
        try:
            checks.update(_jobs())
        except Exception as error:  # the table missing before a migration, say
            checks["jobs"] = {"ok": False, "error": type(error).__name__}
    checks["cache"] = _timed(_cache)
    checks["broker"] = _timed(_broker)
    checks["replica"] = _timed(_replica)
    ready = checks["database"]["ok"]
    healthy = all(check.get("ok", True) for check in checks.values() if isinstance(check, dict))
    status = "ok" if healthy else "degraded" if ready else "fail"
    return JsonResponse({"status": status, "checks": checks}, status=200 if ready else 503)
