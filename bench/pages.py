"""Page speed with 100,000 complaints in SQLite: p95 server time of every main page.

    .venv/bin/python bench/pages.py [--complaints 100000] [--requests 60]

Builds a fresh SQLite database in a temporary directory: migrations, the demo world
(`aduan.demo.seed`, ~600 complaints written through the real intake and workflow), then
clones those complaints with their timelines to the requested total (bulk inserts, spread
over the past year and over Surabaya's kelurahan). Serves it with `aduan serve` (gunicorn,
2 workers) and requests every main page sequentially as the right kind of visitor, reading
the application's own time from the Server-Timing header (ADUAN_SERVER_TIMING=1) and the
client's round trip beside it. Target: p95 server time < 150 ms on every page.

Writes bench/results/pages.json and bench/results/pages.md.
"""

import argparse
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TARGET_MS = 150.0


def _setup_django(var_dir: Path) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="aduan.settings",
        ADUAN_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'aduan.sqlite3'}",
        ADUAN_HTTPS="0",
    )
    import django

    django.setup()


def build_database(total: int, seed: int = 7) -> dict:
    """Migrate, seed the demo world, clone complaints up to `total`. Returns sample ids."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from aduan.complaints.models import Complaint, Event, FollowUp
    from aduan.core.ids import new_tracking_id
    from aduan.demo.seed import seed as seed_demo
    from aduan.directory.models import Region

    call_command("migrate", verbosity=0)
    seed_demo()
    rng = random.Random(seed)
    villages = list(
        Region.objects.filter(code__startswith="35.78.", level=4).values_list("pk", flat=True)
    )
    templates = list(Complaint.objects.all())
    # 40 random bits: among half a million new ids, a repeat has a one-in-ten chance. Intake
    # retries on one; a bulk insert cannot, so repeats are drawn again here.
    tracking_ids = {t.tracking_id for t in templates}
    events_of: dict[int, list[Event]] = {}
    for e in Event.objects.order_by("at", "id"):
        events_of.setdefault(e.complaint_id, []).append(e)
    follow_ups_of: dict[int, list[FollowUp]] = {}
    for f in FollowUp.objects.order_by("at", "id"):
        follow_ups_of.setdefault(f.complaint_id, []).append(f)
    now = timezone.now()
    to_make = total - len(templates)
    started = time.perf_counter()
    batch = 5000
    made = 0
    while made < to_make:
        n = min(batch, to_make - made)
        clones, timelines = [], []
        for _ in range(n):
            t = rng.choice(templates)
            shift = timedelta(days=rng.uniform(0, 330))
            c = Complaint(
                **{
                    f.attname: getattr(t, f.attname)
                    for f in Complaint._meta.concrete_fields
                    if f.attname not in ("id", "tracking_id")
                }
            )
            while (tracking_id := new_tracking_id()) in tracking_ids:
                pass
            tracking_ids.add(tracking_id)
            c.tracking_id = tracking_id
            c.region_id = rng.choice(villages) if t.region_id.startswith("35.78.") else t.region_id
            for field in (
                "submitted_at", "due_at", "outcome_due_at", "paused_at", "warned_at",
                "breached_at", "disposed_at", "answered_at", "closed_at", "updated_at",
            ):  # fmt: skip
                value = getattr(c, field)
                if value is not None:
                    setattr(c, field, value - shift)
            clones.append(c)
            timelines.append((t.pk, shift))
        with transaction.atomic():
            Complaint.objects.bulk_create(clones, batch_size=1000)
            Event.objects.bulk_create(
                [
                    Event(
                        complaint_id=c.pk,
                        at=e.at - shift,
                        actor_id=e.actor_id,
                        actor_role=e.actor_role,
                        action=e.action,
                        from_status=e.from_status,
                        to_status=e.to_status,
                        note=e.note,
                        agency_id=e.agency_id,
                        data=e.data,
                    )
                    for c, (template_pk, shift) in zip(clones, timelines, strict=True)
                    for e in events_of.get(template_pk, [])
                ],
                batch_size=2000,
            )
            FollowUp.objects.bulk_create(
                [
                    FollowUp(
                        complaint_id=c.pk,
                        at=f.at - shift,
                        agency_id=f.agency_id,
                        handler_id=f.handler_id,
                        late=f.late,
                        outcome_due_at=f.outcome_due_at and f.outcome_due_at - shift,
                        rating=f.rating,
                    )
                    for c, (template_pk, shift) in zip(clones, timelines, strict=True)
                    for f in follow_ups_of.get(template_pk, [])
                ],
                batch_size=2000,
            )
        made += n
        print(f"  {len(templates) + made:>7} complaints", end="\r", file=sys.stderr, flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(file=sys.stderr)
    return {
        "build_seconds": round(time.perf_counter() - started, 1),
        "complaints": Complaint.objects.count(),
        "events": Event.objects.count(),
        "now": now.isoformat(),
    }


def sessions() -> dict[str, str]:
    """Session cookies for one user per kind of visitor, made directly in the session store."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from aduan.accounts.models import User

    cookies = {}
    for role, username in {
        "citizen": "warga",
        "verifier": "verifikator",
        "officer": "petugas-dpu",
        "supervisor": "pimpinan-dpu",
    }.items():
        user = User.objects.get(username=username)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        cookies[role] = store.session_key
    return cookies


