"""The daily deadline scan at national scale, against one hand-written SELECT finding the same deadlines to act on.

On the generated province (bench/common.py: the database danvan_bench_<N>, default 1,000,000 petitions, data
up to Friday 20/11/2026), with the clock set to each scan's day (time-machine; some sources read today's
date themselves): danvan.alerts.services.scan_deadlines runs once on 20/11/2026 (the backlog: the generator
writes no alerts), the alerts are marked delivered as the delivery tasks would, and then the steady state is
timed: the scan of the next working day (Monday 23/11/2026), run several times, each in a savepoint rolled
back. The baseline is one SELECT over every registered source (petition deadlines, Art 38 request and report
deadlines, lapsed denunciations, enforcements, reception sessions, recommendations and their written answers)
and every reminder and escalation window of the policy, finding the deadlines that lack that alert. The alerts
each scan run writes are checked equal to the SELECT's rows; the script stops if they are not.

Everything runs in one transaction rolled back at the end, so the database stays as generated.
Target: the steady-state scan ≤ 2 × the SELECT (issue 14).

Usage: bench/alerts_bench.py [--n N] [--runs R] [--explain]
"""

import argparse
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock

from common import explain_slowest, machine, report, use_generated

TARGET = 2.0
FIRST_DAY = date(2026, 11, 20)  # the generated data's last day, a Friday

OPEN = "('received', 'classified', 'accepted', 'verifying')"
# Every source's open items: (source, id, due date, whether it climbs the escalation ladder), due by the horizon.
CANDIDATES = f"""
    SELECT 'petition_deadline' AS source, d.id, d.due_date, true AS escalates
    FROM petitions_petitiondeadline d JOIN petitions_petition p ON p.id = d.petition_id
    WHERE d.is_current AND d.met_on IS NULL AND p.status IN {OPEN}
        AND d.stage NOT IN ('overdue_request', 'overdue_report') AND d.due_date <= %(horizon)s
    UNION ALL
    SELECT 'petition_overdue_report', d.id, d.due_date, true
    FROM petitions_petitiondeadline d JOIN petitions_petition p ON p.id = d.petition_id
    WHERE d.is_current AND d.met_on IS NULL AND p.status IN {OPEN}
        AND d.stage IN ('overdue_request', 'overdue_report') AND d.due_date <= %(horizon)s
    UNION ALL
    SELECT 'denunciation_lapse', d.id, d.due_date, true
    FROM petitions_petitiondeadline d JOIN petitions_petition p ON p.id = d.petition_id
    WHERE d.stage = 'resolution' AND d.is_current AND d.met_on IS NULL AND d.due_date < %(today)s
        AND p.kind = 'denunciation' AND p.status IN {OPEN}
        AND NOT EXISTS (SELECT 1 FROM petitions_overduereport r WHERE r.petition_id = d.petition_id)
    UNION ALL
    SELECT 'enforcement_due', e.id, e.due_date, true FROM petitions_enforcement e
    WHERE e.completed_on IS NULL AND e.due_date <= %(horizon)s
    UNION ALL
    SELECT 'reception_session', s.id, s.date, false FROM reception_receptionsession s
    WHERE s.status = 'planned' AND s.presiding_id IS NOT NULL AND s.date BETWEEN %(today)s AND %(horizon)s
    UNION ALL
    SELECT 'recommendation', r.id, r.due_date, true FROM supervision_recommendation r
    WHERE r.status IN ('not_started', 'in_progress', 'partly') AND r.due_date <= %(horizon)s
    UNION ALL
    SELECT 'written_answer', r.id, r.written_answer_due, true FROM supervision_recommendation r
    WHERE r.kind = 'commitment' AND r.written_answer_due <= %(horizon)s AND r.written_answer_on IS NULL"""

SELECT_SQL = f"""
WITH windows (kind, step, low, high, above) AS (SELECT * FROM unnest(
    %(kinds)s::varchar[], %(steps)s::int[], %(lows)s::date[], %(highs)s::date[], %(aboves)s::date[]
)),
candidates AS ({CANDIDATES})
SELECT c.source, c.id, w.kind, w.step, c.due_date
FROM candidates c JOIN windows w ON c.due_date <= w.high
    AND (w.low IS NULL OR c.due_date >= w.low) AND (w.above IS NULL OR c.due_date > w.above)
WHERE (w.kind = 'reminder' OR c.escalates) AND NOT EXISTS (
    SELECT 1 FROM alerts_alert a
    WHERE a.source = c.source AND a.object_id = c.id AND a.kind = w.kind AND a.step = w.step
)"""


def windows(policy, today, calendar):
    """(kind, step, low, high, above) of each reminder and escalation level on `today`, as the policy says.

    Reminder k: the deadline is between today and k working days ahead, and beyond the next smaller offset.
    Escalation level L: the deadline passed (level 1: by yesterday; level L: (L-1)·interval working days ago).
    """
    offsets = sorted({int(part) for part in policy.reminder_offsets.split(",") if part.strip()}, reverse=True)
    rows = []
    for index, offset in enumerate(offsets):
        high = calendar.add_working_days(today, offset) if offset else today
        above = None
        if index + 1 < len(offsets):
            following = offsets[index + 1]
            above = calendar.add_working_days(today, following) if following else today
        rows.append(("reminder", offset, today, high, above))
    for level in range(1, policy.escalation_levels + 1):
        if level == 1:
            high = today - timedelta(days=1)
        else:
            high = calendar.add_working_days(today, -(level - 1) * policy.escalation_interval)
        rows.append(("escalation", level, None, high, None))
    return rows


