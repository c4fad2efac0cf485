"""Token authentication for systems: `Authorization: Bearer <token>`, checked against the stored hash."""

import secrets

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiClient
from .services import PREFIX_LENGTH, hash_token

KEYWORD = "Bearer"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Authenticates as the client's service account; `request.auth` is the ApiClient."""

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode(errors="replace").lower() != KEYWORD.lower():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        token = parts[1].decode(errors="replace")
        client = ApiClient.objects.select_related("user", "unit").filter(token_prefix=token[:PREFIX_LENGTH]).first()
        stored = client.token_hash if client else "0" * 64
        # Compare even when no client has the prefix, so the time taken says nothing.
        if not secrets.compare_digest(stored, hash_token(token)) or client is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if client.revoked_at is not None or not client.user.is_active:
            raise exceptions.AuthenticationFailed(_("This token has been revoked."))
        return client.user, client

    def authenticate_header(self, request):
        # A 401 (not 403) for a missing or wrong token, telling the client how to authenticate.
        return f'{KEYWORD} realm="api"'
