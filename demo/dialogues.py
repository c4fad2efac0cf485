"""A year of heads' dialogues with the people in the demo province, after Lai Châu's Regulation 06-QC/TU: the
provincial chairman and Party secretary, and the chairmen and Party secretaries of four communes, each with two or
three dialogues over the last twelve months (one cancelled), the record of those held (issues raised by groups or
areas, answers on the spot, commitments to units, some done on time, some late, some overdue), and the next ones
planned on the public calendar.

Dates are relative to the day the demo is loaded; the choices come from a seeded generator, so every load builds
the same year. Names are invented. The heads are officials without a demo login; everything else goes through the
services, as the heads' offices would.
"""

import random
from datetime import time, timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import Membership, User
from danvan.accounts.roles import Role
from danvan.orgunits.models import Unit, UnitKind
from danvan.orgunits.selectors import body_in
from dialogues import services
from dialogues.models import Dialogue, HeadPosition

# (username, full name, position title, position, locality, kind of the body they head)
HEADS = [
    ("chutich.tinh", "Giàng A Tính", "Chủ tịch UBND tỉnh Lai Châu", HeadPosition.PROVINCE_CHAIRMAN,
     "Tỉnh Lai Châu", UnitKind.PEOPLE_COMMITTEE),
    ("bithu.tinh", "Vũ Văn Hoàn", "Bí thư Tỉnh ủy Lai Châu", HeadPosition.PROVINCE_SECRETARY,
     "Tỉnh Lai Châu", UnitKind.PARTY_COMMITTEE),
    ("lanhdao.tanphong", None, None, HeadPosition.COMMUNE_CHAIRMAN, "Phường Tân Phong", UnitKind.PEOPLE_COMMITTEE),
    ("bithu.tanphong", "Tao Văn Minh", "Bí thư Đảng ủy phường Tân Phong", HeadPosition.COMMUNE_SECRETARY,
     "Phường Tân Phong", UnitKind.PARTY_COMMITTEE),
    ("chutich.doanket", "Lò Thị Yến", "Chủ tịch UBND phường Đoàn Kết", HeadPosition.COMMUNE_CHAIRMAN,
     "Phường Đoàn Kết", UnitKind.PEOPLE_COMMITTEE),
    ("chutich.binhlu", "Sùng A Dơ", "Chủ tịch UBND xã Bình Lư", HeadPosition.COMMUNE_CHAIRMAN,
     "Xã Bình Lư", UnitKind.PEOPLE_COMMITTEE),
    ("chutich.sinho", "Lường Văn Quý", "Chủ tịch UBND xã Sìn Hồ", HeadPosition.COMMUNE_CHAIRMAN,
     "Xã Sìn Hồ", UnitKind.PEOPLE_COMMITTEE),
]  # fmt: skip

TOPICS = [
    ("Bồi thường, hỗ trợ, tái định cư khi thu hồi đất làm đường vành đai", "Các hộ dân có đất bị thu hồi"),
    ("Cấp giấy chứng nhận quyền sử dụng đất cho các hộ tái định cư", "Các hộ tái định cư khu số 2"),
    ("Chỉnh trang đô thị, vệ sinh môi trường và thu gom rác thải", ""),
    ("Nước sinh hoạt mùa khô và sửa chữa công trình thủy lợi", ""),
    ("Chuyển đổi cây trồng, trồng chè và quế theo hướng hàng hóa", "Hợp tác xã và các hộ trồng chè"),
    ("Chính sách hỗ trợ hộ nghèo, hộ cận nghèo và người có công", ""),
    ("An ninh trật tự, phòng chống ma túy ở khu dân cư", ""),
    ("Giải quyết kiến nghị về ô nhiễm từ cơ sở chế biến nông sản", "Các hộ dân tổ dân phố số 12"),
]
ISSUES = [
    (
        "Cử tri tổ dân phố số 5",
        "Đơn giá bồi thường đất nông nghiệp thấp hơn giá thị trường.",
        "Đơn giá áp dụng theo bảng giá đất của tỉnh; UBND sẽ đề nghị rà soát hệ số điều chỉnh.",
    ),
    (
        "Các hộ dân bản Chu Va",
        "Đường liên bản xuống cấp, mùa mưa sạt lở, học sinh đi lại khó khăn.",
        "Đã có trong kế hoạch đầu tư công năm sau; trước mắt xã huy động nhân dân san gạt.",
    ),
    ("Hội Phụ nữ phường", "Nhiều tuyến ngõ chưa có đèn chiếu sáng, tiềm ẩn mất an ninh.", ""),
    (
        "Cử tri tổ dân phố số 12",
        "Cơ sở chế biến nông sản xả khói, nước thải gây ô nhiễm.",
        "Giao phòng chuyên môn kiểm tra và xử lý theo quy định.",
    ),
    ("Các hộ tái định cư khu số 2", "Chậm cấp giấy chứng nhận quyền sử dụng đất tái định cư.", ""),
    (
        "Hợp tác xã chè Tân Uyên",
        "Đề nghị hỗ trợ giống và kết nối tiêu thụ sản phẩm chè.",
        "Tỉnh có chính sách hỗ trợ giống; sở chuyên ngành hướng dẫn hồ sơ.",
    ),
]
COMMITMENTS = [
    "Rà soát, điều chỉnh đơn giá bồi thường và trả lời bằng văn bản cho các hộ dân",
    "Sửa chữa các điểm sạt lở trên đường liên bản trước mùa mưa",
    "Lắp đặt đèn chiếu sáng các ngõ còn thiếu",
    "Kiểm tra, xử lý cơ sở chế biến gây ô nhiễm và công khai kết quả",
    "Hoàn thành cấp giấy chứng nhận cho các hộ tái định cư",
    "Hỗ trợ giống chè và tổ chức hội nghị kết nối tiêu thụ",
]


