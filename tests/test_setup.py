"""What a new deployment meets: deploy checks, migrations in step with models, the CLI."""

import os
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
