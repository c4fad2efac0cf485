"""Writes about officials' accounts."""

from django.core.management import call_command

# Login history kept for audits before it is purged.
LOGIN_LOG_DAYS = 180


def purge_expired_login_data():
    """Delete expired sessions and login logs older than LOGIN_LOG_DAYS."""
    call_command("clearsessions", verbosity=0)
    call_command("axes_reset_logs", age=LOGIN_LOG_DAYS, verbosity=0)
