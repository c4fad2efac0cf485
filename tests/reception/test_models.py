"""The reception models speak Vietnamese in the admin: every field names itself through a translated verbose_name."""

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise

MODELS = list(apps.get_app_config("reception").get_models())


def declared_fields(model):
    """The fields the model declares itself (not the automatic id or reverse relations)."""
    return [field for field in model._meta.fields + model._meta.many_to_many if not field.auto_created]


def test_every_reception_model_is_checked():
    names = {model.__name__ for model in MODELS}
    assert {"ReceptionSession", "Visit", "Visitor", "ReceptionDuty", "VoterMeeting"} <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_field_has_a_translated_verbose_name(model):
    untranslated = []
    for field in declared_fields(model):
        english = field.verbose_name
        if not isinstance(english, Promise):  # Django made it from the attribute's name
            untranslated.append(f"{field.name}: no verbose_name")
            continue
        with translation.override("en"):
            msgid = str(english)
        with translation.override("vi"):
            if str(english) == msgid:
                untranslated.append(f"{field.name}: “{msgid}” has no Vietnamese")
    assert untranslated == []
