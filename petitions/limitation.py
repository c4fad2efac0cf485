"""The law at intake: the last day to lodge a complaint, and the representatives a group may send.

Limitation periods (Law on Complaints 2011, Luật Khiếu nại số 02/2011/QH13):
- Art 9: a complaint within 90 days of receiving or learning of the administrative decision or act; the
  time a legal obstacle (illness, natural disaster, war or enemy action, work or study far away, another
  objective obstacle) kept the complainant from lodging it is not counted.
- Art 33: a second complaint within 30 days (45 in remote areas with difficult travel) of receiving the
  first-instance decision, or of the end of the first-instance period without one.
- Art 48: a complaint about a disciplinary decision within 15 days of receiving it; the second within 10
  days of the first decision, 30 for a dismissal (buộc thôi việc).
The periods are `LimitationRule` rows seeded by migration 0013; the counting is the Civil Code's, through
the one calendar module (the trigger day is not counted; a period ending on a day off ends on the next
working day).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.text import short_date
from danvan.workdays.calendar import WorkCalendar

from .models import COMPLAINT_KINDS, CountingUnit, Kind, RuleCondition
from .models.limitation import (
    ComplaintSubject,
    GroupRepresentationRule,
    LimitationRule,
    LimitationScope,
    LimitationStart,
    PetitionLimitation,
)

# The petition's fields (as the intake form and the services name them) the limitation is computed from.
FACT_FIELDS = ("subject", "decision_known_on", "first_decision_on", "obstacle_from", "obstacle_to", "obstacle_reason")

# Which date of the petition each rule's period is counted from.
START_FIELDS = {
    LimitationStart.LEARNED: "decision_known_on",
    LimitationStart.DISCIPLINE_RECEIVED: "decision_known_on",
    LimitationStart.FIRST_DECISION: "first_decision_on",
}


@dataclass(frozen=True)
class Facts:
    """What the officer entered about a complaint's limitation period."""

    kind: str
    subject: str = ComplaintSubject.ADMINISTRATIVE
    decision_known_on: date | None = None
    first_decision_on: date | None = None
    obstacle_from: date | None = None
    obstacle_to: date | None = None
    obstacle_reason: str = ""
    is_remote_area: bool = False

    @classmethod
    def from_data(cls, data, *, kind=None):
        """From the intake form's cleaned data or a service's `data` dict."""
        values = {field: data.get(field) for field in FACT_FIELDS if data.get(field) is not None}
        return cls(kind=kind or data["kind"], is_remote_area=bool(data.get("is_remote_area")), **values)

    @property
    def scope(self):
        """Which limitation period governs this complaint; None for any other kind of petition."""
        if self.kind not in COMPLAINT_KINDS:
            return None
        second = self.kind == Kind.COMPLAINT_SECOND
        if self.subject == ComplaintSubject.DISMISSAL and second:
            return LimitationScope.DISMISSAL_SECOND
        if self.subject in (ComplaintSubject.DISCIPLINE, ComplaintSubject.DISMISSAL):
            return LimitationScope.DISCIPLINE_SECOND if second else LimitationScope.DISCIPLINE_FIRST
        return LimitationScope.COMPLAINT_SECOND if second else LimitationScope.COMPLAINT_FIRST

    @property
    def conditions(self):
        return {RuleCondition.REMOTE_AREA} if self.is_remote_area else set()


@dataclass(frozen=True)
class Assessment:
    """The last day to lodge a complaint and whether it was lodged by then."""

    rule: LimitationRule
    start: date
    last_day: date
    received: date
    obstacle_days: int = 0

    @property
    def is_late(self):
        return self.received > self.last_day

    def warning(self):
        """The warning the officer sees at intake, with the legal basis and the law's allowance."""
        return _(
            "Lodged after the limitation period: the last day was %(day)s (%(days)d days from %(start)s, "
            "%(basis)s). If illness, a natural disaster, war, work or study far away or another objective "
            "obstacle kept the complainant from lodging it in time, record the obstacle's period below: that "
            "time is not counted (Law on Complaints 2011, Art 9)."
        ) % {
            "day": short_date(self.last_day),
            "days": self.rule.days,
            "start": short_date(self.start),
            "basis": self.rule.legal_basis,
        }


def rule_for(scope, *, on, conditions=frozenset()):
    """The limitation rule in force on `on` (the day the period starts); one for the petition's circumstance
    (remote area) beats the ordinary one. None if no rule is in force then."""
    in_force = Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    rules = LimitationRule.objects.filter(
        in_force, applies_to=scope, condition__in=[RuleCondition.ORDINARY, *conditions]
    )
    best = sorted(rules, key=lambda r: (r.condition != RuleCondition.ORDINARY, r.valid_from), reverse=True)
    return best[0] if best else None


