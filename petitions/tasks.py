from celery import shared_task
from django.contrib.auth import get_user_model

from danvan.accounts.roles import Role

from . import services


@shared_task
def send_leader_digests():
    """Daily: fan out one digest task per active leader."""
    leaders = get_user_model().objects.filter(is_active=True, groups__name=Role.LEADER).values_list("pk", flat=True)
    for leader_id in leaders:
        send_leader_digest.delay(leader_id)


@shared_task(acks_late=True)
def send_leader_digest(leader_id):
    """One leader's digest; once a day whatever the retries (the notice key is the date)."""
    leader = get_user_model().objects.filter(pk=leader_id, is_active=True).first()
    if leader is not None:
        services.send_daily_digest(leader=leader)
