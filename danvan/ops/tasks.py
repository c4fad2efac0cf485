from celery import shared_task


@shared_task
def heartbeat():
    """Sent by the beat every few minutes and recorded when a worker runs it (danvan.ops.receivers):
    /readyz reads its age to tell that the beat, the broker and a worker are all alive."""
    return "ok"
