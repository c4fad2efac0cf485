"""Petition deadlines as a source of reminders and escalations (see danvan.alerts)."""

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

from .deadlines import deadline_name
from .models import PetitionDeadline, Stage
from .workflow import OPEN_STATUSES

SOURCE = "petition_deadline"


def open_deadlines():
    """Current, unmet deadlines of petitions still being handled (the Art 38 ones: petitions.overdue_alerts)."""
    running = PetitionDeadline.objects.filter(is_current=True, met_on__isnull=True, petition__status__in=OPEN_STATUSES)
    return running.exclude(stage__in=(Stage.OVERDUE_REQUEST, Stage.OVERDUE_REPORT))


def recipients(alert, deadline):
    """Who hears of it, and how they are named on the timeline.

    Reminders and the first escalation go to the handler and the unit's
    leaders; level 2 to the superior unit's leaders and the inspectorate; level
    3 to the province's inspectorate and citizen reception office.
    """
    petition = deadline.petition
    unit = petition.handling_unit
    if alert.kind == AlertKind.REMINDER or alert.step == 1:
        people = list(nearest_leaders(unit))
        if petition.handler_id:
            people.append(petition.handler)
        return people, _("the handler and the leaders of %(unit)s") % {"unit": unit.name}
    province = province_of(unit)
    inspectorate = body_in(province, UnitKind.INSPECTORATE)
    if alert.step == 2:
        superior = superior_unit(unit) or unit
        people = list(nearest_leaders(superior)) + (list(members_of(inspectorate)) if inspectorate else [])
        return people, _("the leaders of %(unit)s and the inspectorate") % {"unit": superior.name}
    reception = body_in(province, UnitKind.RECEPTION_OFFICE)
    people = [user for body in (inspectorate, reception) if body for user in members_of(body)]
    return people, _("the province's inspectorate and citizen reception office")


def texts(alert, deadline):
    """The notice's title names the deadline as the petition page does ("Hạn thụ lý đơn …"), not its stage."""
    petition = deadline.petition
    name = deadline_name(deadline)
    due = date_format(deadline.due_date, "SHORT_DATE_FORMAT")
    if alert.kind == AlertKind.REMINDER:
        days = WorkCalendar().working_days_between(timezone.localdate(), deadline.due_date)
        if days <= 0:
            title = _("%(deadline)s of petition %(code)s: today (%(date)s)") % {
                "deadline": name,
                "code": petition.code,
                "date": due,
            }
        else:
            title = ngettext(
                "%(deadline)s of petition %(code)s: %(days)d working day left (%(date)s)",
                "%(deadline)s of petition %(code)s: %(days)d working days left (%(date)s)",
                days,
            ) % {"deadline": name, "code": petition.code, "days": days, "date": due}
    elif alert.step == 1:
        title = _("%(deadline)s of petition %(code)s: overdue since %(date)s") % {
            "deadline": name,
            "code": petition.code,
            "date": due,
        }
    else:
        title = _(
            "Escalation level %(level)d: %(deadline)s of petition %(code)s (%(unit)s), overdue since %(date)s"
        ) % {
            "level": alert.step,
            "deadline": name.lower(),
            "code": petition.code,
            "unit": petition.handling_unit.name,
            "date": due,
        }
    return title, petition.summary


def deliver(alert, deadline):
    """Notify each recipient once and, for an escalation, write it on the petition's timeline."""
    from .services import escalate_petition

    deadline = PetitionDeadline.objects.select_related("petition__handling_unit", "petition__handler").get(
        pk=deadline.pk
    )
    with translation.override(settings.LANGUAGE_CODE):
        people, label = recipients(alert, deadline)
        title, body = texts(alert, deadline)
        if alert.kind == AlertKind.ESCALATION:
            escalate_petition(
                petition=deadline.petition, deadline=deadline, level=alert.step, recipients_label=label, readers=people
            )
    url = reverse("petitions:detail", args=[deadline.petition_id])
    for person in {p.pk: p for p in people}.values():
        notify(
            recipient=person,
            kind=f"petition_{alert.kind}",
            key=f"alert:{alert.pk}",
            title=title,
            body=body,
            target=deadline.petition,
            url=url,
        )


PETITION_DEADLINES = DeadlineSource(name=SOURCE, open_deadlines=open_deadlines, deliver=deliver)
