"""Every endpoint of the API, found from its URL patterns (a new one is swept without being listed here):
refused without authentication unless public, and a petition of another unit is not found."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from api.urls import urlpatterns
from tests.api.conftest import bearer

PUBLIC = {"calendar", "schema", "docs", "national_schema"}
NAMES = [pattern.name for pattern in urlpatterns]


def _url(name, pk):
    pattern = next(p for p in urlpatterns if p.name == name)
    return reverse(f"api:{name}", kwargs={"pk": pk} if "<int:pk>" in str(pattern.pattern) else None)


@pytest.mark.parametrize("name", NAMES)
def test_every_endpoint_but_the_public_ones_needs_authentication(api, make_petition, name):
    response = api.get(_url(name, make_petition().pk))
    if name in PUBLIC:
        assert response.status_code == 200
    else:
        assert response.status_code == 401


@pytest.mark.parametrize("name", [name for name in NAMES if name not in PUBLIC])
def test_every_endpoint_answers_a_revoked_token_401(api, make_client, units, admin_user, make_petition, name):
    from api import services

    client, token = make_client(units["committee"])
    services.revoke_api_client(actor=admin_user, client=client)
    assert api.get(_url(name, make_petition().pk), **bearer(token)).status_code == 401


@pytest.mark.parametrize("name", [p.name for p in urlpatterns if "<int:pk>" in str(p.pattern)])
def test_every_petition_endpoint_hides_another_units_petition(api, people, make_petition, name):
    petition = make_petition()
    api.force_login(people["stranger"])
    assert api.get(_url(name, petition.pk)).status_code == 404
    api.force_login(people["handler"])
    assert api.get(_url(name, petition.pk)).status_code == 200


def _queries(api, url):
    with CaptureQueriesContext(connection) as queries:
        assert api.get(url).status_code == 200
    return len(queries)


def test_the_list_makes_the_same_number_of_queries_whatever_the_rows(api, people, make_petition):
    api.force_login(people["leader"])
    make_petition(received=date(2026, 2, 2))
    few = _queries(api, "/api/v1/petitions/")
    for day in range(3, 9):
        make_petition(received=date(2026, 2, day))
    assert _queries(api, "/api/v1/petitions/") == few
