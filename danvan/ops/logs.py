"""Logs an operator can search: each request gets an id (the proxy's X-Request-ID when it sends a sane one),
returned in the response and put on every log line of that request with the user's number — never a name,
an address, a petition's content or a citizen's identity. LOG_FORMAT=json writes one JSON object a line.
"""

import contextvars
import logging
import re
import uuid

_request_id = contextvars.ContextVar("request_id", default="")
_user_id = contextvars.ContextVar("user_id", default=None)

HEADER = "X-Request-ID"
SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestContextMiddleware:
    """Sets the request id and the user's number for the log lines of the request (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        request_id = given if SANE_ID.match(given) else uuid.uuid4().hex
        user = getattr(request, "user", None)
        tokens = (
            _request_id.set(request_id),
            _user_id.set(user.pk if user is not None and user.is_authenticated else None),
        )
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(tokens[0])
            _user_id.reset(tokens[1])
        response[HEADER] = request_id
        return response


class RequestContextFilter(logging.Filter):
    """Adds `request_id` and `user_id` to every record (empty outside a request: a job, a command)."""

    def filter(self, record):
        record.request_id = _request_id.get()
        record.user_id = _user_id.get()
        return True


def json_formatter():
    from pythonjsonlogger.json import JsonFormatter

    return JsonFormatter(
        "{asctime}{levelname}{name}{message}{request_id}{user_id}",
        style="{",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        json_ensure_ascii=False,
    )


def configure_sentry(dsn, *, environment="production", release=None):
    """Report errors to a Sentry-compatible service, sending nothing personal: no request bodies (petitions
    and identities travel in them), no cookies or addresses, no local variables of the failing frames."""
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=0,
    )
