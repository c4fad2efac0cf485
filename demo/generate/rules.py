"""Deadlines for generated petitions: the rule in force and its due date, as petitions.deadlines gives them,
computed once per (kind, stage, day, conditions) and (rule, start, complexity) over one shared WorkCalendar.

`petitions.deadlines.rule_for` makes a query and `due_date_for` builds a calendar (two queries a year) on
every call; over a million petitions that is the whole run. The selection below is rule_for's, over the
rules read once; the dates are due_date_for's arithmetic on the shared calendar. The tests check both
against the originals on the generated data.
"""

from django.db.models import Q

from danvan.workdays.calendar import WorkCalendar
from petitions.deadlines import NoRuleError
from petitions.models import Complexity, CountingUnit, DeadlineRule, RuleCondition


class Rules:
    """The deadline rules and the working-day calendar, read once for a whole generation run."""

    def __init__(self):
        self.calendar = WorkCalendar()
        self._rules = list(DeadlineRule.objects.all())
        self._rule_cache = {}
        self._due_cache = {}

    def rule_for(self, *, kind, stage, on, conditions=frozenset()):
        """petitions.deadlines.rule_for without a query: same candidates, same order of preference."""
        key = (kind, stage, on, conditions)
        if key not in self._rule_cache:
            allowed = {RuleCondition.ORDINARY, *conditions}
            candidates = [
                rule
                for rule in self._rules
                if rule.stage == stage
                and rule.condition in allowed
                and rule.kind in (kind, "")
                and rule.valid_from <= on
                and (rule.valid_to is None or rule.valid_to >= on)
            ]
            best = sorted(
                candidates,
                key=lambda r: (r.kind == kind, r.condition != RuleCondition.ORDINARY, r.valid_from),
                reverse=True,
            )
            if not best:
                raise NoRuleError(f"No deadline rule for {kind}/{stage} on {on}.")
            self._rule_cache[key] = best[0]
        return self._rule_cache[key]

    def due_date(self, rule, start, complexity=Complexity.NORMAL, *, fixed=None):
        """petitions.deadlines.due_date_for on the shared calendar."""
        if rule.counting_unit == CountingUnit.BY_DATE:
            return fixed
        key = (rule.pk, start, complexity)
        if key not in self._due_cache:
            days = rule.days_for(complexity)
            if rule.counting_unit == CountingUnit.WORKING_DAYS:
                self._due_cache[key] = self.calendar.add_working_days(start, days)
            else:
                self._due_cache[key] = self.calendar.add_days_rolling(start, days)
        return self._due_cache[key]

    def next_working_day(self, day):
        return self.calendar.next_working_day(day)

    def is_working_day(self, day):
        return self.calendar.is_working_day(day)


def rules_in_force_exist(on):
    """True if some processing rule is in force on `on` (the generator needs the seeded rules)."""
    in_force = Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    return DeadlineRule.objects.filter(in_force, stage="processing").exists()
