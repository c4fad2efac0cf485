"""The leaders' dashboard for a year at national scale, against today's full-scan SQL for the same figures.

On the generated province (bench/common.py: the database danvan_bench_<N>, default 1,000,000 petitions), as
its leader gen.p12.tinh.lanhdao1: the whole dashboard request for the year 2026 (15/12/2025 – 14/12/2026 with
the default cut-off day; the data end on 20/11/2026), in-process through django.test.Client, against
hand-written grouped SQL over the raw rows (petitions, their events and deadlines, ratings, reception sessions
and visits, recommendations, initiatives) computing every figure the page shows: the counts, the charts and
both hotspot lists. The page's figures are first checked equal to the SQL's; the script stops if they are not.

The norm figure (sessions presided in person / required) is not SQL: it is working-day arithmetic over the
officials' duties (reception.compliance), a few rows whatever N. It is checked against compliance_totals and
left out of the baseline's time, which is the SQL alone.

If `manage.py refresh_dashboard_summaries` exists, it runs first: with `--all` when the summary tables are
empty (a generated database made before them) or --refresh-all is given, else for the stale buckets only.
Target: dashboard ≤ 0.2 × the SQL (issue 14).

Usage: bench/dashboard_bench.py [--n N] [--runs R] [--refresh-all] [--time-anyway] [--explain]
"""

import argparse
import sys
import time

from common import PROVINCE_LEADER, explain_slowest, machine, median_seconds, report, static_from_finders, use_generated

TARGET = 0.2
YEAR = 2026

# The statuses of a petition still being handled (petitions.workflow.OPEN_STATUSES).
OPEN = "('received', 'classified', 'accepted', 'verifying')"
# Resolved (forms 01/KQGQ, 03/KQGQ): a resolution step on the timeline, closed since or not.
RESOLVED = "EXISTS (SELECT 1 FROM petitions_petitionevent e WHERE e.petition_id = p.id AND e.to_status = 'resolved')"
# Repeated (form 01/XLD): a duplicate, or a second-instance complaint.
REPEATED = "(p.status = 'duplicate' OR p.kind = 'complaint_2')"
# The units the user sees: those of their memberships and every unit below them (materialised paths). Read
# first, and the ids passed to each query as an array, so the planner knows how many petitions they hold.
SCOPE_SQL = """
SELECT u.id FROM orgunits_unit u
WHERE EXISTS (
    SELECT 1 FROM accounts_membership m JOIN orgunits_unit top ON top.id = m.unit_id
    WHERE m.user_id = %(user)s AND u.path LIKE top.path || '%%'
)"""

# Petitions received in the period: the counts (grouping set ()), the months, the units and the fields.
RECEIVED_SQL = f"""
SELECT GROUPING(month, p.handling_unit_id, p.category_id), month, p.handling_unit_id, p.category_id,
    count(*),
    count(*) FILTER (WHERE p.kind IN ('complaint_1', 'complaint_2')),
    count(*) FILTER (WHERE p.kind = 'denunciation'),
    count(*) FILTER (WHERE p.kind IN ('recommendation', 'feedback')),
    count(*) FILTER (WHERE p.accepted_date IS NOT NULL),
    count(*) FILTER (WHERE p.accepted_date IS NOT NULL AND r.petition_id IS NOT NULL),
    count(*) FILTER (WHERE p.is_group),
    count(*) FILTER (WHERE p.is_skipped_level),
    count(*) FILTER (WHERE {REPEATED}),
    count(*) FILTER (WHERE p.status = 'transferred'),
    count(*) FILTER (WHERE p.channel = 'voter_meeting'),
    count(*) FILTER (WHERE p.channel = 'voter_meeting' AND r.petition_id IS NOT NULL)
FROM petitions_petition p
LEFT JOIN (SELECT DISTINCT petition_id FROM petitions_petitionevent WHERE to_status = 'resolved') r
    ON r.petition_id = p.id,
LATERAL (SELECT to_char(p.received_date, 'MM/YYYY') AS month) m
WHERE p.handling_unit_id = ANY(%(units)s) AND p.received_date BETWEEN %(start)s AND %(end)s
GROUP BY GROUPING SETS ((), (month), (p.handling_unit_id), (p.category_id))"""

