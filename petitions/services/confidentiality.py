"""Logging who sees a sealed denouncer identity."""

from .. import permissions
from ..models import IdentityAccess
from ._common import _require


def record_identity_access(*, petition, user, context):
    """Log that `user` saw a sealed identity; refuses anyone not allowed to."""
    _require(permissions.can_see_identity(user, petition))
    if petition.is_sealed:
        IdentityAccess.objects.create(petition=petition, user=user, context=context)
