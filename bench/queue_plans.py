"""Work-queue speed on a big database: `queries.queue` as each kind of staff, and the sweep's
reads, timed in-process (median of --runs, after one warm-up), with the plan of the slowest
statement of each.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/queue_scale \\
        .venv/bin/python bench/queue_plans.py [--runs 7] [--explain] [--queries FILE]

Reads an existing database holding the demo world (`aduan.demo.seed.seed`) cloned to the size
wanted (bench/pages.py clones in Python; an INSERT … SELECT with shifted dates is faster).
Changes nothing. Prints a Markdown table: scenario, median ms of the whole call, and the
execution time PostgreSQL reports (EXPLAIN ANALYZE) for its main statement: the one that
orders and cuts the page (the slowest with a LIMIT), else the slowest. `--queries FILE` runs
another version of aduan/complaints/queries.py (`git show REV:aduan/complaints/queries.py`)
for a before/after on the same data.
"""

import argparse
import importlib.util
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _results import machine, save  # noqa: E402


def scenarios(queries):
    from aduan.complaints import sweep
    from aduan.complaints.models import Complaint
    from aduan.office.figures import AGENCY_STATUSES
    from aduan.office.forms import TRIAGE_STATUSES

    triage, agency, open_ = list(TRIAGE_STATUSES), list(AGENCY_STATUSES), list(queries.OPEN)
    month = date.today() - timedelta(days=60)
    F = queries.QueueFilter  # noqa: N806
    return [
        ("verifier (national), triage", "verifikator", F(status=triage)),
        ("verifier (national), triage, page 2", "verifikator", F(status=triage), 2),
        ("verifier (Jawa Timur), triage", "verifikator-jatim", F(status=triage)),
        ("verifier (Jawa Timur), triage, region 35.78", "verifikator-jatim",
         F(status=triage, region="35.78")),
        ("officer dpu-sby, agency inbox", "petugas-dpu", F(status=agency)),
        ("officer dpu-sby, agency inbox, page 2", "petugas-dpu", F(status=agency), 2),
        ("officer dpu-sby, API default (open)", "petugas-dpu", F()),
        ("officer dpu-sby-jalan (unit), agency inbox", "petugas-jalan", F(status=agency)),
        ("oversight, open", "pengawas", F(status=open_)),
        ("oversight, open, overdue", "pengawas", F(status=open_, overdue=True)),
        ("oversight, open, not overdue", "pengawas", F(status=open_, overdue=False)),
        ("verifier (national), triage, not overdue", "verifikator",
         F(status=triage, overdue=False)),
        ("officer dpu-sby, not overdue", "petugas-dpu", F(status=agency, overdue=False)),
        ("verifier (national), triage, one month", "verifikator",
         F(status=triage, submitted_from=month, submitted_to=month + timedelta(days=30))),
        ("oversight, open, category jalan-rusak", "pengawas",
         F(status=open_, category="jalan-rusak")),
        ("oversight, open, -updated", "pengawas", F(status=open_, ordering="-updated")),
        ("oversight, open, -due", "pengawas", F(status=open_, ordering="-due")),
        ("sweep: late (unbreached overdue)", None,
         lambda at: list(queries.overdue(Complaint.objects.filter(breached_at__isnull=True),
                                         at=at).values_list("pk"))),
        ("sweep: progress notice due", None,
         lambda at: list(Complaint.objects.filter(status__in=sweep.UNANSWERED,
                                                  progress_notice_due_at__lte=at)
                         .values_list("pk"))),
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--explain", action="store_true", help="plans on stderr")
    parser.add_argument("--queries", help="another version of aduan/complaints/queries.py")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aduan.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from aduan.accounts.models import User
    from aduan.complaints import queries

    if args.queries:
        spec = importlib.util.spec_from_file_location("queries_under_test", args.queries)
        queries = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(queries)
    at = timezone.now()
    complaints = queries.Complaint.objects.count()
    rows = []
    for name, username, what, *rest in scenarios(queries):
        page = rest[0] if rest else 1
        if username is None:
            run = lambda what=what: what(at)  # noqa: E731
        else:
            user = User.objects.get(username=username)
            cursor = ""
            for _ in range(page - 1):
                first = queries.queue(user, what, at=at)
                cursor = first.next_cursor or ""
            f = queries.QueueFilter(**{**what.__dict__, "cursor": cursor})
            run = lambda user=user, f=f: queries.queue(user, f, at=at)  # noqa: E731
        run()
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as captured:
            run()
        statements = captured.captured_queries
        cut = [q for q in statements if " LIMIT " in q["sql"]] or statements
        main_sql = max(cut, key=lambda q: float(q["time"]))["sql"]
        executed = "-"
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + main_sql)
                plan = "\n".join(row[0] for row in c.fetchall())
            executed = plan.rsplit("Execution Time: ", 1)[-1].removesuffix(" ms")
            if args.explain:
                print(f"\n```\n-- {name}\n{plan}\n```\n", file=sys.stderr)
        rows.append(
            {"scenario": name, "median_ms": round(statistics.median(times), 1), "main_ms": executed}
        )
    meta = machine() | {
        "database": connection.vendor,
        "complaints": complaints,
        "runs": args.runs,
        "queries": args.queries or "aduan/complaints/queries.py",
    }
    table = "\n".join(f"| {r['scenario']} | {r['median_ms']} | {r['main_ms']} |" for r in rows)
    report = (
        f"# Work queues on {connection.vendor}, {complaints:,} complaints "
        f"({meta['cores']} cores)\n\n| scenario | median ms | main statement ms |\n"
        f"|---|---:|---:|\n{table}\n"
    )
    save("queue_plans", meta, rows, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
