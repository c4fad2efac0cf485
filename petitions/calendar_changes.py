"""Issued deadlines and changes of the official calendar (danvan.workdays.registry).

An issued deadline is never recomputed behind anyone's back (petitions.models.PetitionDeadline).
When an administrator adds, changes or removes a day off or a swapped working day, the deadlines
still running whose period that day falls in are computed again under the new calendar; each one
that would now fall on another date is recorded as a MovedDeadline for the handling unit's leaders
(once, with a notice), who correct it or keep it (petitions.services.corrections).

The reads the pages need live here too: the moved deadlines a leader may decide on, and the
announced days inside a deadline's period, for the explanation page and the citizen's status page.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.notifications.services import notify
from danvan.orgunits.selectors import nearest_leaders
from danvan.text import short_date
from danvan.workdays.calendar import WorkCalendar

from .deadlines import deadline_name, due_date_for
from .models import CountingUnit, MovedDeadline, MovedStatus, Petition, PetitionDeadline
from .workflow import OPEN_STATUSES

ONE_DAY = timedelta(days=1)


# The announcing document of a day (danvan.workdays: the override rows carry it, the calendar finds them).


def announcement_row(calendar, day):
    """The override row that set `day` apart from the Labour Code's calendar, or None."""
    return calendar.announcement(day)


def document_label(row):
    """How the announcing document is named in a sentence ("Official Letter 12729/VPCP-KGVX of 25/12/2025"),
    or "" for a row no document announced."""
    return str(row.document) if row is not None else ""


def swapped_working_days(calendar, start, end):
    """[(day, name)] for the weekend days worked in (start, end]: the days a swap made working days."""
    return calendar.working_weekend_days_between(start + ONE_DAY, end)


def announced_days(calendar, start, end):
    """[(day, is_working_day, document)] for the announced days in (start, end], by date.

    Only days whose override row names its document: the Labour Code's own holidays are not announced.
    """
    rows = []
    day = start + ONE_DAY
    while day <= end:
        row = announcement_row(calendar, day)
        if row is not None and document_label(row):
            rows.append((day, calendar.is_working_day(day), document_label(row)))
        day += ONE_DAY
    return rows


def citizen_lines(deadlines, calendar=None):
    """One plain sentence per announcing document whose days fall in the citizen's running deadlines."""
    calendar = calendar or WorkCalendar()
    by_document = {}
    for deadline in deadlines:
        for day, working, document in announced_days(calendar, deadline.start_date, deadline.due_date):
            by_document.setdefault(document, {})[day] = working
    lines = []
    for document, days in by_document.items():
        parts = [
            (_("%(date)s is a working day in exchange") if working else _("%(date)s is a day off"))
            % {"date": short_date(day)}
            for day, working in sorted(days.items())
        ]
        lines.append(
            _("The deadline counts the days announced by %(document)s: %(days)s.")
            % {"document": document, "days": "; ".join(parts)}
        )
    return lines


def citizen_lines_for(petition):
    """The citizen's status page: the announcements counted in the deadlines the citizen waits for."""
    if not petition.is_open:
        return []
    return citizen_lines([*filter(None, [petition.deadline]), *petition.notice_deadlines])


# Reads for the leaders' page and the petition page.


def moved_deadlines_open():
    """Moved deadlines still awaiting a decision, whose deadline still runs on an open petition."""
    return MovedDeadline.objects.filter(
        status=MovedStatus.OPEN,
        deadline__is_current=True,
        deadline__met_on__isnull=True,
        deadline__petition__status__in=OPEN_STATUSES,
    ).select_related("deadline__rule", "deadline__petition__handling_unit")


def moved_deadlines_for(user):
    """The open moved deadlines of the petitions the register shows `user`, earliest issued date first."""
    from .selectors import petitions_visible_to

    return moved_deadlines_open().filter(deadline__petition__in=petitions_visible_to(user))


def moved_deadlines_of(petition):
    """The open moved deadlines of one petition (the notice on its page)."""
    return list(moved_deadlines_open().filter(deadline__petition=petition))


# The listener.


def _touching(days):
    """Q for the deadlines whose period (start, due], or the date an open record gives them, holds one of `days`."""
    touches = Q()
    for day in days:
        touches |= Q(start_date__lt=day, due_date__gte=day)
        touches |= Q(start_date__lt=day, moves__status=MovedStatus.OPEN, moves__new_due_date__gte=day)
    return touches