# Resolved cases whose current resolution deadline was met in the period: on time or late.
TIMELINESS_SQL = f"""
SELECT count(*) FILTER (WHERE d.met_on <= d.due_date),
    count(*) FILTER (WHERE d.met_on > d.due_date)
FROM petitions_petitiondeadline d JOIN petitions_petition p ON p.id = d.petition_id
WHERE p.handling_unit_id = ANY(%(units)s) AND d.stage = 'resolution' AND d.is_current
    AND d.met_on BETWEEN %(start)s AND %(end)s AND {RESOLVED}"""

# Now, whatever the period: open petitions, overdue (any current, unmet deadline past) and reported upwards
# (such a deadline escalated), and the hotspots by unit and by field (overdue, repeated, open group petitions).
NOW_SQL = f"""
WITH late AS (
    SELECT petition_id, bool_or(escalation_level >= 1) AS escalated FROM petitions_petitiondeadline
    WHERE is_current AND met_on IS NULL AND due_date < %(today)s GROUP BY petition_id
),
rows AS (
    SELECT p.handling_unit_id AS unit_id, p.category_id, p.status IN {OPEN} AS open,
        p.status IN {OPEN} AND late.petition_id IS NOT NULL AS overdue,
        p.status IN {OPEN} AND coalesce(late.escalated, false) AS escalated,
        {REPEATED} AS repeated, p.status IN {OPEN} AND p.is_group AS grp
    FROM petitions_petition p LEFT JOIN late ON late.petition_id = p.id
    WHERE p.handling_unit_id = ANY(%(units)s) AND (p.status IN {OPEN} OR {REPEATED})
)
SELECT g.*, u.name, c.name FROM (
    SELECT GROUPING(unit_id, category_id) AS grouping, unit_id, category_id,
        count(*) FILTER (WHERE open), count(*) FILTER (WHERE overdue), count(*) FILTER (WHERE escalated),
        count(*) FILTER (WHERE repeated), count(*) FILTER (WHERE grp)
    FROM rows GROUP BY GROUPING SETS ((), (unit_id), (category_id))
) g
LEFT JOIN orgunits_unit u ON u.id = g.unit_id LEFT JOIN petitions_category c ON c.id = g.category_id"""

# Ratings given in the period (by the local date), and those satisfied on all five scores.
SATISFACTION_SQL = """
SELECT count(*), count(*) FILTER (WHERE s.access >= 4 AND s.procedures >= 4 AND s.official >= 4
    AND s.result >= 4 AND s.feedback_handling >= 4)
FROM petitions_satisfactionrating s JOIN petitions_petition p ON p.id = s.petition_id
WHERE p.handling_unit_id = ANY(%(units)s)
    AND (s.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN %(start)s AND %(end)s"""

# Reception sessions hosted in the period by the units (held ones), their visits and the people received.
RECEPTION_SQL = """
WITH sessions AS (
    SELECT DISTINCT s.id, s.status FROM reception_receptionsession s
    JOIN reception_receptionsession_hosts h ON h.receptionsession_id = s.id
    WHERE h.unit_id = ANY(%(units)s) AND s.date BETWEEN %(start)s AND %(end)s
)
SELECT (SELECT count(*) FROM sessions WHERE status = 'held'), count(v.id), coalesce(sum(v.citizen_count), 0)
FROM reception_visit v WHERE v.session_id IN (SELECT id FROM sessions)"""

# Supervision recommendations due in the period (made by or addressed to the units): due and implemented;
# Dân vận khéo initiatives of the period's year: registered and exemplars.
SUPERVISION_SQL = """
SELECT count(*), count(*) FILTER (WHERE r.status = 'implemented'),
    (SELECT count(*) FROM supervision_initiative i WHERE i.unit_id = ANY(%(units)s) AND i.year = %(year)s),
    (SELECT count(*) FROM supervision_initiative i WHERE i.unit_id = ANY(%(units)s) AND i.year = %(year)s
        AND i.status IN ('exemplar', 'commended'))
FROM supervision_recommendation r
WHERE (r.body_id = ANY(%(units)s) OR r.addressed_to_id = ANY(%(units)s))
    AND r.due_date BETWEEN %(start)s AND %(end)s"""

QUERIES = [RECEIVED_SQL, TIMELINESS_SQL, NOW_SQL, SATISFACTION_SQL, RECEPTION_SQL, SUPERVISION_SQL]


