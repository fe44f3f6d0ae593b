"""Settings shared by every environment. Configuration comes from the environment."""

from pathlib import Path

import environ

env = environ.Env()

PACKAGE_DIR = Path(__file__).resolve().parent.parent

# Everything the running platform writes (SQLite file, uploads, generated keys) lives here.
DATA_DIR = Path(env.str("YUANJIANG_DATA_DIR", default=str(Path.cwd() / "var"))).resolve()

DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "unfold",
    "unfold.contrib.filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "yuanjiang.core",
    "yuanjiang.people",
    "yuanjiang.projects",
    "yuanjiang.investment",
    "yuanjiang.talent",
    "yuanjiang.exchange",
    "yuanjiang.indicators",
    "yuanjiang.reports",
    "yuanjiang.ingest",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "yuanjiang.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "yuanjiang.core.middleware.ChangeContextMiddleware",
]

ROOT_URLCONF = "yuanjiang.urls"
WSGI_APPLICATION = "yuanjiang.wsgi.application"

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
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------
# SQLite file under DATA_DIR by default; PostgreSQL (production) when DATABASE_URL says so.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'yuanjiang.sqlite3'}"
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers work while an import writes; IMMEDIATE avoids lock upgrades.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 60,  # writers wait while an import holds the lock
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- users ------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["yuanjiang.core.roles.RoleBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# --- language and time ------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- static files: everything is served from this server (intranets have no internet) ----
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
# Uploaded attachments are read back through scoped views only, never served from MEDIA_URL.
FILE_UPLOAD_PERMISSIONS = 0o640

# 监测预警: a started project warns when its progress lags the straight line between its
# planned start and end by more than this many percentage points.
YUANJIANG_PROGRESS_MARGIN = env.int("YUANJIANG_PROGRESS_MARGIN", default=20)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- REST API ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an unauthenticated request then gets 401 with WWW-Authenticate.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["yuanjiang.api.permissions.ScopedModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "yuanjiang.api.permissions.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "yuanjiang.api.exceptions.exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "援疆通 API",
    "DESCRIPTION": "对口援疆业务平台的 REST API。所有接口都按当前用户的数据范围过滤。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Value sets used by several fields, named once (资金来源 of allocations and arrivals,
    # the two 人工认定 fields, 预警类型 and 督办事由).
    "ENUM_NAME_OVERRIDES": {
        "FundSourceEnum": "yuanjiang.projects.choices.FundSource",
        "FlagOverrideEnum": "yuanjiang.projects.choices.FlagOverride",
        "WarningKindEnum": "yuanjiang.projects.choices.WarningKind",
        "ValueSourceEnum": "yuanjiang.indicators.choices.ValueSource",
        "ValueStatusEnum": "yuanjiang.indicators.choices.ValueStatus",
        "ApprovalStatusEnum": "yuanjiang.indicators.choices.ApprovalStatus",
        "IndicatorKindEnum": "yuanjiang.indicators.choices.IndicatorKind",
        "ReportKindEnum": "yuanjiang.reports.models.ReportKind",
        "ReportStatusEnum": "yuanjiang.reports.models.ReportStatus",
        "QualifierEnum": "yuanjiang.indicators.choices.Qualifier",
        "ProjectStageEnum": "yuanjiang.projects.choices.Stage",
        "PipelineStageEnum": "yuanjiang.investment.choices.PipelineStage",
        "ActivityKindEnum": "yuanjiang.investment.choices.ActivityKind",
        "EventKindEnum": "yuanjiang.exchange.choices.EventKind",
        "SalesChannelEnum": "yuanjiang.exchange.choices.SalesChannel",
        "GroupAidKindEnum": "yuanjiang.talent.choices.GroupAidKind",
        "SecondmentKindEnum": "yuanjiang.talent.choices.SecondmentKind",
    },
}

# --- background jobs: Django's Tasks interface, queued in the database -------------------
# A worker runs them: `yuanjiang db_worker` (./dev demo starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Progress of long jobs is shared between the worker and the web server through the cache;
# the file cache works across processes on one host (set CACHE_URL for Redis and the like).
CACHES = {"default": env.cache_url("CACHE_URL", default=f"filecache://{DATA_DIR / 'cache'}")}

# --- back office (django-unfold) ---------------------------------------------------------
UNFOLD = {
    "SITE_TITLE": "援疆通",
    "SITE_HEADER": "援疆通",
    "SITE_SUBHEADER": "对口援疆业务平台",
    "SITE_SYMBOL": "handshake",
    "SITE_URL": "/",
    "SHOW_LANGUAGES": True,
    "SHOW_HISTORY": True,
    "SHOW_VIEW_ON_SITE": False,
    "COLORS": {
        "primary": {
            "50": "oklch(97.1% .013 17.38)",
            "100": "oklch(93.6% .032 17.717)",
            "200": "oklch(88.5% .062 18.334)",
            "300": "oklch(80.8% .114 19.571)",
            "400": "oklch(70.4% .191 22.216)",
            "500": "oklch(63.7% .237 25.331)",
            "600": "oklch(57.7% .245 27.325)",
            "700": "oklch(50.5% .213 27.518)",
            "800": "oklch(44.4% .177 26.899)",
            "900": "oklch(39.6% .141 25.723)",
            "950": "oklch(25.8% .092 26.042)",
        },
    },
    "SIDEBAR": {
        "show_search": True,
        "show_all_applications": False,
        "navigation": "yuanjiang.core.navigation.sidebar",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
