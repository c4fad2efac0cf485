"""Petitions from interconnected intake systems, validated by the intake page's own forms and recorded by
petitions.services.create_petition: the same checks, the same Vietnamese messages, the same history."""

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.workflow import DomainError
from petitions import services
from petitions.forms import PetitionerFormSet, PetitionForm
from petitions.models import Channel

PEOPLE_PREFIX = "people"
DEFAULT_CHANNEL = Channel.ONLINE


class IntakeErrors(DomainError):
    """Refused input: {field: [messages]}, with the petitioners' errors under "petitioners"."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def _form_data(payload, client):
    data = {key: value for key, value in payload.items() if key != "petitioners"}
    data.setdefault("channel", DEFAULT_CHANNEL)
    data.setdefault("received_date", timezone.localdate().isoformat())
    if client is not None:
        data.setdefault("receiving_unit", client.unit_id)
    # An unchecked box is an absent key in a form; JSON says false.
    return {key: value for key, value in data.items() if value is not False and value is not None}


def _people_data(people):
    data = {
        f"{PEOPLE_PREFIX}-TOTAL_FORMS": str(len(people)),
        f"{PEOPLE_PREFIX}-INITIAL_FORMS": "0",
        f"{PEOPLE_PREFIX}-MIN_NUM_FORMS": "0",
        f"{PEOPLE_PREFIX}-MAX_NUM_FORMS": "1000",
    }
    for index, person in enumerate(people):
        for key, value in (person if isinstance(person, dict) else {}).items():
            if value is not False and value is not None:
                data[f"{PEOPLE_PREFIX}-{index}-{key}"] = value
    return data


def _messages(errors):
    return {field: [str(message) for message in messages] for field, messages in errors.items()}


def create_from_payload(*, user, client, payload):
    """Record the petition described by `payload` (a JSON object); raise IntakeErrors when refused."""
    if not isinstance(payload, dict):
        raise IntakeErrors({"non_field_errors": [_("Send the petition as a JSON object.")]})
    people = payload.get("petitioners") or []
    if not isinstance(people, list):
        people = []
    form = PetitionForm(_form_data(payload, client), user=user)
    people_forms = PetitionerFormSet(
        _people_data(people), prefix=PEOPLE_PREFIX, people_count=payload.get("people_count")
    )
    form_valid, people_valid = form.is_valid(), people_forms.is_valid()
    if not (form_valid and people_valid):
        errors = _messages(form.errors)
        person_errors = [_messages(errors) for errors in people_forms.errors]
        if any(person_errors):
            errors["petitioners"] = person_errors
        if people_forms.non_form_errors():
            errors.setdefault("non_field_errors", []).extend(str(m) for m in people_forms.non_form_errors())
        raise IntakeErrors(errors)
    try:
        return services.create_petition(
            actor=user, data=form.service_data(), petitioners=people_forms.people(), files=()
        )
    except DomainError as error:
        raise IntakeErrors({"non_field_errors": [str(error)]}) from error
