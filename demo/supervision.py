"""Demo supervision year, after the Lai Châu articles: the 2024 programme adopted by resolution, the
building-permit supervision (period 2017–2021, field work Sep–Oct 2023) with findings and
recommendations in several states, interpellation commitments, and Dân vận khéo initiatives (models)."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.orgunits.models import Unit
from supervision import services
from supervision.models import Initiative, Recommendation, SupervisionKind, SupervisionProgramme
from supervision.workflow import InitiativeStatus, SupervisionStatus


@transaction.atomic
def build_supervision():
    """Create the demo year once; returns the number of recommendations and commitments."""
    if SupervisionProgramme.objects.exists():
        return Recommendation.objects.count()
    users = {u.username: u for u in User.objects.all()}
    units = {
        u.name: u
        for u in Unit.objects.filter(name__contains="Lai Châu") | Unit.objects.filter(name__contains="Tân Phong")
    }
    supervisor = users["giamsat"]
    standing = units["Thường trực HĐND tỉnh Lai Châu"]
    programme = services.create_programme(
        actor=supervisor,
        year=2024,
        body=standing,
        title="Chương trình giám sát năm 2024 của Thường trực HĐND tỉnh",
        proposals="Đề xuất của các Ban HĐND, đại biểu, Ủy ban MTTQ và ý kiến cử tri tại các buổi tiếp xúc cử tri.",
    )
    services.adopt_programme(programme=programme, actor=supervisor, number="42/NQ-HĐND", adopted_on=date(2023, 7, 14))
    permits = services.create_supervision(
        programme=programme,
        actor=supervisor,
        kind=SupervisionKind.THEMATIC,
        topic="Việc cấp giấy phép xây dựng và quản lý trật tự xây dựng trên địa bàn thành phố giai đoạn 2017–2021",
        period_from=date(2017, 1, 1),
        period_to=date(2021, 12, 31),
        fieldwork_from=date(2023, 9, 11),
        fieldwork_to=date(2023, 10, 27),
    )
    for full_name, role, from_body in (
        ("Tòng Thị Mai", "head", "Ban Pháp chế HĐND tỉnh"),
        ("Nguyễn Văn Khoa", "deputy", "Ban Kinh tế – Ngân sách"),
        ("Lò Thị Hằng", "member", "Ủy ban MTTQ tỉnh"),
    ):
        services.add_delegation_member(
            supervision=permits, actor=supervisor, full_name=full_name, role=role, from_body=from_body
        )
    committee = units["UBND phường Tân Phong"]
    services.add_supervised_unit(supervision=permits, actor=supervisor, unit=committee, visited=True)
    for target in (SupervisionStatus.FIELDWORK, SupervisionStatus.REPORTING):
        services.change_supervision_status(supervision=permits, actor=supervisor, target=target)
    services.change_supervision_status(
        supervision=permits,
        actor=supervisor,
        target=SupervisionStatus.CONCLUDED,
        report_number="86/BC-HĐND",
        report_date=date(2023, 11, 20),
        summary="Việc cấp phép cơ bản đúng quy định; còn chậm trả hồ sơ và buông lỏng kiểm tra sau cấp phép.",
    )
    late = services.add_finding(
        supervision=permits, actor=supervisor, text="Một số hồ sơ cấp phép trả kết quả quá hạn."
    )
    lax = services.add_finding(
        supervision=permits, actor=supervisor, text="Kiểm tra sau cấp phép chưa thường xuyên; còn công trình sai phép."
    )
    today = timezone.localdate()
    recommendations = [
        (
            "Công khai quy trình, thời hạn giải quyết hồ sơ cấp phép tại bộ phận một cửa",
            date(2024, 3, 31),
            late,
            [
                (
                    "implemented",
                    100,
                    "Đã niêm yết quy trình và thời hạn tại bộ phận một cửa, đăng trên trang thông tin điện tử.",
                )
            ],
        ),
        (
            "Rà soát, xử lý dứt điểm các công trình xây dựng sai phép giai đoạn 2017–2021",
            today + timedelta(days=20),
            lax,
            [("in_progress", 40, "Đã rà soát 48/120 công trình; lập biên bản 9 trường hợp.")],
        ),
        ("Xây dựng kế hoạch kiểm tra sau cấp phép định kỳ hằng quý", today - timedelta(days=15), lax, []),
    ]
    for text, due, finding, updates in recommendations:
        item = services.add_recommendation(
            supervision=permits,
            actor=supervisor,
            addressed_to=committee,
            text=text,
            due_date=max(due, date(2023, 11, 20)),
            finding=finding,
        )
        for status, percent, note in updates:
            services.record_progress(
                recommendation=item, actor=users["lanhdao.tanphong"], text=note, status=status, percent=percent
            )
    services.record_commitment(
        actor=supervisor,
        body=units["HĐND tỉnh Lai Châu"],
        addressed_to=committee,
        council_session="Kỳ họp thứ mười bảy HĐND tỉnh khóa XV",
        question="Tiến độ cấp giấy chứng nhận quyền sử dụng đất cho các hộ tái định cư?",
        asked_by="Đại biểu Vàng Thị Mỷ",
        answered_by="Chủ tịch UBND phường Tân Phong",
        asked_on=today - timedelta(days=10),
        promise="Hoàn thành cấp giấy chứng nhận cho các hộ tái định cư trong quý tới.",
        due_date=today + timedelta(days=80),
    )
    for name, field, carried in (
        ("Dân vận khéo trong giải phóng mặt bằng", "economy", True),
        ("Chính quyền thân thiện, gần dân", "political_system", True),
        ("Tổ tự quản bảo vệ môi trường khu dân cư", "culture_society", False),
    ):
        services.register_initiative(
            actor=users["lanhdao.tanphong"],
            unit=committee,
            year=2024 if carried else 2025,
            name=name,
            field=field,
            start_date=date(2024, 2, 1),
        )
        if carried:
            services.carry_over_initiatives(
                actor=users["lanhdao.tanphong"], unit=committee, from_year=2024, to_year=2025
            )
    exemplar = Initiative.objects.get(year=2025, name="Dân vận khéo trong giải phóng mặt bằng")
    for target in (InitiativeStatus.EVALUATED, InitiativeStatus.EXEMPLAR):
        services.advance_initiative(
            initiative=exemplar,
            actor=users["lanhdao.tanphong"],
            target=target,
            recognition="Quyết định 215/QĐ-UBND công nhận điển hình Dân vận khéo",
        )
    return Recommendation.objects.count()
