"""Words for generated petitions: Vietnamese names of the peoples of the northern mountains, places, and the
matters citizens write about, by field and kind. All invented; no real person or case."""

# Family names, weighted towards Lai Châu's Thái, Mông, Dao and Kinh families.
FAMILY = (
    "Lò", "Lò", "Lường", "Tòng", "Vàng", "Vàng", "Giàng", "Sùng", "Lý", "Tao", "Đèo", "Hoàng", "Lù", "Pờ",
    "Nguyễn", "Nguyễn", "Trần", "Phạm", "Lê", "Đỗ", "Bùi", "Vũ", "Đặng", "Hà", "Chẻo", "Tẩn", "Phàn", "Mùa",
)  # fmt: skip
MIDDLE_MALE = ("Văn", "Văn", "Văn", "A", "A", "Quốc", "Đức", "Minh", "Seo", "Chá")
MIDDLE_FEMALE = ("Thị", "Thị", "Thị", "Thị", "Kim", "Ngọc", "Mỹ")
GIVEN_MALE = (
    "Pọm", "Hưng", "Chứ", "Sử", "Páo", "Dình", "Thắng", "Tùng", "Bình", "Hải", "Quý", "Ỏn", "Long", "Tâm",
    "Sáng", "Khai", "Chinh", "Lử", "Dế", "Phủ", "Cường", "Dũng", "Thành", "Nam", "Sơn", "Tuấn", "Phong",
)  # fmt: skip
GIVEN_FEMALE = (
    "Hương", "Mỷ", "Lan", "Bun", "Mai", "Sơn", "Thu", "Hoa", "Xuân", "Dua", "Pằng", "Chở", "Mẩy", "Ngọc",
    "Hằng", "Thảo", "Liên", "Nhung", "Phượng", "Chi", "Trang",
)  # fmt: skip

VILLAGE_PREFIXES = ("Bản", "Bản", "Bản", "Tổ", "Thôn")
VILLAGE_NAMES = (
    "Nậm Cuổi", "Phìn Hồ", "Chu Va", "Sin Suối Hồ", "Hua Bó", "Tà Mung", "Nà Luồng", "Co Muông", "Pá Khôm",
    "Huổi Luông", "Mường Cang", "Nậm Ngập", "Lả Mình", "Ho Ta", "Thèn Sin", "Can Hồ", "Bãi Trâu", "Sơn Bình",
)  # fmt: skip
STREETS = ("Trần Phú", "Võ Nguyên Giáp", "Điện Biên Phủ", "Lê Duẩn", "Trường Chinh", "Hoàng Văn Thụ", "Quốc lộ 4D")