def _heads():
    """The heads, created once (no demo login), each a leader of the body they head; with that body."""
    leader = Group.objects.get(name=Role.LEADER)
    heads = []
    for username, full_name, title, position, locality_name, kind in HEADS:
        locality = Unit.objects.get(name=locality_name, kind__in=[UnitKind.PROVINCE, UnitKind.COMMUNE])
        body = body_in(locality, kind)
        if full_name is None:  # a demo official already there
            user = User.objects.get(username=username)
        else:
            user, created = User.objects.update_or_create(
                username=username,
                defaults={"full_name": full_name, "position_title": title, "email": f"{username}@laichau.example"},
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            user.groups.add(leader)
            Membership.objects.update_or_create(user=user, unit=body, defaults={"is_primary": True})
        heads.append((user, position, locality, body))
    return heads


def _responsible(locality, body, rng):
    """A unit to owe a commitment: the holding unit itself or, for the province, one of its bodies."""
    if locality.kind == UnitKind.PROVINCE:
        return rng.choice([body, body_in(locality, UnitKind.INSPECTORATE) or body])
    return body_in(locality, UnitKind.PEOPLE_COMMITTEE) or body


def _hold(dialogue, actor, locality, body, rng, today):
    services.record_dialogue_held(
        dialogue=dialogue, actor=actor, attendance=rng.randint(40, 180),
        summary="Lãnh đạo lắng nghe, giải thích và tiếp thu các ý kiến; nhân dân đồng tình với hướng giải quyết.",
    )  # fmt: skip
    for raised_by, text, answer in rng.sample(ISSUES, 2):
        issue = services.add_dialogue_issue(
            dialogue=dialogue, actor=actor, raised_by=raised_by, text=text, answer=answer
        )
    for text in rng.sample(COMMITMENTS, rng.randint(1, 2)):
        due = dialogue.date + timedelta(days=rng.choice([30, 45, 60, 90]))
        commitment = services.add_dialogue_commitment(
            dialogue=dialogue, actor=actor, issue=issue, text=text,
            responsible_unit=_responsible(locality, body, rng), due_date=due,
        )  # fmt: skip
        # Most commitments due by now are kept, some late; a few stay open past their date (overdue).
        if due < today and rng.random() < 0.8:
            late = rng.random() < 0.25
            done_on = min(today, due + timedelta(days=rng.randint(3, 20))) if late else due - timedelta(days=5)
            services.complete_commitment(
                commitment=commitment, actor=actor, done_on=max(done_on, dialogue.date),
                result="Đã thực hiện xong, thông báo kết quả cho nhân dân tại buổi sinh hoạt khu dân cư.",
            )  # fmt: skip


@transaction.atomic
def build_dialogues():
    """Create the demo year once; returns the number of dialogues."""
    if Dialogue.objects.exists():
        return Dialogue.objects.count()
    rng = random.Random(16)
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.filter(username__in=["lanhdao", "tiepdan.tanphong"])}
    topics = iter(rng.sample(TOPICS * 3, len(TOPICS) * 3))
    for index, (head, position, locality, body) in enumerate(_heads()):
        # Tân Phong's office keeps its own; elsewhere the province's leader records for the head's office.
        actor = users["tiepdan.tanphong"] if body.name == "UBND phường Tân Phong" else users["lanhdao"]
        days = sorted(rng.sample(range(20, 350), rng.randint(2, 3)), reverse=True)
        for number, days_ago in enumerate(days):
            topic, audience = next(topics)
            dialogue = services.plan_dialogue(
                actor=actor, unit=body, head=head, position=position,
                commune=locality if not audience else None, audience=audience, topic=topic,
                date=today - timedelta(days=days_ago), start_time=time(8, 0), end_time=time(11, 0),
                place=f"Hội trường {body.name}", participants=f"{head.full_name}; đại diện các ban, ngành; nhân dân",
                invited_bodies="Ủy ban MTTQ; các đoàn thể chính trị - xã hội",
            )  # fmt: skip
            if index == 1 and number == 0:
                services.cancel_dialogue(dialogue=dialogue, actor=actor, reason="Trùng lịch hội nghị của Tỉnh ủy.")
            else:
                _hold(dialogue, actor, locality, body, rng, today)
        # The next one, on the public calendar.
        topic, audience = next(topics)
        services.plan_dialogue(
            actor=actor, unit=body, head=head, position=position, commune=locality, audience=audience, topic=topic,
            date=today + timedelta(days=7 + 5 * index), start_time=time(14, 0), end_time=time(16, 30),
            place=f"Nhà văn hóa {locality.name}", invited_bodies="Ủy ban MTTQ; các đoàn thể chính trị - xã hội",
        )  # fmt: skip
    return Dialogue.objects.count()
