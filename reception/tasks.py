from celery import shared_task

from . import services
from .models import ReceptionSchedule


@shared_task
def materialise_sessions():
    """Nightly: create the coming months' sessions of every schedule (idempotent)."""
    for schedule_id in ReceptionSchedule.objects.values_list("pk", flat=True):
        materialise_schedule.delay(schedule_id)


@shared_task(acks_late=True)
def materialise_schedule(schedule_id):
    schedule = ReceptionSchedule.objects.filter(pk=schedule_id).first()
    if schedule is not None:
        services.materialise_sessions(schedule=schedule)
