"""The leaders' dashboard over a large generated register, against the equivalent hand-written SQL.

Builds a throw-away test database (PostgreSQL when DATABASE_URL is set, else
SQLite in memory), fills it with N petitions spread over 40 commune committees
of one province, a year of received dates, all kinds and states, and the
resolution deadlines met on time or late. Then times, as the median of a few
runs: the whole dashboard request (figures, charts, hotspots, template) as the
province's leader, and the same figures computed by hand-written grouped SQL
run directly. Prints both times and their ratio (target: within 2×).
Usage: bench/dashboard_bench.py [N]
"""

import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
RUNS = 5
YEAR = 2026
TODAY = date(YEAR, 11, 20)
KINDS = ["complaint_1", "complaint_2", "denunciation", "recommendation", "feedback"]
STATUSES = ["received", "accepted", "verifying", "resolved", "closed", "transferred", "guided", "duplicate"]


def generate(count):
    from django.contrib.auth.models import Group

    from danvan.accounts.models import Membership, User
    from danvan.accounts.roles import Role
    from danvan.orgunits.models import UnitKind
    from danvan.orgunits.services import create_unit
    from petitions.models import Category, DeadlineRule, Petition, PetitionDeadline, PetitionEvent

    province = create_unit(name="Tỉnh Lai Châu", kind=UnitKind.PROVINCE, level="province")
    communes = [
        create_unit(name=f"UBND xã {i:02d}", kind=UnitKind.PEOPLE_COMMITTEE, level="commune", parent=province)
        for i in range(40)
    ]
    leader = User.objects.create(username="lanhdao", full_name="Lãnh đạo")
    leader.groups.add(Group.objects.get(name=Role.LEADER))
    Membership.objects.create(user=leader, unit=province, is_primary=True)
    clerk = User.objects.create(username="bench", full_name="Bench")
    categories = list(Category.objects.all()[:8])
    rule = DeadlineRule.objects.filter(stage="resolution").first()
    batch = 5000
    for start in range(0, count, batch):
        size = min(batch, count - start)
        rows = []
        for i in range(start, start + size):
            unit = communes[(i * 7) % len(communes)]
            received = date(YEAR, 1, 1) + timedelta(days=i % 330)
            status = STATUSES[i % len(STATUSES)]
            accepted = (
                received + timedelta(days=10) if status in ("accepted", "verifying", "resolved", "closed") else None
            )
            rows.append(
                Petition(
                    code=f"DT-{YEAR}-{i:07d}", lookup_key="X" * 10, kind=KINDS[i % len(KINDS)], channel="post",
                    received_date=received, receiving_unit=unit, handling_unit=unit,
                    category=categories[i % len(categories)], summary="Đơn", content="Đơn", created_by=clerk,
                    status=status, is_group=i % 13 == 0, is_skipped_level=i % 17 == 0,
                    accepted_date=accepted,
                    due_date=received + timedelta(days=45),
                )
            )  # fmt: skip
        petitions = Petition.objects.bulk_create(rows)
        deadlines = PetitionDeadline.objects.bulk_create(
            PetitionDeadline(
                petition=p, stage="resolution", rule=rule, complexity="normal", start_date=p.received_date,
                due_date=p.due_date, escalation_level=1 if n % 3 == 0 else 0,
                met_on=(p.due_date + timedelta(days=(n % 20) - 14)) if p.status in ("resolved", "closed") else None,
            )
            for n, p in enumerate(petitions)
        )  # fmt: skip
        for petition, deadline in zip(petitions, deadlines, strict=True):
            petition.deadline = deadline
        Petition.objects.bulk_update(petitions, ["deadline"])
        # Resolved means a resolution step on the timeline (see petitions.selectors.resolved_condition).
        PetitionEvent.objects.bulk_create(
            PetitionEvent(petition=p, kind="resolved", from_status="verifying", to_status="resolved", actor=clerk)
            for p in petitions
            if p.status in ("resolved", "closed")
        )
    return leader, province


SCOPE = "handling_unit_id IN (SELECT id FROM orgunits_unit WHERE path LIKE %s)"
RANGE = "received_date BETWEEN %s AND %s"
OPEN = "('received', 'classified', 'accepted', 'verifying')"
# The definitions of petitions.selectors: resolved = a resolution step on the timeline; overdue (and reported
# upwards) = open with any open, current deadline past (and escalated); repeated = duplicate or second instance.
# Hotspots: the dashboard reads open or repeated petitions grouped, and ranks the groups in Python.
RESOLVED = "EXISTS (SELECT 1 FROM petitions_petitionevent e WHERE e.petition_id = p.id AND e.to_status = 'resolved')"
LATE = (
    "p.id IN (SELECT d.petition_id FROM petitions_petitiondeadline d WHERE d.is_current"
    " AND d.met_on IS NULL AND d.due_date < %s{})"
)
OVERDUE = f"(p.status IN {OPEN} AND {LATE.format('')})"
ESCALATED = f"(p.status IN {OPEN} AND {LATE.format(' AND d.escalation_level >= 1')})"
REPEATED = "(p.status = 'duplicate' OR p.kind = 'complaint_2')"


