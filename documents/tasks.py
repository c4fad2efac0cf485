from celery import shared_task

from . import exports


@shared_task
def make_export(export_id):
    """Make one long export; quietly nothing if it is gone, finished, or another worker has it."""
    exports.make(export_id)
