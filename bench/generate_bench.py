"""The generator (manage.py generate_petitions) against its targets: petitions per second and peak memory.

Runs demo.generate on the database in DATABASE_URL (it must be one for generated data: the generator's
refusal applies; `--force` passes it on), N petitions (default 20,000) with the seed given, and prints:
the rate (target at least 1,000 petitions/s on PostgreSQL), the CPU time the generator's process used
per petition (what the rate would be with a core to itself; the machine is shared), and the peak resident
memory (target under 300 MB at any N, from the kernel's high-water mark).
Usage: DATABASE_URL=postgres://… bench/generate_bench.py [N] [--seed S] [--years Y] [--force]
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from demo.generate import generate, real_data  # noqa: E402

RATE_TARGET = 1000  # petitions per second
MEMORY_TARGET_MB = 300


def peak_rss_mb():
    """The process's high-water resident set (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--force", action="store_true")
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the database to fill (PostgreSQL for the target).")
    found = real_data()
    if found and not options.force:
        sys.exit(f"Refusing: the database holds real data ({found}).")
    cpu_before, marks = cpu_seconds(), {}

    def out(text):
        if text.startswith("Reception:"):  # the province and its reception are made: the petitions start
            marks["cpu"] = cpu_seconds()
        print(text, flush=True)

    began = time.perf_counter()
    made = generate(options.count, seed=options.seed, years=options.years, out=out)
    wall = time.perf_counter() - began
    cpu = cpu_seconds() - marks.get("cpu", cpu_before)
    rss = peak_rss_mb()
    rate = made["rate"]
    cpu_rate = made["petitions"] / cpu if cpu else 0.0
    print()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; cores: {os.cpu_count()}; "
          f"load average: {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"petitions: {made['petitions']:,} ({made['events']:,} events, {made['deadlines']:,} deadlines) "
          f"in {made['seconds']:.1f} s ({wall:.1f} s with the province and its reception)")  # fmt: skip
    verdict = "met" if rate >= RATE_TARGET else "NOT met"
    print(f"rate: {rate:,.0f} petitions/s (target ≥ {RATE_TARGET:,}/s: {verdict})")
    print(f"generator CPU: {1000 * cpu / max(made['petitions'], 1):.2f} ms per petition = {cpu_rate:,.0f} petitions/s "
          f"of its own process's CPU (the database server's work not included)")  # fmt: skip
    verdict = "met" if rss < MEMORY_TARGET_MB else "NOT met"
    print(f"peak RSS: {rss:,.0f} MB (target < {MEMORY_TARGET_MB} MB: {verdict})")


if __name__ == "__main__":
    main()
