"""Generated reception: each commune chairman's periodic reception as the norms of the day require it (one
day a week until 30/6/2026, two days a month since: the seeded ReceptionNorm rows), the province's monthly
reception day, their sessions held, postponed or cancelled, visits with their visitors, the chairmen's
reception duties, and the communes' voter meetings before each council session.

Visits that received a petition are made with the petition (demo.generate.petitions); here, the others."""

import bisect
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from danvan.orgunits.models import Unit
from reception.models import (
    HolidayPolicy,
    NormPosition,
    ReceptionDuty,
    ReceptionSchedule,
    ReceptionSession,
    Recurrence,
    RefusalReason,
    SessionStatus,
    Visit,
    Visitor,
    VisitOutcome,
    VoterMeeting,
)
from reception.schedules import occurrences

from . import texts
from .people import person

NORM_CHANGE = date(2026, 7, 1)  # Commune chairmen: 2 days a month from 1/7/2026 (seeded ReceptionNorm).


@dataclass
class ReceptionIndex:
    """Held sessions and voter meetings by body key, by date, for the petitions to arrive at."""

    sessions: dict = field(default_factory=dict)  # key -> ([dates], [session ids])
    meetings: dict = field(default_factory=dict)  # key -> ([dates], [(meeting id, next session date)])
    made: dict = field(default_factory=dict)

    def session_before(self, key, day, within=21):
        """The last held session of the body on or before `day` (within `within` days): (date, id) or None."""
        dates, ids = self.sessions.get(key, ([], []))
        index = bisect.bisect_right(dates, day) - 1
        if index >= 0 and (day - dates[index]).days <= within:
            return dates[index], ids[index]
        return None

    def meeting_before(self, key, day, within=60):
        dates, rows = self.meetings.get(key, ([], []))
        index = bisect.bisect_right(dates, day) - 1
        if index >= 0 and (day - dates[index]).days <= within:
            return dates[index], rows[index]
        return None


def _schedules(province, start):
    """(body, name, recurrence fields, valid_from, valid_to, presiding official) of every generated schedule."""
    for body in province.communes:
        leader = body.leaders[0]
        weekly = {"recurrence": Recurrence.WEEKLY, "weekday": 3}
        yield body, f"Chủ tịch UBND {body.place} tiếp công dân hằng tuần (thứ Năm)", weekly, start, NORM_CHANGE, leader
        monthly = {"recurrence": Recurrence.MONTHLY_DAYS, "days_of_month": "10,25"}
        yield (
            body,
            f"Chủ tịch UBND {body.place} tiếp công dân định kỳ (ngày 10 và 25)",
            monthly,
            NORM_CHANGE,
            None,
            leader,
        )
    body = province.reception
    monthly = {"recurrence": Recurrence.MONTHLY_DAYS, "days_of_month": "20"}
    yield body, f"Chủ tịch UBND tỉnh {province.short} tiếp công dân định kỳ (ngày 20)", monthly, start, None, None


def build_reception(province, rng, rules, *, start, today, stamp):
    """Create the schedules, sessions, duties and voter meetings not yet made; return the index and counts."""
    index = ReceptionIndex()
    horizon = today + timedelta(days=120)
    sessions_made = visits_made = 0
    for body, name, recurrence, valid_from, valid_to, presiding in _schedules(province, start):
        if valid_to is not None and valid_to <= start:
            continue
        schedule = ReceptionSchedule.objects.filter(name=name).first()
        if schedule is None:
            schedule = ReceptionSchedule.objects.create(
                name=name,
                presiding_position="Chủ tịch UBND" if presiding else "Chủ tịch UBND tỉnh",
                presiding=presiding,
                place=f"Trụ sở tiếp công dân {body.place or body.unit.name}",
                start_time=time(7, 30),
                end_time=time(11, 30),
                valid_from=max(valid_from, start),
                valid_to=valid_to - timedelta(days=1) if valid_to else None,
                holiday_policy=HolidayPolicy.MOVE_NEXT,
                **recurrence,
            )
            hosts = [body.unit] if body.place else [province.committee.unit, body.unit]
            schedule.hosts.set(hosts)
        hosts = list(schedule.hosts.all())
        existing = set(schedule.sessions.values_list("rule_date", flat=True))
        chairman = presiding or province.committee.leaders[0]
        new = []
        for rule_date, day in occurrences(schedule, start, horizon, calendar=rules.calendar):
            if rule_date in existing:
                continue
            status, reason, presided_by = SessionStatus.PLANNED, "", None
            if day <= today:
                roll = rng.random()
                if roll < 0.04:
                    status, reason = SessionStatus.CANCELLED, "Lãnh đạo đi công tác đột xuất; đã thông báo công dân."
                elif roll < 0.07:
                    status, reason = SessionStatus.POSTPONED, "Trùng lịch họp của Tỉnh ủy; sẽ bố trí ngày khác."
                else:
                    status = SessionStatus.HELD
                    presided_by = chairman if rng.random() < 0.85 else (body.handlers or body.leaders)[0]
            new.append(
                ReceptionSession(
                    schedule=schedule, rule_date=rule_date, date=day, start_time=schedule.start_time,
                    end_time=schedule.end_time, place=schedule.place, presiding_position=schedule.presiding_position,
                    presiding=schedule.presiding, presided_by=presided_by, status=status, status_reason=reason,
                    is_published=True, revision=0 if status == SessionStatus.PLANNED else 1,
                )
            )  # fmt: skip
        made = ReceptionSession.objects.bulk_create(new)
        sessions_made += len(made)
        ReceptionSession.hosts.through.objects.bulk_create(
            [ReceptionSession.hosts.through(receptionsession_id=s.pk, unit_id=host.pk) for s in made for host in hosts]
        )
        visits_made += _visits(made, body, province, rng, stamp)
        held = schedule.sessions.filter(status=SessionStatus.HELD).order_by("date").values_list("date", "pk")
        dates, ids = index.sessions.setdefault(body.key, ([], []))
        for day, pk in held:
            dates.append(day)
            ids.append(pk)
    for dates, ids in index.sessions.values():
        pairs = sorted(zip(dates, ids, strict=True))
        dates[:], ids[:] = [p[0] for p in pairs], [p[1] for p in pairs]
    _duties(province, start)
    meetings = _voter_meetings(province, rng, index, start=start, today=today)
    index.made = {"sessions": sessions_made, "visits": visits_made, "voter_meetings": meetings}
    return index


