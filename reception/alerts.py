"""Reception sessions as a source of reminders: the presiding official is reminded before each one."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from danvan.alerts.registry import DeadlineSource
from danvan.notifications.services import notify

from .models import ReceptionSession, SessionStatus


def open_sessions():
    """Planned sessions with a presiding official named."""
    return ReceptionSession.objects.filter(status=SessionStatus.PLANNED, presiding__isnull=False)


def deliver(alert, session):
    """Remind the presiding official; sessions have no escalation ladder (escalates=False)."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Citizen reception on %(date)s at %(time)s, %(place)s") % {
            "date": date_format(session.date, "SHORT_DATE_FORMAT"),
            "time": time_format(session.start_time, "TIME_FORMAT"),
            "place": session.place,
        }
    notify(
        recipient=session.presiding,
        kind="reception_reminder",
        key=f"alert:{alert.pk}",
        title=title,
        target=session,
        url=reverse("reception:session", args=[session.pk]),
    )


RECEPTION_SESSIONS = DeadlineSource(
    name="reception_session", open_deadlines=open_sessions, deliver=deliver, due_field="date", escalates=False
)
