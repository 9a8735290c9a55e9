"""The one settings module. Every value comes from the environment, with safe embedded defaults.

See docs/configuration.md for the variables.
"""

import datetime as dt
import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("IPDEV_DATA_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_from_url(url: str) -> dict:
    """Turn DATABASE_URL (postgres:// or sqlite:///path) into a Django DATABASES entry."""
    parsed = urlparse(url)
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        options = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "ipdev",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": int(os.environ.get("IPDEV_CONN_MAX_AGE", "60")),
            "OPTIONS": options,
            "TEST": {"NAME": os.environ.get("IPDEV_TEST_DATABASE") or None},
        }
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
            path = path.lstrip("/")
        return sqlite_database(Path(path) if path else DATA_DIR / "ipdev.sqlite3")
    raise ValueError(
        f"DATABASE_URL: unsupported scheme {parsed.scheme!r} (use postgres:// or sqlite:///)"
    )


def sqlite_database(path: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # Kept between requests as on PostgreSQL: a new connection runs the pragmas below,
        # registers Django's functions and reads the schema again before its first query.
        "CONN_MAX_AGE": int(os.environ.get("IPDEV_CONN_MAX_AGE", "60")),
        "OPTIONS": {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                " PRAGMA busy_timeout=5000; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
                " PRAGMA mmap_size=1073741824;"
            ),
            "transaction_mode": "IMMEDIATE",
        },
    }


SECRET_KEY = os.environ.get("IPDEV_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("IPDEV_DEBUG", False)
ALLOWED_HOSTS = [
    h for h in os.environ.get("IPDEV_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("IPDEV_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "csp",
    "ipdev.core",
    "ipdev.reference",
    "ipdev.accounts",
    "ipdev.activities",
    "ipdev.search",
    "ipdev.iati",
    "ipdev.planning",
    "ipdev.evaluation",
    "ipdev.roster",
    "ipdev.matchmaking",
    "ipdev.directories",
    "ipdev.tisc",
    "ipdev.reports",
    "ipdev.portal",
    "ipdev.backoffice",
    "ipdev.api",
    # After ipdev's apps, so that their templates (admin/base_site.html, the portal's
    # registration/logged_out.html) take the place of the admin's own.
    "django.contrib.admin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ipdev.core.middleware.RejectNulCharacters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language named in the address (/fr/…); see ipdev.core.language_urls.
    "ipdev.core.language_urls.LanguageInPath",
    "ipdev.portal.conditional.ConditionalPages",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ipdev.directories.usage.UseCounter",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ipdev.urls"
WSGI_APPLICATION = "ipdev.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a sign-in while its account or address is locked out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# URL names, so that they resolve in the language of the page that asked (/fr/accounts/login/).
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
# Under /api/ a CSRF failure answers in the API's JSON error shape (see ipdev.api.errors).
CSRF_FAILURE_VIEW = "ipdev.api.errors.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ipdev.backoffice.context.signed_in",
            ],
        },
    },
]