def _visits(sessions, body, province, rng, stamp):
    """Visits that ended at the session (explained, guided, refused); petitions bring their own."""
    recorder = (body.officers or body.handlers)[0]
    categories = list(province.categories.values())
    visits, people = [], []
    for session in sessions:
        if session.status != SessionStatus.HELD:
            continue
        for _n in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
            group = rng.random() < 0.05
            count = rng.randint(5, 30) if group else 1
            roll = rng.random()
            outcome = VisitOutcome.EXPLAINED if roll < 0.62 else VisitOutcome.GUIDED if roll < 0.97 else None
            kind = rng.choice(("recommendation", "feedback", "feedback", "complaint_1", "denunciation"))
            visit = Visit(
                session=session, citizen_count=count, is_group=group,
                topic=rng.choice(("Hỏi chính sách hỗ trợ nhà ở", "Phản ánh đường nội bản xuống cấp",
                                  "Hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất",
                                  "Phản ánh tiếng ồn từ cơ sở sản xuất", "Hỏi về chế độ bảo hiểm xã hội")),
                category=rng.choice(categories), kind=kind, outcome=outcome or VisitOutcome.REFUSED,
                refusal_reason=RefusalReason.REPEATED if outcome is None else "",
                handled_before_by=body.unit.name if outcome is None else "",
                notes=rng.choice(texts.GUIDANCE) if outcome == VisitOutcome.GUIDED else "",
                recorded_by=recorder, recorded_at=stamp(session.date, rng),
            )  # fmt: skip
            visits.append(visit)
            people.append([person(rng, province, body, representative=group) for _p in range(2 if group else 1)])
    made = Visit.objects.bulk_create(visits)
    Visitor.objects.bulk_create(
        [
            Visitor(visit=visit, full_name=p["full_name"], citizen_id=p["citizen_id"], address=p["address"],
                    is_representative=p["is_representative"])
            for visit, group in zip(made, people, strict=True) for p in group
        ]
    )  # fmt: skip
    return len(made)


def _duties(province, start):
    """Each commune chairman's reception duty, from which the norms' compliance is counted."""
    have = set(ReceptionDuty.objects.filter(position=NormPosition.COMMUNE_CHAIRMAN).values_list("user_id", flat=True))
    ReceptionDuty.objects.bulk_create(
        [
            ReceptionDuty(
                user=body.leaders[0], unit=body.unit, position=NormPosition.COMMUNE_CHAIRMAN, valid_from=start
            )
            for body in province.communes
            if body.leaders[0].pk not in have
        ]
    )


def _voter_meetings(province, rng, index, *, start, today):
    """Two meetings a year per commune council, before the mid-year and year-end sessions."""
    made = 0
    for body in province.communes:
        council = body.council or Unit.objects.get(pk=body.unit.parent_id)
        existing = {m.date: m for m in VoterMeeting.objects.filter(council=council, place__startswith="Nhà văn hóa")}
        rows = []
        for year in range(start.year, today.year + 1):
            for month, before in ((6, "giữa năm"), (11, "cuối năm")):
                day = date(year, month, rng.randint(2, 24))
                if day < start or day > today or day in existing:
                    continue
                rows.append(
                    VoterMeeting(
                        council=council, date=day, place=f"Nhà văn hóa {rng.choice(texts.VILLAGE_NAMES)}",
                        deputies=", ".join(u.full_name for u in body.leaders),
                        council_session=f"Kỳ họp {before} năm {year} của HĐND {body.place}",
                        is_before_session=True, next_session_date=day + timedelta(days=rng.randint(20, 35)),
                        voters_present=rng.randint(40, 160), record="Cử tri các bản dự; nhiều ý kiến phát biểu.",
                        recorded_by=body.leaders[0],
                    )
                )  # fmt: skip
        made += len(VoterMeeting.objects.bulk_create(rows))
        meetings = sorted([*existing.values(), *rows], key=lambda m: m.date)
        index.meetings[body.key] = ([m.date for m in meetings], [(m.pk, m.next_session_date) for m in meetings])
    return made