def select_params(policy, today, calendar):
    rows = windows(policy, today, calendar)
    kinds, steps, lows, highs, aboves = (list(column) for column in zip(*rows, strict=True))
    return {
        "kinds": kinds, "steps": steps, "lows": lows, "highs": highs, "aboves": aboves,
        "today": today, "horizon": max(highs),
    }  # fmt: skip


def hand_select(params):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(SELECT_SQL, params)
        return cursor.fetchall()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="petitions of the generated province")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each side (the median is kept)")
    parser.add_argument("--explain", action="store_true", help="also show the scan's slowest queries and the plan")
    args = parser.parse_args()
    use_generated(args.n)
    print(machine(), flush=True)

    import time_machine
    from django.db import connection, transaction
    from django.utils import timezone

    from danvan.alerts.models import Alert, AlertPolicy
    from danvan.alerts.services import scan_deadlines
    from danvan.workdays.calendar import WorkCalendar

    calendar = WorkCalendar()
    policy = AlertPolicy.current()
    next_day = calendar.add_working_days(FIRST_DAY, 1)
    zone = timezone.get_default_timezone()

    def at(day):  # the scan's hour on `day` (the beat schedule runs it in the morning)
        return time_machine.travel(datetime.combine(day, clock(6, 0), tzinfo=zone), tick=True)

    def alerts_after(last_id):
        rows = Alert.objects.filter(pk__gt=last_id).values_list("source", "object_id", "kind", "step", "due_date")
        return set(rows)

    def scan_in_savepoint(day):
        """One scan of `day`, rolled back: (seconds, the alerts it wrote)."""
        last_id = Alert.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        savepoint = transaction.savepoint()
        began = time.perf_counter()
        scan_deadlines(today=day)
        seconds = time.perf_counter() - began
        written = alerts_after(last_id)
        transaction.savepoint_rollback(savepoint)
        return seconds, written

    def check(rows, written, what):
        found = {(source, object_id, kind, step, due) for source, object_id, kind, step, due in rows}
        if found != written or len(found) != len(rows):
            print(
                f"{what}: the scan wrote {len(written)} alerts, the SELECT finds {len(rows)} rows;"
                f" only the scan: {sorted(written - found)[:5]}; only the SELECT: {sorted(found - written)[:5]}",
                file=sys.stderr,
            )
            sys.exit(1)

    with transaction.atomic():
        before = Alert.objects.count()
        with at(FIRST_DAY):
            first_params = select_params(policy, FIRST_DAY, calendar)
            backlog_rows = hand_select(first_params)
            seconds, written = scan_in_savepoint(FIRST_DAY)  # rolled back: the check of the backlog
            check(backlog_rows, written, f"backlog {FIRST_DAY:%d/%m/%Y}")
            began = time.perf_counter()
            scan_deadlines(today=FIRST_DAY)  # kept (until the final rollback): the state of the next day
            backlog = time.perf_counter() - began
            print(
                f"{args.n:,} petitions, {before:,} alerts before; backlog scan {FIRST_DAY:%d/%m/%Y}: "
                f"{backlog:.2f} s, {len(written):,} alerts (equal to the SELECT's rows)",
                flush=True,
            )
            # The delivery tasks mark each alert delivered; the scan's answer (the undelivered ids) is then short.
            Alert.objects.filter(delivered_at__isnull=True).update(delivered_at=timezone.now())
            same_day, again = scan_in_savepoint(FIRST_DAY)
            print(f"same day again: {same_day * 1000:.0f} ms, {len(again)} alerts", flush=True)
        with at(next_day):
            params = select_params(policy, next_day, calendar)
            rows = hand_select(params)
            scans = []
            for _run in range(args.runs + 1):
                seconds, written = scan_in_savepoint(next_day)
                check(rows, written, f"steady state {next_day:%d/%m/%Y}")
                scans.append(seconds)
            scan = statistics.median(scans[1:])  # the first run warms the caches
            selects = []
            for _run in range(args.runs + 1):
                began = time.perf_counter()
                hand_select(params)
                selects.append(time.perf_counter() - began)
            select = statistics.median(selects[1:])
            if args.explain:
                explain_slowest(f"steady-state scan {next_day:%d/%m/%Y}", lambda: scan_in_savepoint(next_day))
        print(
            f"steady state {next_day:%d/%m/%Y}: {len(rows):,} alerts to write (the scan's equal the SELECT's rows)",
            flush=True,
        )
        met = report(f"daily scan steady state at {args.n:,} vs one SELECT", scan, select, TARGET)
        transaction.set_rollback(True)
    connection.close()
    sys.exit(0 if met else 2)


if __name__ == "__main__":
    main()
