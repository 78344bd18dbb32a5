"""What-if variants of aduan's intake, applied inside each gunicorn worker; aduan/ is untouched.

bench/intake.py --aduan-variants lean starts extra `aduan serve` servers with
    GUNICORN_CMD_ARGS="--config bench/_whatif.py"  INTAKE_WHATIF=lean
and gunicorn calls post_worker_init() below once the app is loaded, which patches this worker
only. Each variant prices one suggested change to the product under the real load:

  api-middleware  MIDDLEWARE cut to what an anonymous JSON POST needs
  no-health-check CONN_HEALTH_CHECKS off (PostgreSQL: one SELECT 1 round trip per request)
  lean            api-middleware + no-health-check

(Masking before the transaction, a per-process region cache, masking off the intake path and
SQLite writers queued on an flock were priced here first and are now what the product does.)
"""

from __future__ import annotations

import os
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
}


def apply(features: set[str], app: Any) -> None:
    from django.conf import settings
    from django.db import connections

    if "api-middleware" in features:
        settings.MIDDLEWARE = API_MIDDLEWARE
        app.load_middleware()  # the handler built its chain at import: rebuild it
    if "no-health-check" in features:
        connections.settings["default"]["CONN_HEALTH_CHECKS"] = False


def post_worker_init(worker: Any) -> None:
    """gunicorn hook: runs in each worker after aduan.wsgi:application is loaded."""
    names = [v for v in os.environ.get("INTAKE_WHATIF", "").split(",") if v]
    features: set[str] = set()
    for name in names:
        features |= VARIANTS[name]
    apply(features, worker.wsgi)
    worker.log.warning("intake what-if: %s", ", ".join(sorted(features)) or "none")
