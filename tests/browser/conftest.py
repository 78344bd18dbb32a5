"""Browser tests: a real gunicorn server (`aduan serve`) on the test database, driven by
Debian's Chromium through Playwright.

Chromium is found with shutil.which("chromium") (Playwright's own browser download needs the
internet, which these machines lack). Without it the tests skip with a message, except in CI
(`CI` set), where a missing browser is a failure.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

pytestmark = pytest.mark.browser


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    message = "Chromium not found: install Debian's `chromium` package to run browser tests"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(s['NAME']).resolve()}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server_media(tmp_path_factory) -> Path:
    """The server's MEDIA_ROOT (router artifacts stored there are what it loads)."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def server(served):
    """Base URL of a real aduan server (`aduan serve`: gunicorn and the routing worker)
    sharing the test database."""
    return served[1]


@pytest.fixture(scope="session")
def served(django_db_setup, django_db_blocker, tmp_path_factory, server_media):
    """(process, base URL) of the real server `server` names."""
    with django_db_blocker.unblock():
        url = _database_url()
    port = _free_port()
    media = server_media
    env = os.environ | {
        "DATABASE_URL": url,
        "ADUAN_HTTPS": "0",
        "MEDIA_ROOT": str(media),
        "CONN_MAX_AGE": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    log = open(tmp_path_factory.mktemp("server") / "server.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "aduan", "serve", "--port", str(port), "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.terminate()
        pytest.fail(f"aduan serve did not start; see {log.name}")
    yield process, base
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module. Playwright's sync API keeps an event loop running in
    this thread while it lives, which makes Django refuse ORM calls from the same thread;
    the tests use the ORM only to arrange and check data, so allow it, for this module only.
    """
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as p:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = p.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, server):
    """Open a fresh browser context (own cookies) at phone or desktop size."""
    contexts = []

    def make(viewport=PHONE, locale="id-ID", javascript=True):
        context = browser.new_context(
            viewport=viewport, locale=locale, base_url=server, java_script_enabled=javascript
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> None:
    """Save what a reviewer should look at under tests/artifacts/ (not committed)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def login(page, user) -> None:
    """Log `user` in through the login form (their password hashed as the server expects)."""
    from django.contrib.auth.hashers import make_password

    from tests.conftest import PASSWORD

    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
