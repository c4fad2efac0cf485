"""An official's saved filters of the register."""

from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from danvan.workflow import DomainError, require

from .. import permissions
from ..models import SavedFilter

# Where the official was in the list is not part of what they filter on.
NOT_SAVED = ("page",)


def _clean_query(query):
    params = QueryDict(query or "", mutable=True)
    for name in NOT_SAVED:
        params.pop(name, None)
    return params.urlencode()[:2000]


@transaction.atomic
def save_filter(*, actor, name, query):
    """Save the register's query string under `name` for the actor; the same name replaces the earlier one."""
    require(permissions.can_save_filters(actor))
    name = " ".join((name or "").split())[:100]
    if not name:
        raise DomainError(_("Name the filter to save."))
    saved = SavedFilter.objects.select_for_update().filter(user=actor, name=name).first()
    if saved is None:
        return SavedFilter.objects.create(user=actor, name=name, query=_clean_query(query))
    saved.query = _clean_query(query)
    saved.save(update_fields=["query"])
    return saved


@transaction.atomic
def delete_saved_filter(*, saved_filter, actor):
    """Delete one of the actor's saved filters."""
    saved = SavedFilter.objects.select_for_update().filter(pk=saved_filter.pk).first()
    if saved is None:
        return
    require(permissions.can_delete_saved_filter(actor, saved))
    saved.delete()
