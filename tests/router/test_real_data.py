"""A floor on real complaints (Surabaya 2022); skipped where the shared data is absent.

Trains on January–September 2022 and tests on October 2022, both inside the period the
router's settings were chosen on, so this test never looks at the benchmark's test months.
"""

import csv
from pathlib import Path

import pytest

from aduan.router import Router, evaluate

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "surabaya-2022"
CSV = DATA / "complaints.csv"

pytestmark = pytest.mark.skipif(not CSV.exists(), reason=f"real data absent: {CSV}")


def _rows(lo: str, hi: str) -> list[dict[str, str]]:
    seen: set[str] = set()
    rows = []
    with CSV.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["text"] in seen:
                continue
            seen.add(row["text"])
            if lo <= row["submitted_at"] < hi:
                rows.append(row)
    return rows


def _split(rows):
    texts = [r["text"] for r in rows]
    places = [{"kecamatan": r["kecamatan"], "kelurahan": r["kelurahan"]} for r in rows]
    return texts, places, [r["agency"] for r in rows]


def test_router_reaches_an_accuracy_floor_on_real_complaints():
    train = _rows("2022-01-01", "2022-10-01")
    test = _rows("2022-10-01", "2022-11-01")
    texts, places, labels = _split(train)
    router = Router.fit(texts, places, labels, times=[r["submitted_at"] for r in train])
    # The data's own local offices are found without being told.
    assert "@local:Kelurahan {kelurahan}" in router.local_templates
    assert "@local:Kecamatan {kecamatan}" in router.local_templates
    result = evaluate(router, *_split(test))
    assert result["n"] > 500
    assert result["top1"] >= 0.70
    assert result["top3"] >= 0.85
    if result["auto_share"] > 0.1:
        assert result["auto_precision"] >= 0.85
