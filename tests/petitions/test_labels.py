"""The admin shows every field by its verbose_name: each field of the petitions and history models names
itself, in words to translate, never by the English code name Django falls back to."""

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise


def concrete_fields(*app_labels):
    return [
        (model, field)
        for label in app_labels
        for model in apps.get_app_config(label).get_models()
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False) and not field.auto_created
    ]


@pytest.mark.parametrize("app_label", ["petitions", "history"])
def test_every_field_has_an_explicit_translatable_label(app_label):
    unlabelled = [
        f"{model.__name__}.{field.name}"
        for model, field in concrete_fields(app_label)
        # An explicit label is a lazy translation; Django's fallback is the name as a plain string.
        if not isinstance(field.verbose_name, Promise)
    ]
    assert unlabelled == []

    def labels(language):
        with translation.override(language):
            return {
                f"{model.__name__}.{field.name}": str(field.verbose_name) for model, field in concrete_fields(app_label)
            }

    english, vietnamese = labels("en"), labels("vi")
    assert [name for name in english if english[name] == vietnamese[name]] == []
