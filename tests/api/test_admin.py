"""API clients managed in the administration: the token shown once, scopes changed, tokens revoked."""

import re

from api.models import ApiClient
from tests.api.conftest import bearer

ADD = "/admin/api/apiclient/add/"


def test_an_administrator_creates_a_client_and_sees_its_token_once(client, api, admin_user, units):
    client.force_login(admin_user)
    data = {"name": "Cổng dịch vụ công", "unit": units["committee"].pk, "can_read": "on", "requests_per_minute": 60}
    response = client.post(ADD, data, follow=True)
    assert response.redirect_chain[-1][1] == 302
    created = ApiClient.objects.get()
    assert created.unit == units["committee"] and created.created_by == admin_user and not created.can_create
    [shown] = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert shown.startswith("Mã truy cập của Cổng dịch vụ công, chỉ hiển thị một lần này")
    token = re.search(r": (\S+)$", shown).group(1)
    assert created.token_prefix == token[:8] and token not in created.token_hash
    assert api.get("/api/v1/petitions/", **bearer(token)).status_code == 200
    # Not shown again on the client's page.
    assert token not in client.get(f"/admin/api/apiclient/{created.pk}/change/").content.decode()


def test_scopes_are_changed_and_the_token_revoked_from_the_list(client, api, admin_user, make_client, units):
    created, token = make_client(units["committee"])
    client.force_login(admin_user)
    change = f"/admin/api/apiclient/{created.pk}/change/"
    response = client.post(
        change, {"name": created.name, "can_read": "on", "can_create": "on", "requests_per_minute": 5}
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.can_create and created.requests_per_minute == 5
    assert created.user.groups.filter(name="reception_officer").exists()
    client.post("/admin/api/apiclient/", {"action": "revoke", "_selected_action": [created.pk]})
    created.refresh_from_db()
    assert created.revoked_at is not None
    assert api.get("/api/v1/petitions/", **bearer(token)).status_code == 401


def test_a_client_cannot_be_deleted(client, admin_user, make_client, units):
    created, _token = make_client(units["committee"])
    client.force_login(admin_user)
    assert client.get(f"/admin/api/apiclient/{created.pk}/delete/").status_code == 403
