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
def _fresh_content_types():
    """A transactional test's flush recreates the content types under new ids while Django's in-memory
    cache keeps the old ones; the history and the audit, which point at content types, would then name
    rows that no longer exist. Production never flushes; each test starts from the database's ids."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


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


# What each data migration seeds, in migration order: (model whose emptiness says the flush removed it,
# the migrations' functions that put it back). Roles first: the seeds grant permissions to them.
SEEDS = [
    ("auth.Group", [("danvan.accounts.migrations.0002_roles", "create_roles")]),
    (
        "petitions.DeadlineRule",
        [
            ("petitions.migrations.0002_seed_rules_categories_roles", "seed"),
            ("petitions.migrations.0006_voter_rules", "seed"),
            ("petitions.migrations.0015_overdue_denunciation_reports", "seed"),
        ],
    ),
    ("petitions.WithdrawalRule", [("petitions.migrations.0013_withdrawal_and_dialogue", "seed_rules")]),
    (
        "petitions.LimitationRule",
        [
            ("petitions.migrations.0014_limitation_and_group_rules", "seed"),
            ("petitions.migrations.0018_rule_permissions", "grant"),
        ],
    ),
    (
        "reception.ReceptionNorm",
        [
            ("reception.migrations.0002_seed_norms_and_roles", "seed"),
            ("reception.migrations.0008_norms_over_time", "seed"),
        ],
    ),
    (
        "supervision.AnswerPeriod",
        [
            ("supervision.migrations.0006_answer_periods", "seed"),
            ("supervision.migrations.0007_answer_period_permissions", "grant"),
        ],
    ),
    ("democracy.DisclosureContent", [("democracy.migrations.0002_seed_contents", "seed")]),
    ("mediation.TeamRule", [("mediation.migrations.0001_initial", "seed")]),
    ("dialogues.DialogueNorm", [("dialogues.migrations.0002_seed_norms", "seed")]),
    ("ops.RetentionRule", [("danvan.ops.migrations.0003_seed_retention_rules", "seed")]),
    (
        "workdays.DayToConfirm",
        [
            ("danvan.workdays.migrations.0003_seed_announcements", "seed"),
            ("danvan.workdays.migrations.0003_seed_announcements", "seed_days_to_confirm"),
            ("danvan.workdays.migrations.0003_seed_announcements", "grant_administrators"),
        ],
    ),
]


def restore_seed_data():
    """Put back what the data migrations seed (roles, rules, norms, announcements), which a
    transactional test's flush removes, by running those migrations' own functions."""
    from importlib import import_module

    from django.apps import apps

    for marker, functions in SEEDS:
        if apps.get_model(marker).objects.exists():
            continue
        for module, function in functions:
            getattr(import_module(module), function)(apps, None)


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """transactional_db with the migrations' seed data present."""
    restore_seed_data()
