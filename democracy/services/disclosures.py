"""What a commune disclosed, how and for how long (dân biết)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.history.models import ChangeKind
from danvan.history.services import record_change
from danvan.text import short_date
from danvan.workflow import DomainError, require, required_text

from .. import permissions
from ..models import Disclosure, DisclosureForm


@transaction.atomic
def record_disclosure(
    *, actor, unit, content, title, summary, form, disclosed_on, period_from, period_to=None, place=""
):
    """Record one disclosure by a commune People's Committee; one with the form "portal" appears on the
    public disclosure page from `period_from`."""
    require(permissions.can_record_disclosure(actor, unit))
    if not content.is_active:
        raise DomainError(_("This content is no longer in use; choose another."))
    if disclosed_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."))
    if period_to is not None and period_to < period_from:
        raise DomainError(_("The end of the disclosure period cannot be before its start."))
    if form not in DisclosureForm.values:
        raise DomainError(_("Choose how the content was disclosed."))
    disclosure = Disclosure.objects.create(
        unit=unit,
        content=content,
        title=required_text(title, _("Write the title of what was disclosed.")),
        summary=required_text(summary, _("Write what was disclosed.")),
        form=form,
        place=place.strip(),
        disclosed_on=disclosed_on,
        period_from=period_from,
        period_to=period_to,
        recorded_by=actor,
    )
    record_change(
        disclosure,
        actor=actor,
        kind=ChangeKind.CREATED,
        note=_("%(form)s on %(date)s") % {"form": disclosure.get_form_display(), "date": short_date(disclosed_on)},
    )
    return disclosure
