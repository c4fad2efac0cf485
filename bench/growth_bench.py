"""Growth: the register's cases, the petition page and the citizen lookup at 100,000 and at 1,000,000 petitions.

Runs bench/register_bench.py and bench/pages_bench.py once per size, each in its own process (Django's
database is fixed at setup), reads their figures (--json) and prints, for each page, its median time at the
larger size against its time at the smaller one (target ≤ 1.3: the page stays flat as the province's
records grow), then the same for the hand-written SQL, for comparison. The scripts' own lines (each page
against its SQL at each size) are shown as they run.

It stops if a size's database is missing or still being made, unless --make (then the scripts make it).
Exit status: 0 every target met, 2 one missed, 1 a script failed (its check, say).

Usage: bench/growth_bench.py [--sizes 100000 1000000] [--runs R] [--make]
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

from common import is_generated, machine, report, say

TARGET = 1.3
HERE = Path(__file__).resolve().parent
SCRIPTS = ("register_bench.py", "pages_bench.py")

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--sizes", nargs=2, type=int, default=[100_000, 1_000_000], metavar=("SMALL", "LARGE"))
parser.add_argument("--runs", type=int, default=5, help="timed runs per figure in each script")
parser.add_argument("--make", action="store_true", help="generate a missing database (20–40 minutes for 1,000,000)")
args = parser.parse_args()


def figures(script, count):
    """{name: result} from one script run at `count` petitions, or None if it failed."""
    command = [sys.executable, str(HERE / script), str(count), "--json", "--runs", str(args.runs)]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True)  # stderr: its lines, shown as it runs
    lines = done.stdout.strip().splitlines()
    if done.returncode not in (0, 2) or not lines:  # 2: ran, a target missed
        say(f"{script} {count} failed (exit {done.returncode}).")
        return None
    return {result["name"]: result for result in json.loads(lines[-1])["results"]}


def main():
    small, large = args.sizes
    missing = [count for count in (small, large) if not is_generated(count)]
    if missing and not args.make:
        sizes = ", ".join(f"{count:,}" for count in missing)
        sys.exit(f"No finished generated database for {sizes} petitions: make it first, or pass --make.")
    say(f"Growth from {small:,} to {large:,} petitions, on {machine()}")
    measured = {}
    for script in SCRIPTS:
        for is_large, count in enumerate((small, large)):
            measured[script, bool(is_large)] = figures(script, count)
    say(f"\nEach page at {large:,} petitions against the same page at {small:,}:")
    met, failed = True, False
    for script in SCRIPTS:
        before, after = measured[script, False], measured[script, True]
        if before is None or after is None:
            say(f"  {script}: no figures at one of the sizes")
            failed = True
            continue
        for name, result in after.items():
            if name in before:
                at_small = before[name]["value"]
                met &= report(name, result["value"], at_small, target=TARGET, against=f"at {small:,}")
    say(f"\nThe hand-written SQL at {large:,} against {small:,} (no target; how much the data itself grows):")
    for script in SCRIPTS:
        before, after = measured[script, False], measured[script, True]
        for name, result in (after or {}).items():
            if before and name in before:
                ratio = result["baseline"] / before[name]["baseline"]
                say(f"  sql: {name:<44} {result['baseline'] * 1000:>9.1f} ms  ratio {ratio:>5.2f}")
    say(f"\nDone on {machine()}")
    sys.exit(1 if failed else 0 if met else 2)


main()
