"""The address a request came from, for login lockout and rate limits.

Behind N reverse proxies that each append to X-Forwarded-For, the client is
the N-th address from the right: everything left of it could be typed by the
client. With no proxy configured the header is ignored, so it cannot be
used to dodge a lockout.
"""

from django.conf import settings


def client_ip(request):
    """The client's IP address as far as the configured proxies can vouch for it."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
