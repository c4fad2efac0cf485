from celery import shared_task


@shared_task
def heartbeat():
    """Sent by the beat every few minutes and recorded when a worker runs it (danvan.ops.receivers):
    /readyz reads its age to tell that the beat, the broker and a worker are all alive."""
    return "ok"


@shared_task
def apply_retention():
    """Nightly: anonymise the petitioners' personal data the retention rules no longer allow keeping
    (danvan.ops.retention). Returns the run's number and counts, never a value it removed."""
    from .retention import apply_retention as run_retention

    run = run_retention()
    return {"run": run.pk, "petitions": run.petitions, "visits": run.visits, "errors": run.errors}
