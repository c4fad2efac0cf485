"""Generated petitions, day by day over the years asked, written in batches with their children.

Shares follow the national reports' picture: most are recommendations and feedback, about a sixth
complaints, a few per cent denunciations. Communes receive by size; province bodies take second-instance
complaints, denunciations about officials and the departments' matters. Some arrive at the province's
citizen reception office and are transferred to the competent body (a linked petition there, as
transfer_petition makes it), some are outside competence (guided, or sent to a body outside the portal),
some repeat a recent one (duplicate), anonymous denunciations without evidence are filed. In-person
petitions at a body with reception days mostly come from a visit in its last held session; voters'
recommendations from a voter meeting, to be answered before the next council session.
"""

import random
from collections import deque
from datetime import date, timedelta

from django.db import transaction

from petitions.models import (
    COMPLAINT_KINDS,
    Channel,
    EventKind,
    Kind,
    Petition,
    PetitionDeadline,
    PetitionDecision,
    Petitioner,
    PetitionEvent,
    PetitionPolicy,
    SatisfactionRating,
)
from petitions.services._common import KEY_ALPHABET, KEY_LENGTH, _search_text
from petitions.workflow import OPEN_STATUSES
from reception.models import Visit, Visitor, VisitOutcome, VoterMeeting

from . import texts
from .life import Life, _, short_date
from .people import person, village, visit_kind
from .store import IdPool, Writer, forget_queries, insert, maker

KINDS = (Kind.RECOMMENDATION, Kind.FEEDBACK, Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND, Kind.DENUNCIATION)
KIND_WEIGHTS = (44, 31, 15, 3, 7)
CHANNELS = {
    Kind.RECOMMENDATION: ((Channel.VOTER_MEETING, 16), (Channel.IN_PERSON, 26), (Channel.POST, 24),
                          (Channel.ONLINE, 20), (Channel.HOTLINE, 14)),
    Kind.FEEDBACK: ((Channel.IN_PERSON, 25), (Channel.POST, 25), (Channel.ONLINE, 30), (Channel.HOTLINE, 20)),
    Kind.COMPLAINT_FIRST: ((Channel.IN_PERSON, 40), (Channel.POST, 55), (Channel.ONLINE, 5)),
    Kind.COMPLAINT_SECOND: ((Channel.IN_PERSON, 30), (Channel.POST, 65), (Channel.ONLINE, 5)),
    Kind.DENUNCIATION: ((Channel.IN_PERSON, 25), (Channel.POST, 60), (Channel.ONLINE, 15)),
}  # fmt: skip
MATTERS = {Kind.COMPLAINT_FIRST: texts.COMPLAINTS, Kind.COMPLAINT_SECOND: texts.COMPLAINTS,
           Kind.DENUNCIATION: texts.DENUNCIATIONS}  # fmt: skip


class Batch:
    """The rows of one batch of petitions, written together in one transaction."""

    def __init__(self):
        self.petitions, self.petitioners, self.events, self.deadlines = [], [], [], []
        self.decisions, self.ratings, self.visits, self.meeting_links = [], [], [], []
        self._deadlines = {}

    def add_deadline(self, deadline):
        self.deadlines.append(deadline)
        self._deadlines.setdefault(deadline.petition_id, []).append(deadline)

    def deadlines_of(self, pk):
        return self._deadlines.get(pk, ())

    @transaction.atomic
    def write(self):
        """Insert everything; foreign keys between the rows (a petition's current deadline) are checked at
        commit, as the schema's constraints are deferred."""
        insert(Petition, self.petitions)
        insert(PetitionDeadline, self.deadlines)
        insert(Petitioner, self.petitioners)
        insert(PetitionEvent, self.events)
        insert(PetitionDecision, self.decisions)
        insert(SatisfactionRating, self.ratings)
        # Visits' ids are needed for their visitors: bulk_create returns them.
        visits = Visit.objects.bulk_create([visit for visit, _people in self.visits], batch_size=2000)
        people = [(visit, person) for visit, (_v, group) in zip(visits, self.visits, strict=True) for person in group]
        insert(Visitor, [maker(Visitor)(visit=visit, **person) for visit, person in people])
        insert(VoterMeeting.petitions.through, self.meeting_links)


