"""Overdue denunciations (Luật Tố cáo 2018 Art 38): the superior body's request for a report, and the report.

The law (Art 38(2)) counts the superior's 5 working days from its receipt of a further denunciation
("tố cáo tiếp"); the portal itself tells the superior body the day after the resolution deadline passes,
so the clock starts at that lapse: the earlier, stricter date, and the one Circular 05/2021/TT-TTCP
Art 14 has in mind when it asks the superior to request a report on a subordinate's overdue denunciation.
The resolver's report is counted from the request (DOMAIN.md, "Petition deadlines"). Both periods are
DeadlineRule rows (seeded by migration), so a change in the law is a new row.
"""

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.notifications.services import notify
from danvan.orgunits.selectors import nearest_leaders, superior_unit
from danvan.workflow import DomainError, require

from .. import permissions
from ..models import EventKind, Kind, OverdueReport, PetitionDeadline, PetitionReader, Stage
from ..workflow import OPEN_STATUSES
from ._common import _event, _issue_deadline, _locked, _today

# The reader level of the superior body's leaders: told at the lapse, as the first rung of the ladder.
READER_LEVEL = 1


def _day(value):
    return date_format(value, "SHORT_DATE_FORMAT")


def superior_leaders(record):
    """Who acts for the directly superior body: its leaders, or the nearest above it."""
    return nearest_leaders(record.superior_unit)


def pending_overdue_request(petition):
    """The Art 38 record whose request is still to be recorded, if any (open petitions only)."""
    if petition.status not in OPEN_STATUSES:
        return None
    return OverdueReport.objects.filter(petition_id=petition.pk, requested_on__isnull=True).first()


def pending_overdue_report(petition):
    """The Art 38 record whose report is still to be recorded, if any (open petitions only)."""
    if petition.status not in OPEN_STATUSES:
        return None
    return OverdueReport.objects.filter(
        petition_id=petition.pk, requested_on__isnull=False, reported_on__isnull=True
    ).first()


@transaction.atomic
def open_overdue_report_request(*, deadline):
    """A denunciation's resolution deadline has passed unmet: the superior body must now request a report.

    Issues the request deadline (counted from the lapsed due date), lets the superior's leaders open the
    petition (read only, the identity sealed), and writes it on the timeline. Run by the daily scan;
    a second call for the same petition does nothing and returns None.
    """
    petition = _locked(deadline.petition)
    deadline = PetitionDeadline.objects.get(pk=deadline.pk)
    if (
        petition.kind != Kind.DENUNCIATION
        or petition.status not in OPEN_STATUSES
        or deadline.stage != Stage.RESOLUTION
        or not deadline.is_current
        or deadline.met_on is not None
        or deadline.due_date >= _today()
        or OverdueReport.objects.filter(petition=petition).exists()
    ):
        return None
    superior = superior_unit(petition.handling_unit)
    if superior is None:
        return None  # the body above is outside the portal
    request_deadline = _issue_deadline(petition, Stage.OVERDUE_REQUEST, deadline.due_date, main=False)
    record = OverdueReport.objects.create(
        petition=petition, superior_unit=superior, lapsed_deadline=deadline, request_deadline=request_deadline
    )
    PetitionReader.objects.bulk_create(
        [
            PetitionReader(petition=petition, user=user, level=READER_LEVEL)
            for user in superior_leaders(record)
            if not permissions.can_view_petition(user, petition)
        ],
        ignore_conflicts=True,
    )
    note = _(
        "The resolution deadline passed on %(lapsed)s without a resolution: the head of %(unit)s is to request "
        "a report by %(due)s (Law on Denunciation, Art 38)."
    ) % {"lapsed": _day(deadline.due_date), "unit": superior.name, "due": _day(request_deadline.due_date)}
    _event(petition, EventKind.OVERDUE_REFERRED, None, note=note)
    return record


def _check_date(value, earliest, message):
    if value > _today():
        raise DomainError(_("The date cannot be in the future."))
    if value < earliest:
        raise DomainError(message)


