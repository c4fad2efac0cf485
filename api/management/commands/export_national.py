"""Write a period's national database export (Decree 55/2022/NĐ-CP) as JSON or .xlsx, validated first."""

import json
from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from api import national, reports
from dashboard.periods import Period


def _day(value):
    # From the command line a date; from call_command() the text as given.
    return value if isinstance(value, date) else date.fromisoformat(value)


class Command(BaseCommand):
    help = "Export a period's records for the national database, in the scope of an official."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Username whose scope is exported.")
        parser.add_argument("--start", required=True, type=date.fromisoformat, help="First day (YYYY-MM-DD).")
        parser.add_argument("--end", required=True, type=date.fromisoformat, help="Last day (YYYY-MM-DD).")
        parser.add_argument("--unit", type=int, help="Only this unit (id) and its sub-units.")
        parser.add_argument("--output", required=True, help="File to write: .json or .xlsx.")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        start, end = (_day(options[name]) for name in ("start", "end"))
        if start > end:
            raise CommandError("The period ends before it starts.")
        period = Period(start, end, "")
        try:
            units, unit = reports.scope_of(user, options["unit"]) if options["unit"] else (None, None)
        except Http404 as error:
            raise CommandError(f"Unit {options['unit']} is not in {user.username}'s scope.") from error
        document = national.build(
            user=user, period=period, unit_name=unit.name if unit else user.full_name, units=units
        )
        national.validate(document)
        path = options["output"]
        if path.endswith(".xlsx"):
            national.workbook(document).save(path)
        else:
            with open(path, "w", encoding="utf-8") as out:
                json.dump(document, out, ensure_ascii=False, indent=2)
        totals = ", ".join(f"{name} {count}" for name, count in document["totals"].items())
        self.stdout.write(f"{path}: {totals}")