def obstacle_days(start, obstacle_from, obstacle_to):
    """Days of the obstacle after `start` (inclusive of both ends): the time not counted (Art 9)."""
    if obstacle_from is None or obstacle_to is None or obstacle_to <= start:
        return 0
    return (obstacle_to - max(obstacle_from, start + timedelta(days=1))).days + 1


def last_day(rule, start, *, skipped=0, calendar=None):
    """The last day to lodge: `rule.days` from `start`, plus the days of an obstacle, rolled past days off."""
    calendar = calendar or WorkCalendar()
    if rule.counting_unit == CountingUnit.WORKING_DAYS:
        return calendar.add_working_days(start + timedelta(days=skipped), rule.days)
    return calendar.add_days_rolling(start, rule.days + skipped)


def assess(facts, *, received, calendar=None):
    """The limitation period of a complaint received on `received`, or None when it cannot be computed:
    not a complaint, the date it counts from not entered, or no rule in force for that date."""
    scope = facts.scope
    if scope is None:
        return None
    # The rule tells which date it counts from; try the dates entered, the first that has a rule wins.
    for field in dict.fromkeys(START_FIELDS.values()):
        start = getattr(facts, field)
        if start is None:
            continue
        rule = rule_for(scope, on=start, conditions=facts.conditions)
        if rule is None or START_FIELDS[rule.counted_from] != field:
            continue
        skipped = obstacle_days(start, facts.obstacle_from, facts.obstacle_to)
        end = last_day(rule, start, skipped=skipped, calendar=calendar)
        return Assessment(rule=rule, start=start, last_day=end, received=received, obstacle_days=skipped)
    return None


def facts_errors(data, *, kind):
    """What is wrong with the dates entered for a complaint's limitation period, as (field, message) pairs;
    nothing for other kinds, whose form does not show these fields."""
    errors = []
    if kind not in COMPLAINT_KINDS:
        return errors
    received = data.get("received_date")
    if received and data.get("decision_known_on") and data["decision_known_on"] > received:
        errors.append(
            ("decision_known_on", _("The complainant cannot have learned of the decision after lodging the complaint."))
        )
    if received and data.get("first_decision_on") and data["first_decision_on"] > received:
        errors.append(("first_decision_on", _("This date cannot be after the day the complaint was received.")))
    start, end = data.get("obstacle_from"), data.get("obstacle_to")
    if bool(start) != bool(end):
        errors.append(
            ("obstacle_to" if start else "obstacle_from", _("Enter both the first and the last day of the obstacle."))
        )
    elif start and end and end < start:
        errors.append(("obstacle_to", _("The obstacle cannot end before it starts.")))
    if start and end and not (data.get("obstacle_reason") or "").strip():
        errors.append(
            ("obstacle_reason", _("Say what the obstacle was (illness, natural disaster, work far away, …)."))
        )
    return errors


def facts_for(petition, data):
    """The facts for `petition` after a correction: what `data` gives, the rest as stored before."""
    record = limitation_of(petition)
    if record is None and petition.transferred_from_id is not None:
        record = limitation_of(petition.transferred_from)  # a transferred copy carries the original's dates
    stored = {field: getattr(record, field) for field in FACT_FIELDS} if record else {}
    given = {field: data[field] for field in FACT_FIELDS if field in data}
    merged = {**stored, **given, "is_remote_area": petition.is_remote_area}
    return Facts.from_data(merged, kind=petition.kind)


def limitation_of(petition):
    """The petition's stored limitation record, or None."""
    try:
        return petition.limitation
    except PetitionLimitation.DoesNotExist:
        return None


def refusal_ground(record):
    """The ground "lodged after the limitation period", with the rule's basis and the last day."""
    return _("Lodged after the limitation period (%(basis)s; the last day was %(day)s).") % {
        "basis": record.rule.legal_basis,
        "day": short_date(record.last_day),
    }


# --- Group petitions (Decree 124/2020/NĐ-CP) -----------------------------------------------------------


def representation_rule(*, people_count, kind, on):
    """The rule on representatives in force on `on` for a group of `people_count`, or None (no limit)."""
    in_force = Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    size = Q(min_people__lte=people_count) & (Q(max_people__isnull=True) | Q(max_people__gte=people_count))
    rules = GroupRepresentationRule.objects.filter(in_force, size).filter(Q(kind=kind) | Q(kind=""))
    best = sorted(rules, key=lambda r: (r.kind == kind, r.valid_from), reverse=True)
    return best[0] if best else None


def representatives_error(*, people_count, representatives, kind, on):
    """The message when a group chose more representatives than the rule allows, else None."""
    if not representatives or not people_count:
        return None
    rule = representation_rule(people_count=people_count, kind=kind or "", on=on)
    if rule is None or representatives <= rule.max_representatives:
        return None
    return _(
        "A group of %(count)d people may choose at most %(limit)d representatives (%(basis)s); "
        "%(chosen)d are marked as representatives."
    ) % {
        "count": people_count,
        "limit": rule.max_representatives,
        "basis": rule.legal_basis,
        "chosen": representatives,
    }
