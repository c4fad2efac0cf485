"""The petition page and the citizen lookup over the generated province, against hand-written SQL.

- The petition page as its handler (the busiest commune's handler, gen.c<code>.xuly1), on an open petition
  of theirs past intake whose timeline has the median number of lines among them. Baseline: the petition
  row with its joins (category, units, handler, recorder, the deadline counted and its rule, the linked
  petitions), its petitioners, its whole timeline with actors and linked petitions, its decisions, its
  running deadlines and its attachments, by a raw cursor.
- The citizen lookup: code + key POSTed to the lookup page by an anonymous client (the cache cleared,
  untimed, before each run so rate limiting never applies), for a closed petition of that commune not yet
  rated (the page offers the rating form), with the median number of public lines. Baseline: the petition
  by code (the key compared in constant time), its transfer chain with units, deadlines and rating, the
  chain's public timeline, answers and running acceptance notices.

Before timing, the pages are checked to show what the baseline read (the code; every timeline line, or
every public line's note); a difference stops the script. Target: each within 3× its baseline.

Usage: bench/pages_bench.py [N] [--runs R] [--json]   (N petitions, default 100,000; PostgreSQL)
"""

import re
import secrets
import sys

from common import (
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

args = page_bench_arguments(__doc__.split("\n\n")[0], runs=7)

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.cache.backends.locmem import LocMemCache  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.html import escape  # noqa: E402

from petitions.models import DecisionKind, Stage  # noqa: E402
from petitions.workflow import OPEN_STATUSES, Status  # noqa: E402

TARGET = 3

SCOPE = """(p.handling_unit_id IN (
        SELECT u.id FROM accounts_membership ms
        JOIN orgunits_unit m ON m.id = ms.unit_id
        JOIN orgunits_unit u ON u.path LIKE m.path || '%%'
        WHERE ms.user_id = %(user)s)
    OR p.handler_id = %(user)s
    OR EXISTS (SELECT 1 FROM petitions_petitionreader r WHERE r.petition_id = p.id AND r.user_id = %(user)s))"""

DETAIL = [
    f"""SELECT p.*, c.name, hu.name, ru.name, h.full_name, cb.full_name, d.*, rule.*, dup.code, tf.code, fi.code
    FROM petitions_petition p
    JOIN petitions_category c ON c.id = p.category_id
    JOIN orgunits_unit hu ON hu.id = p.handling_unit_id
    JOIN orgunits_unit ru ON ru.id = p.receiving_unit_id
    LEFT JOIN accounts_user h ON h.id = p.handler_id
    LEFT JOIN accounts_user cb ON cb.id = p.created_by_id
    LEFT JOIN petitions_petitiondeadline d ON d.id = p.deadline_id
    LEFT JOIN petitions_deadlinerule rule ON rule.id = d.rule_id
    LEFT JOIN petitions_petition dup ON dup.id = p.duplicate_of_id
    LEFT JOIN petitions_petition tf ON tf.id = p.transferred_from_id
    LEFT JOIN petitions_petition fi ON fi.id = p.first_instance_id
    WHERE p.id = %(id)s AND {SCOPE}""",
    """SELECT * FROM petitions_petitioner WHERE petition_id = %(id)s ORDER BY "order", id""",
    """SELECT e.*, a.full_name, rp.code FROM petitions_petitionevent e
    LEFT JOIN accounts_user a ON a.id = e.actor_id
    LEFT JOIN petitions_petition rp ON rp.id = e.related_petition_id
    WHERE e.petition_id = %(id)s ORDER BY e.created_at, e.id""",
    """SELECT * FROM petitions_petitiondecision WHERE petition_id = %(id)s ORDER BY date, id""",
    """SELECT d.*, rule.* FROM petitions_petitiondeadline d JOIN petitions_deadlinerule rule ON rule.id = d.rule_id
    WHERE d.petition_id = %(id)s AND d.is_current AND d.met_on IS NULL ORDER BY d.due_date, d.id""",
    """SELECT * FROM petitions_attachment WHERE petition_id = %(id)s ORDER BY uploaded_at, id""",
]
TIMELINE = 2  # the statement above reading the timeline

LOOKUP_PETITION = """SELECT p.id, p.lookup_key, u.name FROM petitions_petition p
    JOIN orgunits_unit u ON u.id = p.handling_unit_id WHERE p.code = %(code)s"""
LOOKUP = [
    """WITH RECURSIVE chain(id, depth) AS (
        SELECT id, 0 FROM petitions_petition WHERE id = %(id)s
        UNION ALL SELECT p.id, chain.depth + 1 FROM petitions_petition p JOIN chain ON p.transferred_from_id = chain.id
        WHERE chain.depth < 50)
    SELECT p.id, p.code, p.kind, p.status, p.received_date, u.name, d.due_date, d.stage, rating.id
    FROM chain JOIN petitions_petition p ON p.id = chain.id
    JOIN orgunits_unit u ON u.id = p.handling_unit_id
    LEFT JOIN petitions_petitiondeadline d ON d.id = p.deadline_id
    LEFT JOIN petitions_satisfactionrating rating ON rating.petition_id = p.id
    ORDER BY chain.depth""",
    """SELECT petition_id, kind, created_at, note FROM petitions_petitionevent
    WHERE petition_id = ANY(%(chain)s) AND is_public ORDER BY created_at, id""",
    """SELECT * FROM petitions_petitiondecision WHERE petition_id = ANY(%(chain)s) AND kind = ANY(%(answers)s)
    ORDER BY date, id""",
    """SELECT * FROM petitions_petitiondeadline WHERE petition_id = ANY(%(chain)s) AND stage = %(notice)s
    AND is_current AND met_on IS NULL""",
]
PUBLIC_EVENTS = 1


def detail_case(handler):
    """An open petition of the handler's, past intake, whose timeline has the median length among them."""
    rows = fetch(
        """
        WITH lines AS (
            SELECT p.id, count(e.id) AS n FROM petitions_petition p
            JOIN petitions_petitionevent e ON e.petition_id = p.id
            WHERE p.handler_id = %(user)s AND p.status = ANY(%(open)s) AND p.status <> %(received)s
            GROUP BY p.id)
        SELECT id, n FROM lines WHERE n = (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FROM lines)
        ORDER BY id DESC LIMIT 1
        """,
        {"user": handler.pk, "open": list(OPEN_STATUSES), "received": Status.RECEIVED},
    )
    if not rows:
        raise SystemExit(f"{handler.username} handles no open petition past intake.")
    return rows[0]


def lookup_case(unit_path):
    """A closed, unrated petition of the commune, not transferred, with the median number of public lines."""
    rows = fetch(
        """
        WITH lines AS (
            SELECT p.id, count(e.id) AS n FROM petitions_petition p
            JOIN petitions_petitionevent e ON e.petition_id = p.id AND e.is_public
            WHERE p.handling_unit_id IN (SELECT id FROM orgunits_unit WHERE path LIKE %(path)s)
              AND p.status = %(closed)s AND p.transferred_from_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM petitions_petition t WHERE t.transferred_from_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM petitions_satisfactionrating r WHERE r.petition_id = p.id)
            GROUP BY p.id)
        SELECT p.id, p.code, p.lookup_key, lines.n FROM lines JOIN petitions_petition p ON p.id = lines.id
        WHERE n = (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FROM lines)
        ORDER BY p.id DESC LIMIT 1
        """,
        {"path": unit_path + "%", "closed": Status.CLOSED},
    )
    if not rows:
        raise SystemExit("No closed, unrated petition in the busiest commune.")
    return rows[0]


def run_all(statements, params):
    return [fetch(sql, params) for sql in statements]


def detail_baseline(pk, user):
    return run_all(DETAIL, {"id": pk, "user": user.pk})


def lookup_baseline(code, key):
    found = fetch(LOOKUP_PETITION, {"code": code})
    stored = found[0][1] if found else "X" * 10
    if not (secrets.compare_digest(stored.encode(), key.encode()) and found):
        raise SystemExit(f"The baseline finds no petition {code} with its key.")
    chain = fetch(LOOKUP[0], {"id": found[0][0]})
    params = {
        "chain": [row[0] for row in chain],
        "answers": [DecisionKind.RESOLUTION, DecisionKind.NOT_ACCEPTED],
        "notice": Stage.ACCEPTANCE_NOTICE,
    }
    return [found, chain, *run_all(LOOKUP[1:], params)]


def shows(html, text):
    return not text.strip() or escape(text.strip()) in html


def check_detail(html, code, events):
    if code not in html:
        raise SystemExit(f"The petition page does not show the code {code}.")
    timeline = re.search(r'<ol class="[^"]*\btimeline\b[^"]*">(.*?)</ol>', html, re.S)
    lines = len(re.findall(r"<li\b", timeline[1])) if timeline else 0
    if lines != len(events):
        raise SystemExit(f"The petition page's timeline shows {lines} lines; the baseline reads {len(events)}.")
    missing = [row for row in events if not shows(html, row[5])]  # note
    if missing:
        raise SystemExit(f"The petition page lacks {len(missing)} timeline notes the baseline reads.")


def check_lookup(html, code, public_events):
    if code not in html:
        raise SystemExit(f"The lookup's answer does not show the code {code}.")
    missing = [row for row in public_events if not shows(html, row[3])]  # note
    if missing:
        raise SystemExit(f"The lookup's answer lacks {len(missing)} public notes the baseline reads.")


def clear_cache():
    # Only a cache private to this process: a shared Redis also holds others' keys (and may be the broker).
    # A lookup with the right key is never counted as a failed try, so a shared cache needs no clearing.
    cache = caches["default"]
    if isinstance(cache, LocMemCache):
        cache.clear()


def main():
    username, unit_path, _commune_path = large_commune()
    handler = get_user_model().objects.get(username=username)
    pk, lines = detail_case(handler)
    official = Client(SERVER_NAME="localhost")
    official.force_login(handler)
    detail_url = reverse("petitions:detail", args=[pk])

    def detail_page():
        return official.get(detail_url)

    response = detail_page()
    if response.status_code != 200:
        raise SystemExit(f"The petition page answered {response.status_code}.")
    baseline = detail_baseline(pk, handler)
    if not baseline[0]:
        raise SystemExit(f"The baseline's scope does not let {username} read petition {pk}.")
    code = baseline[0][0][1]
    check_detail(response.content.decode(), code, baseline[TIMELINE])

    lookup_pk, lookup_code, key, public_lines = lookup_case(unit_path)
    citizen = Client(SERVER_NAME="localhost")
    lookup_url = reverse("lookup")

    def lookup_page():
        return citizen.post(lookup_url, {"code": lookup_code, "key": key})

    clear_cache()
    response = lookup_page()
    if response.status_code != 200:
        raise SystemExit(f"The lookup answered {response.status_code}.")
    looked_up = lookup_baseline(lookup_code, key)
    check_lookup(response.content.decode(), lookup_code, looked_up[2])

    say(
        f"Pages over {args.count:,} petitions; median of {args.runs} runs, page and SQL in turns. "
        f"Petition page: {code} "
        f"({lines} timeline lines) as {username}; lookup: {lookup_code} ({public_lines} public lines)"
    )
    say(f"  on {machine()}")
    page, sql = paired_medians(detail_page, lambda: detail_baseline(pk, handler), runs=args.runs)
    report("petition page (its handler)", page, sql, target=TARGET)
    page, sql = paired_medians(
        lookup_page, lambda: lookup_baseline(lookup_code, key), runs=args.runs, setup=clear_cache
    )
    report("citizen lookup (code + key)", page, sql, target=TARGET)
    if args.explain:
        explain_slowest("petition page (its handler)", detail_page)
        clear_cache()
        explain_slowest("citizen lookup (code + key)", lookup_page)
    if args.json:
        print_json(script="pages", count=args.count, machine=machine())
    sys.exit(0 if all(result["met"] for result in RESULTS) else 2)  # as the other benchmarks: 2, a target missed


main()
