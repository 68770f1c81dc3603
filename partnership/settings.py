"""
Settings for the partnership site.

Every difference between deployments is read from the environment, with
defaults that are safe for a local checkout: SQLite, DEBUG off, no HTTPS
assumptions. Production sets at least SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL and HTTPS=true (see README.md).
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_json(name):
    """A JSON object from the environment, or {}; a typo stops the start with its name."""
    try:
        value = json.loads(os.environ.get(name) or "{}")
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"{name} is not valid JSON: {error}") from error
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object.")
    return value


DEBUG = env_bool("DEBUG")

# The fallback key only serves local checkouts; `check --deploy` flags it, so
# a production deployment without its own SECRET_KEY cannot pass CI.
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "django-insecure-local-development-key-not-for-production"
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The project's templates override the admin's, so they must be found first.
    "partnership.site.apps.SiteConfig",
    # Before the admin, whose forms it extends with a field per language.
    "modeltranslation",
    "partnership.apps.PartnershipConfig",
    "partnership.participation.apps.ParticipationConfig",
    "partnership.barometer.apps.BarometerConfig",
    "news.apps.NewsConfig",
    "cities.apps.CitiesConfig",
    "core.apps.CoreConfig",
    "partnership.site.apps.EditorialAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_countries",
    # Only for its German messages on IBAN and BIC fields.
    "localflavor",
    "ckeditor",
    "ckeditor_uploader",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "post_office",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "partnership.site.security.SecurityHeadersMiddleware",
    # Before anything that reads the body: refuses oversized ones unread.
    "partnership.site.request_limits.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "partnership.site.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a page comes from its address (partnership/site/languages.py).
    "partnership.site.languages.AddressLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Old addresses: changed slugs and imported permalinks (core/redirects.py).
    "core.redirects.RedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records which staff account made each revision.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers for locked-out logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "partnership.site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnership.site.views.site_context",
            ],
            # Choice labels in lists, wherever get_<field>_display was usable.
            "builtins": ["core.templatetags.choices"],
        },
    },
]

# Widgets render through the project's templates, so templates/ can override
# one (the admin's split date-time field gets real labels there).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "partnership.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Search matches words by trigram word similarity. At 0.5 rather than
    # pg_trgm's 0.6, one indexed operator finds typos ("Sheffeld") as well
    # as parts of compound words (core/search.py).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        f"{_options.get('options', '')} -c pg_trgm.word_similarity_threshold=0.5".strip()
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache all app processes share (Redis) carries the page cache for
# anonymous visitors; without one, pages are not cached at all
# (partnership/site/page_cache.py explains why).
# Redis only accelerates: a call waits at most REDIS_TIMEOUT seconds, and
# after a failure each process leaves Redis alone for REDIS_PAUSE_SECONDS
# (partnership/site/redis_cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
REDIS_PAUSE_SECONDS = int(os.environ.get("REDIS_PAUSE_SECONDS", "30"))
CACHES = {
    "default": (
        {
            "BACKEND": "partnership.site.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
            },
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
PAGE_CACHE = env_bool("PAGE_CACHE", default=bool(REDIS_URL))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# A save in the admin answers once the pages visitors ask for most are
# rendered again, so that visitors are not kept waiting for them
# (partnership/site/ahead.py): at most this many pages, none begun after
# this many seconds of the editor's time; 0 of either renders none ahead.
PAGE_CACHE_PREPARE = int(os.environ.get("PAGE_CACHE_PREPARE", "50"))
PAGE_CACHE_PREPARE_SECONDS = float(os.environ.get("PAGE_CACHE_PREPARE_SECONDS", "2"))
# Rendered pieces of pages, each with the versions of what it shows, so that
# a page rendered after a save reuses what the save did not touch
# (partnership/site/fragments.py). Kept as long as pages, at most
# FRAGMENT_CACHE_SECONDS; 0 keeps none, which makes every page cold.
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", default=bool(REDIS_URL))
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", str(PAGE_CACHE_SECONDS)))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# German is the source language and the default: its addresses carry no
# prefix, and the admin speaks only German. Content can be stored in every
# language of CONTENT_LANGUAGES; LANGUAGES, a comma list in the environment,
# chooses which of them the site serves (under /en/, /ja/, …). A language
# taken off keeps its stored translations. Each is named in its own language,
# as the language switcher shows it.
LANGUAGE_CODE = "de"
LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "ja": "日本語",
    "es": "Español",
    "uk": "Українська",
}
CONTENT_LANGUAGES = tuple(LANGUAGE_NAMES)


def served_languages(codes):
    """(code, name) pairs for the codes of env LANGUAGES, in the order of CONTENT_LANGUAGES."""
    unknown = sorted(set(codes) - set(CONTENT_LANGUAGES))
    if unknown:
        raise ImproperlyConfigured(
            f"LANGUAGES names unknown languages ({', '.join(unknown)}); "
            f"allowed: {', '.join(CONTENT_LANGUAGES)}."
        )
    if LANGUAGE_CODE not in codes:
        raise ImproperlyConfigured(f"LANGUAGES must contain {LANGUAGE_CODE}, the source language.")
    return [(code, name) for code, name in LANGUAGE_NAMES.items() if code in codes]


LANGUAGES = served_languages(env_list("LANGUAGES", "de,en"))
# British English and the project's own formats where Django's differ (partnership/formats/).
FORMAT_MODULE_PATH = ["partnership.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "partnership" / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Images chosen in a form that came back with an error wait here until the
# form is saved; never inside MEDIA_ROOT, so no URL reaches them.
HELD_UPLOADS_ROOT = Path(os.environ.get("HELD_UPLOADS_ROOT", BASE_DIR / "upload-holding"))
# Uploads go through Django's storage API, so an S3-compatible store is a
# matter of configuration (docs/deploy.md).
STORAGES = {
    "default": {
        "BACKEND": os.environ.get("MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env_json("MEDIA_STORAGE_OPTIONS"),
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Without a front-end server (local runs, small installations) the app serves
# uploaded files itself; production leaves this off and lets nginx do it.
SERVE_MEDIA = env_bool("SERVE_MEDIA")
# Where pg_dump and pg_restore of the server's version live, if not in
# /usr/lib/postgresql/<version>/bin or on PATH (partnership/site/backups.py).
PG_BIN_DIR = os.environ.get("PG_BIN_DIR", "")
# Reference views for make bench (/bench/…); never on in production.
BENCHMARK = env_bool("BENCHMARK")

# Uploads larger than this are refused by the forms with a message; the
# request limit sits a little above so the form can still say why.
MAX_IMAGE_UPLOAD_SIZE = int(os.environ.get("MAX_IMAGE_UPLOAD_MB", "10")) * 1024 * 1024
MAX_DOCUMENT_UPLOAD_SIZE = int(os.environ.get("MAX_DOCUMENT_UPLOAD_MB", "20")) * 1024 * 1024
MAX_VIDEO_UPLOAD_SIZE = int(os.environ.get("MAX_VIDEO_UPLOAD_MB", "300")) * 1024 * 1024
# Larger pictures are refused before they are decoded (decompression bombs).
MAX_IMAGE_PIXELS = int(os.environ.get("MAX_IMAGE_MEGAPIXELS", "40")) * 1_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGIN_URL = "admin:login"

# Failed logins are recorded (django-axes); after AXES_FAILURE_LIMIT failures
# for one user name from one address, logins pause for a quarter of an hour.
AUTHENTICATION_BACKENDS = [
    # Refuses locked-out logins; ModelBackend then checks the password.
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# The proxies in front of the site that append to X-Forwarded-For (core/clients.py).
PROXY_COUNT = 1 if env_bool("BEHIND_PROXY") else 0
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Staff can turn on two-factor login (TOTP apps); production can require it.
OTP_REQUIRED = env_bool("OTP_REQUIRED")
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Städtepartnerschaften")
# How long personal data kept for security is held (purge_personal_data).
SECURITY_RECORDS_DAYS = int(os.environ.get("SECURITY_RECORDS_DAYS", "90"))

# HTTPS: one switch for the settings that only make sense behind TLS.
HTTPS = env_bool("HTTPS")
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe the health check over plain HTTP on the inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD")
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 60 * 60))

# One line a message on standard error, with visitors' IP addresses
# shortened to their network and without the requests rendered ahead of a
# save (partnership/site/logs.py; retention: docs/deploy.md).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "shorten_addresses": {"()": "partnership.site.logs.ShortenAddresses"},
        "quiet_prepared_requests": {"()": "partnership.site.logs.QuietPreparedRequests"},
    },
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["shorten_addresses", "quiet_prepared_requests"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Configured here, post_office does not install its own chatty handler, and
    # the outbox timer logs only what needs attention.
    "loggers": {
        "post_office": {
            "handlers": ["console"],
            "level": os.environ.get("LOG_LEVEL", "WARNING"),
            "propagate": False,
        },
    },
}

# --- The site -------------------------------------------------------------

SITE_NAME = os.environ.get("SITE_NAME", "Städtepartnerschaften")
SITE_DESCRIPTION = os.environ.get(
    "SITE_DESCRIPTION",
    "Nachrichten, Partnerstädte und Partnerschaften: wie unsere Stadt mit ihren "
    "Partnerstädten zusammenarbeitet und wie Sie mitmachen können.",
)
# The public origin, e.g. https://partnerschaften.example.org, for canonical
# links; without it they follow the host of the request.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
# The one accent colour of the public site; the default passes WCAG AA
# (contrast >= 4.5:1) against white for text and buttons.
SITE_ACCENT_COLOR = os.environ.get("SITE_ACCENT_COLOR", "#0b5ea8")

# --- E-mail -----------------------------------------------------------------

# Every message goes through the outbox (core/outbox.py, django-post-office):
# queued in the transaction of the change that causes it, sent after commit,
# retried by `send_queued_mail` every minute. Without EMAIL_HOST messages are
# printed to the console instead of sent.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL exclude each other.")
# A mail server that does not answer must not hold an editor's request for long.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# A message that could not be sent is tried again every quarter of an hour
# for a day, then marked failed (check_outbox reports it).
POST_OFFICE = {
    "MAX_RETRIES": 96,
    "RETRY_INTERVAL": timedelta(minutes=15),
    # Only failures are logged: the messages themselves are record enough.
    "LOG_LEVEL": 1,
}

# --- Sign-up for events (partnership.participation) ---------------------

# Personal data of an event's sign-ups is deleted this many days after its
# last day (purge_personal_data); the counts stay.
SIGNUP_RETENTION_DAYS = int(os.environ.get("SIGNUP_RETENTION_DAYS", "30"))
# At most this many sign-ups from one address in SIGNUP_RATE_MINUTES; the
# address is kept only as a keyed hash, for a day at most.
SIGNUP_RATE_LIMIT = int(os.environ.get("SIGNUP_RATE_LIMIT", "5"))
SIGNUP_RATE_MINUTES = int(os.environ.get("SIGNUP_RATE_MINUTES", "10"))

# --- Content in several languages -------------------------------------------

# Each translated field has a column per language of CONTENT_LANGUAGES
# (title_de, title_en, …) whatever the site serves, so taking a language off
# keeps its translations.
MODELTRANSLATION_LANGUAGES = CONTENT_LANGUAGES
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
# A field without text in the active language shows the German text; what
# the public may see untranslated is decided by each model (core.translation).
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)


def localized_label(verbose_name, code):
    """A field's label per language in the admin, e.g. „Titel [Englisch]“."""
    # Django's own catalogue names the languages in German.
    return format_lazy("{} [{}]", verbose_name, _(LANG_INFO[code]["name"]))


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = localized_label
# Translations into these languages have not yet been checked by a native
# speaker; the admin labels them „ungeprüft“ (docs/translations.md).
UNCHECKED_LANGUAGES = ("ja", "es", "uk")

