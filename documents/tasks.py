from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import exports, services


@shared_task
def make_export(export_id):
    """Make one long export; quietly nothing if it is gone, finished, or another worker has it."""
    exports.make(export_id)


@shared_task
def delete_old_exports():
    """Daily: drop the long exports finished more than DOCUMENTS_EXPORT_DAYS days ago."""
    services.delete_old_exports(before=timezone.now() - timedelta(days=settings.DOCUMENTS_EXPORT_DAYS))
