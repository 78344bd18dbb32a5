"""Training data from the complaints the system has handled, and the promotion rule."""

import bisect
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from aduan import router as ml
from aduan.complaints.models import Complaint, RoutedBy, Status
from aduan.triage.service import DisposalRecord, complaint_text, labels_for, places_of


@dataclass
class Examples:
    texts: list[str]
    places: list[dict[str, str]]
    labels: list[str]
    submitted: list[datetime]
    categories: list[str]  # category code, "" for none

    def __len__(self) -> int:
        return len(self.texts)

    def split(
        self, holdout: float, *, unseen_after: datetime | None = None
    ) -> tuple["Examples", "Examples"]:
        """Oldest (1 - holdout) for training, the most recent `holdout` share held out; and
        with `unseen_after` (when the current model's training data ends), nothing held out
        from before it: a model judged on complaints it learned would look better than it is,
        and no new model would ever beat it."""
        cut = int(len(self) * (1 - holdout))
        if unseen_after is not None:
            cut = max(cut, bisect.bisect_right(self.submitted, unseen_after))
        parts = [
            Examples(
                self.texts[a:b],
                self.places[a:b],
                self.labels[a:b],
                self.submitted[a:b],
                self.categories[a:b],
            )
            for a, b in ((0, cut), (cut, len(self)))
        ]
        return parts[0], parts[1]


# The most recent handled complaints a retrain learns from, by default. Routing drifts, so
# older ones teach little; and at a national system's volume (millions a year) all of them
# would not fit in memory. 100,000 train in 14–21 minutes in about 4.6 GB on 2 cores, twice
# per retrain (bench/README.md, `retrain.py`).
RECENT_EXAMPLES = 100_000
# What a model learns from (no reporter's details are read).
_READ = (
    "title",
    "body",
    "region",
    "submitted_at",
    "agency__kind",
    "agency__code",
    "category__code",
)
# Complaints read, and their places and labels looked up, per round trip.
_CHUNK = 2000


def handled_examples(limit: int | None = RECENT_EXAMPLES) -> Examples:
    """Complaints whose agency a person confirmed: a verifier or agency disposed them (the
    agency they are with now), or the agency they reached answered them. The most recent
    `limit` (None: all), in time order."""
    confirmed = Q(status__in=[Status.ANSWERED, Status.CLOSED]) | (
        Q(status__in=[Status.DISPOSED, Status.IN_PROGRESS, Status.AWAITING_REPORTER])
        & ~Q(routed_by=RoutedBy.ROUTER)
    )
    qs = Complaint.objects.filter(confirmed, agency__isnull=False)
    if limit is not None:
        oldest = qs.order_by("-submitted_at", "-pk").values_list("submitted_at", "pk")
        if edge := oldest[limit - 1 : limit].first():
            at, pk = edge
            qs = qs.filter(Q(submitted_at__gt=at) | Q(submitted_at=at, pk__gte=pk))
    qs = qs.select_related("agency", "category").only(*_READ).order_by("submitted_at", "pk")
    ex = Examples([], [], [], [], [])
    places: dict[str, dict[str, str]] = {}
    chunk: list[Complaint] = []
    for c in qs.iterator(chunk_size=_CHUNK):
        chunk.append(c)
        if len(chunk) == _CHUNK:
            _add(ex, chunk, places)
            chunk = []
    _add(ex, chunk, places)
    return ex


def _add(ex: Examples, chunk: list[Complaint], places: dict[str, dict[str, str]]) -> None:
    """Append `chunk` to `ex`, looking up the places not yet in `places` and the labels in a
    few queries for the whole chunk."""
    places.update(places_of({c.region_id for c in chunk} - places.keys()))
    ex.texts.extend(complaint_text(c) for c in chunk)
    ex.places.extend(places[c.region_id] for c in chunk)
    ex.labels.extend(labels_for([(c.agency, c.region_id) for c in chunk]))
    ex.submitted.extend(c.submitted_at for c in chunk)
    ex.categories.extend(c.category.code if c.category else "" for c in chunk)


# Fewer held-out complaints than this cannot tell two models apart.
MIN_HELD_OUT = 30


def fit(examples: Examples, *, progress: bool = False) -> ml.Router:
    return ml.Router.fit(
        examples.texts,
        examples.places,
        examples.labels,
        categories=examples.categories,
        progress=progress,
    )


def better(candidate: dict, current: dict | None) -> bool:
    """Promote when the candidate routes more complaints right on held-out recent data,
    without routing fewer automatically or less precisely (its disposals there right at
    least as often as the target, or as the current model's where those missed it), and
    never when its disposals fell short of the target with confidence (even the upper
    bound of their share right, one-sided 95 %, under it: the rule the disposal guard
    applies in service). The comparisons are paired: both models meet the same complaints."""
    if disposals_below_target(candidate):
        return False
    if current is None:
        return True
    return (
        candidate["top1"] > current["top1"]
        and candidate.get("auto_share", 0) >= current.get("auto_share", 0)
        and not _disposes_less_precisely(candidate, current)
    )


def _disposes_less_precisely(candidate: dict, current: dict) -> bool:
    if candidate.get("auto_precision") is None:  # disposes nothing
        return False
    floor = candidate["target_precision"]
    if current.get("auto_precision") is not None:
        floor = min(floor, current["auto_precision"])
    return candidate["auto_precision"] < floor


def disposals_below_target(measured: dict) -> bool:
    disposed = round(measured.get("auto_share", 0) * measured["n"])
    if not disposed or measured.get("auto_precision") is None:
        return False
    right = round(measured["auto_precision"] * disposed)
    return DisposalRecord(disposed, disposed - right, measured["target_precision"]).below_target


def measure(router: ml.Router, held_out: Examples) -> dict:
    return ml.evaluate(router, held_out.texts, held_out.places, held_out.labels)
