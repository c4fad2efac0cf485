"""What the benchmarks share: a generated province in its own PostgreSQL database, kept between runs, and
the way each figure is timed and printed.

A benchmark over N petitions runs on the database `danvan_bench_<N>` beside the one in DATABASE_URL (same
server and role). The first run makes it (migrate, then `manage.py generate_petitions N` with the seed and
the day below); later runs migrate it (a new index or table lands there
too) and reuse it when it holds the N petitions. 1,000,000 petitions take about 20 minutes to make here.

Usage in a script, before anything imports Django's models:

    from common import use_generated
    use_generated(100_000)          # makes or reuses danvan_bench_100000, then django.setup()

A database still being made by another process (it has other connections) is never dropped: the script
stops and says so. Two benchmarks asking for the same N at once take turns (a lock file per database).

Every `report()` line is also kept; with `json_mode()` the lines go to stderr and `print_json()` writes
them to stdout as one JSON object (bench/growth_bench.py runs each N in its own process and reads it).
"""

import fcntl
import json
import os
import statistics
import subprocess
import sys
import time
import warnings
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

SEED = 1
TODAY = date(2026, 11, 20)
YEARS = 2
# The generated officials log in with this (the throughput and memory benchmarks go through a real server).
PASSWORD = "Bench-2026-danvan"
PROVINCE_LEADER = "gen.p12.tinh.lanhdao1"


def _server_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("The benchmarks run on PostgreSQL: set DATABASE_URL=postgres://user:password@host:port/name.")
    return urlsplit(url)


def bench_url(count):
    """The DATABASE_URL of the generated database for `count` petitions."""
    return urlunsplit(_server_url()._replace(path=f"/danvan_bench_{count}"))


def _psql(url, sql):
    """One statement as the role of DATABASE_URL, on the database of `url`; its output (tuples only)."""
    parts = urlsplit(url)
    env = {**os.environ, "PGPASSWORD": parts.password or ""}
    args = ["psql", "-X", "-q", "-tA", "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    args += ["-U", parts.username or "postgres", "-d", parts.path.lstrip("/"), "-c", sql]
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True).stdout.strip()


def _manage(url, *args, quiet=False):
    env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.DEVNULL if quiet else (sys.stderr if _json else None)
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, stdout=out)


def _generated_count(url):
    try:
        return int(_psql(url, "SELECT count(*) FROM petitions_petition") or 0)
    except subprocess.CalledProcessError:
        return -1  # no such database, or not migrated


def is_generated(count):
    """Whether danvan_bench_<count> exists and holds its `count` petitions (made, not being made)."""
    return _generated_count(bench_url(count)) == count


def _other_connections(maintenance, name):
    sql = f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    return int(_psql(maintenance, sql) or 0)