# (summary, content) per field and group of kinds: {village}, {street}, {commune}, {year}, {n}, {area} filled in.
COMPLAINTS = {
    "Đất đai": [
        (
            "Khiếu nại quyết định thu hồi đất để thực hiện dự án đường {street}",
            "Gia đình không đồng ý với quyết định thu hồi {area} m² đất ở tại {village} để mở rộng đường {street}; "
            "đề nghị xem xét lại phương án bồi thường, hỗ trợ.",
        ),
        (
            "Khiếu nại mức bồi thường cây cối, hoa màu trên đất thu hồi",
            "Không đồng ý với đơn giá bồi thường cây chè, cây thảo quả trên diện tích {area} m² đất nương bị thu hồi.",
        ),
        (
            "Khiếu nại việc từ chối cấp giấy chứng nhận quyền sử dụng đất",
            "Hồ sơ đề nghị cấp giấy chứng nhận lần đầu cho thửa đất tại {village} bị trả lại, không nêu rõ lý do.",
        ),
    ],
    "Nhà ở, xây dựng": [
        (
            "Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng",
            "Khiếu nại quyết định xử phạt việc xây dựng nhà ở tại {village} năm {year}, cho rằng đã có giấy phép.",
        ),
    ],
    "Chính sách xã hội, người có công": [
        (
            "Khiếu nại việc dừng chi trả trợ cấp xã hội hằng tháng",
            "Gia đình bị dừng chi trả trợ cấp xã hội từ tháng {n} mà không được thông báo lý do.",
        ),
        (
            "Khiếu nại việc không đưa vào danh sách hộ nghèo năm {year}",
            "Hộ gia đình có hoàn cảnh khó khăn tại {village} nhưng không được bình xét hộ nghèo.",
        ),
    ],
    "Tài chính, ngân sách, thuế": [
        (
            "Khiếu nại việc thu tiền sử dụng đất khi chuyển mục đích",
            "Không đồng ý với số tiền sử dụng đất phải nộp khi chuyển {area} m² đất vườn sang đất ở.",
        ),
    ],
    "Cán bộ, công chức": [
        (
            "Khiếu nại quyết định kỷ luật viên chức",
            "Khiếu nại quyết định kỷ luật khiển trách của UBND {commune}, cho rằng không đúng trình tự.",
        ),
    ],
}
DENUNCIATIONS = {
    "Đất đai": [
        (
            "Tố cáo việc giao đất sai đối tượng tại khu tái định cư",
            "Tố cáo việc giao một số lô đất tái định cư tại {village} cho người không thuộc diện được bố trí.",
        ),
        (
            "Tố cáo công chức địa chính nhận tiền khi làm thủ tục đất đai",
            "Công chức địa chính {commune} nhận tiền của một số hộ khi hướng dẫn thủ tục chuyển mục đích sử dụng đất.",
        ),
    ],
    "Tài chính, ngân sách, thuế": [
        (
            "Tố cáo sai phạm trong quản lý quỹ của bản",
            "Trưởng {village} sử dụng quỹ đóng góp của nhân dân sai mục đích, không công khai thu chi năm {year}.",
        ),
        (
            "Tố cáo việc lập hồ sơ khống để rút tiền hỗ trợ",
            "Lập danh sách khống để nhận tiền hỗ trợ giống cây trồng cho các hộ tại {village}.",
        ),
    ],
    "Cán bộ, công chức": [
        (
            "Tố cáo cán bộ gây phiền hà khi giải quyết thủ tục hành chính",
            "Cán bộ bộ phận một cửa {commune} nhiều lần hẹn lại, gợi ý chi phí ngoài quy định.",
        ),
    ],
    "Môi trường": [
        (
            "Tố cáo việc khai thác cát trái phép trên suối {village}",
            "Một số đối tượng khai thác cát, sỏi trái phép ban đêm, được cán bộ địa phương làm ngơ.",
        ),
    ],
}
RECOMMENDATIONS = {
    "Giao thông, hạ tầng": [
        ("Kiến nghị sửa chữa đường vào {village}",
         "Đoạn đường dài khoảng {n}00 m vào {village} bị sạt lở sau mưa lũ, xe máy không đi lại được."),
        ("Kiến nghị lắp đèn chiếu sáng đoạn đường {street}",
         "Đoạn đường qua {village} chưa có đèn chiếu sáng, buổi tối đi lại nguy hiểm."),
        ("Kiến nghị sửa chữa công trình nước sinh hoạt {village}",
         "Công trình nước tự chảy bị hỏng đường ống từ tháng {n}, các hộ phải đi lấy nước xa."),
    ],
    "Môi trường": [
        ("Phản ánh rác thải tồn đọng tại điểm tập kết {village}",
         "Điểm tập kết rác không được thu gom đúng lịch, gây mùi hôi ảnh hưởng các hộ xung quanh."),
        ("Phản ánh cơ sở chăn nuôi gây ô nhiễm tại {village}",
         "Trại lợn xả nước thải ra suối, nguồn nước sinh hoạt của bà con bị ảnh hưởng."),
    ],
    "Y tế, giáo dục": [
        ("Kiến nghị xây thêm phòng học điểm trường {village}",
         "Điểm trường chỉ có {n} phòng học tạm, học sinh phải học ghép lớp."),
        ("Kiến nghị bố trí nhân viên y tế thôn bản tại {village}",
         "Bản chưa có nhân viên y tế, người dân phải đi xa để khám chữa bệnh thông thường."),
    ],
    "Chính sách xã hội, người có công": [
        ("Kiến nghị xem xét hỗ trợ nhà ở cho hộ nghèo",
         "Gia đình thuộc hộ nghèo tại {village}, nhà tạm bị hư hỏng nặng, đề nghị được hỗ trợ làm nhà."),
        ("Kiến nghị giải quyết chế độ cho người có công",
         "Đề nghị xem xét hồ sơ hưởng chế độ người có công của bố tôi đã nộp từ năm {year}."),
    ],
    "Tư pháp, hộ tịch": [
        ("Phản ánh việc chậm cấp lại giấy khai sinh",
         "Nộp hồ sơ cấp bản sao giấy khai sinh tại bộ phận một cửa {commune} đã quá hẹn {n} ngày."),
        ("Phản ánh tranh chấp ranh giới đất giữa hai hộ liền kề",
         "Hai hộ tại {village} tranh chấp ranh giới thửa đất, đề nghị chính quyền hòa giải."),
    ],
    "Đất đai": [
        ("Kiến nghị đo đạc, cấp đổi giấy chứng nhận quyền sử dụng đất",
         "Đề nghị đo đạc lại và cấp đổi giấy chứng nhận cho các hộ tại {village} do sai lệch diện tích."),
    ],
    "Khác": [
        ("Phản ánh tình trạng mất an ninh trật tự tại {village}",
         "Thường xuyên có nhóm thanh niên tụ tập gây mất trật tự vào ban đêm."),
        ("Kiến nghị về lịch tiếp công dân của UBND {commune}",
         "Đề nghị niêm yết công khai lịch tiếp công dân tại nhà văn hóa các bản."),
    ],
    "Nhà ở, xây dựng": [
        ("Phản ánh công trình xây dựng lấn chiếm hành lang đường {street}",
         "Một hộ xây dựng lấn chiếm hành lang an toàn đường bộ tại {village}."),
    ],
}  # fmt: skip

