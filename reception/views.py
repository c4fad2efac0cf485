from datetime import timedelta

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from icalendar import Calendar, Event

from danvan.orgunits.models import Unit

from . import selectors

CALENDAR_DAYS = 90


@method_decorator(login_not_required, name="dispatch")
class PublicCalendarView(View):
    """The published reception calendar for the coming months, by unit."""

    def get(self, request):
        today = timezone.localdate()
        sessions = selectors.published_sessions(start=today, end=today + timedelta(days=CALENDAR_DAYS))
        units = Unit.objects.filter(kind__in=["province", "commune"], valid_to__isnull=True).order_by("kind", "name")
        return render(request, "public/calendar.html", {"sessions": sessions, "units": units, "days": CALENDAR_DAYS})


@login_not_required
def calendar_feed(request, unit_id):
    """An iCalendar (.ics) feed of one unit's published sessions, for phone calendars."""
    unit = get_object_or_404(Unit, pk=unit_id)
    today = timezone.localdate()
    calendar = Calendar()
    calendar.add("prodid", "-//Cong Dan van chinh quyen//vi")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Citizen reception: %(unit)s") % {"unit": unit.name})
    for session in selectors.published_sessions(start=today, end=today + timedelta(days=CALENDAR_DAYS), unit=unit):
        event = Event()
        event.add("uid", session.uid)
        event.add("summary", _("Citizen reception – %(unit)s") % {"unit": session.unit_name})
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("location", session.place)
        event.add("description", _("Presided by: %(who)s") % {"who": session.presiding})
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="lich-tiep-cong-dan-{unit.pk}.ics"'
    return response
