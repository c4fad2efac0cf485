"""One generated petition's handling, step by step as the services take it (petitions.services), up to today.

Each step has a date drawn after the one before: most within the legal period, some late, a few never. The
steps dated today or earlier are written (events, deadlines met, decisions); the first one still ahead
leaves the petition in the status it reached, its deadline running (overdue if already past). The notes are
the services' own messages, so timelines read as recorded ones do.
"""

from datetime import datetime, time, timedelta
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import gettext

from petitions.deadlines import intake_stage
from petitions.models import (
    COMPLAINT_KINDS,
    Complexity,
    DecisionKind,
    EventKind,
    Kind,
    Outcome,
    PetitionDeadline,
    PetitionDecision,
    PetitionEvent,
    SatisfactionRating,
    Stage,
)
from petitions.workflow import Status

from . import texts
from .store import maker

LATE, STUCK = 0.08, 0.015  # shares of steps taken after their deadline, and of cases left unresolved
OUTCOMES = ((Outcome.UNJUSTIFIED, 0.66), (Outcome.PARTLY, 0.2), (Outcome.JUSTIFIED, 0.14))
NUMBER_SUFFIX = {"inspectorate": "QĐ-TTr", "department": "QĐ-S"}


@lru_cache(maxsize=256)
def _(message):
    """The services' message in the run's language, looked up once: written tens of thousands of times a run.
    generate() runs in the portal's language and clears this first (clear_messages)."""
    return gettext(message)


clear_messages = _.cache_clear


@lru_cache(maxsize=8192)
def short_date(day):
    """dd/mm/yyyy as the services write it (the generator runs in the portal's language)."""
    return date_format(day, "SHORT_DATE_FORMAT")