def pages() -> list[tuple[str, str, str]]:
    """(name, visitor, path) for every main page, with real ids from the database."""
    from aduan.complaints import queries
    from aduan.complaints.models import Complaint

    public = queries.public().order_by("-submitted_at").first()
    mine = Complaint.objects.filter(reporter__username="warga").order_by("-submitted_at").first()
    verify = Complaint.objects.filter(status="submitted").order_by("-submitted_at").first()
    dpu = (
        Complaint.objects.filter(agency__code="dpu-sby", status="in_progress")
        .order_by("-submitted_at")
        .first()
    )
    private = f"/lacak/{mine.tracking_id}/?kunci={mine.reporter_secret}"
    return [
        ("home", "anonymous", "/"),
        ("submit form", "anonymous", "/lapor/"),
        ("region picker", "anonymous", "/wilayah/?parent=35.78"),
        ("track lookup", "anonymous", "/lacak/"),
        ("tracking page", "anonymous", f"/lacak/{public.tracking_id}/"),
        ("tracking page, private", "anonymous", private),
        ("public feed", "anonymous", "/laporan/"),
        ("public feed, filtered", "anonymous", "/laporan/?province=35&regency=35.78&status=closed"),
        ("public report", "anonymous", f"/laporan/{public.tracking_id}/"),
        ("my reports", "citizen", "/saya/"),
        ("verifier triage", "verifier", "/kantor/verifikasi/"),
        ("verifier triage, overdue", "verifier", "/kantor/verifikasi/?overdue=1"),
        ("complaint page (verifier)", "verifier", f"/kantor/laporan/{verify.tracking_id}/"),
        ("agency queue", "officer", "/kantor/instansi/"),
        ("complaint page (officer)", "officer", f"/kantor/laporan/{dpu.tracking_id}/"),
        ("supervisor view", "supervisor", "/kantor/pimpinan/"),
    ]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(base: str, cookies: dict[str, str], name: str, who: str, path: str, n: int) -> dict:
    headers = {"Cookie": f"sessionid={cookies[who]}"} if who in cookies else {}
    server, client, status = [], [], set()
    for i in range(n + 5):
        request = urllib.request.Request(base + path, headers=headers)
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                code, timing = response.status, response.headers.get("Server-Timing", "")
        except urllib.error.HTTPError as error:
            code, timing = error.code, error.headers.get("Server-Timing", "")
        took = (time.perf_counter() - started) * 1000
        status.add(code)
        if i < 5:  # warm-up: caches, connections, template loading
            continue
        client.append(took)
        server.append(float(timing.split("dur=")[1]) if "dur=" in timing else float("nan"))

    def pct(values: list[float], q: float) -> float:
        return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1], 2)

    return {
        "page": name,
        "visitor": who,
        "path": path.split("?kunci=")[0] + ("?kunci=…" if "?kunci=" in path else ""),
        "status": sorted(status),
        "server_p50_ms": pct(server, 50),
        "server_p95_ms": pct(server, 95),
        "server_max_ms": round(max(server), 2),
        "client_p95_ms": pct(client, 95),
        "meets_target": pct(server, 95) < TARGET_MS and status == {200},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    opts = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="aduan-pages-"))
    _setup_django(var_dir)
    print(f"building {opts.complaints:,} complaints in {var_dir} …", file=sys.stderr)
    built = build_database(opts.complaints)
    cookies = sessions()
    targets = pages()
    port = _free_port()
    env = os.environ | {"ADUAN_SERVER_TIMING": "1", "ALLOWED_HOSTS": "127.0.0.1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "aduan", "serve", "--port", str(port), "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        rows = [measure(base, cookies, *t, opts.requests) for t in targets]
    finally:
        server.terminate()
        server.wait(timeout=10)
        if not opts.keep:
            shutil.rmtree(var_dir, ignore_errors=True)

    report = {
        "benchmark": "pages",
        "machine": {"cores": os.cpu_count(), "cpu": platform.processor() or platform.machine()},
        "database": "sqlite",
        "data": built,
        "requests_per_page": opts.requests,
        "target_p95_ms": TARGET_MS,
        "pages": rows,
        "all_meet_target": all(r["meets_target"] for r in rows),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pages.json").write_text(json.dumps(report, indent=2))
    lines = [
        f"# Page server time, SQLite, {built['complaints']:,} complaints, "
        f"{os.cpu_count()} cores, {opts.requests} sequential requests per page",
        "",
        "| page | visitor | status | server p50 ms | server p95 ms | server max ms "
        "| client p95 ms | < 150 ms |",
        "|---|---|---|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['page']} | {r['visitor']} | {','.join(map(str, r['status']))} "
            f"| {r['server_p50_ms']} | {r['server_p95_ms']} | {r['server_max_ms']} "
            f"| {r['client_p95_ms']} | {'yes' if r['meets_target'] else '**no**'} |"
        )
    table = "\n".join(lines)
    (RESULTS / "pages.md").write_text(table + "\n")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