def prepare(count):
    """Make (or migrate and reuse) the generated database for `count` petitions; its URL."""
    name = f"danvan_bench_{count}"
    # A second benchmark for the same N waits here while the first makes or migrates it, instead of dropping it.
    with open(Path(os.environ.get("TMPDIR", "/tmp")) / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _prepare(count, name)


def _prepare(count, name):
    url = bench_url(count)
    maintenance = urlunsplit(_server_url()._replace(path="/postgres"))
    exists = _psql(maintenance, f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"
    if exists and _generated_count(url) != count:
        if _other_connections(maintenance, name):
            sys.exit(f"{name} is still being made by another process (it has other connections): wait for it.")
        say(f"{name} does not hold {count:,} generated petitions: making it again.")
        _psql(maintenance, f'DROP DATABASE "{name}"')
        exists = False
    if not exists:
        _psql(maintenance, f'CREATE DATABASE "{name}"')
    _manage(url, "migrate", "--noinput", quiet=True)
    if not exists:
        say(f"Generating {count:,} petitions into {name} (seed {SEED}, up to {TODAY:%d/%m/%Y})…")
        _manage(
            url, "generate_petitions", str(count), "--seed", str(SEED), "--today", TODAY.isoformat(),
            "--years", str(YEARS), "--password", PASSWORD,
        )  # fmt: skip
        _psql(url, "VACUUM ANALYZE")
    return url


def use_generated(count):
    """Point this process at the generated database for `count` petitions and set Django up."""
    os.environ["DATABASE_URL"] = prepare(count)
    import django

    django.setup()


def machine():
    """What the figures ran on: cores, load average, PostgreSQL's version, the time (UTC)."""
    server = _psql(urlunsplit(_server_url()._replace(path="/postgres")), "SHOW server_version").split()[0]
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    now = datetime.now(UTC)
    return f"{os.cpu_count()} cores, load average {load}, PostgreSQL {server}, {now:%Y-%m-%d %H:%M} UTC"


def static_from_finders():
    """Static URLs without the manifest collectstatic writes (as the tests do), for pages rendered in-process;
    call it right after use_generated(). The manifest would only turn each URL into a dictionary look-up."""
    from django.conf import settings

    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def fetch(sql, params=None):
    """Every row of one hand-written statement, through a raw cursor on the benchmark's database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def large_commune():
    """(username, unit path, commune path) of the generated commune handler (gen.c<code>.xuly1) whose units
    handle the most petitions: the register's and the petition page's busiest commune official."""
    row = fetch(
        """
        SELECT us.username, m.path, count(*) FROM accounts_user us
        JOIN accounts_membership ms ON ms.user_id = us.id
        JOIN orgunits_unit m ON m.id = ms.unit_id
        JOIN orgunits_unit u ON u.path LIKE m.path || '%%'
        JOIN petitions_petition p ON p.handling_unit_id = u.id
        WHERE us.username LIKE %(pattern)s
        GROUP BY us.username, m.path ORDER BY count(*) DESC, us.username LIMIT 1
        """,
        {"pattern": "gen.c%.xuly1"},
    )
    if not row:
        sys.exit("No generated commune handler (gen.c<code>.xuly1) handles petitions here.")
    username, path, _count = row[0]
    commune = fetch(
        "SELECT path FROM orgunits_unit WHERE kind = 'commune' AND %(path)s LIKE path || '%%' ORDER BY path LIMIT 1",
        {"path": path},
    )
    return username, path, commune[0][0] if commune else path


def explain_slowest(name, work, top=3, plan_lines=40):
    """Run `work()` once, capturing its queries; print the `top` slowest, the number and total time of all,
    and the EXPLAIN (ANALYZE, BUFFERS) of the slowest (the cause of a missed target, usually)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        work()
        total = time.perf_counter() - start
    queries = sorted(captured.captured_queries, key=lambda query: -float(query["time"]))
    in_sql = sum(float(query["time"]) for query in queries)
    say(f"\n{name}: {len(queries)} queries, {in_sql * 1000:.0f} ms in SQL of {total * 1000:.0f} ms")
    for query in queries[:top]:
        say(f"  {float(query['time']) * 1000:8.1f} ms  {' '.join(query['sql'].split())[:300]}")
    if queries and queries[0]["sql"].lstrip().upper().startswith("SELECT"):
        plan = fetch("EXPLAIN (ANALYZE, BUFFERS) " + queries[0]["sql"])  # no parameters: no % escaping
        for (line,) in plan[:plan_lines]:
            say(f"    {line}")


def median_seconds(work, runs=7, warmup=1, setup=None):
    """The median wall time of `work()` over `runs` runs, after `warmup` untimed ones; `setup()`, if given,
    runs untimed before each run (clearing a cache, say)."""
    for _ in range(warmup):
        if setup:
            setup()
        work()
    times = []
    for _ in range(runs):
        if setup:
            setup()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_medians(work, baseline, runs=7, warmup=1, setup=None):
    """(median of `work()`, median of `baseline()`) over `runs` runs each, taken in turns (work, baseline,
    work, …) so that a change in the shared machine's load falls on both alike; `setup()` runs untimed
    before each run of `work`."""
    for _ in range(warmup):
        if setup:
            setup()
        work()
        baseline()
    times = ([], [])
    for _ in range(runs):
        for i, run in enumerate((work, baseline)):
            if setup and i == 0:
                setup()
            start = time.perf_counter()
            run()
            times[i].append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


RESULTS = []
_json = False


def json_mode():
    """Print the report lines on stderr, keeping stdout for print_json()."""
    global _json
    _json = True


def say(*args):
    """A line for the reader: on stdout, or on stderr in JSON mode."""
    print(*args, file=sys.stderr if _json else sys.stdout, flush=True)


def report(name, value, baseline, target, unit="ms", scale=1000, against="baseline"):
    """One line: the figure, its baseline (named `against`), their ratio and whether the target ratio is met."""
    ratio = value / baseline if baseline else float("inf")
    verdict = "met" if ratio <= target else "NOT MET"
    say(
        f"{name:<48} {value * scale:>9.1f} {unit}  {against} {baseline * scale:>9.1f} {unit}  "
        f"ratio {ratio:>5.2f}  (target ≤ {target}: {verdict})"
    )
    RESULTS.append(
        {"name": name, "value": value, "baseline": baseline, "ratio": ratio, "target": target, "met": ratio <= target}
    )
    return ratio <= target


def print_json(**extra):
    """The reported figures (seconds) as one JSON object on stdout, with `extra` keys."""
    print(json.dumps({**extra, "results": RESULTS}), flush=True)


def page_bench_arguments(description, *, runs):
    """The page benchmarks' command line (N, --runs, --json, --explain), then the generated database for N
    and static files from the finders; the parsed arguments."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("count", nargs="?", type=int, default=100_000, help="petitions in the generated province")
    parser.add_argument("--runs", type=int, default=runs, help="timed runs per figure (the median is kept)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on stdout")
    parser.add_argument("--explain", action="store_true", help="also show each page's slowest queries and the plan")
    args = parser.parse_args()
    if args.json:
        json_mode()
    use_generated(args.count)
    static_from_finders()
    return args
