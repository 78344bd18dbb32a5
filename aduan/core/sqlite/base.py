"""Django's SQLite backend, with write transactions queued on an OS lock.

SQLite allows one writer at a time. A writer that finds the database locked sleeps in
SQLite's busy handler (1, 2, 5, 10 … 100 ms) and tries again, so under steady load most of
a request's time goes to sleeping past the moment the lock was freed. Here every
transaction (they all start with BEGIN IMMEDIATE, i.e. as writers) first takes an flock(2)
on a file beside the database: the kernel wakes the next writer the moment the lock is
released. Threads of one process share the lock file's descriptor, so a thread lock queues
them first. Statements outside a transaction still meet SQLite's own lock and busy timeout;
correctness never depends on this queue, only the waiting does.
"""

from __future__ import annotations

import fcntl
import os
import threading

from django.db import OperationalError
from django.db.backends.sqlite3 import base


class _WriterQueue:
    """One process's place in the queue of writers to one database file."""

    def __init__(self, path: str):
        self.pid = os.getpid()
        self.in_process = threading.Lock()
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)

    def acquire(self, timeout: float) -> None:
        if not self.in_process.acquire(timeout=timeout):
            raise OperationalError("database is locked")
        try:
            # Blocks until the writer in another process commits; a process that dies
            # holding it lets go with its descriptor.
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except BaseException:
            self.in_process.release()
            raise

    def release(self) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        self.in_process.release()


_queues: dict[str, _WriterQueue] = {}
_queues_lock = threading.Lock()


def _queue_for(database: str) -> _WriterQueue:
    path = f"{os.path.abspath(database)}-writer.lock"
    with _queues_lock:
        queue = _queues.get(path)
        # A forked child (gunicorn --preload) must not share its parent's open file: flock
        # excludes per open file, so parent and child would pass each other.
        if queue is None or queue.pid != os.getpid():
            queue = _queues[path] = _WriterQueue(path)
        return queue


class DatabaseWrapper(base.DatabaseWrapper):
    _writer: _WriterQueue | None = None

    def _start_transaction_under_autocommit(self):
        queue = None if self.is_in_memory_db() else _queue_for(str(self.settings_dict["NAME"]))
        if queue is not None:
            queue.acquire(timeout=float(self.settings_dict["OPTIONS"].get("timeout", 5)))
            self._writer = queue
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer()
            raise

    def _commit(self):
        try:
            super()._commit()
        finally:
            self._release_writer()

    def _rollback(self):
        try:
            super()._rollback()
        finally:
            self._release_writer()

    def _close(self):
        try:
            super()._close()
        finally:
            self._release_writer()

    def _release_writer(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.release()
