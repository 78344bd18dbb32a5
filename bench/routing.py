"""Routing worker throughput: complaints routed per second, and CPU per complaint.

    .venv/bin/python bench/routing.py [--complaints 1000] [--batch 200]

Builds a fresh SQLite database in a temporary directory: migrations, the demo world
(`aduan.demo.seed`), then `aduan router retrain` on the complaints the demo's verifiers and
agencies handled (promoted: it is the first model). Submits `--complaints` new complaints
through the real intake (texts and places drawn from the demo's), then lets the routing
worker (`aduan.triage.worker.route_pending`) route them in batches, timed: once advisory only
(ADUAN_ROUTER_AUTO_DISPOSE off) one complaint at a time as routing inside the request
used to, the same in batches, then in batches with automatic disposal of every complaint (the
loaded model's threshold set to 0: the cost of the disposal path), each on its own fresh
complaints. The submissions themselves are timed too: since routing left the request path,
that is all a submitting request pays.

One process, one core (BLAS limited to one thread). Writes bench/results/routing.json and
bench/results/routing.md.
"""

import argparse
import io
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))


def _setup_django(var_dir: Path) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="aduan.settings",
        ADUAN_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'aduan.sqlite3'}",
        MEDIA_ROOT=str(var_dir / "media"),
        ADUAN_HTTPS="0",
    )
    import django

    django.setup()


def _timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=200)
    opts = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="aduan-routing-"))
    _setup_django(var_dir)
    from django.conf import settings
    from django.core.management import call_command

    from aduan.complaints import intake
    from aduan.complaints.models import Complaint, Status
    from aduan.demo.seed import seed
    from aduan.triage import service, worker
    from aduan.triage.models import Suggestion

    try:
        print(f"building the demo world in {var_dir} …", file=sys.stderr)
        call_command("migrate", verbosity=0)
        seed(stdout=io.StringIO())
        out = io.StringIO()
        call_command("router", "retrain", "--min-examples", "100", stdout=out)
        trained = json.loads(out.getvalue())
        router = service.current_router()
        templates = list(Complaint.objects.values("title", "body", "region_id"))
        rng = random.Random(11)

        def submit_all() -> list[int]:
            ids = []
            for _ in range(opts.complaints):
                t = rng.choice(templates)
                complaint, _ = intake.submit(
                    intake.Submission(
                        kind="pengaduan", title=t["title"], body=t["body"], region=t["region_id"]
                    )
                )
                ids.append(complaint.pk)
            return ids

        def drain(batch: int) -> int:
            routed = 0
            while taken := worker.route_pending(batch):
                routed += taken
            return routed

        settings.ADUAN_ROUTER_AUTO_DISPOSE = False
        drain(opts.batch)  # the demo's own waiting complaints, untimed
        rows = []
        # "one at a time" routes each complaint alone, as routing inside the submitting
        # request used to: the same work with a batch of one.
        modes = [("one at a time", False, 1), ("advisory", False, opts.batch)]
        modes.append(("auto-dispose", True, opts.batch))
        for mode, auto, batch in modes:
            settings.ADUAN_ROUTER_AUTO_DISPOSE = auto
            if auto:
                # The demo model is not sure enough to dispose anything by itself (its
                # stored threshold is "never"); for the cost of the disposal path every
                # complaint takes it here.
                router.auto_threshold = 0.0
            ids, submit_wall, submit_cpu = _timed(submit_all)
            routed, wall, cpu = _timed(lambda batch=batch: drain(batch))
            assert routed == len(ids) == Suggestion.objects.filter(complaint__in=ids).count()
            disposed = Complaint.objects.filter(pk__in=ids, status=Status.DISPOSED).count()
            rows.append(
                {
                    "mode": mode,
                    "batch": batch,
                    "complaints": len(ids),
                    "submit_cpu_ms": round(1000 * submit_cpu / len(ids), 2),
                    "route_per_s": round(routed / wall, 1),
                    "route_cpu_ms": round(1000 * cpu / routed, 2),
                    "auto_disposed": disposed,
                }
            )
            print(f"  {mode}: {rows[-1]}", file=sys.stderr)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)

    report = {
        "benchmark": "routing",
        "machine": {"cores": os.cpu_count(), "cpu": platform.processor() or platform.machine()},
        "database": "sqlite",
        "model": {"version": router.version, "held_out": trained["held_out"]},
        "batch": opts.batch,
        "runs": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "routing.json").write_text(json.dumps(report, indent=2, default=str))
    lines = [
        f"# Routing worker, SQLite, demo-trained model, batches of {opts.batch}, "
        f"{os.cpu_count()} cores (one used)",
        "",
        "| mode | batch | complaints | submit CPU ms each | routed per s | routing CPU ms each "
        "| disposed automatically |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['mode']} | {r['batch']} | {r['complaints']} | {r['submit_cpu_ms']} "
            f"| {r['route_per_s']} "
            f"| {r['route_cpu_ms']} | {r['auto_disposed']} |"
        )
    table = "\n".join(lines)
    (RESULTS / "routing.md").write_text(table + "\n")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
