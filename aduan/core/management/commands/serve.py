import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from aduan.core.env import flag


class Command(BaseCommand):
    help = (
        "Serve aduan with gunicorn (production-grade WSGI server), with the routing worker "
        "alongside unless ADUAN_ROUTER_WORKER=0."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", os.cpu_count()))
        )
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", 1)))

    def handle(self, *args, host, port, workers, threads, **options):
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "aduan.wsgi:application",
            f"--bind={host}:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            # Gunicorn's own messages at the level the application logs at.
            f"--log-level={settings.LOG_LEVEL.lower()}",
            # Starts and stops the routing worker with the server (see the module).
            "--config=python:aduan.core.gunicorn_hooks",
        ]
        if os.path.isdir("/dev/shm"):
            argv.append("--worker-tmp-dir=/dev/shm")
        # Off by default: request lines carry tracking IDs and private-link secrets.
        try:
            if flag("ACCESS_LOG"):
                argv.append("--access-logfile=-")
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"aduan at http://{host}:{port}/ ({workers} workers × {threads} threads)")
        if settings.SECURE_SSL_REDIRECT:
            self.stdout.write(
                "  behind a TLS proxy that sets X-Forwarded-Proto: plain http requests are "
                "redirected to https (ADUAN_HTTPS=0 serves plain http, for a local trial only)"
            )
        self.stdout.flush()
        os.execv(sys.executable, argv)
