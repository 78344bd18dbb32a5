"""One settings module, driven by the environment.

DATABASE_URL   default: SQLite file var/aduan.sqlite3 (WAL, immediate transactions)
SECRET_KEY     default: generated once and kept in var/secret_key (set it on multi-machine setups)
DEBUG          "1"/"true" to enable (default off)
ALLOWED_HOSTS  comma-separated (default: localhost names)
ADUAN_HTTPS    "0" when served over plain http (the local demo); default on: secure cookies, HSTS
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from aduan.core.env import flag

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ADUAN_VAR_DIR", BASE_DIR / "var"))


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept under var/.

    A single machine then runs safely with no configuration; several web machines must share
    one SECRET_KEY (reporter secrets and sessions are signed with it).
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process created it first
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = flag("DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "aduan.core",
    "aduan.accounts",
    "aduan.directory",
    "aduan.complaints",
    "aduan.api",
    "aduan.triage",
    "aduan.web",
    "aduan.portal",
    "aduan.office",
    "aduan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "aduan.web.middleware.RefuseNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "aduan.web.middleware.IndonesianLanguageTagsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "aduan.portal.middleware.ForgetSubmittedMiddleware",
    "aduan.web.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

if flag("ADUAN_SERVER_TIMING"):
    MIDDLEWARE.insert(0, "aduan.web.middleware.ServerTimingMiddleware")

ROOT_URLCONF = "aduan.urls"
WSGI_APPLICATION = "aduan.wsgi.application"
ASGI_APPLICATION = "aduan.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "aduan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "aduan.web.context_processors.navigation",
            ],
        },
    }
]


def _database(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers run beside the single writer; IMMEDIATE takes the write lock at
        # BEGIN so two writers never fail on lock upgrade; aduan.core.sqlite queues them on an
        # OS lock before BEGIN (see its base.py), the busy timeout is the fallback.
        config["ENGINE"] = "aduan.core.sqlite"
        config["OPTIONS"] = {
            # optimize=0x10002 gathers planner statistics where they are missing or stale,
            # so SQLite picks the right index on a large table without a manual ANALYZE.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA optimize=0x10002;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        # Tests use a file too: an in-memory shared-cache database has table locks that
        # ignore the busy timeout, so concurrency tests would measure the wrong thing.
        config["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {
    "default": _database(os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'aduan.sqlite3'}")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bahasa Indonesia first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "aduan" / "locale"]
USE_I18N = True
FORMAT_MODULE_PATH = ["aduan.formats"]
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

STATIC_URL = "static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# Figures pages cache for a minute, shared by the web workers of a machine (a per-process
# cache made a reload show another worker's, older count).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
    }
}
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come from installed packages and the apps; whitenoise serves them straight from
# the finders, so there is no collectstatic step to forget.
WHITENOISE_USE_FINDERS = True

# Attachments: what a citizen may upload, sniffed from the bytes, not the file name.
ADUAN_ATTACHMENT_MAX_BYTES = int(os.environ.get("ADUAN_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))
ADUAN_ATTACHMENT_MAX_COUNT = 5
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * ADUAN_ATTACHMENT_MAX_BYTES

LOGIN_URL = "/masuk/"
LOGIN_REDIRECT_URL = "/"

# Production-safe defaults; ADUAN_HTTPS=0 relaxes only what a plain-http local demo needs.
SECURE = flag("ADUAN_HTTPS", default=True)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and flag("ADUAN_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "aduan.web.views.csrf_failure"  # in the site's languages, not Django's
SECURE_REFERRER_POLICY = "same-origin"

LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")  # the application's, and gunicorn's

# Personal data never goes to logs: nothing here logs request bodies, the Django request
# log records only method, path and status, and PostgreSQL's quotes of refused rows are cut
# from logged exceptions (aduan.core.logs).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_database_detail": {"()": "aduan.core.logs.NoDatabaseDetail"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_database_detail"]},
        "discard": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # pypdf quotes the bytes around a fault, an uploaded document's author among them;
    # Pillow logs every EXIF tag it reads at DEBUG, a photo's GPS position and owner's name.
    "loggers": {
        # Django's own handlers (a console with DEBUG, mail to ADMINS without) would write a
        # 500's exception before the filter above saw it: its records go through ours only.
        "django": {"handlers": ["console"], "propagate": False},
        "pypdf": {"handlers": ["discard"], "propagate": False},
        "PIL": {"handlers": ["discard"], "propagate": False},
    },
}

# The router disposes a complaint by itself only when its confidence clears the threshold
# that held the target precision in training; set to 0 to make every suggestion advisory.
ADUAN_ROUTER_AUTO_DISPOSE = flag("ADUAN_ROUTER_AUTO_DISPOSE", default=True)
