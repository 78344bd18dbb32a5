"""The SQLite writer queue: a transaction holds it from BEGIN to COMMIT/ROLLBACK, and only then."""

import fcntl
import os
import subprocess
import sys
import textwrap

import pytest
from django.db import connection, transaction

from aduan.directory.models import Region

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the writer queue is SQLite's"),
]


def queue_is_free() -> bool:
    """Whether another open file (as another process would hold) can take the lock now."""
    path = f"{os.path.abspath(connection.settings_dict['NAME'])}-writer.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing lets go of a lock taken here
    return True


def test_a_transaction_holds_the_queue_until_it_commits():
    assert queue_is_free()
    with transaction.atomic():
        Region.objects.filter(code="35.78").update(name="Kota Surabaya")
        assert not queue_is_free()
    assert queue_is_free()


def test_a_failed_transaction_lets_go_of_the_queue():
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        assert not queue_is_free()
        1 / 0  # noqa: B018
    assert queue_is_free()


def test_closing_a_connection_inside_a_transaction_lets_go_of_the_queue():
    atomic = transaction.atomic()
    atomic.__enter__()
    try:
        assert not queue_is_free()
        connection.close()
        assert queue_is_free()
    finally:
        atomic.__exit__(None, None, None)


def test_writers_in_another_process_wait_for_the_queue_and_lose_nothing(world):
    """A writer in a second process waits while this one holds the queue, then goes on."""
    script = textwrap.dedent(
        """
        import django, sys, time
        django.setup()
        from django.db import connection, transaction
        from aduan.directory.models import Region
        connection.ensure_connection()
        print("ready", flush=True)
        sys.stdin.readline()
        started = time.monotonic()
        with transaction.atomic():
            Region.objects.filter(code="35.78").update(name="Kota Surabaya (B)")
        print(round(time.monotonic() - started, 2))
        """
    )
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "aduan.settings",
        "DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
    }
    other = subprocess.Popen(
        [sys.executable, "-c", script],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert other.stdout.readline().strip() == "ready"
    with transaction.atomic():
        Region.objects.filter(code="35.78").update(name="Kota Surabaya (A)")
        other.stdin.write("go\n")
        other.stdin.flush()
        with pytest.raises(subprocess.TimeoutExpired):
            other.wait(timeout=1)  # queued behind this transaction, not failed
    waited, _ = other.communicate(timeout=30)
    assert other.returncode == 0
    assert float(waited) >= 1
    assert Region.objects.get(code="35.78").name == "Kota Surabaya (B)"
