"""What-if variants of aduan's intake, applied inside each gunicorn worker; aduan/ is untouched.

bench/intake.py --aduan-variants lean starts extra `aduan serve` servers with
    GUNICORN_CMD_ARGS="--config bench/_whatif.py"  INTAKE_WHATIF=lean
and gunicorn calls post_worker_init() below once the app is loaded, which patches this worker
only. Each variant prices one suggested change to the product under the real load:

  api-middleware  MIDDLEWARE cut to what an anonymous JSON POST needs
  no-health-check CONN_HEALTH_CHECKS off (PostgreSQL: one SELECT 1 round trip per request)
  lean            api-middleware + no-health-check
  write-flock     SQLite only: intake writers queue on a thread lock + an flock(2) on a file
                  beside the database before BEGIN IMMEDIATE, so a waiting writer wakes the
                  moment the lock is free, not after SQLite's busy-handler sleeps (1 ... 100 ms)
  sqlite-lean     api-middleware + write-flock

(Masking before the transaction, a per-process region cache and masking off the intake path
were priced here first and are now what the product does.)
"""

from __future__ import annotations

import os
import threading
from typing import Any

# What an anonymous JSON POST to the API needs. Sessions and auth stay (caller() reads
# request.user for browser sessions); locale negotiation, messages, CSRF middleware (caller()
# runs check_csrf itself for sessions), clickjacking and htmx headers are page concerns.
API_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
VARIANTS: dict[str, set[str]] = {
    "api-middleware": {"api-middleware"},
    "no-health-check": {"no-health-check"},
    "lean": {"api-middleware", "no-health-check"},
    "write-flock": {"write-flock"},
    "sqlite-lean": {"api-middleware", "write-flock"},
}
# A writer queue only mirrors SQLite's single write lock; on PostgreSQL it would serialise
# intakes that row locks let run side by side, so intake.py skips these there.
SQLITE_ONLY = {"write-flock", "sqlite-lean"}


def _write_flock(intake: Any, lock_path: str) -> None:
    """intake's transaction.atomic() behind a process-wide writer queue (see the docstring).

    flock(2) excludes other processes; threads of one process share the open file, so a
    threading.Lock queues them first.
    """
    import contextlib
    import fcntl

    real = intake.transaction
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    in_process = threading.Lock()

    class Transaction:
        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)  # on_commit and the rest stay Django's

        @contextlib.contextmanager
        def atomic(self, *args: Any, **kwargs: Any) -> Any:
            with in_process:
                fcntl.flock(fd, fcntl.LOCK_EX)
                try:
                    with real.atomic(*args, **kwargs):
                        yield
                finally:
                    fcntl.flock(fd, fcntl.LOCK_UN)

    intake.transaction = Transaction()


def apply(features: set[str], app: Any) -> None:
    from django.conf import settings
    from django.db import connections

    from aduan.complaints import intake

    if "api-middleware" in features:
        settings.MIDDLEWARE = API_MIDDLEWARE
        app.load_middleware()  # the handler built its chain at import: rebuild it
    if "no-health-check" in features:
        connections.settings["default"]["CONN_HEALTH_CHECKS"] = False
    if "write-flock" in features:
        # Beside the database file: one queue per database, as SQLite's own lock is.
        _write_flock(intake, f"{settings.DATABASES['default']['NAME']}.intake-lock")


def post_worker_init(worker: Any) -> None:
    """gunicorn hook: runs in each worker after aduan.wsgi:application is loaded."""
    names = [v for v in os.environ.get("INTAKE_WHATIF", "").split(",") if v]
    features: set[str] = set()
    for name in names:
        features |= VARIANTS[name]
    apply(features, worker.wsgi)
    worker.log.warning("intake what-if: %s", ", ".join(sorted(features)) or "none")