class Life:
    """The state of one petition while its steps are generated; `run` takes them up to `today`."""

    def __init__(self, gen, petition, body, tz):
        self.gen, self.p, self.body, self.tz = gen, petition, body, tz
        self.rng, self.rules, self.today = gen.rng, gen.rules, gen.today
        self.status = Status.RECEIVED
        self.deadline = None
        self.last = None
        self.version = 1
        self.transfer = None  # (day, pk of the copy at the competent body, body) when transferred in the portal

    # Writing what happened.

    def at(self, day):
        """A moment during office hours of `day`, after everything already written on this petition."""
        moment = datetime.combine(day, time(7, 30), tzinfo=self.tz) + timedelta(minutes=self.rng.randint(0, 540))
        if self.last is not None and moment <= self.last:
            moment = self.last + timedelta(minutes=1)
        self.last = moment
        return moment

    def event(self, kind, day, actor, note="", *, public=False, frm="", to="", related=None, petition_id=None):
        self.gen.batch.events.append(
            maker(PetitionEvent)(
                petition_id=petition_id or self.p.pk, kind=kind, actor=actor, note=note, is_public=public,
                from_status=frm, to_status=to, related_petition_id=related, created_at=self.at(day),
            )
        )  # fmt: skip

    def move(self, to, kind, day, actor, note="", *, related=None):
        self.event(kind, day, actor, note, public=True, frm=self.status, to=to, related=related)
        self.status = to
        self.version += 1

    def issue(self, stage, start, complexity=Complexity.NORMAL, *, main=True, rule=None):
        rule = rule or self.rules.rule_for(kind=self.p.kind, stage=stage, on=start, conditions=self.p.conditions)
        for row in self.gen.batch.deadlines_of(self.p.pk):
            if row.stage == stage and row.is_current:
                row.is_current = False
        deadline = maker(PetitionDeadline)(
            pk=self.gen.deadline_ids.take(), petition_id=self.p.pk, stage=stage, rule=rule, complexity=complexity,
            start_date=start, due_date=self.rules.due_date(rule, start, complexity, fixed=self.p.answer_by),
            is_current=True, created_at=self.at(start),
        )  # fmt: skip
        self.gen.batch.add_deadline(deadline)
        if main:
            self.deadline = deadline
        return deadline

    def meet(self, day):
        if self.deadline is not None:
            self.deadline.met_on = day
        self.deadline = None

    def decision(self, kind, day, actor, *, number="", outcome="", text="", signer=""):
        self.gen.batch.decisions.append(
            maker(PetitionDecision)(
                petition_id=self.p.pk, kind=kind, number=number, date=day, signer=signer, outcome=outcome, text=text,
                recorded_by=actor, recorded_at=self.at(day),
                money_to_state=self.rng.choice((0, 0, 15_000_000, 120_000_000)) if outcome == Outcome.JUSTIFIED else 0,
            )
        )  # fmt: skip

    # Dates.

    def after(self, day, low, high):
        """A working day from `low` to `high` days after `day`."""
        return self.rules.next_working_day(day + timedelta(days=self.rng.randint(low, high)))

    def step_date(self, start, due):
        """When a step with this deadline is taken: within it mostly, after it sometimes."""
        if self.rng.random() < LATE:
            return self.after(max(due, start), 1, 45)
        return self.after(start, 1, max(1, (due - start).days))

    def handler(self):
        return self.rng.choice(self.body.handlers or self.body.leaders)

    def leader(self):
        return self.body.leaders[0]

    def number(self, day):
        suffix = NUMBER_SUFFIX.get(self.body.unit.kind, "QĐ-UBND")
        return f"{self.rng.randint(1, 999)}/{suffix}"

    # The way through the house.

    def run(self, route):
        """Take the petition's steps up to today; `route` is direct, reception (transfer to the competent
        body), outside (guided or sent outside the portal), duplicate (of `route[1]`) or filed."""
        p, rng = self.p, self.rng
        received = p.received_date
        due = self.issue(intake_stage(p.kind), received).due_date
        decided = self.step_date(received, due)
        if route[0] == "duplicate":
            decided = self.after(received, 0, 3)
        if route[0] == "direct" and rng.random() < 0.3 and not self._unchecked_anonymous():
            day = self.after(received, 0, max(0, (decided - received).days - 1))
            if day > self.today:
                return
            if day < decided:
                self.move(Status.CLASSIFIED, EventKind.CLASSIFIED, day, self.handler())
        if decided > self.today:
            return
        if route[0] != "direct" or self._unchecked_anonymous():
            return self._end_at_intake(route, decided)
        if p.kind in COMPLAINT_KINDS and rng.random() < 0.1:
            reason = rng.choice(texts.REFUSALS)
            self.decision(DecisionKind.NOT_ACCEPTED, decided, self.leader(), text=reason)
            self.meet(decided)
            self.move(Status.NOT_ACCEPTED, EventKind.NOT_ACCEPTED, decided, self.leader(), reason)
            return self._close(decided, 0.8)
        self.meet(decided)
        p.accepted_date = decided
        self.issue(Stage.RESOLUTION, decided)
        notice = self.issue(Stage.ACCEPTANCE_NOTICE, decided, main=False) if p.kind == Kind.DENUNCIATION else None
        note = _("Accepted for resolution on %(date)s.") % {"date": short_date(decided)}
        self.move(Status.ACCEPTED, EventKind.ACCEPTED, decided, self.leader(), note)
        self._handle(decided, notice)

    def _unchecked_anonymous(self):
        p = self.p
        return p.kind == Kind.DENUNCIATION and p.is_anonymous and not p.has_evidence

    def _end_at_intake(self, route, day):
        actor = self.handler()
        self.meet(day)
        if route[0] == "duplicate":
            original = route[1]
            self.p.duplicate_of_id = original[0]
            note = _("Same matter as petition %(code)s, which is being handled.") % {"code": original[1]}
            self.move(Status.DUPLICATE, EventKind.DUPLICATE, day, actor, note, related=original[0])
            note = _("Petition %(code)s was linked here as a duplicate.") % {"code": self.p.code}
            self.event(EventKind.NOTE, day, actor, note, related=self.p.pk, petition_id=original[0])
        elif route[0] == "reception" and (copy := self.gen.transfer_copy(day)) is not None:
            competent = route[1]
            self.transfer = (day, copy, competent)
            self.p.transferred_to_name = competent.unit.name
            note = _("Transferred to %(unit)s, the competent body.") % {"unit": competent.unit.name}
            self.move(Status.TRANSFERRED, EventKind.TRANSFERRED_OUT, day, actor, note, related=copy)
        elif route[0] == "filed" or self._unchecked_anonymous():
            self.move(Status.FILED, EventKind.FILED, day, actor, self.rng.choice(texts.FILING))
        elif self.rng.random() < 0.6:
            self.move(Status.GUIDED, EventKind.GUIDED, day, actor, self.rng.choice(texts.GUIDANCE))
        else:
            self.p.transferred_to_name = self.rng.choice(texts.OUTSIDE_BODIES)
            note = _("Transferred to %(unit)s, the competent body.") % {"unit": self.p.transferred_to_name}
            self.move(Status.TRANSFERRED, EventKind.TRANSFERRED_OUT, day, actor, note)

    def _handle(self, accepted, notice):
        p, rng = self.p, self.rng
        handler = self.handler()
        day = self.after(accepted, 0, 3)
        if day > self.today:
            return
        p.handler = handler
        self.version += 1
        self.event(EventKind.ASSIGNED, day, self.leader(), _("Assigned to %(name)s.") % {"name": handler})
        if notice is not None:
            told = self.step_date(accepted, notice.due_date)
            if told <= self.today:
                notice.met_on = told
                note = _("The denouncer was notified of the acceptance on %(date)s.") % {"date": short_date(told)}
                self.event(EventKind.NOTE, told, handler, note, public=True)
        checked = p.kind in (*COMPLAINT_KINDS, Kind.DENUNCIATION)
        if rng.random() < (0.75 if checked else 0.15):
            day = self.after(day, 1, 7)
            if day > self.today:
                return
            self.move(Status.VERIFYING, EventKind.VERIFICATION_STARTED, day, handler, _("Verification started."))
        deadline = self.deadline
        if checked and rng.random() < 0.12 and deadline.rule.days_for(Complexity.COMPLEX):
            decided = max(day, deadline.due_date - timedelta(days=rng.randint(0, 5)))
            # An extension is decided before the deadline it extends has passed (extend_petition_deadline).
            if decided <= deadline.due_date:
                if decided > self.today:
                    return
                day = decided
                self._extend(day, deadline)
        if rng.random() < STUCK:
            return
        decided = max(day, self.step_date(accepted, self.deadline.due_date))
        if decided > self.today:
            return
        self._decide(decided, handler, checked)

    def _extend(self, day, current):
        number = self.number(day)
        reason = "Nhiều nội dung phải xác minh tại thực địa."
        self.decision(DecisionKind.EXTENSION, day, self.leader(), number=number, text=reason)
        deadline = self.issue(Stage.RESOLUTION, current.start_date, Complexity.COMPLEX, rule=current.rule)
        self.p.complexity = Complexity.COMPLEX
        self.version += 1
        note = _("Resolution deadline extended to %(date)s by decision %(number)s.") % {
            "date": short_date(deadline.due_date),
            "number": number,
        }
        self.event(EventKind.EXTENDED, day, self.leader(), note, public=True)

    def _decide(self, day, handler, checked):
        rng = self.rng
        roll = rng.random()
        self.meet(day)
        if checked and roll < 0.04:
            note = _("The petitioner withdrew the petition on %(date)s.") % {"date": short_date(day)}
            self.move(Status.WITHDRAWN, EventKind.WITHDRAWN, day, handler, note)
            return self._close(day, 0.8)
        if checked and roll < 0.06:
            number, reason = self.number(day), "Người khiếu nại, tố cáo rút toàn bộ nội dung; không có vi phạm khác."
            self.decision(DecisionKind.TERMINATION, day, self.leader(), number=number, text=reason)
            self.event(EventKind.NOTE, day, handler, reason)
            note = _("Terminated by decision %(number)s of %(date)s.") % {"number": number, "date": short_date(day)}
            self.move(Status.TERMINATED, EventKind.TERMINATED, day, handler, note)
            return self._close(day, 0.8)
        signer = self.leader().full_name
        if checked:
            number = self.number(day)
            outcome = rng.choices([o for o, _w in OUTCOMES], [w for _o, w in OUTCOMES])[0]
            self.decision(DecisionKind.RESOLUTION, day, handler, number=number, outcome=outcome, signer=signer)
            note = _("Resolved by decision %(number)s of %(date)s.") % {"number": number, "date": short_date(day)}
            note = f"{note} {_('Outcome')}: {Outcome(outcome).label.lower()}."
        else:
            self.decision(DecisionKind.RESOLUTION, day, handler, text=rng.choice(texts.ANSWERS), signer=signer)
            note = _("Answered on %(date)s.") % {"date": short_date(day)}
        self.move(Status.RESOLVED, EventKind.RESOLVED, day, handler, note)
        if not checked and rng.random() < 0.08 and day + timedelta(days=3) <= self.today:
            scores = [rng.choice((3, 4, 4, 5, 5)) for _n in range(5)]
            self.gen.batch.ratings.append(
                maker(SatisfactionRating)(
                    petition_id=self.p.pk, access=scores[0], procedures=scores[1], official=scores[2],
                    result=scores[3], feedback_handling=scores[4], created_at=self.at(day + timedelta(days=3)),
                )
            )  # fmt: skip
        self._close(day, 0.85)

    def _close(self, day, share):
        if self.rng.random() < share:
            closed = self.after(day, 2, 30)
            if closed <= self.today:
                self.move(Status.CLOSED, EventKind.CLOSED, closed, self.handler(), _("File closed."))
