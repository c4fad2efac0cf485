"""The petition register over the generated province, against hand-written SQL returning the same rows.

Each case is the whole request in this process (django.test.Client logged in with force_login, the
response rendered): the province leader's default page, a large commune's handler's default page, a
status filter with and without a unit, a search typed with and without diacritics, and a deep page. Its
baseline is one hand-written SELECT of the same 25 rows with what a row shows (category, handling unit,
handler, the most urgent running deadline, the first petitioner and how many there are) plus the count the
page shows (counted the same way: exactly, or bounded if the page shows a bounded count), both run with a
raw cursor. Before timing, the ids the page lists (and their order) and its count are checked against the
baseline's; a difference stops the script. It measures whatever the register's code is when it runs.

Usage: bench/register_bench.py [N] [--runs R] [--json]   (N petitions, default 100,000; PostgreSQL)
"""

import re
import sys

from common import (
    PROVINCE_LEADER,
    RESULTS,
    explain_slowest,
    fetch,
    large_commune,
    machine,
    page_bench_arguments,
    paired_medians,
    print_json,
    report,
    say,
)

args = page_bench_arguments(__doc__.split("\n\n")[0], runs=5)

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from danvan.text import fold  # noqa: E402
from petitions.models import Kind  # noqa: E402
from petitions.workflow import OPEN_STATUSES  # noqa: E402

PAGE_SIZE = 25  # the register's default page size
SEARCH = "đất đai"  # in most land petitions' texts (demo/generate/texts.py)
TARGET = 3

# First the ids of the units the user's memberships reach (their units and everything below them) and of the
# unit filter's units, so the planner knows how many petitions they hold; then the petitions those units
# handle, and those the user handles.
UNITS = """SELECT
    array(SELECT u.id FROM accounts_membership ms
          JOIN orgunits_unit m ON m.id = ms.unit_id
          JOIN orgunits_unit u ON u.path LIKE m.path || '%%'
          WHERE ms.user_id = %(user)s),
    array(SELECT id FROM orgunits_unit WHERE path LIKE %(unit)s)"""
SCOPE = "(p.handling_unit_id = ANY(%(units)s) OR p.handler_id = %(user)s)"

ROWS = """
SELECT p.id, p.code, p.received_date, p.kind, p.summary, p.is_group, p.people_count, p.is_skipped_level,
       p.is_anonymous, p.status, c.name, u.name, h.full_name, h.username,
       d.due_date, d.stage, d.escalation_level, f.first_name, f.people
FROM (
    SELECT p.id, p.code, p.received_date, p.kind, p.summary, p.is_group, p.people_count, p.is_skipped_level,
           p.is_anonymous, p.status, p.category_id, p.handling_unit_id, p.handler_id
    FROM petitions_petition p
    WHERE {where}
    ORDER BY p.received_date DESC, p.id DESC
    LIMIT %(limit)s OFFSET %(offset)s
) p
JOIN petitions_category c ON c.id = p.category_id
JOIN orgunits_unit u ON u.id = p.handling_unit_id
LEFT JOIN accounts_user h ON h.id = p.handler_id
LEFT JOIN LATERAL (
    SELECT d.due_date, d.stage, d.escalation_level FROM petitions_petitiondeadline d
    WHERE d.petition_id = p.id AND d.is_current AND d.met_on IS NULL
    ORDER BY d.due_date, d.id LIMIT 1
) d ON p.status = ANY(%(open)s)
LEFT JOIN LATERAL (
    SELECT (array_agg(s.full_name ORDER BY s."order", s.id))[1] AS first_name, count(*) AS people
    FROM petitions_petitioner s WHERE s.petition_id = p.id
) f ON NOT p.is_anonymous AND p.kind <> %(sealed)s
ORDER BY p.received_date DESC, p.id DESC
"""
COUNT = "SELECT count(*) FROM petitions_petition p WHERE {where}"
# "More than <bound>": one row past the bound tells there are more.
BOUNDED_COUNT = (
    "SELECT least(count(*), %(bound)s) FROM (SELECT 1 FROM petitions_petition p WHERE {where} LIMIT %(bound)s + 1) s"
)
ESTIMATED_COUNT = "EXPLAIN (FORMAT JSON) SELECT 1 FROM petitions_petition p WHERE {where}"


