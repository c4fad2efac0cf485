"""Celery's task signals record each periodic job's runs (JobRun). Decoupled from the jobs themselves: a
task needs no code of its own to be watched, and a failure to record never fails the task."""

import logging

from celery.signals import task_postrun, task_prerun

from . import services

logger = logging.getLogger(__name__)


@task_prerun.connect
def _started(sender=None, task=None, **kwargs):
    _safely(services.job_started, task)


@task_postrun.connect
def _ended(sender=None, task=None, state=None, retval=None, **kwargs):
    _safely(services.job_ended, task, succeeded=state == "SUCCESS", error=retval if state != "SUCCESS" else None)


def _safely(record, task, **kwargs):
    name = getattr(task, "name", "")
    if name not in services.WATCHED:
        return
    try:
        record(name, **kwargs)
    except Exception:  # the job's own outcome matters more than its record
        logger.exception("Could not record the run of %s", name)
