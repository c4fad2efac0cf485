"""The daily scan's steady state: what was sent is never read again, and nothing is sent twice (issue 14)."""

from datetime import date

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from danvan.alerts import services as alert_services
from danvan.alerts import tasks as alert_tasks
from danvan.alerts.models import Alert, AlertPolicy
from danvan.alerts.registry import SOURCES
from danvan.notifications.models import Notification
from petitions.models import Kind

pytestmark = pytest.mark.django_db


def scan(time_machine, day):
    """The daily job as beat runs it on `day`: the alerts made and delivered, the emails sent after commit."""
    time_machine.move_to(f"{day} 06:00 +0700", tick=False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        alert_tasks.scan_deadlines()


def scan_again(day):
    """The same day's scan run once more: (queries it made, alerts still undelivered)."""
    with CaptureQueriesContext(connection) as queries:
        pending = alert_services.scan_deadlines(today=date.fromisoformat(day))
    statements = [query["sql"] for query in queries.captured_queries]
    return [sql for sql in statements if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))], pending


def open_complaints(time_machine, make_petition, count, received):
    time_machine.move_to(f"{received} 09:00 +0700", tick=False)
    for _ in range(count):
        make_petition(kind=Kind.COMPLAINT_FIRST, received=date.fromisoformat(received))


def test_a_second_scan_the_same_day_sends_nothing_in_as_many_queries_however_many_deadlines(
    time_machine, make_petition, mailoutbox
):
    AlertPolicy.current()
    # Received 6/2/2026: acceptance due on 23/2 after Tết; on 9/3 every level of the ladder is due at once.
    open_complaints(time_machine, make_petition, 2, "2026-02-06")
    scan(time_machine, "2026-03-09")
    sent, alerts = Notification.objects.count(), Alert.objects.count()
    assert alerts == 2 * 3 and sent and not Alert.objects.filter(delivered_at__isnull=True).exists()
    mailoutbox.clear()
    few_queries, pending = scan_again("2026-03-09")
    assert pending == [] and Alert.objects.count() == alerts and Notification.objects.count() == sent

    # Twenty more open deadlines, due at other times (some reminded, some escalated), all sent the same day.
    open_complaints(time_machine, make_petition, 10, "2026-02-24")  # acceptance due Friday 6/3: level 1 only
    open_complaints(time_machine, make_petition, 10, "2026-01-20")  # due before Tết: all three levels too
    scan(time_machine, "2026-03-09")
    assert Alert.objects.count() == alerts + 10 + 10 * 3
    sent = Notification.objects.count()
    mailoutbox.clear()
    many_queries, pending = scan_again("2026-03-09")
    assert pending == [] and Notification.objects.count() == sent and mailoutbox == []
    assert Alert.objects.count() == alerts + 40
    assert len(many_queries) == len(few_queries)
    # One SELECT per source, whatever the windows; besides: the policy, the calendar's two tables, the JIT
    # setting and its restoring on PostgreSQL, and the undelivered alerts.
    assert len(many_queries) <= len(SOURCES) + 6
    # Nothing new: no INSERT, and the alerts already sent are not read back into the process.
    assert not [sql for sql in many_queries if sql.lstrip().upper().startswith("INSERT")]


def test_the_next_day_sends_only_what_became_due(time_machine, make_petition):
    AlertPolicy.current()
    open_complaints(time_machine, make_petition, 3, "2026-02-24")  # acceptance due Friday 6/3
    scan(time_machine, "2026-02-27")  # five working days left
    assert sorted(Alert.objects.values_list("kind", "step")) == [("reminder", 5)] * 3
    scan(time_machine, "2026-03-02")  # four left: nothing new
    assert Alert.objects.count() == 3
    scan(time_machine, "2026-03-05")  # one left
    scan(time_machine, "2026-03-09")  # overdue since the weekend: level 1 only, no reminder "today" missed late
    assert sorted(Alert.objects.values_list("kind", "step")) == sorted(
        [("reminder", 5)] * 3 + [("reminder", 1)] * 3 + [("escalation", 1)] * 3
    )
    assert not Alert.objects.filter(delivered_at__isnull=True).exists()
