"""Commitments made at dialogues as a source of reminders and escalations in the daily scan (danvan.alerts)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.alerts.models import AlertKind
from danvan.alerts.registry import DeadlineSource
from danvan.notifications.services import notify
from danvan.orgunits.selectors import nearest_leaders

from .selectors import open_commitments


def _recipients(alert, commitment):
    """Reminders and level 1: the responsible unit's leaders; level 2 also the leaders of the unit that held the
    dialogue; level 3 also the head who made the commitment. All of them may open it (commitment scope)."""
    people = list(nearest_leaders(commitment.responsible_unit))
    if alert.kind == AlertKind.ESCALATION and alert.step >= 2:
        people += list(nearest_leaders(commitment.dialogue.unit))
    if alert.kind == AlertKind.ESCALATION and alert.step >= 3 and commitment.dialogue.head.is_active:
        people.append(commitment.dialogue.head)
    return {person.pk: person for person in people}.values()


def deliver_commitment(alert, commitment):
    """Runs in the alert's transaction: an escalation also records its level on the commitment."""
    from .services import escalate_commitment

    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "unit": commitment.responsible_unit.name,
            "date": date_format(commitment.due_date, "SHORT_DATE_FORMAT"),
        }
        if alert.kind == AlertKind.REMINDER:
            title = _("Commitment from a dialogue owed by %(unit)s due on %(date)s") % values
        else:
            escalate_commitment(commitment=commitment, level=alert.step)
            title = _("Level %(level)d: commitment from a dialogue owed by %(unit)s overdue since %(date)s") % {
                **values,
                "level": alert.step,
            }
    url = reverse("dialogues:commitment", args=[commitment.pk])
    for person in _recipients(alert, commitment):
        notify(
            recipient=person, kind=f"dialogue_commitment_{alert.kind}", key=f"alert:{alert.pk}", title=title,
            body=commitment.text[:500], target=commitment, url=url,
        )  # fmt: skip


def _open_commitments():
    return open_commitments().select_related("responsible_unit", "dialogue__unit", "dialogue__head")


COMMITMENTS = DeadlineSource(name="dialogue_commitment", open_deadlines=_open_commitments, deliver=deliver_commitment)
