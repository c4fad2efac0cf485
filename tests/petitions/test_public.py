"""Citizens' pages: what they show, what they never show, and their limits."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.orgunits.models import UnitKind
from petitions import services
from petitions.models import Category, Kind, Outcome, Petition, SatisfactionRating
from petitions.workflow import Status
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


@pytest.fixture
def denunciation(make_petition, people):
    petition = make_petition(kind=Kind.DENUNCIATION, received=date(2026, 2, 13), summary="Tố cáo cán bộ địa chính")
    services.assign_petition(petition=petition, handler=people["handler"], actor=people["leader"])
    services.add_petition_note(petition=petition, actor=people["handler"], note="Ghi chú nội bộ: đã gặp ông X")
    services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 24))
    petition.refresh_from_db()
    return petition


def lookup(client, code, key):
    return client.post(reverse("lookup"), {"code": code, "key": key})


def test_status_shows_the_stage_and_public_steps_but_nothing_personal(client, denunciation, people):
    key = f"{denunciation.lookup_key[:5].lower()}-{denunciation.lookup_key[5:]}"  # typed as on the receipt
    response = lookup(client, denunciation.code.lower(), key)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đơn đã được thụ lý và đang được giải quyết." in html
    assert "Tố cáo" in html and "13/02/2026" in html and "26/03/2026" in html  # 30 days after 24/2
    assert "Đã thụ lý giải quyết ngày 24/02/2026." in html
    for secret in ("Nguyễn Văn An", "012345678901", "0912345678", "Tổ 5", "Ghi chú nội bộ", "Phạm Quốc Bảo",
                   "Đỗ Văn Long", "Lường Thị Thu", "Giao cho"):  # fmt: skip
        assert secret not in html, secret


def test_a_wrong_key_and_a_wrong_code_get_the_same_answer(client, denunciation):
    wrong_key = lookup(client, denunciation.code, "AAAAA-AAAAA").content.decode()
    wrong_code = lookup(client, "DT-2026-999999", denunciation.lookup_key).content.decode()
    message = "Không tìm thấy đơn với mã đơn và mã tra cứu này."
    assert wrong_key.count(message) == 1 and wrong_code.count(message) == 1
    assert denunciation.summary not in wrong_key


def test_repeated_wrong_keys_pause_the_lookup_even_with_the_right_key(client, denunciation, settings):
    settings.LOOKUP_FAILURE_RATE = "3/15m"
    for _attempt in range(3):
        assert lookup(client, denunciation.code, "AAAAAAAAAA").status_code == 200
    blocked = lookup(client, denunciation.code, denunciation.lookup_key)
    assert blocked.status_code == 429
    assert blocked.content.decode().count("vui lòng thử lại sau") == 1


def test_the_limit_per_code_holds_across_addresses(client, denunciation, settings):
    settings.LOOKUP_FAILURE_RATE = "3/15m"
    for index in range(3):
        client.post(reverse("lookup"), {"code": denunciation.code, "key": "B" * 10}, REMOTE_ADDR=f"10.0.0.{index}")
    other = client.post(
        reverse("lookup"), {"code": denunciation.code, "key": denunciation.lookup_key}, REMOTE_ADDR="10.0.0.99"
    )
    assert other.status_code == 429


def test_the_status_page_makes_a_handful_of_queries(client, denunciation, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert lookup(client, denunciation.code, denunciation.lookup_key).status_code == 200


def test_online_submission_lands_in_the_queue_with_its_deadline(client, units):
    locality = units["committee"].parent
    data = {
        "kind": Kind.FEEDBACK,
        "locality": locality.pk,
        "category": Category.objects.get(name="Môi trường").pk,
        "summary": "Phản ánh khói bụi từ lò gạch",
        "content": "Lò gạch đốt thủ công gây khói bụi buổi tối.",
        "full_name": "Vàng Thị Mỷ",
        "files": [SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff", content_type="image/jpeg")],
    }
    response = client.post(reverse("submit"), data)
    html = response.content.decode()
    petition = Petition.objects.get()
    assert response.status_code == 200
    assert petition.code in html and f"{petition.lookup_key[:5]}-{petition.lookup_key[5:]}" in html
    assert petition.channel == "online" and petition.status == Status.RECEIVED
    assert petition.receiving_unit == units["committee"] and petition.created_by is None
    assert petition.due_date == date(2026, 3, 16)  # 10 working days from Monday 2/3
    assert petition.attachments.count() == 1


def test_a_complaint_online_needs_the_identity_and_keeps_the_input(client, units):
    data = {
        "kind": Kind.COMPLAINT_FIRST, "locality": units["committee"].parent.pk,
        "category": Category.objects.first().pk, "summary": "Khiếu nại quyết định xử phạt", "content": "Nội dung",
    }  # fmt: skip
    html = client.post(reverse("submit"), data).content.decode()
    assert html.count("Bắt buộc đối với khiếu nại, tố cáo.") == 2  # the name and the ID number, once each
    assert 'value="Khiếu nại quyết định xử phạt"' in html
    assert not Petition.objects.exists()


def test_an_invalid_citizen_id_is_explained_once_and_the_input_kept(client, units):
    data = {
        "kind": Kind.COMPLAINT_FIRST, "locality": units["committee"].parent.pk,
        "category": Category.objects.first().pk, "summary": "Khiếu nại quyết định xử phạt", "content": "Nội dung",
        "full_name": "Lò Văn Pọm", "citizen_id": "01207800124",
    }  # fmt: skip
    response = client.post(reverse("submit"), data)
    html = response.content.decode()
    assert html.count("Số định danh cá nhân gồm đúng 12 chữ số") == 1
    assert 'value="01207800124"' in html
    assert not Petition.objects.exists()


def test_the_honeypot_and_the_rate_limit(client, units, settings):
    data = {
        "kind": Kind.RECOMMENDATION, "locality": units["committee"].parent.pk,
        "category": Category.objects.first().pk, "summary": "Kiến nghị", "content": "Nội dung",
    }  # fmt: skip
    settings.SUBMISSION_RATE = "2/h"
    robot = client.post(reverse("submit"), {**data, "website": "http://spam.example"}).content.decode()
    assert robot.count("Chưa gửi được đơn") == 1 and not Petition.objects.exists()
    client.post(reverse("submit"), data)
    assert client.post(reverse("submit"), data).status_code == 429
    assert Petition.objects.count() == 1


def test_a_province_submission_goes_to_the_reception_office(client, units):
    office = UnitFactory(name="Ban Tiếp công dân tỉnh", kind=UnitKind.RECEPTION_OFFICE, parent=units["province"])
    data = {
        "kind": Kind.RECOMMENDATION, "locality": units["province"].pk, "category": Category.objects.first().pk,
        "summary": "Kiến nghị cấp tỉnh", "content": "Nội dung",
    }  # fmt: skip
    client.post(reverse("submit"), data)
    assert Petition.objects.get().receiving_unit == office


def test_rating_once_after_the_answer(client, make_petition, people):
    petition = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20))
    services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 23))
    form = lookup(client, petition.code, petition.lookup_key).content.decode()
    assert "Mức độ hài lòng của bạn" not in form  # not answered yet
    services.resolve_petition(petition=petition, actor=people["leader"], decided_on=date(2026, 2, 27), text="Đã xử lý.")
    assert "Mức độ hài lòng của bạn" in lookup(client, petition.code, petition.lookup_key).content.decode()
    scores = {"access": 5, "procedures": 4, "official": 5, "result": 3, "feedback_handling": 4}
    rate = {"code": petition.code, "key": petition.lookup_key, "comment": "Cảm ơn", **scores}
    assert "Cảm ơn bạn đã đánh giá" in client.post(reverse("rate"), rate).content.decode()
    again = client.post(reverse("rate"), rate)
    assert again.status_code == 400 and SatisfactionRating.objects.count() == 1
    assert again.content.decode().count("Đơn này đã được đánh giá. Xin cảm ơn.") == 1
    assert SatisfactionRating.objects.get().result == 3


def test_a_rating_error_is_shown_once(client, make_petition, people):
    petition = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20))
    rate = {"code": petition.code, "key": petition.lookup_key, "access": 5, "procedures": 4, "official": 5,
            "result": 3, "feedback_handling": 4}  # fmt: skip
    early = client.post(reverse("rate"), rate)
    assert early.status_code == 400
    assert early.content.decode().count("Bạn có thể đánh giá sau khi đơn đã được trả lời.") == 1
    services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 23))
    services.resolve_petition(petition=petition, actor=people["leader"], decided_on=date(2026, 2, 27), text="Đã xử lý.")
    del rate["result"]
    missing = client.post(reverse("rate"), rate)
    assert missing.status_code == 400
    assert missing.content.decode().count("Trường này là bắt buộc.") == 1
    assert not SatisfactionRating.objects.exists()


def test_rating_with_a_wrong_key_is_refused(client, make_petition, people):
    petition = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20))
    rate = {"code": petition.code, "key": "WRONGWRONG", "access": 1, "procedures": 1, "official": 1, "result": 1,
            "feedback_handling": 1}  # fmt: skip
    assert "Không tìm thấy đơn" in client.post(reverse("rate"), rate).content.decode()
    assert not SatisfactionRating.objects.exists()


def test_public_pages_need_no_login_and_few_queries(client, units, django_assert_max_num_queries):
    for name in ("home", "lookup", "submit", "calendar"):
        with django_assert_max_num_queries(6):
            assert client.get(reverse(name)).status_code == 200, name


def test_the_calendar_feed_is_icalendar(client, units):
    response = client.get(reverse("calendar_feed", args=[units["committee"].parent.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR") and "Phường Tân Phong" in body
    assert client.get(reverse("calendar_feed", args=[999999])).status_code == 404


def test_resolved_answer_is_shown(client, make_petition, people):
    petition = make_petition(received=date(2026, 2, 2))
    services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 5))
    services.resolve_petition(
        petition=petition, actor=people["leader"], decided_on=date(2026, 2, 27), number="45/QĐ-UBND",
        outcome=Outcome.PARTLY, text="Điều chỉnh mức bồi thường.",
    )  # fmt: skip
    html = lookup(client, petition.code, petition.lookup_key).content.decode()
    assert "45/QĐ-UBND" in html and "Đúng một phần" in html and "Điều chỉnh mức bồi thường." in html
