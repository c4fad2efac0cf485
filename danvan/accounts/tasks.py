from celery import shared_task

from . import services


@shared_task
def purge_expired_login_data():
    """Nightly: expired sessions and old login logs."""
    services.purge_expired_login_data()
