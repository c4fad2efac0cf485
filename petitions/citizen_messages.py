"""What the citizen is told when their petition reaches a stage they should know of.

The petition services call tell_citizen() for each timeline line they write; danvan.messaging writes
the e-mail and the SMS once and sends them after the commit. The messages carry the code on the
citizen's receipt and plain facts: never the lookup key, the reason's wording or anyone's name."""

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format

from danvan.messaging.models import Stage
from danvan.messaging.services import message_citizen

from .models import EventKind

STAGES = {
    EventKind.RECEIVED: Stage.RECEIVED,
    EventKind.ACCEPTED: Stage.ACCEPTED,
    EventKind.NOT_ACCEPTED: Stage.NOT_ACCEPTED,
    EventKind.TRANSFERRED_OUT: Stage.TRANSFERRED,
    EventKind.EXTENDED: Stage.EXTENDED,
    EventKind.RESOLVED: Stage.ANSWERED,
}


def followed_petition(petition):
    """The first petition of its transfer chain: the one whose code and key are on the citizen's receipt."""
    seen = {petition.pk}
    while petition.transferred_from_id and petition.transferred_from_id not in seen:
        petition = petition.transferred_from
        seen.add(petition.pk)
    return petition


def _contact(petitioners, field):
    """The representative's address or number if they gave one, else the first signatory's that did."""
    people = sorted(petitioners, key=lambda person: (not person.is_representative, person.order, person.pk))
    return next((getattr(person, field) for person in people if getattr(person, field)), "")


def tell_citizen(petition, event):
    """Write the citizen's messages for `event` if its kind is a stage they are told of; else nothing."""
    stage = STAGES.get(event.kind)
    if stage is None:
        return []
    followed = followed_petition(petition)
    petitioners = list(petition.petitioners.all())
    due = petition.due_date
    context = {
        "unit": petition.handling_unit.name,
        "to_unit": petition.transferred_to_name,
        "due_date": date_format(due, "SHORT_DATE_FORMAT") if due else "",
        "status_url": settings.PORTAL_BASE_URL + reverse("lookup"),
    }
    return message_citizen(
        record=petition,
        followed=followed,
        stage=stage,
        event_id=event.pk,
        reference=followed.code,
        email=_contact(petitioners, "email"),
        phone=_contact(petitioners, "phone"),
        context=context,
    )


def contact_channels(petition):
    """Which ways the citizen can be told ({"email": bool, "sms": bool}), without reading the values out."""
    people = petition.petitioners.all()
    return {"email": people.exclude(email="").exists(), "sms": people.exclude(phone="").exists()}
