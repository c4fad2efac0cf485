"""Demo reception in Lai Châu: the 10th and 25th schedules of the article, held sessions with visits,
today's ad hoc session, the chairman's duty for the norms, and a voter meeting."""

from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.orgunits.models import Unit
from petitions.models import Category
from reception import services
from reception.models import (
    ReceptionDuty,
    ReceptionSchedule,
    ReceptionSession,
    Recurrence,
    SessionStatus,
    VisitOutcome,
    VoterMeeting,
)

SCHEDULES = [
    ("Thường trực HĐND phường Tân Phong tiếp công dân định kỳ (ngày 10)", "10", None,
     ["Thường trực HĐND phường Tân Phong"], "Chủ tịch HĐND phường", None),
    ("Tiếp công dân liên ngành HĐND – UBND – Ủy ban MTTQ phường Tân Phong (ngày 25)", "25", None,
     ["HĐND phường Tân Phong", "UBND phường Tân Phong", "Ủy ban MTTQ Việt Nam phường Tân Phong"],
     "Chủ tịch UBND phường", "lanhdao.tanphong"),
    ("Chủ tịch UBND phường Tân Phong tiếp công dân (thứ Năm tuần thứ hai)", "", 2,
     ["UBND phường Tân Phong"], "Chủ tịch UBND phường", "lanhdao.tanphong"),
]  # fmt: skip


@transaction.atomic
def build_reception():
    """Create what is missing; return the number of sessions."""
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.all()}
    units = {u.name: u for u in Unit.objects.filter(name__contains="Tân Phong")}
    for name, days, nth, hosts, position, presiding in SCHEDULES:
        schedule, created = ReceptionSchedule.objects.get_or_create(
            name=name,
            defaults={
                "recurrence": Recurrence.NTH_WEEKDAY if nth else Recurrence.MONTHLY_DAYS,
                "days_of_month": days,
                "weekday": 3 if nth else None,
                "nth": nth,
                "presiding_position": position,
                "presiding": users.get(presiding) if presiding else None,
                "place": "Trụ sở tiếp công dân phường Tân Phong, đường Trần Phú",
                "start_time": time(7, 30),
                "end_time": time(11, 30),
                "valid_from": date(2026, 1, 1),
            },
        )
        if created:
            schedule.hosts.set([units[host] for host in hosts])
        services.materialise_sessions(
            schedule=schedule, start=today - timedelta(days=90), end=today + timedelta(days=120)
        )
    chairman = users["lanhdao.tanphong"]
    ReceptionDuty.objects.get_or_create(
        user=chairman, position="commune_chairman", defaults={"unit": units["UBND phường Tân Phong"],
                                                              "valid_from": date(2025, 7, 1)},
    )  # fmt: skip
    officer = users["tiepdan.tanphong"]
    past = ReceptionSession.objects.filter(date__lt=today, status=SessionStatus.PLANNED, presiding=chairman)
    for index, session in enumerate(past.order_by("date")):
        services.set_session_status(session=session, actor=officer, status=SessionStatus.HELD, presided_by=chairman)
        if index % 2 == 0:
            services.record_visit(
                session=session, actor=officer,
                data={"kind": "feedback", "category": Category.objects.get(name="Giao thông, hạ tầng"),
                      "topic": "Phản ánh cống thoát nước tổ 6 bị tắc", "citizen_count": 1, "is_group": False,
                      "outcome": VisitOutcome.EXPLAINED, "refusal_reason": "", "handled_before_by": "", "notes": ""},
                visitors=[{"full_name": "Lò Thị Xuân", "citizen_id": "012190003344", "address": "Tổ 6"}],
            )  # fmt: skip
    if not ReceptionSession.objects.filter(is_ad_hoc=True, date=today).exists():
        session = services.create_ad_hoc_session(
            actor=users["lanhdao"], hosts=[Unit.objects.get(name="Ban Tiếp công dân tỉnh Lai Châu")], date=today,
            start_time=time(8, 0), end_time=time(11, 0), place="Trụ sở Tiếp công dân tỉnh Lai Châu",
            presiding_position="Phó Chủ tịch UBND tỉnh", presiding=users["lanhdao"],
        )  # fmt: skip
    council = units["HĐND phường Tân Phong"]
    if not VoterMeeting.objects.exists():
        meeting = services.record_voter_meeting(
            actor=users["giamsat"], council=council,
            data={"date": today - timedelta(days=12), "place": "Nhà văn hóa tổ 14, phường Tân Phong",
                  "deputies": "Đỗ Văn Long, Tòng Thị Mai", "council_session": "Kỳ họp cuối năm 2026 của HĐND phường",
                  "is_before_session": True, "next_session_date": today + timedelta(days=25), "voters_present": 85,
                  "record": "Cử tri tổ 12, 13, 14 dự; 6 ý kiến phát biểu."},
        )  # fmt: skip
        for summary, unit in (
            ("Cử tri kiến nghị nâng cấp đường nội tổ 14", "UBND phường Tân Phong"),
            ("Cử tri kiến nghị bố trí thêm điểm thu gom rác", "UBND phường Tân Phong"),
        ):
            services.add_voter_recommendation(
                meeting=meeting, actor=users["giamsat"], unit=units[unit], category=Category.objects.first(),
                summary=summary, content=summary,
            )  # fmt: skip
    return ReceptionSession.objects.count()
