"""The API's documentation page in Chromium: Swagger UI renders the schema under the portal's strict Content
Security Policy (the `page` fixture fails the test on any refused script, style or image)."""

import pytest

pytestmark = pytest.mark.e2e


def test_the_docs_page_renders_under_the_policy(page, live_server):
    # Swagger UI's bundle is 1.5 MB, served by the test server from the finders: slow on a loaded machine.
    page.goto(f"{live_server.url}/api/v1/docs/", timeout=90_000)
    page.wait_for_selector("text=/api/v1/petitions/{id}/", timeout=90_000)
    assert page.locator(".opblock").count() >= 10
