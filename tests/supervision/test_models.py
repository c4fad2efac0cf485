"""The supervision models speak Vietnamese in the admin: every field and every model names itself through a
translated verbose_name, where Django would otherwise show the attribute's English code name."""

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise

from danvan.accounts.roles import Role
from tests.factories import RecommendationFactory, UserFactory

MODELS = list(apps.get_app_config("supervision").get_models())


def declared_fields(model):
    """The concrete fields the model declares itself (not the automatic id or reverse relations)."""
    return [field for field in model._meta.concrete_fields + model._meta.many_to_many if not field.auto_created]


def untranslated(label, name):
    """Why `label` (of `name`) would show English in Vietnamese, or None."""
    if not isinstance(label, Promise):  # Django made it from the attribute's or the class's name
        return f"{name}: no verbose_name"
    with translation.override("en"):
        msgid = str(label)
    with translation.override("vi"):
        return f"{name}: “{msgid}” has no Vietnamese" if str(label) == msgid else None


def test_every_supervision_model_is_checked():
    names = {model.__name__ for model in MODELS}
    assert {"Supervision", "SupervisionDocument", "Recommendation", "ProgressUpdate", "InitiativeEvidence"} <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_field_and_the_model_have_a_translated_verbose_name(model):
    labels = [(field.verbose_name, field.name) for field in declared_fields(model)]
    labels += [(model._meta.verbose_name, "Meta.verbose_name")]
    labels += [(model._meta.verbose_name_plural, "Meta.verbose_name_plural")]
    assert [problem for label, name in labels if (problem := untranslated(label, name))] == []


@pytest.mark.django_db
def test_the_read_only_admin_shows_vietnamese_labels(client):
    recommendation = RecommendationFactory()
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True))
    html = client.get(f"/admin/supervision/recommendation/{recommendation.pk}/change/").content.decode()
    assert "Cấp báo cáo quá hạn" in html and "Cuộc giám sát" in html
    assert "Escalation level" not in html and "Created at" not in html
