"""Following deadlines up: escalation, explanations of delay, the leaders' daily digest."""

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.notifications.services import notify
from danvan.workflow import DomainError, require

from .. import permissions
from ..deadlines import deadline_name
from ..models import EventKind, PetitionDeadline, PetitionReader
from ._common import _event, _locked, _today


@transaction.atomic
def escalate_petition(*, petition, deadline, level, recipients_label, readers=(), actor=None):
    """Record that an overdue deadline reached escalation `level`; the legal deadline is unchanged.

    `readers` are the people told of it: those outside the handling units may from now on open
    the petition (read only), since a notice that leads to "not found" tells nothing.
    """
    petition = _locked(petition)
    PetitionReader.objects.bulk_create(
        [
            PetitionReader(petition=petition, user=user, level=level)
            for user in {user.pk: user for user in readers}.values()
            if not permissions.can_view_petition(user, petition)
        ],
        ignore_conflicts=True,
    )
    updated = PetitionDeadline.objects.filter(pk=deadline.pk, escalation_level__lt=level).update(escalation_level=level)
    if not updated:
        return None
    note = _("%(deadline)s passed on %(date)s: reported at level %(level)d to %(who)s.") % {
        "deadline": deadline_name(deadline),
        "date": date_format(deadline.due_date, "SHORT_DATE_FORMAT"),
        "level": level,
        "who": recipients_label,
    }
    return _event(petition, EventKind.ESCALATED, actor, note=note)


@transaction.atomic
def explain_petition_delay(*, petition, actor, reason, committed_date, is_public=False):
    """The handler explains a delay and commits to a date; the legal deadline stays as it was."""
    petition = _locked(petition)
    require(permissions.can_handle_petition(actor, petition))
    deadline = petition.deadline
    if deadline is None or not petition.is_open:
        raise DomainError(_("The petition has no running deadline to explain."))
    if not reason.strip():
        raise DomainError(_("Write the reason for the delay."))
    if committed_date < _today():
        raise DomainError(_("The committed date cannot be in the past."))
    PetitionDeadline.objects.filter(pk=deadline.pk).update(delay_reason=reason, committed_date=committed_date)
    note = _("Reason for the delay: %(reason)s Committed to finish by %(date)s.") % {
        "reason": reason.strip().rstrip(".") + ".",
        "date": date_format(committed_date, "SHORT_DATE_FORMAT"),
    }
    return _event(petition, EventKind.DELAY_EXPLAINED, actor, note=note, is_public=is_public)


def send_daily_digest(*, leader):
    """One notice (and email) a day to a leader: overdue petitions and those due this week in their units."""
    from ..selectors import due_within, overdue, petition_list

    today = _today()
    scope = petition_list(leader)
    # By the most urgent open obligation, as the register shows it: a side deadline (the acceptance notice)
    # makes a petition overdue as much as the main one.
    late = list(overdue(scope, today).order_by("urgent_due", "pk")[:50])
    soon = list(due_within(scope, 7, today).order_by("urgent_due", "pk")[:50])
    if not late and not soon:
        return None
    title = _("Daily digest %(date)s: %(late)s, %(soon)s") % {
        "date": date_format(today, "SHORT_DATE_FORMAT"),
        "late": ngettext("%(n)d petition overdue", "%(n)d petitions overdue", len(late)) % {"n": len(late)},
        "soon": ngettext("%(n)d due this week", "%(n)d due this week", len(soon)) % {"n": len(soon)},
    }
    lines = []
    if late:
        lines.append(_("Overdue:"))
        lines += [_digest_line(p) for p in late]
    if soon:
        lines.append(_("Due within 7 days:"))
        lines += [_digest_line(p) for p in soon]
    notification, _created = notify(
        recipient=leader,
        kind="daily_digest",
        key=f"digest:{today.isoformat()}",
        title=title,
        body="\n".join(lines),
        url=reverse("petitions:list") + "?overdue=true",
    )
    return notification


def _digest_line(petition):
    from ..selectors import most_urgent_obligation

    deadline = most_urgent_obligation(petition)
    due = f"{deadline_name(deadline)} {date_format(deadline.due_date, 'SHORT_DATE_FORMAT')}"
    return f"- {petition.code} ({due}) {petition.handling_unit.name}: {petition.summary}"


@transaction.atomic
def rate_petition(*, petition, scores, comment=""):
    """The citizen's satisfaction rating, once per petition and only once it has been answered."""
    from django.db import IntegrityError

    from ..models import SatisfactionRating
    from ..workflow import ANSWERED_STATUSES, Status

    petition = _locked(petition)
    if petition.status not in (*ANSWERED_STATUSES, Status.CLOSED):
        raise DomainError(_("You can rate the handling once your petition has been answered."))
    try:
        with transaction.atomic():
            return SatisfactionRating.objects.create(petition=petition, comment=comment.strip()[:2000], **scores)
    except IntegrityError as duplicate:
        raise DomainError(_("This petition has already been rated. Thank you.")) from duplicate
