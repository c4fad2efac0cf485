"""The daily deadline scan over a large generated register, against one equivalent SQL query.

Builds a throw-away test database (SQLite in memory, or PostgreSQL when
DATABASE_URL is set), fills it with N petitions whose deadlines spread over
the year, runs danvan.alerts.services.scan_deadlines() once on a fresh alerts
table, and times a single hand-written SELECT that finds the same deadlines.
Prints both times and their ratio. Usage: bench/alerts_bench.py [N]
"""

import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
TODAY = date(2026, 3, 9)


def generate(count):
    from danvan.accounts.models import User
    from danvan.orgunits.models import UnitKind
    from danvan.orgunits.services import create_unit
    from petitions.models import Category, DeadlineRule, Petition, PetitionDeadline

    unit = create_unit(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE, level="commune")
    user = User.objects.create(username="bench", full_name="Bench")
    category = Category.objects.first()
    rule = DeadlineRule.objects.filter(stage="processing", kind="").first()
    batch = 5000
    for start in range(0, count, batch):
        size = min(batch, count - start)
        petitions = Petition.objects.bulk_create(
            Petition(
                code=f"DT-2026-{start + i:07d}", lookup_key="X" * 10, kind="feedback", channel="post",
                received_date=TODAY - timedelta(days=(start + i) % 200), receiving_unit=unit, handling_unit=unit,
                category=category, summary="Phản ánh", content="Phản ánh", created_by=user,
                # three in four are still open, with deadlines from 120 days ago to 60 days ahead
                status="received" if (start + i) % 4 else "closed",
                due_date=TODAY + timedelta(days=((start + i) * 7) % 180 - 120),
            )
            for i in range(size)
        )  # fmt: skip
        deadlines = PetitionDeadline.objects.bulk_create(
            PetitionDeadline(
                petition=p, stage="processing", rule=rule, complexity="normal",
                start_date=p.received_date, due_date=p.due_date,
            )
            for p in petitions
        )  # fmt: skip
        for petition, deadline in zip(petitions, deadlines, strict=True):
            petition.deadline = deadline
        Petition.objects.bulk_update(petitions, ["deadline"])


OPERATORS = {"__lte": "<=", "__gte": ">=", "__gt": ">"}


def equivalent_sql(windows):
    """The same selection as the scan, written by hand as one query over all windows."""
    conditions = []
    params = []
    for _kind, _step, lookups in windows:
        parts = []
        for suffix, value in lookups.items():
            parts.append(f"d.due_date {OPERATORS[suffix]} %s")
            params.append(value)
        conditions.append("(" + " AND ".join(parts) + ")")
    sql = (
        "SELECT d.id, d.due_date FROM petitions_petitiondeadline d "
        "JOIN petitions_petition p ON p.id = d.petition_id "
        "WHERE d.is_current AND d.met_on IS NULL "
        "AND p.status IN ('received', 'classified', 'accepted', 'verifying') "
        f"AND ({' OR '.join(conditions)})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def main():
    from danvan.alerts.models import Alert, AlertPolicy
    from danvan.alerts.services import _windows, scan_deadlines
    from danvan.workdays.calendar import WorkCalendar

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}; generating {N} petitions…")
        generate(N)
        policy = AlertPolicy.current()
        windows = list(_windows(policy, TODAY, WorkCalendar()))
        equivalent_sql(windows)  # warm the caches once for both

        Alert.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            scan_deadlines(today=TODAY)
            scan_seconds = time.perf_counter() - began
        alerts = Alert.objects.count()

        began = time.perf_counter()
        rows = equivalent_sql(windows)
        sql_seconds = time.perf_counter() - began

        # The next day: the steady state, where only the day's new reminders and levels are written.
        Alert.objects.update(delivered_at=timezone.now())
        next_day = TODAY + timedelta(days=1)
        with CaptureQueriesContext(connection) as next_queries:
            began = time.perf_counter()
            scan_deadlines(today=next_day)
            next_seconds = time.perf_counter() - began
        next_alerts = Alert.objects.count() - alerts
        began = time.perf_counter()
        equivalent_sql(list(_windows(policy, next_day, WorkCalendar())))
        next_sql_seconds = time.perf_counter() - began

        print(f"first scan (backlog):  {scan_seconds:.3f} s, {len(queries)} queries, {alerts} alerts written")
        print(f"  one equivalent SELECT finding {len(rows)} deadlines: {sql_seconds:.3f} s")
        print(f"  ratio scan/SELECT: {scan_seconds / sql_seconds:.1f}")
        print(f"next day (steady):     {next_seconds:.3f} s, {len(next_queries)} queries, {next_alerts} alerts written")
        print(f"  one equivalent SELECT: {next_sql_seconds:.3f} s")
        print(f"  ratio scan/SELECT: {next_seconds / next_sql_seconds:.1f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
