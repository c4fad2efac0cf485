"""Logging who sees a sealed denouncer identity."""

from .. import permissions
from ..models import IdentityAccess, ReaderViewing
from ._common import _require


def record_identity_access(*, petition, user, context):
    """Log that `user` saw a sealed identity; refuses anyone not allowed to."""
    _require(permissions.can_see_identity(user, petition))
    if petition.is_sealed:
        IdentityAccess.objects.create(petition=petition, user=user, context=context)


def record_reader_viewing(*, petition, user):
    """Log that a reader from outside the handling units (told by an escalation notice) opened the petition."""
    _require(permissions.is_reader(user, petition))
    ReaderViewing.objects.create(petition=petition, user=user)
