"""Live router quality at volume: what the verifier console and the overview pay to read it.

    .venv/bin/python bench/quality.py [--suggestions 200000] [--dbs sqlite,pg]

For each database (SQLite in a temporary directory; PostgreSQL in a temporary database on
127.0.0.1:5432, dropped afterwards; skipped when unreachable): migrations, 60 agencies, then
`--suggestions` complaints submitted over the last 80 days, each with a router suggestion and
the events people would have left: 70 % suggest-only, of which 90 % were verified (the
verifier took the first candidate 70 % of the time); 30 % disposed automatically, of which
80 % were decided by their agency (kept or sent back, evenly). Rows are bulk-inserted: this
measures reading, not intake.

Timed, median of three, each in one process on one core:
* `quality.live_accuracy()`: the figures every page cache miss recomputes (90 days), and
  the peak of the Python memory it allocates (tracemalloc);
* `service.disposal_guard()`: what the routing worker reads once a minute;
* the data migration that reads the outcomes of existing suggestions back from their events
  (`triage.0006`), once, with the outcomes cleared first: what an upgrade costs.

Writes bench/results/quality.json and bench/results/quality.md.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import _databases  # bench/_databases.py
import _results  # bench/_results.py

ROOT = Path(__file__).resolve().parent.parent
PG_DB = "aduan_bench_quality"
REPEATS = 3


def _median_timed(fn, repeats: int = REPEATS):
    runs = []
    for _ in range(repeats):
        wall = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - wall)
    return result, sorted(runs)[len(runs) // 2]


def measure(n: int) -> dict:
    """Runs inside a child process whose environment names the database."""
    import django

    django.setup()
    import importlib
    from datetime import timedelta

    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from aduan import router as ml
    from aduan.complaints.models import Complaint, Event
    from aduan.directory.models import Region
    from aduan.triage import quality, service
    from aduan.triage.models import Suggestion

    call_command("migrate", verbosity=0)
    province = Region.objects.create(code="35", name="Jawa Timur", level=1)
    region = Region.objects.create(code="35.78", name="Kota Surabaya", level=2, parent=province)
    # Codes as long as real ones ("dinkes-sby-yankes"), not short test codes.
    agencies = [f"instansi-kota-{i:03d}" for i in range(60)]

    rng = random.Random(1)
    now = timezone.now()
    seeded = time.perf_counter()
    for start in range(0, n, 5000):
        complaints = Complaint.objects.bulk_create(
            Complaint(
                kind="pengaduan",
                title="t",
                body="b",
                region=region,
                channel="web",
                secret_salt="x",
                status="disposed",
                submitted_at=now - timedelta(minutes=rng.randint(1, 80 * 1440)),
            )
            for _ in range(min(5000, n - start))
        )
        suggestions, events = [], []
        for c in complaints:
            candidates = rng.sample(agencies, 3)
            auto = rng.random() < 0.3
            suggestions.append(
                Suggestion(
                    complaint=c,
                    model_version="v1",
                    confidence=rng.random(),
                    candidates=[{"agency": a, "p": 0.3} for a in candidates],
                    auto_disposed=auto,
                    created_at=c.submitted_at,
                )
            )
            events.append(Event(complaint=c, at=c.submitted_at, action="submit", data={}))
            later = c.submitted_at + timedelta(hours=3)
            if auto and rng.random() < 0.8:
                action = rng.choice(["accept", "not_our_authority"])
                events.append(Event(complaint=c, at=later, action=action, data={}))
            elif not auto and rng.random() < 0.9:
                chosen = candidates[0] if rng.random() < 0.7 else rng.choice(agencies)
                events.append(
                    Event(complaint=c, at=later, action="verify", data={"agency": chosen})
                )
        Suggestion.objects.bulk_create(suggestions)
        Event.objects.bulk_create(events)
    seeded = time.perf_counter() - seeded

    # The outcomes as the upgrade finds them: not yet recorded.
    Suggestion.objects.update(
        verified_agency="", verified_rank=None, verified_at=None, agency_verdict=""
    )
    migration = importlib.import_module("aduan.triage.migrations.0006_record_past_outcomes")
    with connection.schema_editor() as editor:
        _, backfill_s = _median_timed(lambda: migration.record(apps, editor), repeats=1)

    live, live_s = _median_timed(quality.live_accuracy)
    tracemalloc.start()
    quality.live_accuracy()
    live_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # A small real model whose version the disposals above carry.
    texts = ["jalan berlubang dan rusak parah", "antrean puskesmas lama sekali"] * 30
    model = ml.Router.fit(texts, [{}] * len(texts), ["pu", "dinkes"] * 30)
    model.metadata["version"] = "v1"
    record, record_s = _median_timed(lambda: service.disposal_guard(model).model)
    return {
        "suggestions": n,
        "seed_s": round(seeded, 1),
        "backfill_s": round(backfill_s, 2),
        "live_accuracy_s": round(live_s, 3),
        "disposal_guard_s": round(record_s, 4),
        "decided_by_verifiers": live["decided_by_verifiers"],
        "top1": live["top1"],
        "auto_disposed": live["auto_disposed"],
        "auto_judged": live["auto_judged"],
        "judged_in_guard_window": record.judged,
        "live_accuracy_peak_kb": round(live_peak / 1024),
    }


def _run_child(db: str, n: int, tmp: Path) -> dict | None:
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "aduan.settings",
        "ADUAN_VAR_DIR": str(tmp / db),
        "ADUAN_HTTPS": "0",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
    }
    with _databases.temporary(db, PG_DB, tmp) as url:
        if url is None:
            return None
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n)],
            env=env | {"DATABASE_URL": url},
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _report(meta: dict, rows: dict) -> str:
    out = [
        "# Live router quality at volume",
        "",
        f"{meta['cores']} cores, Python {meta['python']}; suggestions over 80 days, bulk-inserted.",
        "",
        "| db | suggestions | live_accuracy() | its peak Python memory | disposal_guard() "
        "| upgrade migration | verifier decisions counted | automatic disposals (judged) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for db, r in rows.items():
        out.append(
            f"| {db} | {r['suggestions']:,} | {r['live_accuracy_s']:.3f} s | "
            f"{r['live_accuracy_peak_kb']:,} KB | {r['disposal_guard_s'] * 1000:.1f} ms | "
            f"{r['backfill_s']:.1f} s | {r['decided_by_verifiers']:,} | "
            f"{r['auto_disposed']:,} ({r['auto_judged']:,}) |"
        )
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suggestions", type=int, default=200_000)
    parser.add_argument("--dbs", default="sqlite,pg")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(opts.child)))
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="aduan-quality-"))
    rows = {}
    try:
        for db in [d for d in opts.dbs.split(",") if d]:
            print(f"{db}: {opts.suggestions:,} suggestions …", file=sys.stderr)
            result = _run_child(db, opts.suggestions, tmp)
            if result:
                rows[db] = result
                print(f"{db}: {result}", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    meta = _results.machine()
    _results.save("quality", meta, rows, _report(meta, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
