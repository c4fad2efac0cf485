"""The OpenAPI document and its documentation page."""

import re

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema


def test_the_generated_schema_is_valid_openapi(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)  # drf-spectacular's own check against the OpenAPI 3 specification
    paths = set(schema["paths"])
    assert {
        "/api/v1/petitions/",
        "/api/v1/petitions/{id}/",
        "/api/v1/national/",
        "/api/v1/reception/calendar/",
    } <= paths
    assert schema["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"
    body = schema["paths"]["/api/v1/petitions/"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/PetitionIntake"}


def test_the_schema_is_served_without_login(api, db):
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/petitions/" in response.content


def test_the_docs_page_keeps_the_content_security_policy(client, db):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    assert "script-src 'self'" in page["Content-Security-Policy"]
    html = page.content.decode()
    assert "<style" not in html and " style=" not in html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all('src="' in attributes and not body.strip() for attributes, body in scripts)
    assert "cdn" not in html.lower()
    # The settings come as a script from the portal itself.
    init = client.get("/api/v1/docs/?script=")
    assert init.status_code == 200 and "application/javascript" in init["Content-Type"]
    assert b"/api/v1/schema/" in init.content


def test_the_public_calendar_needs_no_login(api, db):
    from datetime import time, timedelta

    from django.utils import timezone

    from tests.factories import SessionFactory, UnitFactory

    unit = UnitFactory(name="UBND xã Nậm Loỏng")
    SessionFactory(date=timezone.localdate() + timedelta(days=3), start_time=time(8), end_time=time(11), hosts=[unit])
    rows = api.get("/api/v1/reception/calendar/").json()
    assert [row["unit_name"] for row in rows] == ["UBND xã Nậm Loỏng"]