# What a unit wrote when it refused, guided, filed or answered.
REFUSALS = (
    "Đã hết thời hiệu khiếu nại.",
    "Việc khiếu nại đã có quyết định giải quyết lần hai có hiệu lực pháp luật.",
    "Người khiếu nại không có quyền, lợi ích hợp pháp liên quan trực tiếp.",
)
GUIDANCE = (
    "Hướng dẫn công dân gửi đơn đến Tòa án nhân dân khu vực có thẩm quyền.",
    "Hướng dẫn công dân đề nghị tổ hòa giải ở cơ sở hòa giải; nếu không thành, gửi đơn đến UBND cấp xã.",
    "Nội dung thuộc thẩm quyền của cơ quan thi hành án dân sự; đã hướng dẫn công dân gửi đơn đến đó.",
)
FILING = (
    "Đơn nặc danh, không nêu rõ người vi phạm và không có tài liệu, chứng cứ cụ thể.",
    "Đơn không rõ nội dung, không có thông tin liên hệ để hướng dẫn.",
)
ANSWERS = (
    "Đã giao đơn vị chuyên môn kiểm tra, khắc phục; kết quả đã thông báo đến công dân.",
    "Đã đưa vào kế hoạch đầu tư công năm tới; UBND sẽ thông báo khi triển khai.",
    "Đã kiểm tra thực tế và yêu cầu các bên liên quan khắc phục trong tháng.",
    "Đã giải thích chính sách hiện hành; trường hợp của công dân không thuộc diện được hỗ trợ.",
)
OUTSIDE_BODIES = (
    "Tòa án nhân dân khu vực 1 – Lai Châu",
    "Công an tỉnh Lai Châu",
    "Chi cục Thi hành án dân sự khu vực",
    "Bảo hiểm xã hội tỉnh Lai Châu",
)
DEPARTMENTS = (
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Sở Y tế",
    "Sở Nội vụ",
)