def run_sql(params):
    """Every query's rows, in the order of QUERIES."""
    from django.db import connection

    results = []
    with connection.cursor() as cursor:
        cursor.execute(SCOPE_SQL, params)
        params = {**params, "units": [row[0] for row in cursor.fetchall()]}
        for sql in QUERIES:
            cursor.execute(sql, params)
            results.append(cursor.fetchall())
    return results


def _rate(part, whole):
    return round(100 * part / whole) if whole else None


def sql_figures(results, unit_names, category_names):
    """The page's figures from run_sql's rows, named as the dashboard's context names them."""
    received, timeliness, now, satisfaction, reception, supervision = results
    totals = next(row for row in received if row[0] == 7)
    (n, complaints, denunciations, recommendations, within, resolved, group, skipped, repeated, transferred,
     voters, voters_answered) = totals[4:]  # fmt: skip
    on_time, late = timeliness[0]
    now_totals = next(row for row in now if row[0] == 3)
    rated, satisfied = satisfaction[0]
    sessions_held, visits, people = reception[0]
    due, implemented, models, exemplars = supervision[0]

    def ranked(rows, labels):
        return sorted(((labels[key], count) for key, count in rows), key=lambda row: -row[1])

    def spots(rows):
        found = [
            {"pk": key, "name": name, "overdue": overdue, "repeated": rep, "group": grp,
             "weight": overdue + rep + grp}
            for key, name, overdue, rep, grp in rows
        ]  # fmt: skip
        return sorted((s for s in found if s["weight"]), key=lambda s: (-s["weight"], s["name"]))

    return {
        "petitions": {
            "received": n, "complaints": complaints, "denunciations": denunciations,
            "recommendations": recommendations, "within_competence": within, "resolved": resolved,
            "resolution_rate": _rate(resolved, within), "group": group, "skipped_level": skipped,
            "repeated": repeated, "transferred": transferred,
        },
        "timeliness": {"on_time_rate": _rate(on_time, on_time + late)},
        "now": {"overdue": now_totals[4], "escalated": now_totals[5]},
        "satisfaction": {"satisfied_rate": _rate(satisfied, rated)},
        "reception": {"sessions_held": sessions_held, "visits": visits, "people": people},
        "recommendations": {"implemented": implemented, "due": due},
        "voters": {"answered": voters_answered, "received": voters},
        "models": {"models": models, "exemplars": exemplars},
        "trend": sorted(((row[1], row[4]) for row in received if row[0] == 3), key=lambda row: row[0][3:] + row[0]),
        "units": ranked([(row[2], row[4]) for row in received if row[0] == 5], unit_names),
        "categories": ranked([(row[3], row[4]) for row in received if row[0] == 6], category_names),
        "hotspots": spots([(row[1], row[8], row[4], row[6], row[7]) for row in now if row[0] == 1]),
        "category_hotspots": spots([(row[2], row[9], row[4], row[6], row[7]) for row in now if row[0] == 2]),
    }  # fmt: skip


def _same_top(shown, ranked, what, problems):
    """The page shows the first len(shown) of `ranked` (label, n), largest first; rows tied at the cut may differ."""
    if [n for _label, n in shown] != [n for _label, n in ranked[: len(shown)]] or (len(shown) < min(10, len(ranked))):
        problems.append(f"{what}: page {shown} ≠ SQL {ranked[:10]}")
        return
    cut = shown[-1][1] if shown else None
    labels_above = {label for label, n in shown if n != cut}
    if labels_above != {label for label, n in ranked[: len(shown)] if n != cut}:
        problems.append(f"{what}: page {shown} ≠ SQL {ranked[:10]}")


