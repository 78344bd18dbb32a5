"""What a new deployment meets: deploy checks, migrations in step with models, the CLI."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def aduan(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    return subprocess.run(
        [sys.executable, "-m", "aduan", *args],
        cwd=ROOT,
        env=environ | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_the_defaults():
    # No SECRET_KEY given: the one generated and kept under var/ must pass as well.
    result = aduan("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_models_and_migrations_are_in_step():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_console_script_lists_the_project_commands():
    result = aduan("help")
    for command in ("demo", "serve", "sla", "apikey", "regions"):
        assert command in result.stdout


def test_serve_says_it_expects_a_tls_proxy():
    # Behind no proxy every page of an https deployment redirects to an https nobody serves.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    environ = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    process = subprocess.Popen(
        [sys.executable, "-m", "aduan", "serve", "--port", str(port), "--workers", "1"],
        cwd=ROOT,
        env=environ | {"ADUAN_HTTPS": "1", "ADUAN_ROUTER_WORKER": "0"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        first, second = process.stdout.readline(), process.stdout.readline()
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert first.startswith(f"aduan at http://127.0.0.1:{port}/")
    assert "X-Forwarded-Proto" in second and "ADUAN_HTTPS=0" in second
