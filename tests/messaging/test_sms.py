"""The SMS gateways and the Vietnamese text without diacritics."""

import json
from unittest import mock

import pytest

from danvan.messaging import sms


def test_without_diacritics_keeps_the_letters():
    assert sms.without_diacritics("Đơn đã được tiếp nhận, ĐƯỢC thụ lý") == "Don da duoc tiep nhan, DUOC thu ly"
    assert sms.without_diacritics("Ủy ban nhân dân xã Bình Lư") == "Uy ban nhan dan xa Binh Lu"


def test_international_numbers():
    assert sms.international("0912 345 678") == "84912345678"
    assert sms.international("+84912345678") == "84912345678"


def test_the_file_backend_writes_one_file_per_sms(settings, tmp_path):
    settings.SMS_FILE_PATH = tmp_path / "sms"
    sms.FileBackend().send(to="0912345678", text="Đơn DT-2026-000001 đã được tiếp nhận.", reference="DT-2026-000001")
    (written,) = (tmp_path / "sms").iterdir()
    assert written.read_text(encoding="utf-8") == (
        "To: 0912345678\nReference: DT-2026-000001\n\nĐơn DT-2026-000001 đã được tiếp nhận.\n"
    )


class Answer:
    def __init__(self, body):
        self.body = body

    def read(self):
        return self.body.encode()

    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False


def test_the_http_backend_posts_the_brand_name_sms(settings):
    settings.SMS_HTTP_URL = "https://sms.example.vn/api/send"
    settings.SMS_HTTP_USERNAME, settings.SMS_HTTP_PASSWORD, settings.SMS_HTTP_TOKEN = "ubnd", "bi-mat", ""
    settings.SMS_BRAND_NAME = "UBND LAICHAU"
    with mock.patch("danvan.messaging.sms.urlopen", return_value=Answer('{"id": "m-17"}')) as urlopen:
        assert sms.HttpBackend().send(to="0912345678", text="Đơn đã nhận", reference="DT-2026-000001") == "m-17"
    request = urlopen.call_args.args[0]
    assert request.full_url == "https://sms.example.vn/api/send" and request.get_method() == "POST"
    assert request.get_header("Authorization") == "Basic dWJuZDpiaS1tYXQ="
    assert json.loads(request.data) == {
        "to": "84912345678", "brandname": "UBND LAICHAU", "message": "Đơn đã nhận", "unicode": True,
        "reference": "DT-2026-000001",
    }  # fmt: skip


def test_the_http_backend_raises_on_an_error_answer(settings):
    from urllib.error import HTTPError

    settings.SMS_HTTP_URL = "https://sms.example.vn/api/send"
    error = HTTPError(settings.SMS_HTTP_URL, 503, "Service Unavailable", {}, None)
    with mock.patch("danvan.messaging.sms.urlopen", side_effect=error), pytest.raises(HTTPError):
        sms.HttpBackend().send(to="0912345678", text="x")


def test_zalo_zns_fills_the_template_and_reports_its_errors(settings):
    settings.ZALO_ZNS_ACCESS_TOKEN, settings.ZALO_ZNS_TEMPLATE_ID = "token", "231"
    ok = Answer('{"error": 0, "data": {"msg_id": "z-1"}}')
    with mock.patch("danvan.messaging.sms.urlopen", return_value=ok) as urlopen:
        assert sms.ZaloZnsBackend().send(to="0912345678", text="Đơn đã nhận", reference="DT-2026-000001") == "z-1"
    request = urlopen.call_args.args[0]
    body = json.loads(request.data)
    assert request.get_header("Access_token") == "token"
    assert (body["phone"], body["template_id"]) == ("84912345678", "231")
    assert body["template_data"] == {"code": "DT-2026-000001", "message": "Đơn đã nhận"}
    refused = Answer('{"error": -124, "message": "Invalid access token"}')
    with mock.patch("danvan.messaging.sms.urlopen", return_value=refused), pytest.raises(RuntimeError, match="-124"):
        sms.ZaloZnsBackend().send(to="0912345678", text="x")
