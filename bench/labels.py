"""Benchmark: how consistently the Surabaya complaints' agencies label the same text.

    .venv/bin/python bench/labels.py          # seconds; needs ../shared/data

The router's accuracy is bounded by its labels: the agency that handled a complaint is not
always the one the text calls for (a complaint forwarded once more, split between agencies,
handled by whoever had the case). This measures that noise directly, without a model:

* Repeated texts: the same text submitted more than once (before deduplication), and how
  many of them were handled by more than one agency.
* Near copies: each unique text with the nearest other unique text (TF-IDF word 1-2 cosine,
  any date), by how similar the two are, and how often the two were handled by the same
  agency. Near copies are mostly the same case written again (a reminder, a resubmission
  with a sentence added): where they disagree, no text model can be right on both.

Results: bench/results/labels.json and labels.md.
"""

import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import _results  # noqa: E402
from router import DATA, load_rows  # noqa: E402

BLOCK = 1000  # rows of the similarity matrix at a time (1,000 × 12,084 floats)
BANDS = ((0.9, 1.0), (0.8, 0.9), (0.7, 0.8), (0.5, 0.7), (0.0, 0.5))


def repeated_texts(path: Path) -> dict:
    import csv

    csv.field_size_limit(16 * 1024 * 1024)
    agencies = defaultdict(list)
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            agencies[row["text"]].append(row["agency"])
    repeated = [labels for labels in agencies.values() if len(labels) > 1]
    split = sum(len(set(labels)) > 1 for labels in repeated)
    return {"repeated": len(repeated), "more_than_one_agency": split}


def near_copies() -> list[dict]:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    rows = load_rows(DATA)
    vectors = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform(
        r["text"] for r in rows
    )
    nearest = np.empty(len(rows), dtype=int)
    best = np.empty(len(rows))
    for start in range(0, len(rows), BLOCK):
        block = (vectors[start : start + BLOCK] @ vectors.T).toarray()
        block[np.arange(len(block)), np.arange(start, start + len(block))] = -1.0  # not itself
        nearest[start : start + BLOCK] = block.argmax(axis=1)
        best[start : start + BLOCK] = block.max(axis=1)
    same = np.array([rows[i]["agency"] == rows[j]["agency"] for i, j in enumerate(nearest)])
    out = []
    for low, high in BANDS:
        inside = (best >= low) & ((best < high) if high < 1.0 else (best <= 1.0))
        count = int(inside.sum())
        agree = float(same[inside].mean()) if count else None
        out.append({"similarity": f"{low:.1f}–{high:.1f}", "texts": count, "same_agency": agree})
    return out


def main() -> int:
    if not DATA.exists():
        print(f"bench/labels.py: skipped, data not found at {DATA.resolve()}")
        return 0
    repeats = repeated_texts(DATA)
    bands = near_copies()
    lines = [
        "# Label consistency, Surabaya complaints",
        "",
        f"Texts submitted more than once: {repeats['repeated']:,}; handled by more than one "
        f"agency: {repeats['more_than_one_agency']:,} "
        f"({repeats['more_than_one_agency'] / repeats['repeated']:.1%}).",
        "",
        "Unique texts by similarity to the nearest other one:",
        "",
        "| cosine | texts | same agency as that neighbour |",
        "|---|---:|---:|",
    ]
    for band in bands:
        agree = "—" if band["same_agency"] is None else f"{band['same_agency']:.3f}"
        lines.append(f"| {band['similarity']} | {band['texts']:,} | {agree} |")
    report = "\n".join(lines) + "\n"
    _results.save("labels", _results.machine(), {"repeated": repeats, "nearest": bands}, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
