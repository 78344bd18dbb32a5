"""`aduan serve` routes new complaints in the worker it starts beside the web server."""

import json
import os
import signal
import time
import urllib.request
from pathlib import Path

import pytest

from aduan import router as ml
from aduan.complaints.models import Complaint, Status
from aduan.triage import service
from aduan.triage.models import Suggestion
from tests.triage.test_triage import examples

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_complaint_submitted_to_the_server_is_routed_by_its_worker(
    world, server, server_media, settings, tmp_path
):
    settings.MEDIA_ROOT = server_media  # the artifact goes where the server reads it
    ml.Router.fit(*examples(400)).save(tmp_path / "model")
    service.promote(service.store(tmp_path / "model", training_size=400, metrics={}))

    payload = {
        "kind": "pengaduan",
        "title": "Obat puskesmas habis",
        "body": "obat di puskesmas habis pasien disuruh membeli sendiri",
        "region": "35.78.04.1002",
    }
    request = urllib.request.Request(
        f"{server}/api/v1/complaints",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": "worker-1-7c0e9b42d5a6"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        tracking_id = json.load(response)["tracking_id"]
    complaint = Complaint.objects.get(tracking_id=tracking_id)

    # The worker looks for a new model every few seconds and for new complaints every second.
    for _ in range(300):
        suggestion = Suggestion.objects.filter(complaint=complaint).first()
        if suggestion is not None:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the routing worker did not route the complaint within 30 s")
    assert suggestion.agency_codes[0] == "dinkes-sby"
    complaint.refresh_from_db()
    assert complaint.status in (Status.SUBMITTED, Status.DISPOSED)


def _routing_workers(parent: int) -> list[int]:
    """Pids of `aduan router work` processes whose parent is `parent`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent and cmdline[-3:-1] == [b"router", b"work"]:
            found.append(int(entry.name))
    return found


def test_the_server_restarts_a_routing_worker_that_died(served):
    process, _ = served

    def wait_for_one(other_than: int | None = None) -> int:
        for _ in range(100):
            workers = [p for p in _routing_workers(process.pid) if p != other_than]
            if workers:
                return workers[0]
            time.sleep(0.1)
        pytest.fail("no routing worker beside the server")

    first = wait_for_one()
    os.kill(first, signal.SIGKILL)
    assert wait_for_one(other_than=first) != first
