"""Overdue denunciations (Luật Tố cáo 2018 Art 38) in the daily deadline scan (see danvan.alerts).

Two sources. LAPSES: a denunciation's resolution deadline that has passed unmet and not yet been referred;
its first escalation (the day after the deadline) opens the superior body's duty to request a report and
tells its leaders. ART38_DEADLINES: that request deadline and the resolver's report deadline, reminded and
escalated like every petition deadline, but to whoever must act: the superior's leaders for the request,
the handler and the handling unit's leaders for the report. petitions.alerts leaves these stages to us.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.alerts.models import AlertKind
from danvan.alerts.registry import DeadlineSource
from danvan.notifications.services import notify
from danvan.orgunits.models import UnitKind
from danvan.orgunits.selectors import body_in, members_of, nearest_leaders, province_of, superior_unit

from . import alerts
from .models import Kind, OverdueReport, PetitionDeadline, Stage
from .workflow import OPEN_STATUSES

ART38_STAGES = (Stage.OVERDUE_REQUEST, Stage.OVERDUE_REPORT)


def lapsed_denunciations():
    """Current resolution deadlines of open denunciations, past and unmet, not yet referred to the superior."""
    referred = OverdueReport.objects.filter(petition=OuterRef("petition"))
    return PetitionDeadline.objects.filter(
        stage=Stage.RESOLUTION,
        is_current=True,
        met_on__isnull=True,
        due_date__lt=timezone.localdate(),
        petition__kind=Kind.DENUNCIATION,
        petition__status__in=OPEN_STATUSES,
    ).filter(~Exists(referred))


def deliver_lapse(alert, deadline):
    """Open the superior body's duty (once) and tell its leaders; later rungs find it open and do nothing."""
    from .services import open_overdue_report_request, superior_leaders

    record = open_overdue_report_request(deadline=deadline)
    if record is None:
        return
    petition, request = record.petition, record.request_deadline
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Overdue denunciation %(code)s (%(unit)s): request a report by %(date)s") % {
            "code": petition.code,
            "unit": petition.handling_unit.name,
            "date": date_format(request.due_date, "SHORT_DATE_FORMAT"),
        }
    url = reverse("petitions:detail", args=[petition.pk])
    for person in superior_leaders(record):
        notify(
            recipient=person,
            kind="petition_overdue_referred",
            key=f"alert:{alert.pk}",
            title=title,
            body=petition.summary,
            target=petition,
            url=url,
        )


def art38_deadlines():
    """The running request and report deadlines of open denunciations."""
    return PetitionDeadline.objects.filter(
        stage__in=ART38_STAGES, is_current=True, met_on__isnull=True, petition__status__in=OPEN_STATUSES
    )


def recipients(alert, deadline):
    """Who must act, then who is above them. The report is the handling unit's duty, so it follows the
    ordinary ladder; the request is the superior body's, so its ladder starts one level higher."""
    if deadline.stage == Stage.OVERDUE_REPORT or alert.step == 3:
        return alerts.recipients(alert, deadline)
    superior = OverdueReport.objects.select_related("superior_unit").get(petition=deadline.petition).superior_unit
    if alert.kind == AlertKind.REMINDER or alert.step == 1:
        return list(nearest_leaders(superior)), _("the leaders of %(unit)s") % {"unit": superior.name}
    above = superior_unit(superior) or superior
    inspectorate = body_in(province_of(superior), UnitKind.INSPECTORATE)
    people = list(nearest_leaders(above)) + (list(members_of(inspectorate)) if inspectorate else [])
    return people, _("the leaders of %(unit)s and the inspectorate") % {"unit": above.name}


def deliver(alert, deadline):
    """Notify each recipient once and, for an escalation, write it on the petition's timeline."""
    from .services import escalate_petition

    deadline = PetitionDeadline.objects.select_related("petition__handling_unit", "petition__handler").get(
        pk=deadline.pk
    )
    with translation.override(settings.LANGUAGE_CODE):
        people, label = recipients(alert, deadline)
        title, body = alerts.texts(alert, deadline)
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


# Only the escalation windows match a past deadline, so a lapse is never "reminded".
LAPSES = DeadlineSource(name="denunciation_lapse", open_deadlines=lapsed_denunciations, deliver=deliver_lapse)
ART38_DEADLINES = DeadlineSource(name="petition_overdue_report", open_deadlines=art38_deadlines, deliver=deliver)
