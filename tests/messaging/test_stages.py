"""Each stage the citizen should know of sends one e-mail and one SMS, with the code and never the key."""

from datetime import date

import pytest

from danvan.messaging.models import CitizenMessage, MessageChannel, MessageStatus, Stage
from petitions import services
from petitions.models import Complexity, Kind, Outcome, Petition

from .conftest import committed

pytestmark = pytest.mark.django_db


def sent(petition):
    return list(
        CitizenMessage.objects.filter(target_id=petition.pk, status=MessageStatus.SENT)
        .order_by("pk")
        .values_list("stage", "channel")
    )


def test_received_accepted_extended_answered_each_send_one_email_and_one_sms(
    petition_of, accept, people, mailoutbox, sms_files
):
    petition = petition_of()
    assert len(mailoutbox) == 1 and len(sms_files()) == 1
    accept(petition)
    committed(
        services.extend_petition_deadline, petition=petition, actor=people["leader"], complexity=Complexity.COMPLEX,
        number="20/QĐ-UBND", decided_on=date(2026, 3, 1), reason="Nhiều nội dung cần xác minh",
    )  # fmt: skip
    committed(
        services.resolve_petition, petition=petition, actor=people["leader"], decided_on=date(2026, 3, 2),
        number="45/QĐ-UBND", outcome=Outcome.PARTLY,
    )  # fmt: skip
    stages = [Stage.RECEIVED, Stage.ACCEPTED, Stage.EXTENDED, Stage.ANSWERED]
    assert sent(petition) == [(stage, channel) for stage in stages for channel in (MessageChannel.EMAIL, "sms")]
    assert len(mailoutbox) == 4 and len(sms_files()) == 4
    assert [mail.to for mail in mailoutbox] == [["nguyenvanan@example.vn"]] * 4
    assert all(text.startswith("To: 0912345678\n") for text in sms_files())
    code = petition.code
    # Plain Vietnamese with the code, the unit and the dates the citizen waits for.
    assert mailoutbox[0].subject == f"Đơn {code}: Tiếp nhận"
    assert f"Đơn {code} của ông/bà đã được UBND phường Tân Phong tiếp nhận" in mailoutbox[0].body
    assert "https://danvan.laichau.gov.vn/tra-cuu/" in mailoutbox[0].body
    assert "Tân Phong thụ lý giải quyết. Thời hạn giải quyết đến ngày 12/03/2026." in mailoutbox[1].body
    assert "gia hạn" in mailoutbox[2].body and "27/03/2026" in mailoutbox[2].body
    assert "kết quả giải quyết" in sms_files()[3]


def test_not_accepted_sends_one_of_each_without_the_reasons_wording(petition_of, people, mailoutbox, sms_files):
    petition = petition_of()
    committed(
        services.refuse_petition, petition=petition, actor=people["handler"], decided_on=date(2026, 2, 20),
        reason="Ông Trần Văn Bình đã rút đơn trước đó",
    )  # fmt: skip
    assert sent(petition)[2:] == [(Stage.NOT_ACCEPTED, "email"), (Stage.NOT_ACCEPTED, "sms")]
    refused = "không được UBND phường Tân Phong thụ lý giải quyết. Lý do được nêu trên trang tra cứu."
    assert refused in mailoutbox[1].body and refused in sms_files()[1]
    # Someone else's name written in the reason stays on the status page, out of the messages.
    assert "Trần Văn Bình" not in mailoutbox[1].body + sms_files()[1]


def test_a_transfer_names_the_new_unit_and_later_stages_keep_the_citizens_code(
    petition_of, accept, people, units, mailoutbox, sms_files
):
    petition = petition_of(kind=Kind.FEEDBACK)
    committed(services.transfer_petition, petition=petition, actor=people["handler"], note="", to_unit=units["other"])
    assert sent(petition)[2:] == [(Stage.TRANSFERRED, "email"), (Stage.TRANSFERRED, "sms")]
    assert "UBND xã Bình Lư" in mailoutbox[1].body and "UBND xã Bình Lư" in sms_files()[1]
    # The linked petition's own "received by transfer" is no news to the citizen: nothing for it.
    linked = Petition.objects.get(transferred_from=petition)
    assert len(mailoutbox) == 2 and not CitizenMessage.objects.filter(target_id=linked.pk).exists()
    # At the competent unit the next stage is told with the code on the citizen's receipt.
    committed(
        services.accept_petition, petition=linked, actor=people["stranger"], accepted_date=date(2026, 3, 2)
    )  # fmt: skip
    assert petition.code in mailoutbox[2].subject and linked.code not in mailoutbox[2].body
    assert petition.code in sms_files()[2] and "UBND xã Bình Lư" in sms_files()[2]


def test_the_lookup_key_is_in_no_message(petition_of, people, mailoutbox, sms_files):
    petition = petition_of()
    committed(services.transfer_petition, petition=petition, actor=people["handler"], note="", to_name="Tòa án")
    key = petition.lookup_key
    texts = [mail.subject + mail.body for mail in mailoutbox] + sms_files()
    texts += list(CitizenMessage.objects.values_list("text", flat=True))
    assert len(texts) == 8 and "Tòa án" in mailoutbox[1].body
    for text in texts:
        assert key not in text and f"{key[:5]}-{key[5:]}" not in text
        assert "012345678901" not in text and "Nguyễn Văn An" not in text  # nor the citizen's own identity


def test_a_petition_without_address_or_number_sends_nothing_and_says_so(petition_of, accept, mailoutbox, sms_files):
    anonymous_phone = petition_of(petitioners=[{"full_name": "Lò Thị Hoa", "phone": ""}])
    accept(anonymous_phone)
    assert mailoutbox == [] and sms_files() == []
    rows = CitizenMessage.objects.filter(target_id=anonymous_phone.pk)
    assert {row.status for row in rows} == {MessageStatus.SKIPPED} and rows.count() == 4
    assert set(rows.values_list("status_note", flat=True)) == {
        "Công dân không cung cấp địa chỉ thư điện tử.",
        "Công dân không cung cấp số điện thoại.",
    }


def test_only_the_phone_given_sends_only_sms(petition_of, mailoutbox, sms_files):
    only_phone = petition_of(petitioners=[{"full_name": "Lò Thị Hoa", "phone": "0987654321"}])
    assert mailoutbox == [] and len(sms_files()) == 1 and sms_files()[0].startswith("To: 0987654321\n")
    assert sent(only_phone) == [(Stage.RECEIVED, "sms")]


def test_sms_can_be_sent_without_diacritics(petition_of, settings, sms_files):
    settings.SMS_WITHOUT_DIACRITICS = True
    petition = petition_of()
    text = sms_files()[0]
    assert f"Don {petition.code} cua ong/ba da duoc UBND phuong Tan Phong tiep nhan" in text
    assert text.isascii()


def test_the_petition_page_shows_the_delivery_status(client, petition_of, people):
    petition = petition_of()
    client.force_login(people["handler"])
    html = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert 'data-testid="citizen-messages"' in html
    assert html.count("Đã gửi") >= 2 and "n***@example.vn" in html and "091****678" in html
    # A sealed denouncer's address is not shown, not even masked.
    denunciation = petition_of(kind=Kind.DENUNCIATION)
    html = client.get(f"/petitions/{denunciation.pk}/").content.decode()
    assert "n***@example.vn" not in html and "091****678" not in html and "Đã gửi" in html
