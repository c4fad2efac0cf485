"""What the benchmarks share: a generated province in its own PostgreSQL database, kept between runs, and
the way each figure is timed and printed.

A benchmark over N petitions runs on the database `danvan_bench_<N>` beside the one in DATABASE_URL (same
server and role). The first run makes it (migrate, then `manage.py generate_petitions N` with the seed and
the day below); later runs migrate it (a new index or table lands there
too) and reuse it when it holds the N petitions. 1,000,000 petitions take about 20 minutes to make here.

Usage in a script, before anything imports Django's models:

    from common import use_generated
    use_generated(100_000)          # makes or reuses danvan_bench_100000, then django.setup()
"""

import os
import statistics
import subprocess
import sys
import time
from datetime import date
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
    out = subprocess.DEVNULL if quiet else None
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, stdout=out)


def _generated_count(url):
    try:
        return int(_psql(url, "SELECT count(*) FROM petitions_petition") or 0)
    except subprocess.CalledProcessError:
        return -1  # no such database, or not migrated


def prepare(count):
    """Make (or migrate and reuse) the generated database for `count` petitions; its URL."""
    url = bench_url(count)
    maintenance = urlunsplit(_server_url()._replace(path="/postgres"))
    name = f"danvan_bench_{count}"
    exists = _psql(maintenance, f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"
    if exists and _generated_count(url) != count:
        print(f"{name} does not hold {count:,} generated petitions: making it again.", flush=True)
        _psql(maintenance, f'DROP DATABASE "{name}"')
        exists = False
    if not exists:
        _psql(maintenance, f'CREATE DATABASE "{name}"')
    _manage(url, "migrate", "--noinput", quiet=True)
    if not exists:
        print(f"Generating {count:,} petitions into {name} (seed {SEED}, up to {TODAY:%d/%m/%Y})…", flush=True)
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


def median_seconds(work, runs=7, warmup=1):
    """The median wall time of `work()` over `runs` runs, after `warmup` untimed ones."""
    for _ in range(warmup):
        work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(name, value, baseline, target, unit="ms", scale=1000):
    """One line: the figure, its baseline, their ratio and whether the target ratio is met."""
    ratio = value / baseline if baseline else float("inf")
    verdict = "met" if ratio <= target else "NOT MET"
    print(
        f"{name:<48} {value * scale:>9.1f} {unit}  baseline {baseline * scale:>9.1f} {unit}  "
        f"ratio {ratio:>5.2f}  (target ≤ {target}: {verdict})",
        flush=True,
    )
    return ratio <= target
