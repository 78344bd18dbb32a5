"""Routing off the request path.

A submission only records the complaint. This worker finds submitted complaints that have no
suggestion yet (new ones, and any that came in while no model was current), predicts them in
one batch, and stores each suggestion, with the auto-disposal of a sure one, in its own
transaction. Batches are far cheaper per complaint than one prediction per request, and a
slow or broken model never slows down or fails a submission.

Several workers may run at once: storing re-checks the complaint under a row lock, and a
second suggestion for the same complaint replaces the first.
"""

import logging
import threading

from django.db import close_old_connections
from django.utils import timezone

from aduan.complaints.models import Complaint, Status
from aduan.triage import service
from aduan.triage.models import Suggestion

log = logging.getLogger(__name__)

BATCH = 200


def pending(limit: int = BATCH) -> list[Complaint]:
    """Submitted complaints without a suggestion, oldest first."""
    return list(
        Complaint.objects.filter(status=Status.SUBMITTED, suggestion__isnull=True)
        .select_related("region")
        .order_by("submitted_at", "pk")[:limit]
    )


def route_pending(limit: int = BATCH) -> int:
    """Route one batch of pending complaints; returns how many were taken (0 without a
    current model)."""
    router = service.current_router()
    if router is None:
        return 0
    batch = pending(limit)
    if not batch:
        return 0
    try:
        for _ in service.route(batch, router):
            pass
    except Exception:
        # One complaint the model cannot handle must not stall the queue behind it: route
        # the batch one by one, and record an empty suggestion for any that fails.
        log.exception("routing a batch of %d complaints failed; retrying one by one", len(batch))
        for c in batch:
            _route_alone(c, router)
    return len(batch)


def _route_alone(c: Complaint, router) -> None:
    try:
        for _ in service.route([c], router):
            pass
    except Exception:
        log.exception("routing complaint %s failed; left to verifiers", c.pk)
        Suggestion.objects.get_or_create(
            complaint=c,
            defaults={
                "model_version": router.version,
                "confidence": 0.0,
                "created_at": timezone.now(),
            },
        )


def run(*, interval: float, stop: threading.Event, limit: int = BATCH) -> None:
    """Route until `stop` is set, waiting `interval` seconds whenever the queue is empty."""
    while not stop.is_set():
        close_old_connections()  # a long-lived process must not hold a broken connection
        try:
            taken = route_pending(limit)
        except Exception:
            log.exception("routing worker: batch failed")
            taken = 0
        if taken < limit:
            stop.wait(interval)
