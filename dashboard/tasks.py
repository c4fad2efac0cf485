from celery import shared_task

from . import summaries


@shared_task
def rebuild_dashboard_summaries():
    """Nightly: rebuild every summary from the petitions, whatever was written without a signal."""
    summaries.rebuild_all()
