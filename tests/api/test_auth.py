"""Authentication, scopes, revocation and rate limits."""

import pytest

from api import services
from api.models import ApiClient
from tests.api.conftest import bearer

PETITIONS = "/api/v1/petitions/"


def test_unauthenticated_is_refused_with_401(api, db):
    response = api.get(PETITIONS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_token_is_refused(api, make_client, units):
    _client, token = make_client(units["committee"])
    assert api.get(PETITIONS, **bearer(token[:-2] + "xx")).status_code == 401
    assert api.get(PETITIONS, **bearer(token)).status_code == 200


def test_only_the_hash_of_the_token_is_stored(make_client, units):
    client, token = make_client(units["committee"])
    stored = ApiClient.objects.get(pk=client.pk)
    assert token not in (stored.token_hash, stored.token_prefix) and stored.token_hash == services.hash_token(token)


def test_a_revoked_token_is_refused(api, make_client, units, admin_user):
    client, token = make_client(units["committee"])
    assert api.get(PETITIONS, **bearer(token)).status_code == 200
    services.revoke_api_client(actor=admin_user, client=client)
    response = api.get(PETITIONS, **bearer(token))
    assert response.status_code == 401
    assert "thu hồi" in response.json()["detail"]


def test_a_client_without_the_create_scope_cannot_create(api, make_client, units, category):
    _client, token = make_client(units["committee"], can_create=False)
    response = api.post(PETITIONS, {"kind": "feedback"}, format="json", **bearer(token))
    assert response.status_code == 403


def test_a_client_without_the_read_scope_cannot_read(api, make_client, units):
    _client, token = make_client(units["committee"], can_read=False, can_create=True)
    assert api.get(PETITIONS, **bearer(token)).status_code == 403


def test_only_administrators_manage_clients(units, people):
    with pytest.raises(services.DomainError):
        services.create_api_client(actor=people["leader"], name="x", unit=units["committee"])


def test_a_client_over_its_rate_is_answered_429(api, make_client, units):
    _client, token = make_client(units["committee"], requests_per_minute=2)
    codes = [api.get(PETITIONS, **bearer(token)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_each_client_has_its_own_count(api, make_client, units):
    _first, first = make_client(units["committee"], requests_per_minute=1)
    _second, second = make_client(units["committee"], requests_per_minute=1)
    assert api.get(PETITIONS, **bearer(first)).status_code == 200
    assert api.get(PETITIONS, **bearer(second)).status_code == 200
    assert api.get(PETITIONS, **bearer(first)).status_code == 429


def test_the_public_calendar_is_limited_per_address(api, db, monkeypatch):
    from api.throttling import ClientRateThrottle

    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {**ClientRateThrottle.THROTTLE_RATES, "anon": "2/min"})
    codes = [api.get("/api/v1/reception/calendar/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_the_rate_limit_holds_with_redis_down(api, make_client, units, monkeypatch):
    from api.throttling import ClientRateThrottle
    from danvan.cache import ResilientRedisCache

    # Nothing listens on port 1: every cache operation falls back to this process's memory (danvan/cache.py).
    monkeypatch.setattr(ClientRateThrottle, "cache", ResilientRedisCache("redis://127.0.0.1:1/0", {"KEY_PREFIX": "t"}))
    _client, token = make_client(units["committee"], requests_per_minute=2)
    codes = [api.get(PETITIONS, **bearer(token)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
