from celery import shared_task

from . import summaries


@shared_task
def refresh_dashboard_summaries():
    """Every few minutes: rebuild the buckets changes made stale, so a leader's read seldom has to."""
    summaries.refresh()


@shared_task
def rebuild_dashboard_summaries():
    """Nightly: rebuild every summary from the petitions, whatever was written without a signal."""
    summaries.rebuild_all()