def _affected(days):
    """The running deadlines of open petitions that a change on `days` may move, their petitions locked."""
    ids = (
        PetitionDeadline.objects.filter(is_current=True, met_on__isnull=True, petition__status__in=OPEN_STATUSES)
        # A date set for the petition (the next council session) is not counted on the calendar.
        .exclude(rule__counting_unit=CountingUnit.BY_DATE)
        .filter(_touching(days))
        .values_list("pk", flat=True)
        .distinct()
    )
    deadlines = list(
        PetitionDeadline.objects.filter(pk__in=list(ids))
        .select_related("rule", "petition__handling_unit")
        .order_by("petition_id", "pk")
    )
    list(Petition.objects.select_for_update().filter(pk__in={d.petition_id for d in deadlines}).order_by("pk"))
    return deadlines


def _documents(calendar, days, start, end):
    """The changed days inside (start, end] and the documents that announced them."""
    inside = [day for day in days if start < day <= end]
    documents = []
    for day in inside:
        label = document_label(announcement_row(calendar, day))
        if label and label not in documents:
            documents.append(label)
    return inside, "; ".join(documents)


def _tell_leaders(moved):
    petition = moved.deadline.petition
    url = f"{reverse('petitions:moved_deadlines')}#moved-{moved.pk}"
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(deadline)s of petition %(code)s: the new calendar gives %(new)s instead of %(issued)s") % {
            "deadline": deadline_name(moved.deadline),
            "code": petition.code,
            "new": short_date(moved.new_due_date),
            "issued": short_date(moved.issued_due_date),
        }
        body = _("Changed: %(days)s. %(document)s Record a correction or keep the deadline as issued.") % {
            "days": moved.changed_days,
            "document": f"{moved.announcement}." if moved.announcement else "",
        }
    for leader in nearest_leaders(petition.handling_unit):
        notify(
            recipient=leader,
            kind="petition_deadline_moved",
            key=f"moved-deadline:{moved.pk}",
            title=title,
            body=body,
            target=petition,
            url=url,
        )


@transaction.atomic
def follow_calendar_change(*, days_off, working_days, actor):
    """Record each running deadline a change of the calendar would move; tell its unit's leaders once.

    `days_off` and `working_days` are [(date, name)] for the days whose status changed (see
    danvan.workdays.registry). Nothing issued is rewritten. Return the lines for the administrator.
    """
    days = sorted({day for day, _name in [*days_off, *working_days]})
    if not days:
        return []
    calendar = WorkCalendar()
    moved, settled = 0, 0
    for deadline in _affected(days):
        new = due_date_for(deadline.rule, deadline.start_date, deadline.complexity)
        previous = deadline.moves.select_for_update().filter(status=MovedStatus.OPEN).first()
        if previous is not None:
            if previous.new_due_date == new:
                continue
            # The earlier record no longer says what the calendar gives: a later change overtook it.
            previous.status = MovedStatus.SUPERSEDED
            previous.save(update_fields=["status"])
            settled += new == deadline.due_date
        if new == deadline.due_date:
            continue
        inside, document = _documents(calendar, days, deadline.start_date, max(new, deadline.due_date))
        row = MovedDeadline.objects.create(
            deadline=deadline,
            issued_due_date=deadline.due_date,
            new_due_date=new,
            changed_days=", ".join(short_date(day) for day in inside or days),
            announcement=document[:255],
            detected_by=actor,
        )
        _tell_leaders(row)
        moved += 1
    lines = []
    if moved:
        lines.append(
            ngettext(
                "%(count)d issued deadline falls differently under the new calendar; the leaders of its unit "
                "have been told and decide whether to correct it.",
                "%(count)d issued deadlines fall differently under the new calendar; the leaders of their units "
                "have been told and decide whether to correct them.",
                moved,
            )
            % {"count": moved}
        )
    if settled:
        lines.append(
            ngettext(
                "%(count)d deadline reported as moved falls on its issued date again; its record was closed.",
                "%(count)d deadlines reported as moved fall on their issued dates again; their records were closed.",
                settled,
            )
            % {"count": settled}
        )
    return lines


def register_listener():
    """Join danvan.workdays.registry (from PetitionsConfig.ready())."""
    from danvan.workdays import registry

    registry.register_change_listener("petitions", follow_calendar_change)