class PetitionGenerator:
    def __init__(self, province, index, rules, *, seed, start, today, tz, batch_size=5000):
        self.province, self.index, self.rules, self.tz = province, index, rules, tz
        self.rng = random.Random(f"{seed}:petitions")
        self.start, self.today, self.batch_size = start, today, batch_size
        self.petition_ids, self.deadline_ids = IdPool(Petition), IdPool(PetitionDeadline)
        self.threshold = PetitionPolicy.current().group_threshold
        self.days = [start + timedelta(days=n) for n in range((today - start).days + 1)]
        self.recent = {}
        self.batch = Batch()
        self.made = {"petitions": 0, "events": 0, "deadlines": 0, "visits": 0}
        self._current = 0
        self._communes = province.communes
        self._commune_weights = [body.weight for body in province.communes]

    # The plan: how many petitions each day, all N of them, fewer at weekends and holidays.

    def plan(self, count):
        weights = []
        for number, day in enumerate(self.days):
            weight = 1.0 if self.rules.is_working_day(day) else 0.12
            weight *= 1 + 0.3 * number / len(self.days)  # a little more each year
            weights.append(weight * (1.15 if day.month in (6, 11, 12) else 1))
        total, running, previous, quotas = sum(weights), 0.0, 0, []
        for weight in weights:
            running += weight
            upto = round(count * running / total)
            quotas.append(upto - previous)
            previous = upto
        return quotas

    def run(self, count, progress=None):
        self.quotas = self.plan(count)
        self.writer = Writer()
        try:
            for number, day in enumerate(self.days):
                self._current = number
                while self.quotas[number] > 0:
                    self.quotas[number] -= 1
                    self._case(day)
                    if len(self.batch.petitions) >= self.batch_size:
                        self.flush(progress)
            self.flush(progress)
        finally:
            self.writer.close()
        return self.made

    def flush(self, progress=None):
        if not self.batch.petitions:
            return
        batch = self.batch
        self.writer.put(batch)
        self.made["petitions"] += len(batch.petitions)
        self.made["events"] += len(batch.events)
        self.made["deadlines"] += len(batch.deadlines)
        self.made["visits"] += len(batch.visits)
        self.batch = Batch()
        forget_queries()
        if progress:
            progress(self.made["petitions"])

    def transfer_copy(self, day):
        """The id of the petition a transfer creates at the competent body, taken from the day's plan (or a later
        day's), so the run still makes exactly N; None when the plan has no petition left to give."""
        first = max(self._current, (day - self.start).days)
        for number in range(first, len(self.days)):
            if self.quotas[number] > 0:
                self.quotas[number] -= 1
                return self.petition_ids.take()
        return None

    # One case: a petition at the body that receives it, and the one a transfer makes.

    def _competent(self, kind):
        rng, province = self.rng, self.province
        roll = rng.random()
        commune = rng.choices(self._communes, self._commune_weights)[0]
        if kind == Kind.COMPLAINT_FIRST:
            return commune if roll < 0.88 else rng.choice(province.departments)
        if kind == Kind.COMPLAINT_SECOND:
            return province.committee if roll < 0.7 else province.inspectorate
        if kind == Kind.DENUNCIATION:
            return commune if roll < 0.55 else province.inspectorate if roll < 0.9 else rng.choice(province.departments)
        return commune if roll < 0.85 else rng.choice(province.departments) if roll < 0.95 else province.committee

    def _case(self, day):
        rng = self.rng
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        competent = self._competent(kind)
        channels = CHANNELS[kind]
        channel = rng.choices([c for c, _w in channels], [w for _c, w in channels])[0]
        if channel == Channel.VOTER_MEETING and not competent.division_code:
            channel = Channel.POST
        if not self.rules.is_working_day(day):
            channel = Channel.ONLINE
        route, receiving, roll = ("direct",), competent, rng.random()
        recent = self.recent.get(competent.key)
        if channel != Channel.VOTER_MEETING:
            if roll < 0.1:
                route, receiving = ("reception", competent), self.province.reception
            elif roll < 0.15:
                route = ("outside",)
            elif roll < 0.18 and recent:
                original = recent[rng.randrange(len(recent))]
                if (day - original["received"]).days <= 180:
                    route, kind = ("duplicate", (original["pk"], original["code"])), original["kind"]
        self._petition(day, kind, channel, receiving, route, competent)

    def _matter(self, kind, body):
        rng = self.rng
        matters = MATTERS.get(kind, texts.RECOMMENDATIONS)
        category = rng.choice(list(matters))
        summary, content = rng.choice(matters[category])
        place = (body if body.division_code else rng.choice(self._communes)).place
        values = {
            "village": village(rng), "street": rng.choice(texts.STREETS), "commune": place,
            "year": rng.randint(2019, self.today.year - 1), "n": rng.randint(2, 9),
            "area": rng.choice((45, 80, 120, 150, 300, 560)),
        }  # fmt: skip
        respondent = ""
        if kind in COMPLAINT_KINDS:
            respondent = rng.choice((f"UBND {place}", f"Chủ tịch UBND {place}"))
        elif kind == Kind.DENUNCIATION:
            respondent = rng.choice((f"Công chức địa chính – xây dựng {place}", f"Trưởng {values['village']}",
                                     f"Cán bộ bộ phận một cửa {place}"))  # fmt: skip
        return category, summary.format(**values), content.format(**values), respondent

    def _people(self, kind, channel, body):
        rng = self.rng
        anonymous = channel in (Channel.POST, Channel.ONLINE, Channel.HOTLINE) and (
            (kind == Kind.DENUNCIATION and rng.random() < 0.15) or (kind == Kind.FEEDBACK and rng.random() < 0.05)
        )
        if anonymous:
            return [], 1
        if channel == Channel.VOTER_MEETING:
            return ([{"full_name": person(rng, self.province, body)["full_name"]}] if rng.random() < 0.6 else []), 1
        if channel != Channel.ONLINE and kind != Kind.DENUNCIATION and rng.random() < 0.04:
            return [person(rng, self.province, body, representative=True) for _n in range(2)], rng.randint(5, 40)
        signers = 1 if channel == Channel.ONLINE or rng.random() < 0.92 else rng.randint(2, 3)
        return [person(rng, self.province, body) for _n in range(signers)], signers

    def _petition(self, day, kind, channel, receiving, route, competent):
        rng, index = self.rng, self.index
        pk = self.petition_ids.take()
        if route[0] == "duplicate":
            original = next(o for o in self.recent[competent.key] if o["pk"] == route[1][0])
            category, summary, content, respondent = original["matter"]
            people, count = original["people"], original["count"]
        else:
            category, summary, content, respondent = self._matter(kind, competent)
            people, count = self._people(kind, channel, competent)
        received, answer_by, session, meeting = day, None, None, None
        if channel == Channel.IN_PERSON and people and rng.random() < 0.6:
            session = index.session_before(receiving.key, day)
            received = session[0] if session else day
        if channel == Channel.VOTER_MEETING:
            meeting = index.meeting_before(receiving.key, day)
            if meeting is None:
                channel = Channel.POST
            else:
                received, (meeting_id, answer_by) = meeting[0], meeting[1]
        recorder = None if channel == Channel.ONLINE else rng.choice(receiving.officers or receiving.handlers)
        anonymous = not people
        p = maker(Petition)(
            pk=pk, code=f"DT-{received.year}-{pk:06d}", lookup_key="".join(rng.choices(KEY_ALPHABET, k=KEY_LENGTH)),
            kind=kind, channel=channel, received_date=received, receiving_unit=receiving.unit,
            handling_unit=receiving.unit, category=self.province.categories[category], summary=summary,
            content=content, respondent=respondent, people_count=count, is_group=count >= self.threshold,
            is_anonymous=anonymous, is_skipped_level=route[0] == "reception" and kind == Kind.COMPLAINT_FIRST,
            is_remote_area=kind in COMPLAINT_KINDS and competent.is_remote, answer_by=answer_by,
            is_several_places=kind == Kind.DENUNCIATION and rng.random() < 0.1,
            has_evidence=anonymous and kind == Kind.DENUNCIATION and rng.random() < 0.4,
            first_decision_reference=self._first_decision(kind, received), created_by=recorder,
        )  # fmt: skip
        self._write(p, receiving, route, people, recorder)
        if session:
            self._visit(p, session[1], people, recorder)
        if meeting:
            self.batch.meeting_links.append(VoterMeeting.petitions.through(votermeeting_id=meeting_id, petition_id=pk))
        if route[0] == "direct":
            entry = {"pk": pk, "code": p.code, "kind": kind, "received": received, "count": count,
                     "matter": (category, summary, content, respondent), "people": people}  # fmt: skip
            self.recent.setdefault(competent.key, deque(maxlen=30)).append(entry)

    def _first_decision(self, kind, received):
        if kind != Kind.COMPLAINT_SECOND:
            return ""
        decided = received - timedelta(days=self.rng.randint(15, 80))
        return f"Quyết định số {self.rng.randint(1, 999)}/QĐ-UBND ngày {short_date(decided)}"

    def _write(self, p, body, route, people, recorder, *, transferred_from=None):
        """The petition's rows: its petitioners, its first line, its steps up to today; then the petition a
        transfer to the competent body made, with its own steps."""
        life = Life(self, p, body, self.tz)
        signers = [maker(Petitioner)(petition_id=p.pk, order=n, **_fields(person)) for n, person in enumerate(people)]
        if transferred_from is None:
            life.event(EventKind.RECEIVED, p.received_date, recorder, _("Petition received."), public=True)
        else:
            note = _("Transferred by %(unit)s (petition %(code)s).") % {
                "unit": transferred_from.handling_unit.name,
                "code": transferred_from.code,
            }
            life.event(
                EventKind.TRANSFERRED_IN, p.received_date, recorder, note, public=True, related=transferred_from.pk
            )
        p.created_at = life.last
        life.run(route)
        p.status, p.version, p.updated_at = life.status, life.version, life.last
        if life.deadline is not None and life.status in OPEN_STATUSES:
            p.deadline_id, p.due_date = life.deadline.pk, life.deadline.due_date
        p.search_text = _search_text(p, signers)
        self.batch.petitions.append(p)
        self.batch.petitioners.extend(signers)
        if life.transfer:
            day, pk, competent = life.transfer
            copy = maker(Petition)(
                pk=pk, code=f"DT-{day.year}-{pk:06d}", lookup_key="".join(self.rng.choices(KEY_ALPHABET, k=KEY_LENGTH)),
                kind=p.kind, channel=Channel.TRANSFERRED, received_date=day, receiving_unit=competent.unit,
                handling_unit=competent.unit, category=p.category, summary=p.summary, content=p.content,
                respondent=p.respondent, people_count=p.people_count, is_group=p.is_group, is_anonymous=p.is_anonymous,
                is_skipped_level=p.is_skipped_level, is_remote_area=p.kind in COMPLAINT_KINDS and competent.is_remote,
                is_several_places=p.is_several_places, has_evidence=p.has_evidence,
                first_decision_reference=p.first_decision_reference, transferred_from_id=p.pk, created_by=recorder,
            )  # fmt: skip
            self._write(copy, competent, ("direct",), people, recorder, transferred_from=p)

    def _visit(self, p, session_id, people, recorder):
        visit = Visit(
            session_id=session_id, citizen_count=min(p.people_count, 32767), is_group=p.is_group,
            topic=p.summary[:300], category=p.category, kind=visit_kind(p.kind), outcome=VisitOutcome.PETITION,
            petition_id=p.pk, recorded_by=recorder, recorded_at=p.created_at,
        )  # fmt: skip
        visitors = [
            {"full_name": x["full_name"], "citizen_id": x.get("citizen_id", ""), "address": x.get("address", ""),
             "is_representative": x.get("is_representative", False)}
            for x in people
        ]  # fmt: skip
        self.batch.visits.append((visit, visitors))


PETITIONER_FIELDS = (
    "full_name",
    "citizen_id",
    "province_code",
    "commune_code",
    "address",
    "phone",
    "is_representative",
)


def _fields(person):
    """As petitions.services.intake stores a petitioner: every field, blank when not given."""
    return {field: person.get(field) or (False if field == "is_representative" else "") for field in PETITIONER_FIELDS}


def first_day(today, years):
    """The first received date of a run covering `years` years up to `today`."""
    try:
        return today.replace(year=today.year - years) + timedelta(days=1)
    except ValueError:  # 29 February
        return date(today.year - years, 3, 1)