def hand_sql(prefix, start, end, today):
    """The dashboard's petition figures, charts and hotspots as hand-written grouped SQL."""
    scoped = [prefix, start, end]
    queries = [
        (
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE kind IN ('complaint_1','complaint_2')),"
            " COUNT(*) FILTER (WHERE kind = 'denunciation'),"
            " COUNT(*) FILTER (WHERE kind IN ('recommendation','feedback')),"
            " COUNT(*) FILTER (WHERE accepted_date IS NOT NULL),"
            f" COUNT(*) FILTER (WHERE accepted_date IS NOT NULL AND {RESOLVED}),"
            " COUNT(*) FILTER (WHERE is_group), COUNT(*) FILTER (WHERE is_skipped_level),"
            f" COUNT(*) FILTER (WHERE {REPEATED}),"
            " COUNT(*) FILTER (WHERE status = 'transferred'), COUNT(*) FILTER (WHERE status = 'guided')"
            f" FROM petitions_petition p WHERE {SCOPE} AND {RANGE}",
            scoped,
        ),
        (
            "SELECT COUNT(*) FILTER (WHERE d.met_on <= d.due_date), COUNT(*) FILTER (WHERE d.met_on > d.due_date)"
            " FROM petitions_petitiondeadline d JOIN petitions_petition p ON p.id = d.petition_id"
            f" WHERE p.{SCOPE} AND d.stage = 'resolution' AND d.is_current AND d.met_on BETWEEN %s AND %s"
            f" AND {RESOLVED}",
            scoped,
        ),
        (
            f"SELECT COUNT(*), COUNT(*) FILTER (WHERE {OVERDUE}), COUNT(*) FILTER (WHERE {ESCALATED})"
            f" FROM petitions_petition p WHERE p.{SCOPE} AND p.status IN {OPEN}",
            [today, today, prefix],
        ),
        (
            "SELECT date_trunc('month', received_date) AS m, COUNT(*) FROM petitions_petition"
            f" WHERE {SCOPE} AND {RANGE} GROUP BY m ORDER BY m",
            scoped,
        ),
        (
            "SELECT u.id, u.name, COUNT(*) AS n FROM petitions_petition p JOIN orgunits_unit u"
            f" ON u.id = p.handling_unit_id WHERE p.{SCOPE} AND p.{RANGE}"
            " GROUP BY u.id, u.name ORDER BY n DESC LIMIT 10",
            scoped,
        ),
        (
            "SELECT c.id, c.name, COUNT(*) AS n FROM petitions_petition p JOIN petitions_category c"
            f" ON c.id = p.category_id WHERE p.{SCOPE} AND p.{RANGE} GROUP BY c.id, c.name ORDER BY n DESC LIMIT 10",
            scoped,
        ),
        *[
            (
                f"SELECT * FROM (SELECT g.id, g.name,"
                f" COUNT(*) FILTER (WHERE {OVERDUE}) AS overdue,"
                f" COUNT(*) FILTER (WHERE {REPEATED}) AS repeated,"
                f" COUNT(*) FILTER (WHERE p.is_group AND p.status IN {OPEN}) AS grp"
                f" FROM petitions_petition p JOIN {table} g ON g.id = p.{column}"
                f" WHERE p.{SCOPE} AND (p.status IN {OPEN} OR {REPEATED})"
                " GROUP BY g.id, g.name) h WHERE overdue + repeated + grp > 0"
                " ORDER BY overdue + repeated + grp DESC, name LIMIT 5",
                [today, prefix],
            )
            for table, column in [("orgunits_unit", "handling_unit_id"), ("petitions_category", "category_id")]
        ],
        (
            "SELECT COUNT(*) FROM petitions_petition p"
            f" WHERE p.{SCOPE} AND p.received_date < %s AND NOT EXISTS (SELECT 1 FROM petitions_petitionevent e"
            f" WHERE e.petition_id = p.id AND e.created_at < %s AND e.to_status NOT IN ('', {OPEN[1:-1]}))",
            [prefix, start, start],
        ),
    ]
    results = []
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, params)
            results.append(cursor.fetchall())
    return results


def median_seconds(action):
    times = []
    for _run in range(RUNS):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main():
    from dashboard.models import ReportPolicy
    from dashboard.periods import period_for

    if connection.vendor != "postgresql":
        print("dashboard_bench: skipped, it needs DATABASE_URL set to PostgreSQL (the SQL uses FILTER and date_trunc)")
        return
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}; generating {N} petitions…")
        leader, province = generate(N)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        client = Client()
        client.force_login(leader)
        url = f"/dashboard/?period=year&year={YEAR}"
        period = period_for("year", YEAR, 1, ReportPolicy.current().cutoff_day)

        def request():
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        def direct():
            hand_sql(f"{province.path}%", period.start, period.end, TODAY)

        request(), direct()  # warm the caches once for both
        queries = []

        def timed(execute, sql, *args):
            began = time.perf_counter()
            try:
                return execute(sql, *args)
            finally:
                queries.append((time.perf_counter() - began, sql))

        with connection.execute_wrapper(timed):
            request()
        dashboard_seconds = median_seconds(request)
        sql_seconds = median_seconds(direct)
        print(
            f"dashboard request ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}):"
            f" {dashboard_seconds:.3f} s, {len(queries)} queries"
        )
        print(f"  equivalent hand-written SQL (9 queries): {sql_seconds:.3f} s")
        print(f"  ratio dashboard/SQL: {dashboard_seconds / sql_seconds:.2f} (target ≤ 2)")
        print("slowest queries of the dashboard request:")
        for seconds, sql in sorted(queries, reverse=True)[:4]:
            print(f"  {seconds:.3f} s  {sql[:110]}…")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
