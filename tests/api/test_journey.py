"""The whole journey over HTTP, as a machine client and a reporter would take it."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from aduan.complaints.models import Complaint
from aduan.complaints.sweep import sweep
from tests.conftest import JAGIR

pytestmark = pytest.mark.django_db


def api_key(name: str, *args: str) -> str:
    out = io.StringIO()
    call_command("apikey", "create", "--name", name, *args, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def call(client, method, path, key=None, secret=None, **body):
    headers = {}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    if secret:
        headers["X-Reporter-Secret"] = secret
    if method == "get":
        return client.get(f"/api/v1{path}", headers=headers)
    # As curl sends it: a JSON body, or no body at all.
    data = json.dumps(body) if body else ""
    return client.post(
        f"/api/v1{path}", data=data, content_type="application/json", headers=headers
    )


SUBMISSION = {
    "kind": "pengaduan",
    "title": "Saluran air mampet di Jagir",
    "body": "Tiap hujan saluran di gang 3 meluap sampai masuk rumah warga, mohon dikeruk.",
    "region": JAGIR,
    "reporter": {"name": "Rina", "email": "rina@example.org"},
}


def test_submit_verify_answer_rate_closes_the_complaint(world, client):
    verifier = api_key("verif", "--role", "verifier")
    officer = api_key("dpu", "--agency", "dpu-sby")
    created = call(client, "post", "/complaints", **SUBMISSION).json()
    tid, secret = created["tracking_id"], created["secret"]

    queue = call(client, "get", "/queue?status=submitted", key=verifier).json()
    assert tid in [i["tracking_id"] for i in queue["items"]]
    r = call(client, "post", f"/office/complaints/{tid}/actions/verify", key=verifier,
             agency="dpu-sby", category="jalan")  # fmt: skip
    assert r.status_code == 200 and r.json()["status"] == "disposed"

    r = call(client, "post", f"/office/complaints/{tid}/actions/answer", key=officer,
             note="Saluran sudah dikeruk oleh satgas pada hari Selasa.")  # fmt: skip
    assert r.status_code == 200 and r.json()["status"] == "answered"

    public = call(client, "get", f"/complaints/{tid}").json()
    assert public["answer"].startswith("Saluran sudah dikeruk")
    r = call(client, "post", f"/complaints/{tid}/rate", secret=secret, rating=5)
    assert r.status_code == 200 and r.json()["status"] == "closed" and r.json()["rating"] == 5
    timeline = [e["action"] for e in r.json()["timeline"]]
    assert timeline == ["submit", "verify", "answer", "rate"]


def test_the_silent_path_auto_closes_after_ten_working_days(world, client):
    verifier = api_key("verif", "--role", "verifier")
    officer = api_key("dpu", "--agency", "dpu-sby")
    tid = call(client, "post", "/complaints", **SUBMISSION).json()["tracking_id"]
    call(client, "post", f"/office/complaints/{tid}/actions/verify", key=verifier, agency="dpu-sby")
    call(client, "post", f"/office/complaints/{tid}/actions/answer", key=officer, note="Beres.")
    assert sweep().auto_closed == 0  # not yet
    result = sweep(at=timezone.now() + timedelta(days=20))
    assert result.auto_closed == 1
    c = Complaint.objects.get(tracking_id=tid)
    assert c.status == "closed" and c.events.last().actor_role == "system"


def test_a_question_the_reporter_leaves_unanswered_comes_back_to_the_agency(world, client):
    verifier = api_key("verif", "--role", "verifier")
    officer = api_key("dpu", "--agency", "dpu-sby")
    tid = call(client, "post", "/complaints", **SUBMISSION).json()["tracking_id"]
    call(client, "post", f"/office/complaints/{tid}/actions/verify", key=verifier, agency="dpu-sby")
    call(client, "post", f"/office/complaints/{tid}/actions/accept", key=officer)
    asked = call(client, "post", f"/office/complaints/{tid}/actions/ask_reporter", key=officer,
                 note="Gang 3 yang mana?").json()  # fmt: skip
    assert asked["status"] == "awaiting_reporter" and asked["paused"]
    reply_due = asked["reply_due_at"]
    assert reply_due is not None
    assert sweep(at=timezone.now() + timedelta(days=20)).resumed == 1
    view = call(client, "get", f"/office/complaints/{tid}", key=officer).json()
    assert view["status"] == "in_progress" and not view["paused"] and view["reply_due_at"] is None
    assert view["timeline"][-1]["action"] == "reporter_silent"


def test_a_misspelt_privacy_mark_is_refused_not_ignored(world, client):
    verifier = api_key("verif", "--role", "verifier")
    tid = call(client, "post", "/complaints", **SUBMISSION).json()["tracking_id"]
    r = call(client, "post", f"/office/complaints/{tid}/actions/verify", key=verifier,
             agency="dpu-sby", mark_confidental=True)  # fmt: skip
    assert r.status_code == 422 and "mark_confidental" in r.json()["fields"]
    assert Complaint.objects.get(tracking_id=tid).status == "submitted"


def test_a_verifier_protects_over_the_api_after_disposal_and_an_officer_cannot(world, client):
    verifier = api_key("verif", "--role", "verifier")
    officer = api_key("dpu", "--agency", "dpu-sby")
    tid = call(client, "post", "/complaints", **SUBMISSION).json()["tracking_id"]
    call(client, "post", f"/office/complaints/{tid}/actions/verify", key=verifier, agency="dpu-sby")
    r = call(client, "post", f"/office/complaints/{tid}/actions/accept", key=officer,
             mark_confidential=True)  # fmt: skip
    assert r.status_code == 422 and "mark_confidential" in r.json()["fields"]
    r = call(client, "post", f"/office/complaints/{tid}/actions/protect", key=verifier,
             mark_confidential=True, note="Pelapor diancam.")  # fmt: skip
    assert r.status_code == 200 and r.json()["status"] == "disposed"
    assert r.json()["timeline"][-1]["marked"] == ["confidential"]  # on the record, by whom
    assert r.json()["timeline"][-1]["actor_role"] == "verifier"
    assert call(client, "get", f"/complaints/{tid}").json()["title"] is None


def test_illegal_transition_is_a_409_with_a_code(world, client):
    officer = api_key("dpu", "--agency", "dpu-sby")
    verifier = api_key("verif", "--role", "verifier")
    tid = call(client, "post", "/complaints", **SUBMISSION).json()["tracking_id"]
    call(client, "post", f"/office/complaints/{tid}/actions/verify", key=verifier, agency="dpu-sby")
    r = call(client, "post", f"/office/complaints/{tid}/actions/close", key=officer)
    assert r.status_code == 409 and r.json()["code"] == "illegal_transition", r.content


def test_unknown_action_and_unknown_agency_are_client_errors(world, client):
    verifier = api_key("verif", "--role", "verifier")
    tid = call(client, "post", "/complaints", **SUBMISSION).json()["tracking_id"]
    r = call(client, "post", f"/office/complaints/{tid}/actions/explode", key=verifier)
    assert r.status_code == 422
    r = call(client, "post", f"/office/complaints/{tid}/actions/verify", key=verifier, agency="x")
    assert r.status_code == 422 and "agency" in r.json()["fields"]


def test_a_nul_character_is_a_422_naming_the_field_on_every_database(world, client):
    # PostgreSQL cannot store a NUL: unchecked, it failed the request with a 500.
    verifier = api_key("verif", "--role", "verifier")
    tid = call(client, "post", "/complaints", **SUBMISSION).json()["tracking_id"]
    r = call(client, "post", f"/office/complaints/{tid}/actions/hold", key=verifier, note="a\x00b")
    assert r.status_code == 422 and "note" in r.json()["fields"]
    r = call(client, "get", "/office/complaints/LPR-%00", key=verifier)
    assert r.status_code == 400 and r.json()["code"] == "invalid"
    r = call(client, "get", "/queue?agency=dpu%00", key=verifier)
    assert r.status_code == 400 and r.json()["code"] == "invalid"
    assert client.get("/lacak/LPR-%00/").status_code == 400
    assert Complaint.objects.get(tracking_id=tid).events.count() == 1


def test_a_field_the_action_does_not_use_is_refused_not_ignored(world, client):
    tid = call(client, "post", "/complaints", **SUBMISSION).json()["tracking_id"]
    verifier = api_key("verif-unused", "--role", "verifier")
    path = f"/office/complaints/{tid}/actions"
    r = call(client, "post", f"{path}/verify", key=verifier, agency="dpu-sby", days=5)
    assert r.status_code == 422 and r.json()["fields"] == {
        "days": ["Tindakan ini tidak memakai isian ini."]
    }
    assert Complaint.objects.get(tracking_id=tid).status == "submitted"
    # Defaults sent along (a client that always sends every field) are not "used".
    r = call(client, "post", f"{path}/verify", key=verifier, agency="dpu-sby", days=None,
             reason="", mark_anonymous=True)  # fmt: skip
    assert r.status_code == 200, r.content
    # Any verifier action may mark a complaint (as the workflow allows), not only verify.
    other = call(client, "post", "/complaints", **SUBMISSION).json()["tracking_id"]
    held = call(client, "post", f"/office/complaints/{other}/actions/hold", key=verifier,
                note="Lokasi persisnya di mana?", mark_confidential=True)  # fmt: skip
    assert held.status_code == 200 and Complaint.objects.get(tracking_id=other).is_confidential
    officer = api_key("dpu-unused", "--agency", "dpu-sby")
    r = call(client, "post", f"{path}/answer", key=officer, note="Sudah.", reason="duplicate")
    assert r.status_code == 422 and set(r.json()["fields"]) == {"reason"}


def test_a_bad_api_key_is_refused(world, client):
    r = call(client, "get", "/queue", key="adn_not-a-key")
    assert r.status_code == 401 and r.json()["code"] == "unauthorized"


def test_photo_upload_is_sniffed_and_loses_its_exif(world, client):
    created = call(client, "post", "/complaints", **SUBMISSION).json()
    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    exif[0x8825] = {2: (7.0, 18.0, 0.0)}  # GPS latitude
    raw = io.BytesIO()
    image.save(raw, format="JPEG", exif=exif)
    assert b"KameraRahasia" in raw.getvalue()
    raw.seek(0)
    raw.name = "foto saya.jpg"
    r = client.post(
        f"/api/v1/complaints/{created['tracking_id']}/attachments",
        {"file": raw},
        headers={"X-Reporter-Secret": created["secret"]},
    )
    assert r.status_code == 201, r.content
    stored = Complaint.objects.get(tracking_id=created["tracking_id"]).attachments.get()
    data = stored.file.read()
    assert stored.content_type == "image/jpeg" and b"KameraRahasia" not in data
    assert not Image.open(io.BytesIO(data)).getexif()


def test_a_file_pretending_to_be_a_photo_is_refused(world, client):
    created = call(client, "post", "/complaints", **SUBMISSION).json()
    fake = io.BytesIO(b"#!/bin/sh\necho pwned\n")
    fake.name = "foto.jpg"
    r = client.post(
        f"/api/v1/complaints/{created['tracking_id']}/attachments",
        {"file": fake},
        headers={"X-Reporter-Secret": created["secret"]},
    )
    assert r.status_code == 422 and "file" in r.json()["fields"]


def test_queue_filters_order_and_cursor_pagination(world, client):
    verifier = api_key("verif", "--role", "verifier")
    tids = [
        call(client, "post", "/complaints", **SUBMISSION | {"title": f"Laporan nomor {i}"}).json()[
            "tracking_id"
        ]
        for i in range(7)
    ]
    seen, cursor = [], ""
    while True:
        page = call(client, "get", f"/queue?limit=3&ordering=-submitted&cursor={cursor}",
                    key=verifier).json()  # fmt: skip
        seen += [i["tracking_id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == list(reversed(tids))
    assert call(client, "get", "/queue?region=35.01", key=verifier).json()["items"] == []
    late = call(client, "get", "/queue?overdue=true", key=verifier).json()["items"]
    assert late == []
    r = call(client, "get", "/queue?cursor=garbage", key=verifier)
    assert r.status_code == 422 and "cursor" in r.json()["fields"]
    r = call(client, "get", "/queue?status=melayang", key=verifier)
    assert r.status_code == 422 and "status" in r.json()["fields"]


def test_openapi_schema_and_docs_work_without_internet(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200 and "/api/v1/complaints" in schema.json()["paths"]
    docs = client.get("/api/v1/docs")
    html = docs.content.decode()
    assert docs.status_code == 200
    assert "cdn" not in html.lower() and "/static/ninja/swagger-ui-bundle.js" in html


def test_an_api_submission_hides_the_reporter_from_the_agency_unless_told_not_to(world, client):
    verifier = api_key("verif", "--role", "verifier")
    officer = api_key("dpu", "--agency", "dpu-sby")
    hidden = call(client, "post", "/complaints", **SUBMISSION).json()["tracking_id"]
    named = call(client, "post", "/complaints", **SUBMISSION, anonymous=False).json()
    for tid in (hidden, named["tracking_id"]):
        call(client, "post", f"/office/complaints/{tid}/actions/verify", key=verifier,
             agency="dpu-sby")  # fmt: skip
    assert "Rina" not in call(client, "get", f"/office/complaints/{hidden}", key=officer).text
    seen = call(client, "get", f"/office/complaints/{named['tracking_id']}", key=officer).json()
    assert seen["reporter"]["name"] == "Rina"


def test_an_apikey_for_a_verifier_is_national_or_regional_never_tied_to_an_agency(world, client):
    from django.core.management.base import CommandError

    from tests.conftest import PACITAN_VILLAGE

    with pytest.raises(CommandError, match="--agency is for officers"):
        api_key("liaison", "--agency", "dpu-sby", "--role", "verifier")
    with pytest.raises(CommandError, match="unknown region"):
        api_key("jatim", "--role", "verifier", "--region", "99.99")
    regional = api_key("sby", "--role", "verifier", "--region", "35.78")
    pacitan = call(
        client, "post", "/complaints", **(SUBMISSION | {"region": PACITAN_VILLAGE})
    ).json()
    jagir = call(client, "post", "/complaints", **SUBMISSION).json()
    assert (
        call(
            client, "get", f"/office/complaints/{pacitan['tracking_id']}", key=regional
        ).status_code
        == 404
    )
    assert (
        call(client, "get", f"/office/complaints/{jagir['tracking_id']}", key=regional).status_code
        == 200
    )


def test_an_agency_passing_a_complaint_on_cannot_set_its_category(world, client):
    verifier = api_key("verif", "--role", "verifier")
    officer = api_key("dpu", "--agency", "dpu-sby")
    tid = call(client, "post", "/complaints", **SUBMISSION).json()["tracking_id"]
    call(client, "post", f"/office/complaints/{tid}/actions/verify", key=verifier, agency="dpu-sby")
    r = call(client, "post", f"/office/complaints/{tid}/actions/transfer", key=officer,
             agency="dinkes-sby", note="bukan kami", category="jalan")  # fmt: skip
    assert r.status_code == 422 and "category" in r.json()["fields"]
    assert Complaint.objects.get(tracking_id=tid).agency.code == "dpu-sby"


def test_an_unknown_apikey_role_lists_the_roles_as_they_are_typed(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"choose from '?officer'?, '?supervisor'?") as error:
        api_key("boss", "--role", "boss")
    assert "Role." not in str(error.value)


def test_an_apikey_needs_a_name_and_a_revoked_ones_name_stays_taken(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--name must not be empty"):
        api_key("  ")
    api_key("mesin-a")
    call_command("apikey", "revoke", "--name", "mesin-a", stdout=io.StringIO())
    with pytest.raises(CommandError, match="names are never reused"):
        api_key("mesin-a")
