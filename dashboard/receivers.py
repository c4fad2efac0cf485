"""Mark the summaries stale when a record a figure counts changes (cache invalidation: STYLE rule 7 allows it).

Connected in DashboardConfig.ready(). Each receiver writes one row in the transaction of the change and makes
no query of its own. QuerySet.update() sends no signal: each one in petitions.services (deadlines retired,
met or escalated) runs in a service that also saves the petition, an event or a deadline of the same petition
in the same transaction, which marks the bucket.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from petitions.models import Enforcement, Petition, PetitionDeadline, PetitionDecision, PetitionEvent

from .summaries import mark_bucket, mark_petition

# The fields that place a petition in its bucket.
BUCKET_FIELDS = {"handling_unit", "handling_unit_id", "received_date"}


def petition_moving(sender, instance, update_fields=None, **kwargs):
    """A petition moving to another unit or received date leaves its old bucket stale too."""
    if instance.pk is None or (update_fields is not None and not BUCKET_FIELDS & set(update_fields)):
        return
    old = Petition.objects.filter(pk=instance.pk).values_list("handling_unit_id", "received_date").first()
    if old and old != (instance.handling_unit_id, instance.received_date):
        mark_bucket(*old)


def petition_saved(sender, instance, **kwargs):
    mark_petition(instance.pk)


def petition_deleted(sender, instance, **kwargs):
    mark_bucket(instance.handling_unit_id, instance.received_date)


def record_changed(sender, instance, **kwargs):
    """An event, deadline, decision or enforcement of a petition was saved or deleted."""
    mark_petition(instance.petition_id)


def connect():
    pre_save.connect(petition_moving, sender=Petition, dispatch_uid="dashboard.petition_moving")
    post_save.connect(petition_saved, sender=Petition, dispatch_uid="dashboard.petition_saved")
    post_delete.connect(petition_deleted, sender=Petition, dispatch_uid="dashboard.petition_deleted")
    for model in (PetitionEvent, PetitionDeadline, PetitionDecision, Enforcement):
        name = model.__name__.lower()
        post_save.connect(record_changed, sender=model, dispatch_uid=f"dashboard.{name}_saved")
        post_delete.connect(record_changed, sender=model, dispatch_uid=f"dashboard.{name}_deleted")
