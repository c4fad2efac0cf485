import os

import pytest
from django.core.cache import cache

from danvan.celery import app as celery_app

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

pytest_plugins = ["tests.fixtures"]


def require_env(name, why):
    """Skip (with the reason) when `name` is unset; under CI a missing component fails instead."""
    value = os.environ.get(name, "")
    if not value:
        message = f"{name} is not set: {why}"
        if IN_CI:
            pytest.fail(f"{message}. CI must provide it.")
        pytest.skip(message)
    return value


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs collectstatic first; tests serve from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The real hasher takes a third of a second per user on purpose; tests make many.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _eager_celery():
    """Tasks queued by services run in-process, after the commit that queued them."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def restore_seed_data():
    """Put back what the data migrations seed (roles, deadline rules, fields), which a
    transactional test's flush removes, by running those migrations' own functions."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group

    from petitions.models import DeadlineRule

    if not Group.objects.exists():
        import_module("danvan.accounts.migrations.0002_roles").create_roles(apps, None)
    if not DeadlineRule.objects.exists():
        import_module("petitions.migrations.0002_seed_rules_categories_roles").seed(apps, None)
        import_module("petitions.migrations.0006_voter_rules").seed(apps, None)
    from reception.models import ReceptionNorm

    if not ReceptionNorm.objects.exists():
        import_module("reception.migrations.0002_seed_norms_and_roles").seed(apps, None)


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """transactional_db with the migrations' seed data present."""
    restore_seed_data()
