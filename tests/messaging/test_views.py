"""The citizen's choice on the status page: reached with code and key, recorded, shown."""

from unittest import mock

import pytest
from django.urls import reverse

from danvan.messaging.models import CitizenMessage, MessageStatus, MessageSubscription

from .conftest import CITIZEN

pytestmark = pytest.mark.django_db


def post(client, petition, key=None, **extra):
    data = {"code": petition.code, "key": petition.lookup_key if key is None else key, **extra}
    return client.post(reverse("citizen_messages"), data)


def test_the_status_page_offers_the_choice_by_post_only(client, petition_of):
    petition = petition_of()
    html = client.post(reverse("lookup"), {"code": petition.code, "key": petition.lookup_key}).content.decode()
    assert 'data-testid="messages-link"' in html and f'action="{reverse("citizen_messages")}"' in html
    assert client.get(reverse("citizen_messages")).status_code == 405


def test_the_citizen_stops_and_resumes_the_messages(client, petition_of, accept, mailoutbox, sms_files):
    petition = petition_of()
    html = post(client, petition).content.decode()
    assert "Tin nhắn được gửi đến địa chỉ thư điện tử và số điện thoại ông/bà đã cung cấp." in html
    assert "nguyenvanan" not in html and "0912345678" not in html  # nothing personal on the page
    stopped = post(client, petition, action="stop").content.decode()
    assert "Đã ghi nhận: không gửi thêm tin nhắn về đơn này." in stopped and 'value="resume"' in stopped
    assert MessageSubscription.objects.get().is_stopped
    accept(petition)
    assert len(mailoutbox) == 1 and len(sms_files()) == 1
    resumed = post(client, petition, action="resume").content.decode()
    assert "ông/bà sẽ tiếp tục được thông báo" in resumed and 'value="stop"' in resumed
    assert not MessageSubscription.objects.get().is_stopped


def test_a_wrong_key_changes_nothing(client, petition_of):
    petition = petition_of()
    response = post(client, petition, key="AAAAABBBBB", action="stop")
    assert response.status_code == 200 and "Không tìm thấy" in response.content.decode()
    assert not MessageSubscription.objects.filter(stopped_at__isnull=False).exists()


def test_without_address_or_number_the_page_says_no_message_is_sent(client, petition_of):
    petition = petition_of(petitioners=[{**CITIZEN, "email": "", "phone": ""}])
    html = post(client, petition).content.decode()
    assert "không có tin nhắn nào được gửi" in html and 'name="action"' not in html
    assert set(CitizenMessage.objects.values_list("status", flat=True)) == {MessageStatus.SKIPPED}


def test_the_online_form_takes_an_email_address(client, units, category, mailoutbox, sms_files):
    data = {
        "kind": "feedback", "locality": units["committee"].parent.pk, "category": category.pk,
        "summary": "Đèn đường tổ 5 hỏng", "content": "Đèn đường tổ 5 hỏng đã hai tuần.",
        "full_name": "Nguyễn Văn An", "phone": "0912345678", "email": "an@example.vn",
    }  # fmt: skip
    with mock.patch("petitions.public.receiving_unit_for", return_value=units["committee"]):
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            response = client.post(reverse("submit"), data)
    assert response.status_code == 302
    assert [mail.to for mail in mailoutbox] == [["an@example.vn"]] and len(sms_files()) == 1
