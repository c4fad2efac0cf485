"""Creating, changing and revoking API clients. Each is one atomic function; the token leaves only once."""

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from danvan.workflow import DomainError

from .models import ApiClient

PREFIX_LENGTH = 8


def hash_token(token):
    """The stored form of a token. Tokens are 256 random bits, so a plain SHA-256 is enough (no salt, no
    stretching: nothing to guess from a dictionary) and a lookup costs one hash."""
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token():
    return secrets.token_urlsafe(32)


def _sync_role(user, can_create):
    # Creating petitions goes through petitions.services.create_petition, which asks for a recording role.
    group = Group.objects.get(name=Role.RECEPTION_OFFICER)
    if can_create:
        user.groups.add(group)
    else:
        user.groups.remove(group)


@transaction.atomic
def create_api_client(*, actor, name, unit, can_read=True, can_create=False, requests_per_minute=120):
    """A client acting for `unit`, with its service account; returns (client, token). The token is not
    stored and cannot be shown again."""
    if not (actor.is_superuser or actor.has_perm("api.add_apiclient")):
        raise DomainError(_("You may not manage API clients."))
    user = get_user_model().objects.create_user(
        username=f"api-{secrets.token_hex(6)}", email="", full_name=f"API: {name}"[:150]
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    Membership.objects.create(user=user, unit=unit, is_primary=True)
    _sync_role(user, can_create)
    token = _new_token()
    client = ApiClient.objects.create(
        name=name,
        unit=unit,
        user=user,
        token_prefix=token[:PREFIX_LENGTH],
        token_hash=hash_token(token),
        can_read=can_read,
        can_create=can_create,
        requests_per_minute=requests_per_minute,
        created_by=actor,
    )
    return client, token


@transaction.atomic
def update_api_client(*, actor, client, can_read, can_create, requests_per_minute):
    """Change a client's scopes and rate limit (its unit and token stay)."""
    if not (actor.is_superuser or actor.has_perm("api.change_apiclient")):
        raise DomainError(_("You may not manage API clients."))
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    client.can_read, client.can_create, client.requests_per_minute = can_read, can_create, requests_per_minute
    client.save(update_fields=["can_read", "can_create", "requests_per_minute"])
    _sync_role(client.user, can_create and client.revoked_at is None)
    return client


@transaction.atomic
def revoke_api_client(*, actor, client):
    """Refuse the client's token from now on, for good; its service account is deactivated."""
    if not (actor.is_superuser or actor.has_perm("api.change_apiclient")):
        raise DomainError(_("You may not manage API clients."))
    client = ApiClient.objects.select_for_update().select_related("user").get(pk=client.pk)
    if client.revoked_at is not None:
        return client
    client.revoked_at = timezone.now()
    client.save(update_fields=["revoked_at"])
    client.user.is_active = False
    client.user.save(update_fields=["is_active"])
    return client
