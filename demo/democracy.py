"""Demo grassroots democracy in Lai Châu: a year of disclosures and consultations, a People's Inspection
Board in every commune with its members and a supervision whose recommendations are followed up in the
supervision app, and answers published on the public pages. Dates are relative to the day of loading;
names are invented."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.orgunits.models import Unit, UnitKind
from danvan.orgunits.selectors import body_in
from democracy import selectors, services
from democracy.models import Board, BoardKind, BoardRole, DisclosureContent, DisclosureForm
from petitions.models import Petition
from supervision import services as supervision_services
from supervision.models import Recommendation, SupervisionKind
from supervision.workflow import RecommendationStatus, SupervisionStatus

TAN_PHONG = "UBND phường Tân Phong"

# (months ago, content order, title, form, days shown or None).
TAN_PHONG_DISCLOSURES = [
    (12, 2, "Dự toán ngân sách phường năm {year}", DisclosureForm.PORTAL, 30),
    (12, 1, "Kế hoạch phát triển kinh tế – xã hội năm {year}", DisclosureForm.NOTICE_BOARD, 30),
    (11, 3, "Kế hoạch sử dụng đất năm {year} của phường", DisclosureForm.PORTAL, 60),
    (10, 3, "Phương án bồi thường, hỗ trợ dự án mở rộng đường Trần Phú", DisclosureForm.NOTICE_BOARD, 30),
    (9, 2, "Tình hình thực hiện dự toán ngân sách quý I", DisclosureForm.PORTAL, 30),
    (8, 99, "Danh sách hộ nghèo, hộ cận nghèo được hỗ trợ", DisclosureForm.LOUDSPEAKER, 3),
    (7, 3, "Tiến độ công trình nhà văn hóa tổ 9", DisclosureForm.VILLAGE_HEAD, 15),
    (6, 2, "Tình hình thực hiện dự toán ngân sách 6 tháng", DisclosureForm.PORTAL, 30),
    (5, 99, "Thủ tục hành chính giải quyết tại bộ phận một cửa phường", DisclosureForm.PORTAL, None),
    (4, 1, "Kết quả thực hiện kế hoạch phát triển kinh tế – xã hội 9 tháng", DisclosureForm.MEETING, None),
    (3, 2, "Tình hình thực hiện dự toán ngân sách 9 tháng", DisclosureForm.PORTAL, 30),
    (1, 3, "Dự án cải tạo hệ thống thoát nước các tổ 3, 4, 6", DisclosureForm.PORTAL, 45),
]  # fmt: skip

# (subject, village, method, days ago it opened, days open, outcome): outcome (participants, agreed, decision),
# "cancel", "open" or "planned".
CONSULTATIONS = [
    ("Mức đóng góp làm đường bê tông ngõ 12 tổ 9", "Tổ 9", "meeting", 300, 1,
     (86, 79, "Thống nhất mỗi hộ đóng góp 500.000 đồng và ngày công; khởi công sau thu hoạch.")),
    ("Nội dung hương ước, quy ước tổ dân phố số 3", "Tổ 3", "ballot", 200, 10,
     (142, 131, "Thông qua hương ước sửa đổi; trình UBND phường công nhận.")),
    ("Vị trí điểm tập kết rác mới của chợ Tân Phong", "", "online", 120, 14,
     (318, 204, "Chọn vị trí phía sau chợ, cách khu dân cư trên 50 m.")),
    ("Đặt tên đường nội bộ khu dân cư số 3", "", "meeting", 60, 1, "cancel"),
    ("Bố trí sân chơi cho trẻ em tại nhà văn hóa tổ 14", "Tổ 14", "ballot", 5, 15, "open"),
    ("Kế hoạch tổng vệ sinh môi trường cuối năm", "", "meeting", -10, 1, "planned"),
]  # fmt: skip

MEMBERS = [
    ("Lò Văn Khánh", BoardRole.HEAD, "Tổ 2"),
    ("Vàng Thị Dung", BoardRole.DEPUTY, "Tổ 5"),
    ("Tòng Văn Sơn", BoardRole.MEMBER, "Tổ 9"),
    ("Lường Thị Phương", BoardRole.MEMBER, "Tổ 12"),
    ("Nguyễn Văn Định", BoardRole.MEMBER, "Tổ 14"),
]

BOARD_RECOMMENDATIONS = [
    ("Niêm yết công khai danh sách hộ được hỗ trợ làm nhà tại nhà văn hóa các thôn, tổ dân phố", 30,
     (RecommendationStatus.IMPLEMENTED, 100, "Đã niêm yết danh sách tại nhà văn hóa các thôn, tổ dân phố.")),
    ("Công khai dự toán, tiến độ công trình đường giao thông nông thôn do Nhân dân đóng góp", 40, None),
]  # fmt: skip


def _months_ago(today, months):
    return today - timedelta(days=30 * months)


def _communes():
    """(commune People's Committee, Fatherland Front committee) of each commune of the province."""
    pairs = []
    for commune in Unit.objects.filter(kind=UnitKind.COMMUNE, valid_to__isnull=True).order_by("name"):
        committee = body_in(commune, UnitKind.PEOPLE_COMMITTEE)
        front = body_in(commune, UnitKind.FATHERLAND_FRONT)
        if committee is not None and front is not None:
            pairs.append((committee, front))
    return pairs


def _disclosures(today, committee, actor, rows):
    contents = {content.order: content for content in DisclosureContent.objects.all()}
    for months, order, title, form, days in rows:
        start = _months_ago(today, months)
        services.record_disclosure(
            actor=actor,
            unit=committee,
            content=contents[order],
            title=title.format(year=today.year),
            summary=f"{committee.name} công khai: {title.format(year=today.year).lower()}.",
            form=form,
            place={DisclosureForm.NOTICE_BOARD: "Bảng tin trụ sở UBND"}.get(form, ""),
            disclosed_on=start,
            period_from=start,
            period_to=start + timedelta(days=days) if days else None,
        )


def _consultations(today, committee, actor):
    for subject, village, method, ago, days, outcome in CONSULTATIONS:
        opens = today - timedelta(days=ago)
        item = services.plan_consultation(
            actor=actor,
            unit=committee,
            subject=subject,
            village=village,
            method=method,
            opens_on=opens,
            closes_on=opens + timedelta(days=days),
        )
        if outcome == "planned":
            continue
        if outcome == "cancel":
            services.cancel_consultation(
                consultation=item, actor=actor, reason="Hoãn để lấy thêm ý kiến của Hội Người cao tuổi."
            )
            continue
        services.open_consultation(consultation=item, actor=actor)
        if outcome != "open":
            participants, agreed, decision = outcome
            services.conclude_consultation(
                consultation=item,
                actor=actor,
                participants=participants,
                agreed=agreed,
                decision=decision,
                concluded_on=opens + timedelta(days=days),
            )


def _board_supervision(today, board, actor, leader, *, overdue):
    programme = supervision_services.create_programme(
        actor=actor, year=today.year, body=board.unit, title=f"Chương trình kiểm tra, giám sát năm {today.year}"
    )
    supervision = supervision_services.create_supervision(
        programme=programme,
        actor=actor,
        kind=SupervisionKind.THEMATIC,
        topic="Việc thực hiện công khai chính sách hỗ trợ nhà ở cho hộ nghèo",
        period_from=date(today.year - 1, 1, 1),
        period_to=date(today.year - 1, 12, 31),
    )
    for target in (SupervisionStatus.FIELDWORK, SupervisionStatus.REPORTING):
        supervision_services.change_supervision_status(supervision=supervision, actor=actor, target=target)
    report_date = today - timedelta(days=90)
    supervision_services.change_supervision_status(
        supervision=supervision,
        actor=actor,
        target=SupervisionStatus.CONCLUDED,
        report_number="01/BC-BTTND",
        report_date=report_date,
        summary="Việc hỗ trợ đúng đối tượng; việc công khai danh sách ở một số thôn chưa kịp thời.",
    )
    addressed = body_in(board.front.parent, UnitKind.PEOPLE_COMMITTEE)
    made = []
    for text, due_in, progress in BOARD_RECOMMENDATIONS:
        item = supervision_services.add_recommendation(
            supervision=supervision,
            actor=actor,
            addressed_to=addressed,
            text=text,
            # One board's second recommendation is overdue, to show the follow-up's escalation.
            due_date=max(today + timedelta(days=-due_in if overdue and not progress else due_in), report_date),
        )
        if progress:
            status, percent, note = progress
            supervision_services.record_progress(
                recommendation=item, actor=leader, text=note, status=status, percent=percent
            )
        made.append(item)
    return made


def _publish(today, users, tan_phong_board_items):
    """The Tân Phong answers and results that the officials chose to publish."""
    leader = users["lanhdao.tanphong"]
    for petition in Petition.objects.filter(summary__startswith="Phản ánh rác thải tồn đọng"):
        if selectors.answered_petitions(leader).filter(pk=petition.pk).exists():
            services.publish_petition_answer(
                petition=petition,
                actor=leader,
                public_summary="Phản ánh rác thải tồn đọng tại điểm tập kết cạnh chợ Tân Phong, gây mùi hôi.",
                public_answer="UBND phường đã yêu cầu đơn vị thu gom bố trí xe thu gom hai lần mỗi ngày.",
            )
    supervisor = User.objects.get(username="giamsat")
    for item in Recommendation.objects.filter(text__startswith="Công khai quy trình, thời hạn giải quyết hồ sơ"):
        if item.status == RecommendationStatus.IMPLEMENTED:
            services.publish_supervision_result(
                recommendation=item,
                actor=supervisor,
                public_summary="Kiến nghị công khai quy trình, thời hạn giải quyết hồ sơ cấp phép xây dựng.",
                public_result="Đã niêm yết quy trình, thời hạn tại bộ phận một cửa và đăng trên trang thông tin.",
            )
    done = Recommendation.objects.filter(
        pk__in=[item.pk for item in tan_phong_board_items], status=RecommendationStatus.IMPLEMENTED
    )
    for item in done:
        services.publish_supervision_result(
            recommendation=item,
            actor=supervisor,
            public_summary="Ban Thanh tra nhân dân kiến nghị niêm yết danh sách hộ được hỗ trợ làm nhà.",
            public_result="UBND phường đã niêm yết danh sách tại nhà văn hóa các tổ dân phố.",
        )


@transaction.atomic
def build_democracy():
    """Create the demo year once; returns the number of boards."""
    if Board.objects.exists():
        return Board.objects.count()
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.filter(username__in=["lanhdao", "lanhdao.tanphong", "giamsat"])}
    pairs = _communes()
    boards = []
    for committee, front in pairs:
        if committee.name == TAN_PHONG:
            _disclosures(today, committee, users["lanhdao.tanphong"], TAN_PHONG_DISCLOSURES)
            _consultations(today, committee, users["lanhdao.tanphong"])
        else:
            _disclosures(today, committee, users["lanhdao"], [TAN_PHONG_DISCLOSURES[0], TAN_PHONG_DISCLOSURES[7]])
        board = services.establish_board(
            actor=users["giamsat"],
            front=front,
            kind=BoardKind.PEOPLE_INSPECTION,
            name=committee.name.replace("UBND", "Ban Thanh tra nhân dân", 1),
            term_from=date(today.year - 1, 7, 1),
            decision="Quyết định công nhận của Ban Thường trực Ủy ban MTTQ",
        )
        boards.append((committee, board))
        for full_name, role, village in MEMBERS[: 5 if committee.name == TAN_PHONG else 3]:
            services.add_board_member(
                board=board,
                actor=users["giamsat"],
                full_name=full_name,
                role=role,
                village=village,
                term_from=board.term_from,
            )
    # Fresh user objects: the scope read before the boards existed is kept on the old ones.
    supervisor, leader = User.objects.get(username="giamsat"), User.objects.get(username="lanhdao")
    tan_phong_items = []
    for committee, board in boards:
        items = _board_supervision(today, board, supervisor, leader, overdue=committee.name == TAN_PHONG)
        if committee.name == TAN_PHONG:
            tan_phong_items = items
    _publish(today, users, tan_phong_items)
    return len(boards)
