"""Deadline policy lookup: how many working days a stage allows.

Rows in `DeadlinePolicy` are the truth; `DEFAULT_WORKING_DAYS` seeds them (migration) and
answers for a stage an administrator has deleted, so a missing row never stops intake.
The table is tiny and read on every transition, so it is cached per process for a minute.
"""

import time

from aduan.directory.models import DeadlinePolicy, Stage

# LAPOR! practice under PermenPANRB 62/2018 (replaced by 5/2025) and Perpres 76/2013.
# Complaints needing a field examination get a per-category outcome row of 60 days, the
# Perpres 76/2013 maximum.
DEFAULT_WORKING_DAYS: dict[tuple[str, str], int] = {
    (Stage.VERIFICATION, ""): 3,
    (Stage.FOLLOWUP, ""): 5,
    (Stage.AUTO_CLOSE, ""): 10,
    (Stage.OUTCOME, "permintaan_informasi"): 5,
    (Stage.OUTCOME, "aspirasi"): 14,
    (Stage.OUTCOME, "pengaduan"): 14,
    (Stage.OUTCOME, ""): 14,
    (Stage.EXTENSION, ""): 5,
    (Stage.REOPEN, ""): 10,
    (Stage.WARNING, ""): 1,
    # A reporter asked for more (tunda, or the agency's question) has as long to answer as
    # to object to a follow-up; then the clock runs again on what is known.
    (Stage.REPORTER_REPLY, ""): 10,
}

_TTL_SECONDS = 60.0
_cache: dict = {"loaded": 0.0, "rows": {}}


def _rows() -> dict[tuple[str, str, int | None], int]:
    if time.monotonic() - _cache["loaded"] > _TTL_SECONDS:
        _cache["rows"] = {
            (p.stage, p.kind, p.category_id): p.working_days for p in DeadlinePolicy.objects.all()
        }
        _cache["loaded"] = time.monotonic()
    return _cache["rows"]


def forget() -> None:
    """Drop the cache (after an edit in this process, and between tests)."""
    _cache["loaded"] = 0.0


def fewest_working_days(stage: str) -> int:
    """The fewest days any rule gives `stage`: a bound for finding what may be due."""
    days = [n for (s, _kind, _category), n in _rows().items() if s == stage]
    return min(days + [DEFAULT_WORKING_DAYS[(stage, "")]])


def working_days(stage: str, *, kind: str = "", category_id: int | None = None) -> int:
    """The most specific rule wins: kind and category, category, kind, the stage default."""
    rows = _rows()
    keys = [(stage, kind, None), (stage, "", None)]
    if category_id is not None:
        keys[:0] = [(stage, kind, category_id), (stage, "", category_id)]
    for key in keys:
        if key in rows:
            return rows[key]
    return DEFAULT_WORKING_DAYS.get((stage, kind)) or DEFAULT_WORKING_DAYS[(stage, "")]
