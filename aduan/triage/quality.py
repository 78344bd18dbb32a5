"""How good the router is in service, measured from what people decided.

For complaints the router only suggested, the verifier's disposal is the truth: top-1 and
top-3 say how often the router's first / first three candidates held it. For complaints the
router disposed itself, the receiving agency's first decision says whether it was right.
Both are recorded on the suggestion as people decide (`outcomes`); here they are only
counted, from partial indexes that hold the counted columns: the cost grows with the
decisions of the period, never with the history of events.
"""

import time
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from aduan.accounts.scopes import Scope
from aduan.complaints import disclosure
from aduan.directory.models import Agency, Category
from aduan.triage import service
from aduan.triage.models import RouterModel, Suggestion, Verdict


def live_accuracy(*, since: datetime | None = None) -> dict:
    """Verifiers' decisions and automatic disposals since `since` (default: 90 days)."""
    since = since or timezone.now() - timedelta(days=90)
    per_agency = list(
        Suggestion.objects.filter(verified_at__gte=since)
        .values("verified_agency")
        .annotate(
            # Counting an indexed column (not the primary key) lets PostgreSQL answer from
            # the index alone.
            n=Count("verified_at"),
            top1=Count("verified_at", filter=Q(verified_rank=1)),
            top3=Count("verified_at", filter=Q(verified_rank__range=(1, 3))),
        )
        .order_by("-n", "verified_agency")
    )
    n = sum(row["n"] for row in per_agency)
    auto = Suggestion.objects.filter(auto_disposed=True, created_at__gte=since).aggregate(
        n=Count("created_at"),
        judged=Count("created_at", filter=~Q(agency_verdict="")),
        kept=Count("created_at", filter=Q(agency_verdict=Verdict.KEPT)),
    )
    return {
        "since": since,
        "decided_by_verifiers": n,
        "top1": _share(sum(row["top1"] for row in per_agency), n),
        "top3": _share(sum(row["top3"] for row in per_agency), n),
        "auto_disposed": auto["n"],
        # Only disposals their agency has decided on are evidence either way.
        "auto_judged": auto["judged"],
        "auto_precision": _share(auto["kept"], auto["judged"]),
        "per_agency": {
            row["verified_agency"]: {
                "n": row["n"],
                "top1": _share(row["top1"], row["n"]),
                "top3": _share(row["top3"], row["n"]),
            }
            for row in per_agency
        },
    }


def per_agency_named(live: dict) -> list[dict]:
    """The per-agency figures of `live_accuracy()` with each agency's name (its code when
    the agency is gone), for a table people read."""
    figures = live["per_agency"]
    agency_name = _agency_names(figures)
    return [{"name": agency_name(code), **row} for code, row in figures.items()]


def _agency_names(codes):
    """code → the agency's name, in one query; an agency gone since keeps its code."""
    names = dict(Agency.objects.filter(code__in=list(codes)).values_list("code", "name"))
    return lambda code: names.get(code, code)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


_CACHE_SECONDS = 600.0
_cached: dict = {"at": 0.0, "value": None}


def live_accuracy_cached() -> dict:
    """`live_accuracy()` recomputed at most every ten minutes per process, for pages."""
    if _cached["value"] is None or time.monotonic() - _cached["at"] > _CACHE_SECONDS:
        _cached.update(value=live_accuracy(), at=time.monotonic())
    return _cached["value"]


def forget() -> None:
    _cached.update(value=None, at=0.0)


def suspension() -> dict | None:
    """What stops the current model from routing as trained, for pages: {"unusable": True}
    when it could not be loaded (nothing is routed), else what the disposal guard stopped
    it disposing, {"all": bool, "agencies": [names]}; None when nothing. Re-read at most
    once a minute, as the routing worker re-reads it."""

    def read() -> dict:
        if RouterModel.objects.filter(is_current=True).exclude(load_error="").exists():
            return {"unusable": True}
        guard = service.stored_guard()
        if guard is None:
            return {}
        if guard.model.suspended:
            return {"all": True, "agencies": []}
        agency_name = _agency_names(guard.suspended_agencies)
        kinds = [str(Agency.Kind(kind).label) for kind in guard.suspended_local_kinds]
        agencies = [agency_name(code) for code in guard.suspended_agencies] + kinds
        return {"all": False, "agencies": agencies} if agencies else {}

    return cache.get_or_set("triage:suspension", read, 60) or None


def suggested_agencies(
    complaint_ids: list[int], *, declined: dict[int, set[str]]
) -> dict[int, list[dict]]:
    """The router's candidates (agency name and probability, best first) for a page of a
    queue, less the agencies that declined each complaint (`queries.declined_by_each`):
    complaint id → candidates, in two queries whatever the page's length."""
    rows = Suggestion.objects.filter(complaint_id__in=complaint_ids).values_list(
        "complaint_id", "candidates"
    )
    found = dict(rows)
    codes = {c["agency"] for candidates in found.values() for c in candidates}
    agency_name = _agency_names(codes)
    return {
        pk: [
            {"name": agency_name(c["agency"]), "p": c["p"]}
            for c in candidates
            if c["agency"] not in declined.get(pk, ())
        ]
        for pk, candidates in found.items()
    }


# Fewer decisions than this measure nothing ("tepat pertama 0%" from one decision): the
# figure is left out until there are enough.
MIN_DECISIONS = 20


def measured(figures: dict | None, count: str) -> dict | None:
    """`figures` when its `count` of decisions is enough to measure anything, else None."""
    return figures if figures and figures[count] >= MIN_DECISIONS else None


def router_view(complaint, scope: Scope) -> dict | None:
    """What a member of staff with `scope` sees of the router's suggestion for one
    complaint, or None."""
    suggestion = Suggestion.objects.filter(complaint=complaint).first()
    if suggestion is None:
        return None
    agency_name = _agency_names(suggestion.agency_codes)
    live = live_accuracy_cached()
    codes = [c["category"] for c in suggestion.categories]
    active = Category.objects.filter(code__in=codes, is_active=True)  # no query for []
    known = {code: (pk, name) for code, pk, name in active.values_list("code", "pk", "name")}
    return {
        "version": suggestion.model_version,
        "confidence": suggestion.confidence,
        "auto_disposed": suggestion.auto_disposed,
        "why": disclosure.readable_words(complaint, scope, suggestion.why),
        "candidates": [
            {
                "code": c["agency"],
                "name": agency_name(c["agency"]),
                "p": c["p"],
                "live": measured(live["per_agency"].get(c["agency"]), "n"),
            }
            for c in suggestion.candidates
        ],
        # The first, and any other the model gives a real chance (not a row of 0,00).
        "categories": [
            {"id": known[c["category"]][0], "name": known[c["category"]][1], "p": c["p"]}
            for i, c in enumerate(suggestion.categories)
            if c["category"] in known and (i == 0 or c["p"] >= 0.05)
        ],
        "live": measured(live, "decided_by_verifiers"),
    }
