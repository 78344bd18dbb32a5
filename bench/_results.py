"""Where benchmarks leave their figures: bench/results/NAME.json and NAME.md."""

import json
import os
import platform
import resource
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict:
    return {"cores": os.cpu_count(), "python": platform.python_version()}


def cpu_s() -> float:
    """CPU seconds of this process and of its finished children (the router trains in
    forked processes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def peak_rss_mb() -> float:
    """Peak RSS of this process plus that of its largest finished child: an upper bound of
    the peak of both together, as a forked child shares the pages it inherited."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + child) / 1024  # KiB on Linux


def save(name: str, meta: dict, rows, report: str) -> None:
    """Write the rows (with `meta`) as JSON and the Markdown `report`, and print the report."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps({"meta": meta, "results": rows}, indent=2))
    (RESULTS / f"{name}.md").write_text(report)
    print(report)
