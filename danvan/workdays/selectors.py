"""Reads of the calendar's own tables (the arithmetic lives in calendar.py)."""

from .models import DayStatus, DayToConfirm


def days_to_confirm_pending(*, year=None):
    """Days whose status as a day off an administrator has still to confirm, by date."""
    days = DayToConfirm.objects.filter(status=DayStatus.PENDING)
    return days.filter(date__year=year) if year else days


def days_to_confirm_of_year(year):
    """The year's days to confirm, decided or not, with who decided them."""
    return DayToConfirm.objects.filter(date__year=year).select_related("decided_by")
