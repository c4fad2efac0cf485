"""Which rule governs a stage, and the deadline it gives, through the workdays calendar."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.workdays.calendar import WorkCalendar

from .models import Complexity, CountingUnit, DeadlineRule, Kind, RuleCondition, Stage

# What each stage's deadline is called wherever it is named: the petition page, the register, the
# reminders and escalations, the digest.
DEADLINE_NAMES = {
    Stage.PROCESSING: _("Processing deadline"),
    Stage.ACCEPTANCE: _("Acceptance deadline"),
    Stage.ACCEPTANCE_NOTICE: _("Deadline to notify the citizen"),
    Stage.RESOLUTION: _("Resolution deadline"),
}


def deadline_name(deadline):
    """The deadline's name ("Hạn thụ lý"), not its stage's ("Quyết định thụ lý")."""
    return str(DEADLINE_NAMES.get(deadline.stage, deadline.get_stage_display()))


class NoRuleError(LookupError):
    """No rule is in force for that kind, stage and date: an administrator must add one."""


def intake_stage(kind):
    """Complaints start with the acceptance decision (Luật KN Art 27); others with processing."""
    if kind in (Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND):
        return Stage.ACCEPTANCE
    return Stage.PROCESSING


def rule_for(*, kind, stage, on, conditions=frozenset()):
    """The rule in force on `on` for this kind and stage.

    A rule for the exact kind beats a general one (blank kind); a rule for one
    of the petition's conditions (remote area, several places) beats the
    ordinary one.
    """
    in_force = Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    rules = DeadlineRule.objects.filter(in_force, stage=stage, condition__in=[RuleCondition.ORDINARY, *conditions])
    rules = rules.filter(Q(kind=kind) | Q(kind=""))
    best = sorted(
        rules, key=lambda r: (r.kind == kind, r.condition != RuleCondition.ORDINARY, r.valid_from), reverse=True
    )
    if not best:
        raise NoRuleError(f"No deadline rule for {kind}/{stage} on {on}.")
    return best[0]


def due_date_for(rule, start, complexity=Complexity.NORMAL, *, fixed=None):
    """The deadline `rule` gives for a clock started on `start` (`fixed`: the petition's set date)."""
    if rule.counting_unit == CountingUnit.BY_DATE:
        if fixed is None:
            raise ValueError(f"Rule {rule.pk} needs the petition's answer-by date.")
        return fixed
    days = rule.days_for(complexity)
    if days is None:
        raise ValueError(f"Rule {rule.pk} allows no {complexity} period.")
    calendar = WorkCalendar()
    if rule.counting_unit == CountingUnit.WORKING_DAYS:
        return calendar.add_working_days(start, days)
    return calendar.add_days_rolling(start, days)


@dataclass
class Explanation:
    start_date: date
    due_date: date
    days: int
    counting_unit: str
    plain_end: date | None
    days_off: list
    # [(day, reason, announcing document or "")] for the days off; [(day, name, document)] for the
    # weekend days worked in exchange (a swap), each counted in the period.
    days_off_announced: list = field(default_factory=list)
    swapped_working_days: list = field(default_factory=list)

    @property
    def in_working_days(self):
        return self.counting_unit == CountingUnit.WORKING_DAYS


def explain(deadline):
    """How a stored deadline was reached: the days off skipped between start and due date."""
    calendar = WorkCalendar()
    days = deadline.period_days
    plain_end = None
    if deadline.rule.counting_unit == CountingUnit.BY_DATE:
        days = (deadline.due_date - deadline.start_date).days
    if deadline.rule.counting_unit == CountingUnit.CALENDAR_DAYS:
        plain_end = deadline.start_date + timedelta(days=days)
    from .calendar_changes import announcement_row, document_label, swapped_working_days

    def _document(calendar, day, reason):
        # The calendar may already name the document in the day's reason; say it once.
        document = document_label(announcement_row(calendar, day))
        return "" if document in str(reason) else document

    days_off = calendar.days_off_between(deadline.start_date + timedelta(days=1), deadline.due_date)
    return Explanation(
        start_date=deadline.start_date,
        due_date=deadline.due_date,
        days=days,
        counting_unit=deadline.rule.counting_unit,
        plain_end=plain_end,
        days_off=days_off,
        days_off_announced=[(day, reason, _document(calendar, day, reason)) for day, reason in days_off],
        swapped_working_days=[
            (day, name, document_label(announcement_row(calendar, day)))
            for day, name in swapped_working_days(calendar, deadline.start_date, deadline.due_date)
        ],
    )
