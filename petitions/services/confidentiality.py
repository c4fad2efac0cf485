"""Logging who sees a sealed denouncer identity."""

from danvan.workflow import require

from .. import permissions
from ..models import IdentityAccess, ReaderViewing


def record_identity_access(*, petition, user, context):
    """Log that `user` saw a sealed identity; refuses anyone not allowed to."""
    require(permissions.can_see_identity(user, petition))
    if petition.is_sealed:
        IdentityAccess.objects.create(petition=petition, user=user, context=context)


def record_reader_viewing(*, petition, user):
    """Log that a reader from outside the handling units (told by an escalation notice) opened the petition."""
    require(permissions.is_reader(user, petition))
    ReaderViewing.objects.create(petition=petition, user=user)
