"""The test suite: SQLite in memory unless DATABASE_URL names PostgreSQL."""

from .base import *  # noqa: F403
from .base import DATABASES, env

SECRET_KEY = "test-only-key-not-a-secret"  # noqa: S105
FIELD_ENCRYPTION_KEY = "test-only-field-key-not-a-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_SQLITE_NAME", default=":memory:")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# Jobs run at once, in the test's own transaction; progress stays in memory.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Serve static files from the installed apps, as runserver does, so tests can fetch them.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
