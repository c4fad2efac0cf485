"""Recommendation deadlines and interpellation written answers as sources of reminders and escalations."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.alerts.models import AlertKind
from danvan.alerts.registry import DeadlineSource
from danvan.notifications.services import notify
from danvan.orgunits.selectors import members_of, nearest_leaders, superior_unit

from .models import Recommendation, RecommendationKind
from .workflow import RECOMMENDATION_OPEN


def open_recommendations():
    return Recommendation.objects.filter(status__in=RECOMMENDATION_OPEN)


def open_written_answers():
    return Recommendation.objects.filter(
        kind=RecommendationKind.COMMITMENT, written_answer_due__isnull=False, written_answer_on__isnull=True
    )


def _recipients(alert, recommendation):
    """Reminders and level 1: the addressed unit's leaders; level 2 also its superior's leaders and the
    supervising body; level 3 the supervising body's leaders."""
    addressed = list(nearest_leaders(recommendation.addressed_to))
    body = list(members_of(recommendation.body))
    if alert.kind == AlertKind.REMINDER or alert.step == 1:
        return addressed
    if alert.step == 2:
        superior = superior_unit(recommendation.addressed_to)
        return addressed + (list(nearest_leaders(superior)) if superior else []) + body
    return addressed + body + list(nearest_leaders(recommendation.body))


def deliver_recommendation(alert, recommendation):
    """Runs in the alert's transaction: whoever is told of an escalation becomes a reader in it."""
    from .services import escalate_recommendation

    people = {p.pk: p for p in _recipients(alert, recommendation)}.values()
    with translation.override(settings.LANGUAGE_CODE):
        due = date_format(recommendation.due_date, "SHORT_DATE_FORMAT")
        if alert.kind == AlertKind.REMINDER:
            title = _("Recommendation to %(unit)s due on %(date)s") % {"unit": recommendation.addressed_to, "date": due}
        else:
            escalate_recommendation(recommendation=recommendation, level=alert.step, readers=people)
            title = _("Level %(level)d: recommendation to %(unit)s overdue since %(date)s") % {
                "level": alert.step,
                "unit": recommendation.addressed_to,
                "date": due,
            }
    url = reverse("supervision:recommendation", args=[recommendation.pk])
    for person in people:
        notify(
            recipient=person, kind=f"recommendation_{alert.kind}", key=f"alert:{alert.pk}", title=title,
            body=recommendation.text[:500], target=recommendation, url=url,
        )  # fmt: skip


def deliver_written_answer(alert, recommendation):
    """Reminders go to the answering unit's leaders; once late, from level 2 the council is told too."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "name": recommendation.asked_by,
            "date": date_format(recommendation.written_answer_due, "SHORT_DATE_FORMAT"),
        }
        if alert.kind == AlertKind.REMINDER:
            title = _("Written answer to the interpellation by %(name)s due on %(date)s") % values
        else:
            title = _("Level %(level)d: written answer to the interpellation by %(name)s overdue since %(date)s") % {
                **values,
                "level": alert.step,
            }
    recipients = list(nearest_leaders(recommendation.addressed_to))
    if alert.kind != AlertKind.REMINDER and alert.step >= 2:
        recipients += list(members_of(recommendation.body))
    url = reverse("supervision:recommendation", args=[recommendation.pk])
    for person in {p.pk: p for p in recipients}.values():
        notify(
            recipient=person, kind=f"written_answer_{alert.kind}", key=f"alert:{alert.pk}", title=title,
            target=recommendation, url=url,
        )  # fmt: skip


RECOMMENDATIONS = DeadlineSource(
    name="recommendation", open_deadlines=open_recommendations, deliver=deliver_recommendation
)
WRITTEN_ANSWERS = DeadlineSource(
    name="written_answer", open_deadlines=open_written_answers, deliver=deliver_written_answer,
    due_field="written_answer_due",
)  # fmt: skip
