"""Gunicorn server hooks for `aduan serve`: the routing worker lives and dies with the server.

The arbiter starts `aduan router work` once it is ready and stops it when the server exits,
so a single `aduan serve` is a complete deployment. `ADUAN_ROUTER_WORKER=0` leaves it out
(run `aduan router work` as its own service instead, e.g. on another machine).
"""

import os
import subprocess
import sys

_worker: dict[str, subprocess.Popen] = {}


def when_ready(server) -> None:
    if os.environ.get("ADUAN_ROUTER_WORKER", "1") == "0":
        return
    _worker["router"] = subprocess.Popen([sys.executable, "-m", "aduan", "router", "work"])
    server.log.info("routing worker started (pid %s)", _worker["router"].pid)


def on_exit(server) -> None:
    process = _worker.pop("router", None)
    if process is None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
