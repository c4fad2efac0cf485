"""Settings for the Dân vận portal: one module, driven by the environment.

With nothing set, the portal runs as the embedded default: a SQLite file under
var/, a local-memory cache, and a Celery broker on the filesystem (no Redis
server needed). DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis.
Every variable is listed in the README's configuration table and .env.example.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env (written by `make run` / `make test`) fills in what the process
# environment leaves unset; real environment variables always win.
ENV_FILE = Path(os.environ.get("DANVAN_ENV_FILE", BASE_DIR / ".env"))
if ENV_FILE.is_file():
    environ.Env.read_env(ENV_FILE)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or in .env); "
            "the portal refuses to start without it unless DJANGO_DEBUG is on."
        )
    SECRET_KEY = "insecure-key-for-local-debugging-only"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Runtime files of the embedded default (SQLite database, Celery queue folders,
# beat schedule) live here; production keeps its state in PostgreSQL and Redis.
VAR_DIR = Path(env.str("DANVAN_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "danvan.orgunits",
    "danvan.accounts",
    "danvan.workdays",
    "danvan.notifications",
    "danvan.messaging",
    "danvan.alerts",
    "danvan.history",
    "danvan.ops",
    "demo",
    "dashboard",
    "documents",
    "petitions",
    "reception",
    "supervision",
    "mediation",
    "dialogues",
    "api",
    "democracy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "danvan.middleware.ContentSecurityPolicyMiddleware",
    "danvan.db.WritePositionMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danvan.middleware.DefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "danvan.ops.audit.AuditActorMiddleware",
    "danvan.ops.logs.RequestContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it sees the outcome of the login view (django-axes docs).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danvan.context_processors.portal",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'danvan.sqlite3'}"),
}
# A streaming replica of the primary (deploy/README.md): /readyz reports its lag.
if env.str("REPLICA_DATABASE_URL", default=""):
    DATABASES["replica"] = env.db("REPLICA_DATABASE_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    # The dashboard and the periodic report read from it, each official's own changes first (danvan/db.py).
    DATABASE_ROUTERS = ["danvan.db.ReplicaRouter"]
# A replica further behind than this many seconds serves no page (and /readyz reports it).
REPLICA_MAX_LAG = env.int("REPLICA_MAX_LAG", default=60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share the file: WAL lets readers run beside one
    # writer, IMMEDIATE transactions avoid lock upgrades that fail at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    for _alias in DATABASES:
        DATABASES[_alias]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
        DATABASES[_alias]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery broker ------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis, or this process's memory while Redis is down (danvan/cache.py).
            "BACKEND": "danvan.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "danvan",
        }
    }
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
    # A task taken by a worker that died unacknowledged goes back to the queue after this many seconds
    # (tasks that may run again are acknowledged late: danvan.alerts.tasks.deliver_alert).
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # The host is meaningless for the filesystem transport; naming one keeps kombu from warning.
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://localhost/")

if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery" / "queue"
    _processed_dir = VAR_DIR / "celery" / "processed"
    # Exchange tables too, or kombu writes a control/ folder wherever the process starts.
    _control_dir = VAR_DIR / "celery" / "control"
    for _dir in (_queue_dir, _processed_dir, _control_dir):
        _dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(_processed_dir),
        "control_folder": str(_control_dir),
        "store_processed": False,
    }

CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Authentication -----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)

# Login lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# user name from one address, that pair is locked for the cool-off period.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_CLIENT_IP_CALLABLE = "danvan.client_ip.client_ip"

# Citizen pages (django-ratelimit, counted in the cache: Redis in production).
# Wrong code/key pairs allowed per address and per petition code, per window:
LOOKUP_FAILURE_RATE = env.str("LOOKUP_FAILURE_RATE", default="5/15m")
# Online submissions per address:
SUBMISSION_RATE = env.str("SUBMISSION_RATE", default="5/h")
# Reverse proxies in front of the portal that append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_VERBOSE = False

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# The project catalogue, then corrections to a few of Django's own Vietnamese strings.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "django_overrides"]
FORMAT_MODULE_PATH = ["danvan.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "media/"
# Petition attachments: outside MEDIA_ROOT and never served directly, only
# through views that check who may see them.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
# Uploads are checked by content (danvan/uploads.py); what could expand on the server is capped.
UPLOAD_MAX_PDF_PAGES = env.int("UPLOAD_MAX_PDF_PAGES", default=500)
UPLOAD_MAX_IMAGE_PIXELS = env.int("UPLOAD_MAX_IMAGE_PIXELS", default=60_000_000)
UPLOAD_MAX_UNPACKED_MB = env.int("UPLOAD_MAX_UNPACKED_MB", default=200)
UPLOAD_MAX_ARCHIVE_ENTRIES = env.int("UPLOAD_MAX_ARCHIVE_ENTRIES", default=2000)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Email ------------------------------------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@mail.example.gov.vn:587; console by default.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Cổng Dân vận <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Absolute base of links in emails (no request is at hand in a worker).
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Messages to citizens (danvan.messaging): SMS gateway ------------------------------
# The embedded default writes each SMS as a file under var/sms/; production names a gateway:
# danvan.messaging.sms.HttpBackend (brand-name SMS over HTTP) or danvan.messaging.sms.ZaloZnsBackend.
SMS_BACKEND = env.str("SMS_BACKEND", default="danvan.messaging.sms.FileBackend")
SMS_FILE_PATH = Path(env.str("SMS_FILE_PATH", default=str(VAR_DIR / "sms")))
SMS_HTTP_URL = env.str("SMS_HTTP_URL", default="")
SMS_HTTP_USERNAME = env.str("SMS_HTTP_USERNAME", default="")
SMS_HTTP_PASSWORD = env.str("SMS_HTTP_PASSWORD", default="")
SMS_HTTP_TOKEN = env.str("SMS_HTTP_TOKEN", default="")
SMS_HTTP_TIMEOUT = env.int("SMS_HTTP_TIMEOUT", default=15)
# The sender name registered with the carriers (tên định danh / brandname).
SMS_BRAND_NAME = env.str("SMS_BRAND_NAME", default="")
ZALO_ZNS_URL = env.str("ZALO_ZNS_URL", default="https://business.openapi.zalo.me/message/template")
ZALO_ZNS_ACCESS_TOKEN = env.str("ZALO_ZNS_ACCESS_TOKEN", default="")
ZALO_ZNS_TEMPLATE_ID = env.str("ZALO_ZNS_TEMPLATE_ID", default="")
# SMS handed to the gateway per day (0: no limit); the rest wait for the next day.
SMS_DAILY_LIMIT = env.int("SMS_DAILY_LIMIT", default=1000)
# Vietnamese with diacritics is sent as Unicode SMS (70 characters a segment, not 160).
SMS_WITHOUT_DIACRITICS = env.bool("SMS_WITHOUT_DIACRITICS", default=False)

# --- API (/api/v1/, the api app) ----------------------------------------------------------
# Systems authenticate with their client's token, officials with their session; the throttle counts in the
# cache (Redis, or this process's memory while Redis is down). A client's own rate is set on its record.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": env.str("API_USER_RATE", default="300/min"),
        "anon": env.str("API_ANON_RATE", default="60/min"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    # The documentation page's words, in the portal's language (the schema's field names stay English).
    "TITLE": "API Cổng thông tin Dân vận chính quyền",
    "DESCRIPTION": (
        "Đơn thư, tiếp công dân, giám sát và số liệu báo cáo theo quy định; mỗi hệ thống chỉ thấy dữ liệu "
        "thuộc phạm vi đơn vị của mình, như trên các trang của cổng."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Security ---------------------------------------------------------------------
SECURE_HTTPS = env.bool("SECURE_HTTPS", default=False)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
CSRF_FAILURE_VIEW = "danvan.views.csrf_failure"
SECURE_SSL_REDIRECT = SECURE_HTTPS
# Load balancers probe the health endpoints over plain HTTP on the LAN.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if SECURE_HTTPS else 0
# The portal's host is one of many under a province's domain: whether every subdomain is HTTPS-only, and
# preloaded in browsers, is the domain owner's decision. Off unless set; check --deploy says nothing then.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [
    check
    for check, chosen in (("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS), ("security.W021", SECURE_HSTS_PRELOAD))
    if not chosen
]
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Strict: the pages have no inline script, handler or style (danvan.middleware.ContentSecurityPolicyMiddleware;
# Bootstrap's form controls draw their arrows with data: images).
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
SESSION_COOKIE_HTTPONLY = True

# LOG_FORMAT=json: one JSON object a line with the request's id and the user's number (danvan/ops/logs.py).
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "danvan.ops.logs.RequestContextFilter"}},
    "formatters": {
        "text": {"format": "%(levelname)s %(name)s %(message)s"},
        "json": {"()": "danvan.ops.logs.json_formatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # pypdf warns about every damaged PDF an upload check reads; such a file is kept as sent.
    "loggers": {"axes": {"level": "WARNING"}, "pypdf": {"level": "ERROR"}},
}

# Errors to a Sentry-compatible service when SENTRY_DSN is set; nothing personal is sent (danvan/ops/logs.py).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from danvan.ops.logs import configure_sentry

    configure_sentry(SENTRY_DSN, environment=env.str("SENTRY_ENVIRONMENT", default="production"))

# --- Documents (the documents app) ----------------------------------------------------
# A report over more units than this is made by a worker, with a progress bar; smaller ones at once.
DOCUMENTS_INLINE_UNITS = env.int("DOCUMENTS_INLINE_UNITS", default=200)
# A register export of more rows than this is made by a worker, with a progress bar.
DOCUMENTS_INLINE_ROWS = env.int("DOCUMENTS_INLINE_ROWS", default=5000)
# Long exports are kept this many days after they are made, then dropped (they can be asked for again).
DOCUMENTS_EXPORT_DAYS = env.int("DOCUMENTS_EXPORT_DAYS", default=7)