@transaction.atomic
def request_overdue_report(*, petition, actor, requested_on, number, content):
    """The superior body's written request for a report on the overdue denunciation; starts the report deadline."""
    petition = _locked(petition)
    require(permissions.can_request_overdue_report(actor, petition))
    record = pending_overdue_request(petition)
    if record is None:
        raise DomainError(_("No request for a report is awaited on this petition."))
    record = OverdueReport.objects.select_for_update().get(pk=record.pk)
    lapsed = record.lapsed_deadline.due_date
    _check_date(
        requested_on,
        lapsed,
        _("The request cannot be dated before the resolution deadline (%(date)s) passed.") % {"date": _day(lapsed)},
    )
    if not content.strip():
        raise DomainError(_("Write what the request asks the resolver to report."))
    PetitionDeadline.objects.filter(pk=record.request_deadline_id).update(met_on=requested_on)
    report_deadline = _issue_deadline(petition, Stage.OVERDUE_REPORT, requested_on, main=False)
    record.requested_on, record.request_number, record.request_content = requested_on, number.strip(), content.strip()
    record.requested_by, record.report_deadline = actor, report_deadline
    record.save(update_fields=["requested_on", "request_number", "request_content", "requested_by", "report_deadline"])
    note = _("%(unit)s requested a report (%(number)s of %(date)s): %(content)s Report due by %(due)s.") % {
        "unit": record.superior_unit.name,
        "number": record.request_number or _("no number"),
        "date": _day(requested_on),
        "content": record.request_content.rstrip(".") + ".",
        "due": _day(report_deadline.due_date),
    }
    event = _event(petition, EventKind.OVERDUE_REPORT_REQUESTED, actor, note=note)
    people = list(nearest_leaders(petition.handling_unit))
    if petition.handler_id:
        people.append(petition.handler)
    _tell(people, record, "overdue_request", note)
    return event


@transaction.atomic
def report_overdue_denunciation(*, petition, actor, reported_on, reasons, measures, committed_date):
    """The resolver's report to the superior body: the reasons for the delay, the measures, a committed date."""
    petition = _locked(petition)
    require(permissions.can_handle_petition(actor, petition))
    record = pending_overdue_report(petition)
    if record is None:
        raise DomainError(_("No report on the overdue denunciation is awaited on this petition."))
    record = OverdueReport.objects.select_for_update().get(pk=record.pk)
    _check_date(
        reported_on,
        record.requested_on,
        _("The report cannot be dated before the request (%(date)s).") % {"date": _day(record.requested_on)},
    )
    if not reasons.strip():
        raise DomainError(_("Write the reasons for the delay."))
    if committed_date is not None and committed_date < reported_on:
        raise DomainError(_("The committed resolution date cannot be before the report."))
    PetitionDeadline.objects.filter(pk=record.report_deadline_id).update(met_on=reported_on)
    record.reported_on, record.reasons, record.measures = reported_on, reasons.strip(), measures.strip()
    record.committed_date, record.reported_by = committed_date, actor
    record.save(update_fields=["reported_on", "reasons", "measures", "committed_date", "reported_by"])
    note = _("Reported to %(unit)s on %(date)s. Reasons for the delay: %(reasons)s") % {
        "unit": record.superior_unit.name,
        "date": _day(reported_on),
        "reasons": record.reasons.rstrip(".") + ".",
    }
    if record.measures:
        note += " " + _("Measures: %(measures)s") % {"measures": record.measures.rstrip(".") + "."}
    if committed_date:
        note += " " + _("Committed to resolve by %(date)s.") % {"date": _day(committed_date)}
    event = _event(petition, EventKind.OVERDUE_REPORTED, actor, note=note)
    people = list(superior_leaders(record))
    if record.requested_by_id:
        people.append(record.requested_by)
    _tell(people, record, "overdue_report", note)
    return event


def _tell(people, record, kind, body):
    """One notice to each person; the email leaves after the commit."""
    petition = record.petition
    title = {
        "overdue_request": _("Report requested on the overdue denunciation %(code)s"),
        "overdue_report": _("Report received on the overdue denunciation %(code)s"),
    }[kind] % {"code": petition.code}
    url = reverse("petitions:detail", args=[petition.pk])
    for person in {p.pk: p for p in people}.values():
        notify(
            recipient=person,
            kind=f"petition_{kind}",
            key=f"{kind}:{record.pk}",
            title=title,
            body=body,
            target=petition,
            url=url,
        )
