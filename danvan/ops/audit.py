"""The audit of configuration: every change of rules, norms, the calendar, units, users, roles and the
policies, made in the admin or anywhere else, recorded in the shared history (danvan.history.Change) with
who, when and the old and new values. Administrators read it in the admin (Lịch sử thay đổi).

A decoupled concern, so signal receivers (STYLE: signals only for such concerns): a save of an audited
model reads the stored row first (pre_save) and records what differs after (post_save), in the same
transaction; a deletion records the values it removed; a change of a user's roles or a role's
permissions (many-to-many) records what was added or removed. The actor is the user of the request
(AuditActorMiddleware); a command or a job records none. Workflow objects are not here: their services
write their own history.
"""

import contextvars

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from danvan.history.models import Change, ChangeKind

AUDITED = (
    "accounts.User",
    "accounts.Membership",
    "auth.Group",
    "orgunits.Unit",
    "workdays.DayOff",
    "workdays.WorkingDay",
    "workdays.DayToConfirm",
    "petitions.Category",
    "petitions.DeadlineRule",
    "petitions.LimitationRule",
    "petitions.GroupRepresentationRule",
    "petitions.WithdrawalRule",
    "petitions.DialogueRule",
    "petitions.PetitionPolicy",
    "reception.ReceptionNorm",
    "reception.ReceptionDuty",
    "reception.ReceptionSchedule",
    "supervision.AnswerPeriod",
    "dialogues.DialogueNorm",
    "alerts.AlertPolicy",
    "dashboard.ReportPolicy",
    "ops.RetentionRule",
)
# Never written into the audit: a secret (recorded as changed, not its value) and the noise of logins.
SECRET = {"password"}
IGNORED = {"last_login", "updated_at"}
CHANGED = "(changed)"

_actor = contextvars.ContextVar("audit_actor", default=None)


class AuditActorMiddleware:
    """Makes the request's user the actor of the audit rows its changes write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = _actor.set(user if user is not None and user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)


def _fields(model):
    return [field for field in model._meta.concrete_fields if field.attname not in IGNORED]


def _values(instance):
    return {field.attname: field.value_from_object(instance) for field in _fields(type(instance))}


def _shown(name, value):
    return CHANGED if name in SECRET else value


def _record(instance, kind, values):
    Change.objects.create(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=instance.pk,
        actor=_actor.get(),
        kind=kind,
        note=str(instance)[:200],
        values=values,
        is_audit=True,
    )


def _before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or (update_fields and set(update_fields) <= IGNORED):
        instance._audit_old = None
        return
    names = [field.attname for field in _fields(sender)]
    instance._audit_old = sender._base_manager.filter(pk=instance.pk).values(*names).first()


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    new = _values(instance)
    old = getattr(instance, "_audit_old", None)
    instance._audit_old = None
    if created or old is None:
        if created:
            _record(instance, ChangeKind.CREATED, {name: _shown(name, value) for name, value in new.items()})
        return
    changed = {
        name: [_shown(name, old[name]), _shown(name, value)] for name, value in new.items() if old.get(name) != value
    }
    if changed:
        _record(instance, ChangeKind.UPDATED, changed)


def _after_delete(sender, instance, **kwargs):
    _record(instance, ChangeKind.DELETED, {name: _shown(name, value) for name, value in _values(instance).items()})


def _names(model, pks):
    return sorted(str(obj) for obj in model._base_manager.filter(pk__in=pks))


def _relation_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A user's roles (groups) or permissions, a role's permissions: what was added or removed."""
    if action == "pre_clear":
        field = _m2m_field(sender, instance)
        instance._audit_cleared = [str(obj) for obj in getattr(instance, field).all()]
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    field = _m2m_field(sender, instance)
    if action == "post_clear":
        removed = getattr(instance, "_audit_cleared", [])
        if removed:
            _record(instance, ChangeKind.UPDATED, {field: {"removed": removed}})
        return
    if reverse or not pk_set:
        for target in model._base_manager.filter(pk__in=pk_set or ()):
            key = "added" if action == "post_add" else "removed"
            _record(target, ChangeKind.UPDATED, {_m2m_field(sender, target): {key: [str(instance)]}})
        return
    key = "added" if action == "post_add" else "removed"
    _record(instance, ChangeKind.UPDATED, {field: {key: _names(model, pk_set)}})


def _m2m_field(through, instance):
    for field in type(instance)._meta.many_to_many:
        if field.remote_field.through is through:
            return field.name
    return through._meta.model_name


def connect():
    """Connect the receivers to every audited model (called once, from OpsConfig.ready)."""
    for label in AUDITED:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        uid = f"audit-{label}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-delete")
    user = apps.get_model("accounts.User")
    for through in (user.groups.through, user.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_relation_changed, sender=through, dispatch_uid=f"audit-{through._meta.label}")