def compare(context, expected, norm):
    """The differences between the page's figures and the SQL's (empty when identical)."""
    problems = []
    figures = context["figures"]
    for group, values in expected.items():
        if group in ("trend", "units", "categories", "hotspots", "category_hotspots"):
            continue
        for key, value in values.items():
            if figures[group][key] != value:
                problems.append(f"{group}.{key}: page {figures[group][key]!r} ≠ SQL {value!r}")
    for key in ("held", "required"):
        if figures["reception"][f"norm_{key}"] != norm[key]:
            problems.append(f"reception.norm_{key}: page {figures['reception'][f'norm_{key}']} ≠ {norm[key]}")
    charts = context["charts"]
    if [tuple(row) for row in charts["trend"]] != expected["trend"]:
        problems.append(f"trend: page {charts['trend']} ≠ SQL {expected['trend']}")
    _same_top([tuple(row) for row in charts["units"]], expected["units"], "chart by unit", problems)
    _same_top([tuple(row) for row in charts["categories"]], expected["categories"], "chart by field", problems)
    for name in ("hotspots", "category_hotspots"):
        keys = ("pk", "name", "overdue", "repeated", "group")
        shown = [tuple(spot[key] for key in keys) for spot in context[name]]
        wanted = [tuple(spot[key] for key in keys) for spot in expected[name][: len(shown)]]
        if shown != wanted or len(shown) < min(5, len(expected[name])):
            problems.append(f"{name}: page {shown} ≠ SQL {wanted}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="petitions of the generated province")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each side (the median is kept)")
    parser.add_argument("--explain", action="store_true", help="also show the page's slowest queries and the plan")
    parser.add_argument("--refresh-all", action="store_true", help="rebuild every dashboard summary first")
    parser.add_argument("--time-anyway", action="store_true", help="time it even if the figures differ (still fails)")
    args = parser.parse_args()
    use_generated(args.n)
    static_from_finders()
    print(machine(), flush=True)

    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command, get_commands
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment
    from django.utils import timezone

    from danvan.accounts.models import User
    from danvan.orgunits.selectors import units_visible_to
    from dashboard.models import ReportPolicy
    from dashboard.periods import period_for
    from petitions.models import Category
    from reception.compliance import compliance_totals
    from reception.models import ReceptionDuty

    if "refresh_dashboard_summaries" in get_commands():
        # A generated database made before the summary tables has them empty: rebuild them all (once; it is
        # long at 1,000,000). Otherwise bring the stale buckets up to date, as the periodic job does.
        summary_models = [m for m in apps.get_app_config("dashboard").get_models() if m is not ReportPolicy]
        rebuild = args.refresh_all or not any(model.objects.exists() for model in summary_models)
        began = time.perf_counter()
        call_command("refresh_dashboard_summaries", *(["--all"] if rebuild else []))
        print(f"refresh_dashboard_summaries{' --all' if rebuild else ''}: {time.perf_counter() - began:.1f} s")
    else:
        print("(no refresh_dashboard_summaries command: the dashboard reads the raw rows)", flush=True)

    leader = User.objects.get(username=PROVINCE_LEADER)
    period = period_for("year", YEAR, 1, ReportPolicy.current().cutoff_day)
    today = timezone.localdate()
    params = {"user": leader.pk, "start": period.start, "end": period.end, "today": today, "year": period.end.year}
    url = f"/dashboard/?period=year&year={YEAR}"
    client = Client()
    client.force_login(leader)

    # The check: one request with the test instrumentation (it records the template context), untimed.
    setup_test_environment()
    began = time.perf_counter()
    response = client.get(url)
    cold = time.perf_counter() - began
    assert response.status_code == 200, response.status_code
    context = response.context
    teardown_test_environment()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    units = units_visible_to(leader)
    unit_names = dict(units.values_list("pk", "name"))
    category_names = dict(Category.objects.values_list("pk", "name"))
    expected = sql_figures(run_sql(params), unit_names, category_names)
    norm = compliance_totals(ReceptionDuty.objects.filter(unit__in=units), period.start, period.end)
    problems = compare(context, expected, norm)
    print(
        f"dashboard {period.label} ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}) as {PROVINCE_LEADER}, "
        f"{args.n:,} petitions; now = {today:%d/%m/%Y}: {expected['petitions']['received']:,} received, "
        f"{expected['now']['overdue']:,} overdue now",
        flush=True,
    )
    if problems:
        print("FIGURES DIFFER between the dashboard and the full-scan SQL:", *problems, sep="\n  ", file=sys.stderr)
        if not args.time_anyway:
            sys.exit(1)
    else:
        print("figures identical: the page's and the full-scan SQL's (norm figure: compliance_totals)", flush=True)

    def request():
        assert client.get(url).status_code == 200

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        request()
    print(f"first request {cold * 1000:.0f} ms; {len(queries)} queries per request", flush=True)
    if args.explain:
        explain_slowest("dashboard request", request)
    page = median_seconds(request, runs=args.runs)
    baseline = median_seconds(lambda: run_sql(params), runs=args.runs)
    met = report(f"dashboard year {YEAR} at {args.n:,} vs full-scan SQL", page, baseline, TARGET)
    if problems:
        sys.exit("The figures differ (above): the time is not a result.")
    sys.exit(0 if met else 2)


if __name__ == "__main__":
    main()
