"""Settings come from the environment; checked in fresh interpreters so nothing leaks."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "broker": settings.CELERY_BROKER_URL,
    "debug": settings.DEBUG,
    "tz": settings.TIME_ZONE,
    "lang": settings.LANGUAGE_CODE,
    "languages": [code for code, _ in settings.LANGUAGES],
    "use_tz": settings.USE_TZ,
}))
"""


def run_settings(tmp_path, **env):
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DJANGO_DEBUG"}
    }
    clean.update(DANVAN_ENV_FILE=str(tmp_path / "absent.env"), DANVAN_VAR_DIR=str(tmp_path / "var"))
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )


def test_embedded_default(tmp_path):
    result = run_settings(tmp_path, SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["db_name"] == str(tmp_path / "var" / "danvan.sqlite3")
    assert found["cache"].endswith("LocMemCache")
    assert found["broker"] == "filesystem://localhost/"
    assert found["debug"] is False
    assert (found["tz"], found["lang"], found["use_tz"]) == ("Asia/Ho_Chi_Minh", "vi", True)
    assert found["languages"] == ["vi", "en"]


def test_database_url_and_redis_url_switch_to_the_production_components(tmp_path):
    result = run_settings(
        tmp_path,
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://danvan:secret@db.internal:5432/danvan",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["db_name"] == "danvan"
    assert found["cache"] == "danvan.cache.ResilientRedisCache"  # Redis, or memory while Redis is down
    assert found["broker"] == "redis://cache.internal:6379/0"


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_settings(tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr


def test_debug_runs_without_a_secret_key(tmp_path):
    result = run_settings(tmp_path, DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is True


def test_env_file_fills_in_but_never_overrides_the_environment(tmp_path):
    env_file = tmp_path / "custom.env"
    env_file.write_text("SECRET_KEY=from-file\nREDIS_URL=redis://from-file:6379/1\n")
    result = run_settings(tmp_path, DANVAN_ENV_FILE=str(env_file), REDIS_URL="redis://from-env:6379/2")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["broker"] == "redis://from-env:6379/2"


def test_collectstatic_with_the_production_storage(tmp_path):
    """`make run` collects static files with the manifest storage: every file they reference must exist."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DANVAN_ENV_FILE=str(tmp_path / "absent.env"), DANVAN_VAR_DIR=str(tmp_path / "var"),
        SECRET_KEY="x" * 50, STATIC_ROOT=str(tmp_path / "static"),
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_every_page_carries_a_strict_content_security_policy(client, db):
    for url in ("/", "/tra-cuu/", "/gui-don/", "/accounts/login/", "/healthz"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_no_template_has_an_inline_script_handler_or_style():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "templates"
    inline = re.compile(r'<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+="|\sstyle="|<style', re.IGNORECASE)
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.rglob("*.html")
        for match in inline.finditer(path.read_text())
    ]
    assert found == []


def test_the_documented_production_settings_pass_the_deploy_check(tmp_path):
    """The settings deploy/danvan.env.example gives (HTTPS behind nginx, no debug) leave `check --deploy` clean."""
    skip = {"DATABASE_URL", "REDIS_URL", "DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the last: browser tests'
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(
        DANVAN_ENV_FILE=str(tmp_path / "absent.env"), DANVAN_VAR_DIR=str(tmp_path / "var"),
        SECRET_KEY="k" * 30 + "Zx9-" * 10, SECURE_HTTPS="true", USE_X_FORWARDED_PROTO="true",
        ALLOWED_HOSTS="dvcq.example.gov.vn", CSRF_TRUSTED_ORIGINS="https://dvcq.example.gov.vn",
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