class Case:
    """One register page and the hand-written SQL for the same rows and count."""

    def __init__(self, name, username, query=None, *, status=(), unit_path=None, words=(), page=1):
        self.name, self.query = name, dict(query or {})
        self.user = get_user_model().objects.get(username=username)
        if self.user.is_superuser or self.user.groups.filter(name="administrator").exists():
            raise SystemExit(f"{username} sees every unit: the baseline's scope is written for members of units.")
        where = [SCOPE]
        self.params = {"user": self.user.pk, "open": list(OPEN_STATUSES), "sealed": Kind.DENUNCIATION}
        if status:
            where.append("p.status = ANY(%(status)s)")
            self.params["status"] = list(status)
        if unit_path:
            where.append("p.handling_unit_id = ANY(%(filter_units)s)")
        self.params["unit"] = (unit_path or "-") + "%"  # "-": no unit's path
        for i, word in enumerate(words):
            where.append(f"p.search_text LIKE %(word{i})s")
            self.params[f"word{i}"] = f"%{word}%"
        self.where = "\n    AND ".join(where)
        self.page = page
        self.client = Client(SERVER_NAME="localhost")
        self.client.force_login(self.user)
        self.url = reverse("petitions:list")
        if page != 1:
            self.query["page"] = str(page)
        self.count_sql = COUNT.format(where=self.where)
        self.count_kind = "exact"

    def get(self):
        return self.client.get(self.url, self.query)

    def units(self):
        units, filter_units = fetch(UNITS, self.params)[0]
        return {**self.params, "units": units, "filter_units": filter_units}

    def rows(self, params):
        params = {**params, "limit": PAGE_SIZE, "offset": (self.page - 1) * PAGE_SIZE}
        return fetch(ROWS.format(where=self.where), params)

    def count(self, params):
        if self.count_kind == "estimated":
            plan = fetch(self.count_sql, params)[0][0]
            return int(plan[0]["Plan"]["Plan Rows"])
        return fetch(self.count_sql, params)[0][0]

    def baseline(self):
        params = self.units()
        return self.rows(params), self.count(params)

    def check(self):
        """The page lists the baseline's rows in its order and shows the count it counts; else stop."""
        response = self.get()
        if response.status_code != 200:
            where = response.get("Location", "")
            raise SystemExit(f"{self.name}: the register answered {response.status_code} {where}")
        listed = page_ids(response.content.decode())
        context = getattr(response, "context_data", None) or {}
        page_obj = context.get("page_obj")
        if "petitions" in context and [p.pk for p in context["petitions"]] != listed:
            raise SystemExit(f"{self.name}: the HTML's rows differ from the view's page of petitions.")
        if page_obj is not None and page_obj.number != self.page:
            self.page = page_obj.number  # the page the register chose to show: the baseline reads that one
        params = self.units()
        expected = [row[0] for row in self.rows(params)]
        if listed != expected:
            raise SystemExit(f"{self.name}: the page lists {listed[:5]}… but the baseline {expected[:5]}… (differ)")
        if not listed:
            raise SystemExit(f"{self.name}: the page lists no petition; choose a case that shows some.")
        exact = fetch(COUNT.format(where=self.where), params)[0][0]
        shown = page_obj.paginator.count if page_obj is not None else None
        if shown is None:
            say(f"  {self.name}: the view gives no paginator; its count is not checked (the baseline counts exactly)")
        elif any("estimat" in name and getattr(page_obj.paginator, name) for name in dir(page_obj.paginator)):
            self.count_kind, self.count_sql = "estimated", ESTIMATED_COUNT.format(where=self.where)
        elif shown < exact:
            self.count_kind, self.count_sql = "bounded", BOUNDED_COUNT.format(where=self.where)
            self.params["bound"] = params["bound"] = shown
        elif shown != exact:
            raise SystemExit(f"{self.name}: the page shows {shown} petitions, the baseline counts {exact}.")
        if self.count_kind != "estimated" and shown is not None and self.count(params) != shown:
            raise SystemExit(f"{self.name}: the page shows {shown} petitions, the baseline's count differs.")
        shown = exact if shown is None else shown
        say(f"  {self.name}: {len(listed)} rows checked, count {shown:,} ({self.count_kind})")


def page_ids(html):
    """The petition ids the register's table lists, in order."""
    pattern = re.escape(reverse("petitions:detail", args=[12345])).replace("12345", r"(\d+)")
    body = html.split("<tbody", 1)[-1].split("</tbody>", 1)[0] if "<tbody" in html else ""
    ids = []
    for pk in re.findall(f'href="{pattern}"', body):
        if int(pk) not in ids:
            ids.append(int(pk))
    return ids


def unit_of(path):
    return fetch("SELECT id FROM orgunits_unit WHERE path = %(path)s", {"path": path})[0][0]


def main():
    handler, _unit_path, commune_path = large_commune()
    commune = unit_of(commune_path)
    words = fold(SEARCH).split()
    cases = [
        Case("default page, province leader", PROVINCE_LEADER),
        Case("default page, commune handler", handler),
        Case("status=closed + unit (a commune)", PROVINCE_LEADER, {"status": "closed", "unit": commune},
             status=["closed"], unit_path=commune_path),
        Case("status=closed", PROVINCE_LEADER, {"status": "closed"}, status=["closed"]),
        Case(f"search '{SEARCH}'", PROVINCE_LEADER, {"q": SEARCH}, words=words),
        Case(f"search '{' '.join(words)}'", PROVINCE_LEADER, {"q": " ".join(words)}, words=words),
        Case("deep page (page=400)", PROVINCE_LEADER, {"page": "400"}, page=400),
    ]  # fmt: skip
    say(
        f"Register over {args.count:,} petitions (commune handler {handler}); "
        f"median of {args.runs} runs, page and SQL in turns"
    )
    for case in cases:
        case.check()
    say(f"  on {machine()}")
    for case in cases:
        page, sql = paired_medians(case.get, case.baseline, runs=args.runs)
        report(f"register: {case.name}", page, sql, target=TARGET)
    if args.explain:
        for case in cases:
            explain_slowest(f"register: {case.name}", case.get)
    if args.json:
        print_json(script="register", count=args.count, machine=machine())
    sys.exit(0 if all(result["met"] for result in RESULTS) else 2)  # as the other benchmarks: 2, a target missed


main()
