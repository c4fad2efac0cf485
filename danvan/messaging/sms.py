"""SMS gateways. SMS_BACKEND names the class; each has one method, send(to=, text=, reference=).

A backend raises on failure (the message is then retried with backoff) and returns the
gateway's id of the message, or "" when it gives none."""

import json
import logging
import sys
import uuid
from base64 import b64encode
from pathlib import Path
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from danvan.text import without_diacritics

logger = logging.getLogger(__name__)


def get_sms_backend():
    return import_string(settings.SMS_BACKEND)()


def international(phone):
    """0912345678 → 84912345678, the form the gateways take."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("0"):
        return "84" + digits[1:]
    return digits


class FileBackend:
    """The embedded default: each SMS is a small text file in SMS_FILE_PATH (var/sms/ unless set)."""

    def send(self, *, to, text, reference=""):
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.txt"
        (folder / name).write_text(f"To: {to}\nReference: {reference}\n\n{text}\n", encoding="utf-8")
        return name


class ConsoleBackend:
    """Writes each SMS to standard output, as Django's console e-mail backend does."""

    def send(self, *, to, text, reference=""):
        sys.stdout.write(f"SMS to {to} ({reference}):\n{text}\n{'-' * 40}\n")
        sys.stdout.flush()
        return ""


class HttpBackend:
    """A brand-name SMS gateway reached by one JSON POST (Vietnamese carriers' resellers take this shape).

    Body: {"to": "849…", "brandname": SMS_BRAND_NAME, "message": text, "unicode": true|false,
    "reference": code}; HTTP basic authentication with SMS_HTTP_USERNAME / SMS_HTTP_PASSWORD, or a
    bearer token in SMS_HTTP_TOKEN. Any non-2xx answer is a failure. A provider that wants other field
    names gets a subclass overriding payload()."""

    def payload(self, *, to, text, reference):
        return {
            "to": international(to),
            "brandname": settings.SMS_BRAND_NAME,
            "message": text,
            "unicode": text != without_diacritics(text),
            "reference": reference,
        }

    def headers(self):
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        if settings.SMS_HTTP_TOKEN:
            headers["Authorization"] = f"Bearer {settings.SMS_HTTP_TOKEN}"
        elif settings.SMS_HTTP_USERNAME:
            pair = f"{settings.SMS_HTTP_USERNAME}:{settings.SMS_HTTP_PASSWORD}".encode()
            headers["Authorization"] = f"Basic {b64encode(pair).decode()}"
        return headers

    def send(self, *, to, text, reference=""):
        body = json.dumps(self.payload(to=to, text=text, reference=reference)).encode()
        request = Request(settings.SMS_HTTP_URL, data=body, headers=self.headers(), method="POST")
        with urlopen(request, timeout=settings.SMS_HTTP_TIMEOUT) as response:
            answer = response.read().decode("utf-8", "replace")
        try:
            data = json.loads(answer or "{}")
        except ValueError:
            data = {}
        return str(data.get("id") or data.get("message_id") or "") if isinstance(data, dict) else ""


class ZaloZnsBackend:
    """Zalo Notification Service: a template approved by Zalo, filled with the code and the text.

    ZALO_ZNS_TEMPLATE_ID names the template; its parameters are `code` and `message`. Zalo answers
    200 with {"error": 0} on success and another error number otherwise."""

    def send(self, *, to, text, reference=""):
        body = {
            "phone": international(to),
            "template_id": settings.ZALO_ZNS_TEMPLATE_ID,
            "template_data": {"code": reference, "message": text},
            "tracking_id": uuid.uuid4().hex,
        }
        request = Request(
            settings.ZALO_ZNS_URL,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "access_token": settings.ZALO_ZNS_ACCESS_TOKEN},
            method="POST",
        )
        with urlopen(request, timeout=settings.SMS_HTTP_TIMEOUT) as response:
            data = json.loads(response.read().decode("utf-8", "replace") or "{}")
        if data.get("error", 0) != 0:
            raise RuntimeError(f"Zalo ZNS error {data.get('error')}: {data.get('message', '')}")
        return str((data.get("data") or {}).get("msg_id", ""))


class MemoryBackend:
    """Keeps each SMS in `outbox` (for tests, like Django's locmem e-mail backend)."""

    outbox = []

    def send(self, *, to, text, reference=""):
        self.outbox.append({"to": to, "text": text, "reference": reference})
        return str(len(self.outbox))
