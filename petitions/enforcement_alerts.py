"""The due dates of enforcements as a source of reminders and escalations (see danvan.alerts).

The same daily scan, reminder offsets and escalation ladder as a petition's deadlines (petitions/alerts.py);
a completed enforcement drops out of `open_deadlines`, so it is neither reminded nor escalated.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.alerts.models import AlertKind
from danvan.alerts.registry import DeadlineSource
from danvan.notifications.services import notify
from danvan.orgunits.models import UnitKind
from danvan.orgunits.selectors import body_in, members_of, nearest_leaders, province_of, superior_unit
from danvan.workdays.calendar import WorkCalendar

from .models import Enforcement

SOURCE = "enforcement_due"


def open_deadlines():
    """Enforcements not yet carried out."""
    return Enforcement.objects.filter(completed_on__isnull=True)


def recipients(alert, enforcement):
    """Who hears of it, and how they are named on the timeline.

    Reminders and the first escalation go to whoever must act (the official, the leaders of the unit) and to
    the leaders of the deciding unit and the petition's handler; level 2 to the superior unit's leaders and the
    inspectorate; level 3 to the province's inspectorate and citizen reception office, as for a deadline.
    """
    petition = enforcement.petition
    unit = petition.handling_unit
    if alert.kind == AlertKind.REMINDER or alert.step == 1:
        people = list(nearest_leaders(unit))
        if enforcement.responsible_unit_id:
            people += list(nearest_leaders(enforcement.responsible_unit))
        people += [user for user in (enforcement.responsible_person, petition.handler) if user is not None]
        return people, _("who must carry it out and the leaders of %(unit)s") % {"unit": unit.name}
    province = province_of(unit)
    inspectorate = body_in(province, UnitKind.INSPECTORATE)
    if alert.step == 2:
        superior = superior_unit(unit) or unit
        people = list(nearest_leaders(superior)) + (list(members_of(inspectorate)) if inspectorate else [])
        return people, _("the leaders of %(unit)s and the inspectorate") % {"unit": superior.name}
    reception = body_in(province, UnitKind.RECEPTION_OFFICE)
    people = [user for body in (inspectorate, reception) if body for user in members_of(body)]
    return people, _("the province's inspectorate and citizen reception office")


def texts(alert, enforcement):
    petition = enforcement.petition
    values = {
        "number": enforcement.decision.number,
        "code": petition.code,
        "date": date_format(enforcement.due_date, "SHORT_DATE_FORMAT"),
    }
    if alert.kind == AlertKind.REMINDER:
        days = WorkCalendar().working_days_between(timezone.localdate(), enforcement.due_date)
        if days <= 0:
            title = _("Enforcement of decision %(number)s (petition %(code)s): due today (%(date)s)") % values
        else:
            title = ngettext(
                "Enforcement of decision %(number)s (petition %(code)s): %(days)d working day left (%(date)s)",
                "Enforcement of decision %(number)s (petition %(code)s): %(days)d working days left (%(date)s)",
                days,
            ) % {**values, "days": days}
    elif alert.step == 1:
        title = _("Enforcement of decision %(number)s (petition %(code)s): overdue since %(date)s") % values
    else:
        title = _(
            "Escalation level %(level)d: enforcement of decision %(number)s (petition %(code)s, %(unit)s), "
            "overdue since %(date)s"
        ) % {**values, "level": alert.step, "unit": petition.handling_unit.name}
    return title, enforcement.measures


def deliver(alert, enforcement):
    """Notify each recipient once and, for an escalation, write it on the petition's timeline."""
    from .services import escalate_enforcement

    enforcement = Enforcement.objects.select_related(
        "decision", "petition__handling_unit", "petition__handler", "responsible_unit", "responsible_person"
    ).get(pk=enforcement.pk)
    with translation.override(settings.LANGUAGE_CODE):
        people, label = recipients(alert, enforcement)
        title, body = texts(alert, enforcement)
        if alert.kind == AlertKind.ESCALATION:
            escalate_enforcement(enforcement=enforcement, level=alert.step, recipients_label=label, readers=people)
    url = reverse("petitions:detail", args=[enforcement.petition_id])
    for person in {p.pk: p for p in people if p.is_active}.values():
        notify(
            recipient=person,
            kind=f"enforcement_{alert.kind}",
            key=f"alert:{alert.pk}",
            title=title,
            body=body,
            target=enforcement.petition,
            url=url,
        )


ENFORCEMENT_DUE_DATES = DeadlineSource(name=SOURCE, open_deadlines=open_deadlines, deliver=deliver)
