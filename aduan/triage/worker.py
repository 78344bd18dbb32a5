"""Routing off the request path.

A submission only records the complaint and marks it `needs_routing`. This worker takes the
marked complaints oldest first (new ones, and any that came in while no model was current),
predicts them in one batch, and stores each suggestion, with the automatic disposal of a sure
one, in its own transaction. Batches cost far less per complaint than one prediction per
request, and a slow or broken model never slows down or fails a submission.

One worker per deployment is enough. More are safe (storing re-checks the complaint under a
row lock and clears the mark) but not faster: they would take the same oldest complaints.
"""

import logging
import os
import threading

from django.db import InterfaceError, OperationalError, close_old_connections

from aduan.complaints.models import Complaint, Status
from aduan.triage import service

log = logging.getLogger(__name__)

BATCH = 200
MAX_BACKOFF = 300.0
# A lost connection or a locked database passes; the batch is taken again next time. Any
# other error belongs to a complaint (or the model) and must not stall the queue.
_TRANSIENT = (OperationalError, InterfaceError)


def pending(limit: int = BATCH) -> list[Complaint]:
    """Complaints waiting for the router, oldest first."""
    return list(
        Complaint.objects.filter(needs_routing=True, status=Status.SUBMITTED)
        .select_related("region")
        .order_by("submitted_at", "pk")[:limit]
    )


def route_pending(limit: int = BATCH) -> int:
    """Route one batch of waiting complaints; returns how many were taken (0 without a
    current model). Transient database errors propagate: the batch is taken again."""
    router = service.current_router(routing=True)
    if router is None:
        return 0
    batch = pending(limit)
    if not batch:
        return 0
    try:
        service.route(batch, router)
    except _TRANSIENT:
        raise
    except Exception:
        # One complaint the model cannot handle must not stall the queue behind it.
        log.exception("routing a batch of %d complaints failed; routing one by one", len(batch))
        failed = [c.pk for c in batch if not _routed_alone(c, router)]
        if len(failed) == len(batch):
            # Nothing routes: the model or the system is broken, not these complaints. They
            # stay queued for when it is fixed; the caller waits before the next try.
            raise RoutingBroken(f"all {len(batch)} complaints of a batch failed") from None
        # The others routed: these few are what fails. They are left to the verifiers.
        Complaint.objects.filter(pk__in=failed).update(needs_routing=False)
    return len(batch)


class RoutingBroken(Exception):
    """Every complaint of a batch failed on its own."""


def _routed_alone(c: Complaint, router) -> bool:
    try:
        service.route([c], router)
    except _TRANSIENT:
        raise
    except Exception as exc:
        # The batch's traceback is logged already; one line each, never the message (it
        # may quote the complaint).
        log.warning("routing complaint %s failed: %s", c.pk, type(exc).__name__)
        return False
    return True


def run(
    *, interval: float, stop: threading.Event, limit: int = BATCH, parent: int | None = None
) -> None:
    """Route until `stop` is set, or until the process `parent` (the server that started
    this worker) is gone, so no orphan routes on beside the next server. Waits `interval`
    seconds whenever the queue is empty; after failed batches, twice as long each time, up
    to `MAX_BACKOFF`: a broken model or database is not hammered, nor the log filled."""
    failures = 0
    while not stop.is_set():
        if parent is not None and os.getppid() != parent:
            log.warning("routing worker: parent %s is gone, stopping", parent)
            return
        close_old_connections()  # a long-lived process must not keep a broken connection
        try:
            taken = route_pending(limit)
        except Exception:
            failures += 1
            wait = max(interval, min(interval * 2 ** min(failures, 20), MAX_BACKOFF))
            log.exception("routing worker: batch failed, retrying after %.0f s", wait)
            stop.wait(wait)
            continue
        failures = 0
        if taken < limit:
            stop.wait(interval)
