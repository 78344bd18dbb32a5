"""`aduan serve` routes new complaints in the worker it starts beside the web server."""

import json
import time
import urllib.request

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
        headers={"Content-Type": "application/json", "Idempotency-Key": "worker-1"},
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
