"""Gunicorn server hooks for `aduan serve`: the routing worker lives and dies with the server.

Once the arbiter is ready, a supervisor thread in it starts `aduan router work` and restarts
it whenever it exits (after 1 s, doubling up to a minute while it keeps failing fast); the
server's exit stops it. The worker also stops by itself if the arbiter disappears without
running its exit hook (killed), so no orphan routes beside the next server.
`ADUAN_ROUTER_WORKER=0` leaves it out: run `aduan router work` as its own service instead.
"""

import os
import subprocess
import sys
import threading
import time

from aduan.core.env import flag

# Tells the worker whose child it is (read by `aduan router work`).
PARENT_ENV = "ADUAN_ROUTER_PARENT"
_MAX_DELAY = 60.0
_state: dict = {"stop": threading.Event(), "process": None, "supervising": False}
# Held while the supervisor starts the worker, and by the arbiter around each fork of a web
# worker: a web worker forked while Popen waits for its child's exec would inherit the end of
# Popen's error pipe, and Popen would then wait for ever.
_spawning = threading.Lock()


def when_ready(server) -> None:
    if not flag("ADUAN_ROUTER_WORKER", default=True) or _state.get("supervising"):
        return
    _state["supervising"] = True  # the lock is not reentrant: register the fork hooks once
    os.register_at_fork(
        before=_spawning.acquire,
        after_in_parent=_spawning.release,
        after_in_child=_spawning.release,
    )
    threading.Thread(target=_supervise, args=(server,), name="routing-worker", daemon=True).start()


def _supervise(server) -> None:
    stop, delay = _state["stop"], 1.0
    env = os.environ | {PARENT_ENV: str(os.getpid())}
    while not stop.is_set():
        started = time.monotonic()
        with _spawning:
            if stop.is_set():  # checked under the lock on_exit takes: no start after exit
                return
            try:
                process = subprocess.Popen(
                    [sys.executable, "-m", "aduan", "router", "work"], env=env
                )
            except OSError as exc:  # out of processes, memory or files: try again later
                process = None
                server.log.error("routing worker could not start: %s", exc)
            _state["process"] = process
        if process is not None:
            server.log.info("routing worker started (pid %s)", process.pid)
            process.wait()  # returns 0 if the arbiter reaped it first: still an exit
            if stop.is_set():
                return
            server.log.error("routing worker exited (%s)", process.returncode)
        if time.monotonic() - started > _MAX_DELAY:
            delay = 1.0  # it ran for a while: not a crash loop
        server.log.error("restarting the routing worker in %.0f s", delay)
        stop.wait(delay)
        delay = min(2 * delay, _MAX_DELAY)


def on_exit(server) -> None:
    _state["stop"].set()
    with _spawning:
        process = _state["process"]
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
