"""Where benchmarks leave their figures: bench/results/NAME.json and NAME.md."""

import json
import os
import platform
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict:
    return {"cores": os.cpu_count(), "python": platform.python_version()}


def save(name: str, meta: dict, rows, report: str) -> None:
    """Write the rows (with `meta`) as JSON and the Markdown `report`, and print the report."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps({"meta": meta, "results": rows}, indent=2))
    (RESULTS / f"{name}.md").write_text(report)
    print(report)