_database_url = os.environ.get("DATABASE_URL", "")
DATABASES = {
    "default": database_from_url(_database_url)
    if _database_url
    else sqlite_database(DATA_DIR / "ipdev.sqlite3")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    from ipdev.core.sqlite_library import count_no_allocations

    count_no_allocations()  # (before anything imports sqlite3)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("IPDEV_TIME_ZONE", "Europe/Zurich")
USE_I18N = True
# Dates and numbers in the reader's locale; ipdev.formats fills what Django's locales lack.
FORMAT_MODULE_PATH = ["ipdev.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("IPDEV_STATIC_ROOT", DATA_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("IPDEV_MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Fingerprinted names (app.3f2a1c.css) after collectstatic, so browsers keep them for a year.
    "staticfiles": {"BACKEND": "ipdev.core.staticfiles.FingerprintedStatic"},
}
# Serve static files straight from the apps when collectstatic has not run (tests, development).
WHITENOISE_USE_FINDERS = True

# Files of background jobs: IATI uploads waiting to be imported, large downloads once built.
IPDEV_JOB_FILES_DIR = Path(os.environ.get("IPDEV_JOB_FILES_DIR", DATA_DIR / "job-files"))
# A download of the activity search with more rows than this is built by a background job
# (the reader waits on a page that offers the file when it is ready); smaller ones are streamed.
IPDEV_EXPORT_BACKGROUND_ROWS = int(os.environ.get("IPDEV_EXPORT_BACKGROUND_ROWS", "20000"))

# Uploads: what a document attached to an activity may be.
IPDEV_UPLOAD_MAX_BYTES = int(os.environ.get("IPDEV_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
# Suggestions to the knowledge directories one address may send an hour (the HTML form and the
# API each count their own).
IPDEV_SUGGESTIONS_PER_HOUR = int(os.environ.get("IPDEV_SUGGESTIONS_PER_HOUR", "10"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The organisation that publishes this instance's activities (IATI reporting-org).
IPDEV_REPORTING_ORG_REF = os.environ.get("IPDEV_REPORTING_ORG_REF", "XM-WIPO")
IPDEV_REPORTING_ORG_NAME = os.environ.get(
    "IPDEV_REPORTING_ORG_NAME", "World Intellectual Property Organization (WIPO)"
)
# The institution named on the cover and every page of the country and DA reports.
IPDEV_INSTITUTION_NAME = os.environ.get("IPDEV_INSTITUTION_NAME", IPDEV_REPORTING_ORG_NAME)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "ipdev.api.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "ipdev.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # The API's throttles find the client as sign-ins do: REMOTE_ADDR unless IPDEV_PROXY_COUNT
    # proxies are in front (DRF's default would trust any X-Forwarded-For a client sends).
    "NUM_PROXIES": int(os.environ.get("IPDEV_PROXY_COUNT", "0")),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ipdev API",
    "DESCRIPTION": "Technical assistance activities and IP development cooperation data.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ipdev.api.openapi.document_errors_and_limits",
    ],
    # The docs page serves Swagger UI from local static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {
        "deepLinking": True,
        "persistAuthorization": True,
        "validatorUrl": None,
    },
    "ENUM_NAME_OVERRIDES": {
        "ActivityStatusEnum": "ipdev.activities.models.Status",
        "DevelopmentStatusEnum": "ipdev.reference.models.DevelopmentStatus",
        "DocumentKindEnum": "ipdev.activities.models.ActivityDocument.Kind",
        "FundingKindEnum": "ipdev.reference.models.FundingSource.Kind",
        "RequestKindEnum": "ipdev.planning.models.RequestKind",
        "RequestStatusEnum": "ipdev.planning.models.RequestStatus",
        "ListingStateEnum": "ipdev.matchmaking.models.State",
        "MatchStateEnum": "ipdev.matchmaking.models.Match.State",
        "MatchMoveEnum": "ipdev.api.matchmaking.MOVES",
        "ListingKindEnum": "ipdev.api.matchmaking.KINDS",
        "TiscAgreementStatusEnum": "ipdev.tisc.vocab.AgreementStatus",
        "TiscCentreStatusEnum": "ipdev.tisc.vocab.CentreStatus",
        "TiscPhaseStatusEnum": "ipdev.tisc.models.Certification.Phase",
        "StrategyStepStatusEnum": "ipdev.planning.models.StepStatus",
    },
}

# Failed sign-ins (the sign-in page, the back office's and the API's token exchange):
# after IPDEV_LOGIN_FAILURE_LIMIT failures an account is locked, and so, separately, is the
# address they came from, for IPDEV_LOGIN_COOLOFF_MINUTES. See docs/configuration.md.
AXES_ENABLED = env_bool("IPDEV_LOGIN_THROTTLE", True)
AXES_FAILURE_LIMIT = int(os.environ.get("IPDEV_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("IPDEV_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ipdev.accounts.lockout.locked_out"
AXES_USERNAME_CALLABLE = "ipdev.accounts.lockout.username"
# The client's address: REMOTE_ADDR, or with IPDEV_PROXY_COUNT=N the address N proxies back in
# X-Forwarded-For (set it only when that many proxies you run add the header).
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("IPDEV_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# IPDEV_HTTPS=true: the site is reached over HTTPS only (directly or behind a TLS proxy).
IPDEV_HTTPS = env_bool("IPDEV_HTTPS", False)
if IPDEV_HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("IPDEV_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("IPDEV_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("IPDEV_HSTS_PRELOAD", True)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from clients).
if env_bool("IPDEV_TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: scripts, styles, images and fonts come from this site only; no
# inline script or style, no frames, no plug-ins (django-csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # An empty style attribute only (what htmx leaves on elements it swaps back from
        # history): the hash of "" with 'unsafe-hashes'; no other inline style is allowed.
        "style-src": [
            "'self'",
            "'unsafe-hashes'",
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
        ],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Who may frame the embed pages of charts and the map (CSP frame-ancestors, space-separated);
# every other page may be framed by no one.
IPDEV_EMBED_ANCESTORS = os.environ.get("IPDEV_EMBED_ANCESTORS", "*").split()

EMAIL_BACKEND = os.environ.get(
    "IPDEV_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# Part of every page's ETag: a new release never answers "not modified" with an old page.
IPDEV_BUILD = os.environ.get("IPDEV_BUILD", "")

# The address people reach this site at, for links in e-mails (invitations, notifications);
# `ipdev serve` and `ipdev check --deploy` warn when it is unset or not an allowed host.
IPDEV_SITE_URL = os.environ.get("IPDEV_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
IPDEV_SITE_URL_SET = bool(os.environ.get("IPDEV_SITE_URL"))
# The licence that downloads of published activity data carry (named in every file).
IPDEV_DATA_LICENCE = os.environ.get("IPDEV_DATA_LICENCE", "CC BY 4.0")
IPDEV_DATA_LICENCE_URL = os.environ.get(
    "IPDEV_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
DEFAULT_FROM_EMAIL = os.environ.get("IPDEV_FROM_EMAIL", "ipdev@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"},
        "json": {"()": "ipdev.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if os.environ.get("IPDEV_LOG_FORMAT") == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("IPDEV_LOG_LEVEL", "WARNING")},
    "loggers": {
        # What the server and the job worker did (start, warm-up, jobs that failed).
        "ipdev.serve": {"level": "INFO"},
        "ipdev.jobs": {"level": "INFO"},
    },
}

if not DEBUG:
    SESSION_COOKIE_HTTPONLY = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
