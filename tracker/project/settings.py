"""Settings for Suivi, read from the environment through strict helpers.

Environment variables:

- ``DJANGO_ENV``: ``development`` (default) or ``production``. Production
  refuses ``DEBUG``, requires ``ALLOWED_HOSTS``, and turns on HTTPS only:
  SSL redirect, HSTS (``SECURE_HSTS_SECONDS``, default one year, with
  subdomains and preload unless ``SECURE_HSTS_INCLUDE_SUBDOMAINS`` /
  ``SECURE_HSTS_PRELOAD`` are off), secure cookies. ``docs/deploy.md``.
- ``SUIVI_PROXY_SSL_HEADER``: behind a reverse proxy that terminates HTTPS,
  the header it sets to ``https`` (such as ``X-Forwarded-Proto``); only ever
  set it when the proxy overwrites that header on every request.
- ``CSRF_TRUSTED_ORIGINS``: comma-separated origins allowed to post forms
  (default: the origin of ``SUIVI_BASE_URL`` when it is https).
- ``DEBUG`` (default off). With DEBUG off, ``SECRET_KEY`` is required.
- ``SECRET_KEY``. With DEBUG on and no key given, a key is generated once and
  kept in ``var/secret_key`` so that sign-ins survive a restart.
- ``DATABASE_URL`` (default: the SQLite file ``var/suivi.sqlite3``), e.g.
  ``postgres://postgres@127.0.0.1:5432/suivi``.
- ``ALLOWED_HOSTS``: comma-separated (default: localhost names when DEBUG is on).
- ``SUIVI_REPORT_WEEKS_BEFORE_SESSION`` (default 6, the six-week rule).
- ``SUIVI_DUE_SOON_DAYS`` (default 30).
- ``EMAIL_URL``: where mail goes, as a URL read by ``dj-email-url``, e.g.
  ``smtp://user:password@mail.example.org:25`` or ``submission://…:587``
  (STARTTLS). Unset: the console backend, so ``make run`` prints each mail.
- ``DEFAULT_FROM_EMAIL`` (default ``suivi@localhost``): the sender of
  reminders and password-reset mails.
- ``SUIVI_REMINDER_THRESHOLDS``: comma-separated days before a due date at
  which a reminder goes out (default ``30,7,0``); a person may choose their own.
- ``SUIVI_BASE_URL`` (default ``http://127.0.0.1:8000``): the site's address,
  for the links in e-mails sent outside a request.
- ``SUIVI_SIGNIN_FAILURE_LIMIT`` (default 5) and ``SUIVI_SIGNIN_COOLOFF_MINUTES``
  (default 15): django-axes refuses sign-in, on the site and in the admin, to
  a username from an address after that many wrong passwords in a row, for
  that many minutes (the right password too); a successful sign-in clears
  the count. ``manage.py axes_reset_username NAME`` lifts a lock-out early.
- ``SUIVI_CLIENT_IP_HEADER``: behind a reverse proxy, the header that carries
  the client's address (``X-Forwarded-For`` or ``X-Real-IP``), read for the
  sign-in throttle (``tracker.project.signin``; the right-most address,
  the one the proxy added). Unset: the connection's address (``REMOTE_ADDR``),
  which behind a proxy is the proxy's, so every person would share one count.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url  # type: ignore[import-untyped]
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from tracker.project.env import env_bool, env_int, env_list, env_str

# Generic admin and queryset classes (ModelAdmin[Session]) at run time, for type checking.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", default=False)
DJANGO_ENV = env_str("DJANGO_ENV", default="development")
if DJANGO_ENV not in ("development", "production"):
    raise ImproperlyConfigured(f"DJANGO_ENV={DJANGO_ENV!r}: use development or production.")
PRODUCTION = DJANGO_ENV == "production"
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when DJANGO_ENV=production.")


def _secret_key() -> str:
    key = env_str("SECRET_KEY", default="")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    # A development key of this checkout's own, never one written in the code.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(exist_ok=True)
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when DJANGO_ENV=production.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # Django's widget templates, for FORM_RENDERER
    "django_filters",
    "django_htmx",  # request.htmx and its bundled htmx script
    "simple_history",
    "django_tasks_db",  # the database queue of django.tasks (manage.py db_worker)
    "axes",  # the sign-in throttle
    "resolutions",
    "tracker",
    "tracker.project",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Answers a form larger than Django accepts with a page, before the CSRF check
    # reads it (tracker/web/limits.py).
    "tracker.web.limits.RequestLimitsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.project.urls"
WSGI_APPLICATION = "tracker.project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

FORM_RENDERER = "tracker.web.rendering.SuiviFormRenderer"

# Each process keeps its own: the dashboard's shared parts, the list's menus
# ("default"), and the pages kept for their reader ("pages": tracker/web/kept.py,
# up to 500 pages of about 60 KB each).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "suivi"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "suivi-pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'suivi.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# E-mail: EMAIL_URL (read by dj-email-url) gives the default mailer's backend
# and its options; without it, mail is printed to the console.
_MAILER_OPTIONS = {  # dj-email-url's setting name → the backend's option
    "EMAIL_HOST": "host",
    "EMAIL_PORT": "port",
    "EMAIL_HOST_USER": "username",
    "EMAIL_HOST_PASSWORD": "password",
    "EMAIL_USE_TLS": "use_tls",
    "EMAIL_USE_SSL": "use_ssl",
    "EMAIL_TIMEOUT": "timeout",
}


def _mailer(url: str) -> dict[str, Any]:
    """The ``MAILERS`` entry that the e-mail URL ``url`` describes."""
    if not url:
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parsed = dj_email_url.parse(url)
    backend = parsed.get("EMAIL_BACKEND")
    if backend is None:
        raise ImproperlyConfigured(f"EMAIL_URL: unknown scheme {url.partition(':')[0]!r}.")
    if backend.endswith(".filebased.EmailBackend"):
        return {"BACKEND": backend, "OPTIONS": {"file_path": "/" + parsed["EMAIL_FILE_PATH"]}}
    if not backend.endswith(".smtp.EmailBackend"):
        return {"BACKEND": backend}
    options = {option: parsed[name] for name, option in _MAILER_OPTIONS.items()}
    options["timeout"] = options["timeout"] or 30  # seconds; never hang a request on a dead server
    return {"BACKEND": backend, "OPTIONS": options}


MAILERS = {"default": _mailer(env_str("EMAIL_URL", default=""))}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="suivi@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (deadline reminders): a queue in the database, run by
# ``manage.py db_worker``.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The sign-in throttle (django-axes): its backend first, refusing a locked-out
# username and address before Django's own backend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("SUIVI_SIGNIN_FAILURE_LIMIT", 5)
_cooloff_minutes = env_int("SUIVI_SIGNIN_COOLOFF_MINUTES", 15)
if AXES_FAILURE_LIMIT < 1 or _cooloff_minutes < 1:
    raise ImproperlyConfigured(
        "SUIVI_SIGNIN_FAILURE_LIMIT and SUIVI_SIGNIN_COOLOFF_MINUTES must be at least 1."
    )
AXES_COOLOFF_TIME = timedelta(minutes=_cooloff_minutes)
# A username from an address: one person mistyping does not lock out a colleague.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tracker.project.signin.locked_out"
AXES_CLIENT_IP_CALLABLE = "tracker.project.signin.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # failures are kept; successful sign-ins are not logged
AXES_ENABLE_ADMIN = False  # lock-outs are lifted with manage.py axes_reset_username
_client_ip_header = env_str("SUIVI_CLIENT_IP_HEADER", default="")
SUIVI_CLIENT_IP_META = (
    "HTTP_" + _client_ip_header.upper().replace("-", "_") if _client_ip_header else ""
)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Zurich"  # the Council sits in Geneva
USE_I18N = True
# Short dates per language ("27 Feb 2023", "27 fév. 2023"): see formats/.
FORMAT_MODULE_PATH = ["tracker.project.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Everything is served from this site: no CDN, no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = True
    # A load balancer probes /healthz over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
_proxy_header = env_str("SUIVI_PROXY_SSL_HEADER", default="")
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Feed addresses hold a person's key: the request paths Django logs hide it.
    "filters": {"hide_feed_keys": {"()": "tracker.project.logging.HideFeedKeys"}},
    # Django's own loggers print once, through the root's handler (without
    # this, runserver printed each line twice: Django's handler, then ours).
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"filters": ["hide_feed_keys"]},
        # As Django's default (its own handler and format), with the filter.
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["hide_feed_keys"],
        },
    },
}

# Resolutions are shown by the tracker's pages; ``resolutions`` itself knows no URL.
ABSOLUTE_URL_OVERRIDES = {
    "resolutions.resolution": lambda resolution: reverse(
        "web:resolution_detail", kwargs={"symbol": resolution.symbol}
    ),
    "resolutions.paragraph": lambda paragraph: (
        reverse("web:resolution_detail", kwargs={"symbol": paragraph.resolution.symbol})
        + f"#{paragraph.anchor}"
    ),
}

# Suivi's own rules.
SUIVI_REPORT_WEEKS_BEFORE_SESSION = env_int("SUIVI_REPORT_WEEKS_BEFORE_SESSION", 6)
SUIVI_DUE_SOON_DAYS = env_int("SUIVI_DUE_SOON_DAYS", 30)


def _thresholds(name: str, default: tuple[int, ...]) -> tuple[int, ...]:
    """Days before a due date, each 0 to 365, largest first."""
    days = []
    for item in env_list(name, [str(day) for day in default]):
        try:
            day = int(item)
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {item!r} is not a number of days.") from None
        if not 0 <= day <= 365:
            raise ImproperlyConfigured(f"{name}: {day} is not between 0 and 365 days.")
        days.append(day)
    return tuple(sorted(set(days), reverse=True))


SUIVI_REMINDER_THRESHOLDS = _thresholds("SUIVI_REMINDER_THRESHOLDS", (30, 7, 0))
SUIVI_BASE_URL = env_str("SUIVI_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
_base = urlsplit(SUIVI_BASE_URL)
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", [f"https://{_base.netloc}"] if _base.scheme == "https" else []
)
