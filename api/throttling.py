"""Rate limits through the cache (Redis, or this process's memory while Redis is down: danvan/cache.py)."""

from rest_framework.throttling import SimpleRateThrottle

from danvan.client_ip import client_ip

from .models import ApiClient


class ClientRateThrottle(SimpleRateThrottle):
    """Per API client at its own `requests_per_minute`; per official (session) and per address (public
    endpoints) at the rates of settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]."""

    def get_rate(self):
        return None  # chosen per request in allow_request

    def allow_request(self, request, view):
        client = request.auth if isinstance(request.auth, ApiClient) else None
        if client is not None:
            self.scope = "client"
            self.rate = f"{client.requests_per_minute}/min"
        else:
            self.scope = "user" if request.user.is_authenticated else "anon"
            self.rate = self.THROTTLE_RATES.get(self.scope)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiClient):
            ident = f"client-{request.auth.pk}"
        elif request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"ip-{client_ip(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
