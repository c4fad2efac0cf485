"""Operators' logs and error reports (danvan/ops/logs.py): a request id on every line and in the response,
the user's number but nothing personal; Sentry told to send no bodies, cookies or local variables."""

import json
import logging

import pytest
import sentry_sdk
from django.urls import reverse

from danvan.ops import logs
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def captured():
    """Log lines as the JSON formatter writes them, from the portal's own handler setup."""
    lines = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Keep()
    handler.addFilter(logs.RequestContextFilter())
    handler.setFormatter(logs.json_formatter())
    logger = logging.getLogger("danvan.test")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lines
    logger.removeHandler(handler)


def test_each_request_has_an_id_in_its_response(client, captured):
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="proxy-id-12345678")
    assert response["X-Request-ID"] == "proxy-id-12345678"  # the proxy's, so its log and ours match
    # A header that is not a sane id is replaced by one of ours.
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="<script>x</script>")
    assert len(response["X-Request-ID"]) == 32 and "<" not in response["X-Request-ID"]
    assert client.get(reverse("healthz"))["X-Request-ID"] != response["X-Request-ID"]
    logging.getLogger("danvan.test").info("outside a request")
    line = json.loads(captured[-1])
    assert line["message"] == "outside a request" and line["request_id"] == "" and line["user_id"] is None


def test_a_log_line_inside_a_request_names_the_request_and_the_users_number_only(rf, captured):
    user = UserFactory(full_name="Nguyễn Văn Bình", email="binh@example.gov.vn")
    request = rf.get("/", HTTP_X_REQUEST_ID="req-0000000042")
    request.user = user

    def view(request):
        logging.getLogger("danvan.test").warning("Đã lưu")
        from django.http import HttpResponse

        return HttpResponse("ok")

    response = logs.RequestContextMiddleware(view)(request)
    line = json.loads(captured[-1])
    assert response["X-Request-ID"] == "req-0000000042"
    assert line == {
        "time": line["time"], "level": "WARNING", "logger": "danvan.test", "message": "Đã lưu",
        "request_id": "req-0000000042", "user_id": user.pk,
    }  # fmt: skip
    assert "Bình" not in captured[-1] and "binh@" not in captured[-1]


def test_sentry_is_told_to_send_nothing_personal(monkeypatch):
    # The options given to sentry_sdk.init, without starting it (it would patch Django for every later test).
    given = {}
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: given.update(options))
    logs.configure_sentry("https://public@sentry.example.invalid/1", environment="test")
    assert given["dsn"] == "https://public@sentry.example.invalid/1" and given["environment"] == "test"
    assert given["send_default_pii"] is False
    assert given["max_request_body_size"] == "never"
    assert given["include_local_variables"] is False
    assert {type(integration).__name__ for integration in given["integrations"]} == {
        "DjangoIntegration", "CeleryIntegration",
    }  # fmt: skip