# --- Editorial workflow ---------------------------------------------------

# How long a shared preview link works unless staff choose otherwise.
PREVIEW_LINK_DAYS = int(os.environ.get("PREVIEW_LINK_DAYS", "7"))

# --- Rich text ------------------------------------------------------------

# django-ckeditor bundles CKEditor 4.22.1, which is end-of-life (ckeditor.W001).
# The editor is only reachable by authenticated staff in the admin, and
# everything it produces is cleaned on the server by core.richtext before it
# is stored, so a flaw in the editor cannot put markup on the public site.
#
# HSTS for subdomains (security.W005) and preloading (security.W021) are the
# city's decision for its domain, not this site's: the site usually runs on
# one name of a domain that carries other services, and a preload entry
# covers every subdomain and is hard to take back. Where the city's IT
# decides for them, it sets HSTS_INCLUDE_SUBDOMAINS and HSTS_PRELOAD.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001", "security.W005", "security.W021"]

CKEDITOR_UPLOAD_PATH = "editor/"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_IMAGE_BACKEND = "pillow"
CKEDITOR_BROWSE_SHOW_DIRS = False
CKEDITOR_CONFIGS = {
    "default": {
        "language": "de",
        "height": 420,
        "width": "100%",
        "toolbar": "news",
        "toolbar_news": [
            ["Format", "Styles", "Bold", "Italic", "Underline", "RemoveFormat"],
            ["NumberedList", "BulletedList", "Blockquote", "-", "Outdent", "Indent"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule", "SpecialChar"],
            ["Language"],
            ["Undo", "Redo", "-", "PasteText", "PasteFromWord"],
            ["Maximize"],
        ],
        # "pre" keeps lines as written: poems, timetables, imported posts.
        "format_tags": "p;h2;h3;h4;pre",
        # The class is what core.richtext accepts as "decorative, no alt".
        "stylesSet": [
            {"name": "Bild: dekorativ", "element": "img", "attributes": {"class": "dekorativ"}},
        ],
        # Plugins that call cloud services or offer markup the site never
        # shows are switched off: nothing in the admin talks to third parties.
        "removePlugins": ",".join(
            [
                "exportpdf",
                "scayt",
                "wsc",
                "flash",
                "iframe",
                "forms",
                "embed",
                "embedsemantic",
                "autoembed",
                "easyimage",
                "cloudservices",
                "sourcearea",
            ]
        ),
        "extraPlugins": "language",
        "language_list": ["en:Englisch", "es:Spanisch", "ja:Japanisch", "uk:Ukrainisch"],
        "disallowedContent": "*[on*]; script; style; *{*}",
        "image_prefillDimensions": False,
    },
}
