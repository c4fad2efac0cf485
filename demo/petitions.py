"""Demo petitions in Lai Châu: every status, some overdue, some close to their deadline.

Dates are relative to the day the demo is loaded, so the deadlines stay meaningful.
Each petition is recorded through the intake service and then takes the same steps
officials take on the petition page (petitions/steps.py). Names are invented.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.orgunits.models import Unit
from petitions import services
from petitions.models import Category, Channel, Complexity, Kind, Outcome, Petition
from petitions.steps import take_step

TAN_PHONG, DOAN_KET, BINH_LU, SIN_HO = "3408", "3388", "3390", "3478"


def _person(name, cid, commune=TAN_PHONG, address="", phone="", representative=False):
    return {
        "full_name": name,
        "citizen_id": cid,
        "province_code": "12",
        "commune_code": commune,
        "address": address,
        "phone": phone,
        "is_representative": representative,
    }


def ago(days):
    """A date in the steps below: so many days before the demo is loaded."""
    return timedelta(days=days)


# (key, kind, unit, days ago, field, summary, content, respondent, people, petitioners, steps, extra).
# Steps are (name, fields) as on the petition page (petitions/steps.py): units, users and
# petitions by their keys here, dates as ago(days).
PETITIONS = [
    ("thu-hoi-dat", Kind.COMPLAINT_FIRST, "tanphong", 42, "Đất đai",
     "Khiếu nại quyết định thu hồi đất mở rộng đường Trần Phú",
     "Gia đình ông Pọm không đồng ý với mức bồi thường, hỗ trợ khi thu hồi 120 m² đất ở tại tổ 12 để mở rộng "
     "đường Trần Phú; đề nghị xem xét lại đơn giá đất ở.",
     "UBND phường Tân Phong", 1,
     [_person("Lò Văn Pọm", "012078001245", address="Tổ 12", phone="0912 345 671")],
     [("accept", {"accepted_date": ago(37)}), ("assign", {"handler": "xulydon.tanphong"}), ("verify", {}),
      ("urge", {"note": "Đề nghị hoàn thành xác minh, trình dự thảo quyết định giải quyết trong tuần này."})], {}),
    ("cap-giay-chung-nhan", Kind.COMPLAINT_FIRST, "tanphong", 4, "Đất đai",
     "Khiếu nại việc từ chối cấp giấy chứng nhận quyền sử dụng đất",
     "Bà Hương khiếu nại việc bộ phận một cửa từ chối hồ sơ đề nghị cấp giấy chứng nhận lần đầu.",
     "Bộ phận Một cửa phường Tân Phong", 1,
     [_person("Tao Thị Hương", "012185004512", address="Tổ 7", phone="0983 112 204")], [], {}),
    ("dia-chinh-nhan-tien", Kind.DENUNCIATION, "thanhtra", 21, "Cán bộ, công chức",
     "Tố cáo công chức địa chính nhận tiền khi làm thủ tục đất đai",
     "Người tố cáo cho biết công chức địa chính xã đã nhận tiền của một số hộ dân khi hướng dẫn thủ tục "
     "chuyển mục đích sử dụng đất; có kèm danh sách hộ và thời điểm.",
     "Công chức địa chính – xây dựng xã Bình Lư", 1,
     [_person("Giàng A Chứ", "012090007731", commune=BINH_LU, address="Bản Chu Va", phone="0378 220 915")],
     [("accept", {"accepted_date": ago(12)}), ("assign", {"handler": "xulydon"})], {}),
    ("den-duong", Kind.RECOMMENDATION, "tanphong", 20, "Giao thông, hạ tầng",
     "Kiến nghị lắp đèn chiếu sáng đoạn đường vào tổ 9",
     "Đoạn đường dài khoảng 300 m vào tổ 9 chưa có đèn chiếu sáng, buổi tối đi lại nguy hiểm.",
     "", 1, [_person("Vàng Thị Mỷ", "012192000318", address="Tổ 9")], [], {}),
    ("rac-thai", Kind.FEEDBACK, "tanphong", 30, "Môi trường",
     "Phản ánh rác thải tồn đọng tại điểm tập kết chợ Tân Phong",
     "Điểm tập kết rác cạnh chợ không được thu gom đúng giờ, gây mùi hôi ảnh hưởng các hộ kinh doanh.",
     "", 1, [_person("Nguyễn Văn Hải", "012075003390", address="Tổ 3", phone="0915 442 117")],
     [("accept", {"accepted_date": ago(27)}),
      ("resolve", {"decided_on": ago(22), "text": "Đã yêu cầu đơn vị thu gom bố trí xe thu gom hai lần mỗi ngày."}),
      ("close", {})], {}),
    ("ho-tro-tai-dinh-cu", Kind.COMPLAINT_FIRST, "bantiepdan", 9, "Đất đai",
     "Đoàn 8 hộ khiếu nại về bố trí tái định cư dự án đường nội thị",
     "Tám hộ dân khiếu nại việc bố trí lô đất tái định cư chưa đúng thứ tự ưu tiên đã công bố.",
     "UBND phường Đoàn Kết", 8,
     [_person("Đèo Văn Thắng", "012080005520", commune=DOAN_KET, representative=True, phone="0986 330 145"),
      _person("Lường Thị Bun", "012188002201", commune=DOAN_KET, representative=True)],
     [("classify", {})], {}),
    ("khieu-nai-lan-hai", Kind.COMPLAINT_SECOND, "thanhtra", 14, "Đất đai",
     "Khiếu nại lần hai về quyết định bồi thường đất nông nghiệp",
     "Không đồng ý với quyết định giải quyết khiếu nại lần đầu của Chủ tịch UBND xã Sìn Hồ.",
     "Chủ tịch UBND xã Sìn Hồ", 1,
     [_person("Lý A Sử", "012069001188", commune=SIN_HO, address="Bản Phìn Hồ")],
     [("accept", {"accepted_date": ago(10)}), ("assign", {"handler": "xulydon"})],
     {"first_decision_reference": "Quyết định số 215/QĐ-UBND ngày 12/8/2025"}),
    ("nuoc-sinh-hoat", Kind.RECOMMENDATION, "bantiepdan", 6, "Giao thông, hạ tầng",
     "Kiến nghị sửa chữa công trình nước sinh hoạt tổ 15",
     "Công trình nước tự chảy tổ 15 bị hỏng đường ống từ tháng trước, các hộ phải đi lấy nước xa.",
     "", 1, [_person("Hoàng Thị Lan", "012190006677", address="Tổ 15")], [("transfer", {"to_unit": "tanphong"})], {}),
    ("tranh-chap-ranh-gioi", Kind.FEEDBACK, "tanphong", 15, "Tư pháp, hộ tịch",
     "Phản ánh tranh chấp ranh giới đất giữa hai hộ liền kề",
     "Hai hộ tranh chấp ranh giới thửa đất, đề nghị chính quyền phân xử.",
     "", 1, [_person("Phạm Văn Tùng", "012082004410", address="Tổ 4")],
     [("guide", {"note": "Hướng dẫn hai hộ đề nghị tổ hòa giải tổ 4 hòa giải; nếu không thành, "
                         "gửi đơn đến UBND phường."})],
     {}),
    ("nac-danh", Kind.DENUNCIATION, "thanhtra", 16, "Cán bộ, công chức",
     "Đơn nặc danh tố cáo cán bộ thôn thu tiền sai quy định",
     "Đơn không ký tên, không nêu thời gian, địa điểm, không có tài liệu chứng minh.",
     "Trưởng bản (không rõ bản)", 1, [],
     [("file", {"note": "Đơn nặc danh, không nêu rõ người vi phạm và không có tài liệu, chứng cứ cụ thể."})],
     {"is_anonymous": True}),
    ("thu-hoi-dat-lan-2", Kind.COMPLAINT_FIRST, "tanphong", 10, "Đất đai",
     "Khiếu nại quyết định thu hồi đất mở rộng đường Trần Phú (gửi lại)",
     "Ông Pọm gửi lại đơn cùng nội dung khiếu nại mức bồi thường khi thu hồi đất tại tổ 12.",
     "UBND phường Tân Phong", 1,
     [_person("Lò Văn Pọm", "012078001245", address="Tổ 12", phone="0912 345 671")],
     [("duplicate", {"original": "thu-hoi-dat"})], {}),
    ("het-thoi-hieu", Kind.COMPLAINT_FIRST, "tanphong", 25, "Nhà ở, xây dựng",
     "Khiếu nại quyết định xử phạt xây dựng không phép năm 2023",
     "Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng ban hành tháng 6/2023.",
     "UBND phường Tân Phong", 1, [_person("Trần Văn Bình", "012070002299", address="Tổ 1")],
     [("refuse", {"decided_on": ago(18), "reason": "Đã hết thời hiệu khiếu nại."})], {}),
    ("rut-don", Kind.COMPLAINT_FIRST, "tanphong", 28, "Chính sách xã hội, người có công",
     "Khiếu nại việc cắt trợ cấp xã hội hằng tháng",
     "Bà Sơn khiếu nại việc dừng chi trả trợ cấp xã hội từ tháng 5.",
     "UBND phường Tân Phong", 1, [_person("Lò Thị Sơn", "012155001102", address="Tổ 6")],
     [("accept", {"accepted_date": ago(24)}), ("withdraw", {"withdrawn_on": ago(8)})], {}),
    ("dinh-chi", Kind.DENUNCIATION, "thanhtra", 60, "Tài chính, ngân sách, thuế",
     "Tố cáo sai phạm trong quản lý quỹ hội nông dân bản",
     "Tố cáo chi hội trưởng sử dụng quỹ hội sai mục đích.",
     "Chi hội trưởng Chi hội nông dân bản Nậm Cuổi", 1,
     [_person("Vàng A Dình", "012073008812", commune="3544")],
     [("accept", {"accepted_date": ago(50)}),
      ("terminate", {"decided_on": ago(20), "number": "45/QĐ-TTr",
                     "reason": "Người tố cáo rút toàn bộ nội dung tố cáo; không có dấu hiệu vi phạm khác."})],
     {}),
    ("gia-han", Kind.DENUNCIATION, "thanhtra", 40, "Đất đai",
     "Tố cáo việc giao đất sai đối tượng tại khu tái định cư",
     "Tố cáo việc giao một số lô đất tái định cư cho người không thuộc diện được bố trí.",
     "Hội đồng bồi thường, hỗ trợ, tái định cư dự án khu dân cư số 3", 1,
     [_person("Nguyễn Thị Mai", "012186004421", commune=DOAN_KET)],
     [("accept", {"accepted_date": ago(33)}), ("assign", {"handler": "xulydon"}), ("verify", {}),
      ("extend", {"complexity": Complexity.COMPLEX, "number": "112/QĐ-TTr", "decided_on": ago(3),
                  "reason": "Nhiều nội dung phải xác minh tại thực địa."})], {}),
    ("cu-tri-truong-hoc", Kind.RECOMMENDATION, "tanphong", 9, "Y tế, giáo dục",
     "Cử tri kiến nghị xây thêm phòng học điểm trường tổ 14",
     "Tại buổi tiếp xúc cử tri trước kỳ họp, cử tri tổ 14 kiến nghị xây thêm hai phòng học.",
     "", 1, [_person("Lù Văn Quý", "012071009910", address="Tổ 14")], [("accept", {"accepted_date": ago(7)})],
     {"channel": Channel.VOTER_MEETING}),
    ("vuot-cap", Kind.COMPLAINT_FIRST, "bantiepdan", 11, "Đất đai",
     "Khiếu nại việc cấp giấy chứng nhận chồng lấn thửa đất (gửi vượt cấp)",
     "Công dân gửi thẳng lên tỉnh khiếu nại UBND xã Bình Lư cấp giấy chứng nhận chồng lấn thửa đất của gia đình.",
     "UBND xã Bình Lư", 1, [_person("Sùng A Páo", "012088003356", commune=BINH_LU)],
     [("transfer", {"to_unit": "binhlu"})], {"is_skipped_level": True}),
    ("boi-thuong-cay-coi", Kind.COMPLAINT_FIRST, "tanphong", 50, "Đất đai",
     "Khiếu nại mức bồi thường cây cối, hoa màu trên đất thu hồi",
     "Khiếu nại việc áp giá bồi thường cây chè trên diện tích đất bị thu hồi.",
     "UBND phường Tân Phong", 1, [_person("Lò Văn Ỏn", "012067005566", address="Tổ 11")],
     [("accept", {"accepted_date": ago(45)}),
      ("resolve", {"decided_on": ago(40), "number": "318/QĐ-UBND", "outcome": Outcome.PARTLY,
                   "signer": "Đỗ Văn Long", "text": "Điều chỉnh đơn giá cây chè theo bảng giá mới.",
                   "money_to_citizens": 18_500_000}),
      # Not complained of again within 30 days, the decision took legal effect (Luật Khiếu nại 2011 Art 44).
      ("enforce", {"effective_date": ago(10), "measures": "Chi trả bổ sung 18.500.000 đồng tiền bồi thường cây chè "
                   "cho hộ ông Ỏn.", "responsible_unit": "tanphong", "responsible_person": "xulydon.tanphong",
                   "due_date": ago(-20)}),
      ("enforcement_progress", {"date": ago(3), "note": "Đã lập dự toán kinh phí chi trả bổ sung, trình phê duyệt."})],
     {}),
]  # fmt: skip

UNITS = {
    "tanphong": "UBND phường Tân Phong",
    "binhlu": "UBND xã Bình Lư",
    "thanhtra": "Thanh tra tỉnh Lai Châu",
    "bantiepdan": "Ban Tiếp công dân tỉnh Lai Châu",
}
# Who records at each unit, and who leads it.
RECORDERS = {"tanphong": "tiepdan.tanphong", "thanhtra": "xulydon", "bantiepdan": "tiepdan"}
LEADERS = {"tanphong": "lanhdao.tanphong", "thanhtra": "lanhdao", "bantiepdan": "lanhdao"}


@transaction.atomic
def build_petitions():
    """Create the demo petitions that do not exist yet; returns how many were created."""
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.all()}
    units = {key: Unit.objects.get(name=name) for key, name in UNITS.items()}
    created = {}
    for key, kind, unit_key, ago, field, summary, content, respondent, count, people, steps, extra in PETITIONS:
        existing = Petition.objects.filter(summary=summary).first()
        if existing is not None:
            created[key] = existing
            continue
        recorder = users[RECORDERS[unit_key]]
        leader = users[LEADERS[unit_key]]
        received = today - timedelta(days=ago)
        data = {
            "kind": kind,
            "channel": extra.get("channel", Channel.IN_PERSON),
            "received_date": received,
            "receiving_unit": units[unit_key],
            "category": Category.objects.get(name=field),
            "summary": summary,
            "content": content,
            "respondent": respondent,
            "people_count": count,
            "is_anonymous": extra.get("is_anonymous", False),
            "is_skipped_level": extra.get("is_skipped_level", False),
            "first_decision_reference": extra.get("first_decision_reference", ""),
        }
        petition = services.create_petition(actor=recorder, data=data, petitioners=people)
        for name, values in steps:
            petition = Petition.objects.get(pk=petition.pk)
            fields = _fields(values, today=today, users=users, units=units, created=created)
            take_step(name, petition, leader, **fields)
        created[key] = petition
    return created


def _fields(values, *, today, users, units, created):
    """The step's form fields, with the table's shorthands resolved to dates, users, units and petitions."""
    lookups = {
        "handler": users, "to_unit": units, "original": created, "responsible_unit": units, "responsible_person": users,
    }  # fmt: skip
    fields = {}
    for name, value in values.items():
        if isinstance(value, timedelta):
            value = today - value
        elif name in lookups:
            value = lookups[name][value]
        fields[name] = value
    return fields
