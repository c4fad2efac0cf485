"""Citizens' pages: what they show, what they never show, and their limits."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind
from danvan.workflow import DomainError
from petitions import services
from petitions.models import Category, Kind, Outcome, Petition, SatisfactionRating
from petitions.workflow import Status
from tests.factories import UnitFactory, UserFactory

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
    response = client.post(reverse("submit"), data, follow=True)
    html = response.content.decode()
    petition = Petition.objects.get()
    assert response.redirect_chain == [(reverse("submitted"), 302)]
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
    assert html.count("Khiếu nại, tố cáo phải ghi họ và tên người gửi.") == 1
    assert html.count("Khiếu nại, tố cáo phải ghi số định danh cá nhân của người gửi.") == 1
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
    answered = lookup(client, petition.code, petition.lookup_key).content.decode()
    assert "Mức độ hài lòng của bạn" in answered
    assert "---------" not in answered and " checked" not in answered  # five scores, none chosen in advance
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


# --- A transferred petition can be followed to its answer (issue "every role's task ends well", item 1) ---


@pytest.fixture
def chain(make_petition, people, units):
    """A → B → C: received at the ward, transferred to Bình Lư, transferred on to the province's inspectorate,
    accepted and answered there; each unit also writes an internal note."""
    inspectorate = UnitFactory(name="Thanh tra tỉnh Lai Châu", kind=UnitKind.INSPECTORATE, parent=units["province"])
    inspector = UserFactory(full_name="Sùng A Páo", roles=[Role.LEADER], units=[inspectorate])
    first = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20), summary="Phản ánh đường nứt")
    services.add_petition_note(petition=first, actor=people["handler"], note="Nội bộ phường: không thuộc thẩm quyền")
    services.transfer_petition(petition=first, actor=people["handler"], note="", to_unit=units["other"])
    second = Petition.objects.get(transferred_from=first)
    services.add_petition_note(petition=second, actor=people["stranger"], note="Nội bộ xã: chuyển lên tỉnh")
    services.transfer_petition(petition=second, actor=people["stranger"], note="", to_unit=inspectorate)
    third = Petition.objects.get(transferred_from=second)
    services.add_petition_note(petition=third, actor=inspector, note="Nội bộ thanh tra: đã gọi điện")
    services.accept_petition(petition=third, actor=inspector, accepted_date=date(2026, 3, 2))
    services.resolve_petition(
        petition=third, actor=inspector, decided_on=date(2026, 3, 2), number="12/TTr", text="Đã sửa mặt đường."
    )
    return [Petition.objects.get(pk=p.pk) for p in (first, second, third)]


def test_the_original_code_and_key_follow_the_petition_through_every_transfer(client, chain):
    first, second, third = chain
    html = lookup(client, first.code, first.lookup_key).content.decode()
    assert "UBND xã Bình Lư" in html and "Thanh tra tỉnh Lai Châu" in html  # where it went, and then where
    assert second.code in html and third.code in html
    assert html.count("Nhận đơn chuyển đến") == 2  # the later units' public stages
    assert "12/TTr" in html and "Đã sửa mặt đường." in html  # the answer of the petition it became
    assert "Đơn của bạn đã được trả lời." in html  # the stage the citizen cares about: the last one
    for internal in ("Nội bộ phường", "Nội bộ xã", "Nội bộ thanh tra"):
        assert internal not in html, internal


def test_a_code_further_down_the_chain_shows_its_own_way_on(client, chain):
    first, second, third = chain
    html = lookup(client, second.code, second.lookup_key).content.decode()
    assert "Thanh tra tỉnh Lai Châu" in html and "Đã sửa mặt đường." in html
    assert "Nội bộ xã" not in html and "Nội bộ thanh tra" not in html
    assert "Nội bộ phường" not in html


def test_the_petition_it_became_can_be_rated_with_the_original_code(client, chain):
    first, _second, third = chain
    scores = {"access": 4, "procedures": 4, "official": 5, "result": 5, "feedback_handling": 4}
    response = client.post(reverse("rate"), {"code": first.code, "key": first.lookup_key, **scores})
    assert "Cảm ơn bạn đã đánh giá" in response.content.decode()
    assert SatisfactionRating.objects.get().petition == third


def test_the_chain_is_read_in_a_fixed_number_of_queries(client, chain, make_petition, people):
    single = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20))
    # Answered, as the chain's last stage is: an open petition also reads the calendar for its deadline's days.
    services.accept_petition(petition=single, actor=people["leader"], accepted_date=date(2026, 3, 2))
    services.resolve_petition(petition=single, actor=people["leader"], decided_on=date(2026, 3, 2), text="Đã sửa.")
    with CaptureQueriesContext(connection) as alone:
        lookup(client, single.code, single.lookup_key)
    with CaptureQueriesContext(connection) as three:
        assert lookup(client, chain[0].code, chain[0].lookup_key).status_code == 200
    assert len(three) == len(alone) <= 8


# --- The code and key as citizens type them (item 12) ---


# The code's number comes from a counter that a rolled-back test does not reset on PostgreSQL,
# so each way of typing is written as a pattern over the code the petition actually got.
TYPINGS = {
    "lower, no separators": lambda prefix, year, number: f"{prefix.lower()}{year}{number:06d}",
    "spaces": lambda prefix, year, number: f"{prefix.lower()} {year} {number:06d}",
    "padded and mixed": lambda prefix, year, number: f" {prefix} {year}-{number:06d} ",
    "no leading zeros": lambda prefix, year, number: f"{prefix.title()}-{year}-{number}",
    "dots": lambda prefix, year, number: f"{prefix}.{year}.{number:06d}",
}


def typed(petition, how):
    prefix, year, number = petition.code.split("-")
    return TYPINGS[how](prefix, year, int(number))


@pytest.mark.parametrize("how", list(TYPINGS))
def test_the_code_is_found_however_it_is_typed(client, make_petition, how):
    petition = make_petition(kind=Kind.FEEDBACK)
    assert petition.code.startswith("DT-2026-")
    response = lookup(
        client, typed(petition, how), f" {petition.lookup_key[:5].lower()} {petition.lookup_key[5:].lower()} "
    )
    assert response.status_code == 200
    assert "Đơn của bạn đã được tiếp nhận" in response.content.decode()


def test_a_code_typed_differently_is_not_a_failed_try(client, make_petition, settings):
    settings.LOOKUP_FAILURE_RATE = "3/15m"
    petition = make_petition(kind=Kind.FEEDBACK)
    bare = petition.code.replace("-", "").lower()
    for how in ("lower, no separators", "spaces", "dots"):
        assert (
            "Đơn của bạn đã được tiếp nhận"
            in lookup(client, typed(petition, how), petition.lookup_key).content.decode()
        )
    for _attempt in range(2):
        assert lookup(client, bare, "AAAAAAAAAA").status_code == 200  # wrong keys: two tries left…
    assert lookup(client, petition.code, petition.lookup_key).status_code == 200  # …so the right key still works
    assert lookup(client, typed(petition, "spaces"), "AAAAAAAAAA").status_code == 200
    # The third wrong key, however the code was typed, reaches the limit.
    assert lookup(client, petition.code, petition.lookup_key).status_code == 429


# --- One message per problem (item 13) ---


DENUNCIATION = {"kind": Kind.DENUNCIATION, "summary": "Tố cáo cán bộ thu tiền sai quy định", "content": "Nội dung"}


@pytest.mark.parametrize("typed", ["01207800124", "0120780012345", "01207800124A"])
def test_an_invalid_citizen_id_on_a_denunciation_gets_one_message(client, units, typed):
    data = {**DENUNCIATION, "locality": units["committee"].parent.pk, "category": Category.objects.first().pk,
            "full_name": "Lò Văn Pọm", "citizen_id": typed}  # fmt: skip
    html = client.post(reverse("submit"), data).content.decode()
    assert html.count("Số định danh cá nhân gồm đúng 12 chữ số") == 1
    assert "Bắt buộc" not in html and "tối đa" not in html
    assert f'value="{typed}"' in html
    assert not Petition.objects.exists()


def test_a_missing_citizen_id_on_a_denunciation_gets_one_message(client, units):
    data = {**DENUNCIATION, "locality": units["committee"].parent.pk, "category": Category.objects.first().pk,
            "full_name": "Lò Văn Pọm"}  # fmt: skip
    html = client.post(reverse("submit"), data).content.decode()
    assert html.count("Khiếu nại, tố cáo phải ghi số định danh cá nhân") == 1
    assert "gồm đúng 12 chữ số" not in html
    assert not Petition.objects.exists()


def test_a_citizen_id_typed_with_spaces_is_accepted(client, units):
    data = {**DENUNCIATION, "locality": units["committee"].parent.pk, "category": Category.objects.first().pk,
            "full_name": "Lò Văn Pọm", "citizen_id": "0120 7800 1245"}  # fmt: skip
    assert client.post(reverse("submit"), data).status_code == 302
    assert Petition.objects.get().petitioners.get().citizen_id == "012078001245"


# --- Wording on the status page ---


def test_the_status_page_names_the_citizen_notice_deadline(client, make_petition):
    petition = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20))
    html = lookup(client, petition.code, petition.lookup_key).content.decode()
    assert "Hạn thông báo cho công dân: chậm nhất ngày 06/03/2026" in html  # 10 working days from 20/2


def test_the_denouncer_is_told_the_acceptance_notice_deadline(client, denunciation):
    html = lookup(client, denunciation.code, denunciation.lookup_key).content.decode()
    assert "Hạn thông báo cho công dân: chậm nhất ngày 03/03/2026" in html  # 5 working days from 24/2
    assert "Hạn giải quyết: chậm nhất ngày 26/03/2026" in html


# --- The online receipt: Post/Redirect/Get, no second petition on a refresh (item 5) ---


@pytest.fixture
def feedback(units):
    return {
        "kind": Kind.FEEDBACK, "locality": units["committee"].parent.pk,
        "category": Category.objects.get(name="Môi trường").pk, "summary": "Phản ánh khói bụi từ lò gạch",
        "content": "Lò gạch đốt thủ công gây khói bụi buổi tối.", "full_name": "Vàng Thị Mỷ", "phone": "0912 345 678",
    }  # fmt: skip


def test_the_receipt_is_a_page_to_refresh_print_and_bookmark_without_the_key_in_its_address(client, feedback):
    sent = client.post(reverse("submit"), feedback)
    petition = Petition.objects.get()
    assert sent.status_code == 302 and sent["Location"] == reverse("submitted")
    assert petition.lookup_key not in sent["Location"] and petition.code not in sent["Location"]
    for _refresh in range(3):
        receipt = client.get(reverse("submitted"))
        html = receipt.content.decode()
        assert receipt.status_code == 200
        assert petition.code in html and f"{petition.lookup_key[:5]}-{petition.lookup_key[5:]}" in html
        assert "no-store" in receipt["Cache-Control"]
    assert Petition.objects.count() == 1
    assert html.count("Đơn của bạn đã được gửi.") == 0  # the confirmation is said once, after sending


def test_the_receipt_shows_the_key_only_to_this_browser_and_only_for_a_while(client, feedback, time_machine):
    client.post(reverse("submit"), feedback)
    petition = Petition.objects.get()
    stranger = Client().get(reverse("submitted"), follow=True)
    assert petition.lookup_key[:5] not in stranger.content.decode()
    time_machine.move_to("2026-03-02 09:31 +0700", tick=False)
    later = client.get(reverse("submitted"), follow=True)
    assert later.redirect_chain == [(reverse("lookup"), 302)]
    assert petition.lookup_key[:5] not in later.content.decode()
    assert "Biên nhận chỉ hiện trong 30 phút" in later.content.decode()


def test_sending_the_same_petition_again_shows_the_first_receipt_with_a_notice(client, feedback):
    first = client.post(reverse("submit"), feedback, follow=True).content.decode()
    assert "Đơn của bạn đã được gửi." in first
    again = client.post(reverse("submit"), feedback, follow=True)
    html = again.content.decode()
    petition = Petition.objects.get()
    assert again.redirect_chain == [(reverse("submitted"), 302)]
    assert html.count("không được gửi thêm lần nữa") == 1 and "Đơn của bạn đã được gửi." not in html
    assert petition.code in html and f"{petition.lookup_key[:5]}-{petition.lookup_key[5:]}" in html


def test_the_same_petition_from_another_browser_is_not_filed_twice_nor_shows_the_key(client, feedback):
    client.post(reverse("submit"), feedback)
    other = Client().post(reverse("submit"), feedback, follow=True).content.decode()
    petition = Petition.objects.get()
    assert petition.code in other and petition.lookup_key[:5] not in other
    assert "không được gửi thêm lần nữa" in other


def test_the_receipt_has_copy_buttons_and_no_inline_script(client, feedback):
    client.post(reverse("submit"), feedback)
    html = client.get(reverse("submitted")).content.decode()
    petition = Petition.objects.get()
    assert html.count("data-copy=") == 2 and "js/receipt.js" in html
    assert f'data-copy="{petition.code}"' in html and f'data-copy="{petition.lookup_key[:5]}-' in html
    assert "onclick" not in html and "<script>" not in html


def test_a_new_receipt_page_without_a_petition_sends_to_the_lookup(client, units):
    response = client.get(reverse("submitted"), follow=True)
    assert response.redirect_chain == [(reverse("lookup"), 302)]


# --- Words a citizen reads: an answer is not a verdict, dates are the real ones, a past date is past ---


def test_a_recommendation_is_answered_not_found_right_or_wrong(client, make_petition, people):
    """Justified / partly / unjustified are findings on complaints and denunciations: the resolve step of a
    recommendation or feedback asks for the answer only, the service refuses a finding, the citizen reads it."""
    from petitions.steps import BY_NAME

    petition = make_petition(kind=Kind.RECOMMENDATION, received=date(2026, 2, 2), summary="Kiến nghị lắp đèn")
    services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 3))
    petition.refresh_from_db()
    form = BY_NAME["resolve"].bind(petition, people["leader"])
    assert "outcome" not in form.fields and form.fields["text"].required
    assert str(form.fields["text"].label) == "Câu trả lời cho công dân"
    with pytest.raises(DomainError):
        services.resolve_petition(
            petition=petition, actor=people["leader"], decided_on=date(2026, 2, 27), text="Đã lắp.", outcome="justified"
        )
    staff = Client()
    staff.force_login(people["leader"])
    response = staff.post(
        reverse("petitions:step", args=[petition.pk, "resolve"]),
        {"resolve-decided_on": "27/02/2026", "resolve-number": "12/UBND-VP", "resolve-outcome": "justified",
         "resolve-text": "Phường sẽ lắp 6 bóng đèn trong tháng 3/2026."},
    )  # fmt: skip
    assert response.status_code == 302
    assert petition.decisions.get().outcome == ""  # a finding posted anyway is not taken
    html = lookup(client, petition.code, petition.lookup_key).content.decode()
    assert "Phường sẽ lắp 6 bóng đèn trong tháng 3/2026." in html and "Văn bản trả lời 12/UBND-VP" in html
    for verdict in ("Đúng", "Sai", "Đúng một phần"):
        assert f"· {verdict}" not in html
    # A complaint still ends with its finding.
    complaint = make_petition(received=date(2026, 2, 2))
    form = BY_NAME["resolve"].bind(complaint, people["leader"])
    assert "outcome" in form.fields


def test_the_received_step_shows_the_day_the_petition_was_received(client, make_petition):
    """Recorded on 2/3 for a petition received on 12/2: the citizen reads 12/02 on the received step."""
    petition = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 12))
    html = lookup(client, petition.code, petition.lookup_key).content.decode()
    steps = html[html.index('id="steps-heading"') :]
    received = steps[steps.index("Tiếp nhận</span>") :][:120]
    assert "12/02/2026" in received and "02/03/2026" not in received


def test_a_deadline_already_past_is_not_promised(client, make_petition, people):
    """Entered on 2/3 for a petition received on 6/2: the 10 days to decide on acceptance ended in February.
    The receipt and the status page say that date has passed, never "notified before/no later than" it."""
    petition = make_petition(received=date(2026, 2, 6))
    due = f"{petition.deadlines.get().due_date:%d/%m/%Y}"
    assert due.endswith("/02/2026")
    staff = Client()
    staff.force_login(people["officer"])
    receipt = staff.get(reverse("petitions:receipt", args=[petition.pk])).content.decode()
    line = receipt[receipt.index('data-testid="notice-deadline"') - 120 :][:600]
    assert due in line and "chậm nhất" not in line and "trước ngày" not in line
    assert "Ngày này đã qua" in line
    status = lookup(client, petition.code, petition.lookup_key).content.decode()
    assert f"Hạn thông báo cho công dân: {due}, đã quá hạn" in status
    assert f"chậm nhất ngày {due}" not in status
    # A deadline still running is promised as before.
    fresh = make_petition(received=date(2026, 3, 2))
    receipt = staff.get(reverse("petitions:receipt", args=[fresh.pk])).content.decode()
    assert "Thông báo cho công dân chậm nhất ngày" in receipt and "Ngày này đã qua" not in receipt
