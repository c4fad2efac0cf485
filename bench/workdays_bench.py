"""Deadline arithmetic: the portal's WorkCalendar against the `holidays` package alone.

Computes "10 working days after" for every day of 2025–2027 several times over, once with
one shared WorkCalendar (package holidays + DayOff/WorkingDay rows) and once with the
package's get_nth_working_day, checks both agree, and prints the time ratio.
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

import holidays  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from danvan.workdays.calendar import WorkCalendar  # noqa: E402

ROUNDS = 20
PERIOD = 10


def starts():
    day = date(2025, 1, 1)
    while day <= date(2027, 12, 31):
        yield day
        day += timedelta(days=1)


def timed(function):
    began = time.perf_counter()
    result = function()
    return time.perf_counter() - began, result


def portal():
    calendar = WorkCalendar(language="vi")
    return [calendar.add_working_days(start, PERIOD) for _ in range(ROUNDS) for start in starts()]


def baseline():
    package = holidays.VN(years=range(2025, 2029))
    return [package.get_nth_working_day(start, PERIOD) for _ in range(ROUNDS) for start in starts()]


def main():
    with CaptureQueriesContext(connection) as queries:
        portal_seconds, portal_result = timed(portal)
    baseline_seconds, baseline_result = timed(baseline)
    if portal_result != baseline_result:
        print("warning: results differ (override rows in this database change some deadlines)")
    count = len(portal_result)
    print(f"deadlines computed:   {count}")
    print(f"portal WorkCalendar:  {portal_seconds:.3f} s ({len(queries)} SQL queries)")
    print(f"holidays package:     {baseline_seconds:.3f} s")
    print(f"ratio portal/baseline: {portal_seconds / baseline_seconds:.2f}")


if __name__ == "__main__":
    main()
