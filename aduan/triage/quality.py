"""How good the router is in service, measured from what people decided.

For complaints the router only suggested, the verifier's disposal is the truth: top-1 and
top-3 say how often the router's first / first three candidates held it. For complaints the
router disposed itself, a later "not our authority" or transfer marks the disposal as wrong.
"""

import time
from collections import Counter, defaultdict
from datetime import datetime, timedelta

from django.utils import timezone

from aduan.complaints.models import Event
from aduan.directory.models import Agency, Category
from aduan.triage.models import Suggestion


def live_accuracy(*, since: datetime | None = None) -> dict:
    since = since or timezone.now() - timedelta(days=90)
    suggestions = {
        s.complaint_id: s
        for s in Suggestion.objects.filter(created_at__gte=since).only(
            "complaint_id", "candidates", "auto_disposed"
        )
    }
    first_verify: dict[int, str] = {}
    bounced: set[int] = set()
    events = Event.objects.filter(
        complaint_id__in=list(suggestions), action__in=["verify", "not_our_authority", "transfer"]
    ).order_by("at", "id")
    for e in events.values("complaint_id", "action", "data"):
        if e["action"] == "verify":
            first_verify.setdefault(e["complaint_id"], e["data"].get("agency", ""))
        elif suggestions[e["complaint_id"]].auto_disposed:
            bounced.add(e["complaint_id"])
    per_agency: dict[str, Counter] = defaultdict(Counter)
    total = Counter()
    for complaint_id, chosen in first_verify.items():
        codes = suggestions[complaint_id].agency_codes
        hit1, hit3 = bool(codes) and codes[0] == chosen, chosen in codes[:3]
        for bucket in (per_agency[chosen], total):
            bucket.update(n=1, top1=hit1, top3=hit3)
    auto = [s for s in suggestions.values() if s.auto_disposed]
    return {
        "since": since,
        "decided_by_verifiers": total["n"],
        "top1": _share(total["top1"], total["n"]),
        "top3": _share(total["top3"], total["n"]),
        "auto_disposed": len(auto),
        "auto_precision": _share(len(auto) - len(bounced), len(auto)),
        "per_agency": {
            code: {
                "n": c["n"],
                "top1": _share(c["top1"], c["n"]),
                "top3": _share(c["top3"], c["n"]),
            }
            for code, c in sorted(per_agency.items(), key=lambda kv: -kv[1]["n"])
        },
    }


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


def router_view(complaint) -> dict | None:
    """What a verifier sees of the router's suggestion for one complaint, or None."""
    suggestion = Suggestion.objects.filter(complaint=complaint).first()
    if suggestion is None:
        return None
    names = dict(
        Agency.objects.filter(code__in=suggestion.agency_codes).values_list("code", "name")
    )
    live = live_accuracy_cached()
    codes = [c["category"] for c in suggestion.categories]
    active = Category.objects.filter(code__in=codes, is_active=True)  # no query for []
    known = {code: (pk, name) for code, pk, name in active.values_list("code", "pk", "name")}
    return {
        "version": suggestion.model_version,
        "confidence": suggestion.confidence,
        "auto_disposed": suggestion.auto_disposed,
        "why": suggestion.why,
        "candidates": [
            {
                "code": c["agency"],
                "name": names.get(c["agency"], c["agency"]),
                "p": c["p"],
                "live": live["per_agency"].get(c["agency"]),
            }
            for c in suggestion.candidates
        ],
        # The first, and any other the model gives a real chance (not a row of 0,00).
        "categories": [
            {"id": known[c["category"]][0], "name": known[c["category"]][1], "p": c["p"]}
            for i, c in enumerate(suggestion.categories)
            if c["category"] in known and (i == 0 or c["p"] >= 0.05)
        ],
        "live": live,
    }
