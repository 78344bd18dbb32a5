"""A retried action over the API acts once when the client names the version it read."""

import io
import json

import pytest
from PIL import Image

from aduan.complaints.models import Complaint, Event
from tests.api.test_journey import SUBMISSION, api_key, call

pytestmark = pytest.mark.django_db


def action(client, tid, name, key, etag=None, **body):
    headers = {"Authorization": f"Bearer {key}"}
    if etag is not None:
        headers["If-Match"] = etag
    return client.post(
        f"/api/v1/office/complaints/{tid}/actions/{name}",
        data=json.dumps(body) if body else "",
        content_type="application/json",
        headers=headers,
    )


@pytest.fixture
def disposed(world, client):
    verifier = api_key("verif", "--role", "verifier")
    tid = call(client, "post", "/complaints", **SUBMISSION).json()["tracking_id"]
    assert action(client, tid, "verify", verifier, agency="dpu-sby").status_code == 200
    return tid, api_key("dpu", "--agency", "dpu-sby")


def test_a_retried_extension_with_if_match_extends_once(client, disposed):
    tid, officer = disposed
    read = call(client, "get", f"/office/complaints/{tid}", key=officer)
    etag = read["ETag"]
    assert etag and etag.startswith('"')
    first = action(client, tid, "extend", officer, etag, note="Perlu survei lapangan.", days=5)
    assert first.status_code == 200 and first.json()["extensions"] == 1
    assert first["ETag"] != etag  # the new version, to name in the next action
    retry = action(client, tid, "extend", officer, etag, note="Perlu survei lapangan.", days=5)
    assert retry.status_code == 412 and retry.json()["code"] == "stale"
    assert Event.objects.filter(complaint__tracking_id=tid, action="extend").count() == 1
    again = action(client, tid, "extend", officer, first["ETag"], note="Lagi.", days=2)
    assert again.status_code == 200 and again.json()["extensions"] == 2


def test_without_if_match_or_with_a_star_the_action_acts_on_the_current_version(client, disposed):
    tid, officer = disposed
    assert action(client, tid, "extend", officer, note="Survei.", days=3).status_code == 200
    assert action(client, tid, "extend", officer, "*", note="Lagi.", days=3).status_code == 200
    assert Complaint.objects.get(tracking_id=tid).extensions == 2


@pytest.mark.parametrize("tag", ['"kemarin"', '"2026-01-01T00:00:00"', "W/", '""'])
def test_an_if_match_naming_no_version_we_gave_is_refused(client, disposed, tag):
    tid, officer = disposed
    r = action(client, tid, "extend", officer, tag, note="Survei.", days=3)
    assert r.status_code == 412 and r.json()["code"] == "stale"
    assert Complaint.objects.get(tracking_id=tid).extensions == 0


def test_a_weak_tag_names_the_same_version(client, disposed):
    tid, officer = disposed
    etag = call(client, "get", f"/office/complaints/{tid}", key=officer)["ETag"]
    r = action(client, tid, "extend", officer, "W/" + etag, note="Survei.", days=3)
    assert r.status_code == 200


def test_a_list_of_tags_matches_when_one_of_them_names_the_version(client, disposed):
    tid, officer = disposed
    etag = call(client, "get", f"/office/complaints/{tid}", key=officer)["ETag"]
    listed = f'"2020-01-01T00:00:00+00:00", {etag}'
    assert action(client, tid, "extend", officer, listed, note="Survei.", days=3).status_code == 200
    retry = action(client, tid, "extend", officer, listed, note="Survei.", days=3)
    assert retry.status_code == 412


def test_a_retried_reporter_reply_with_if_match_is_recorded_once(client, world):
    created = call(client, "post", "/complaints", **SUBMISSION).json()
    tid, secret = created["tracking_id"], created["secret"]
    mine = call(client, "get", f"/complaints/{tid}/private", secret=secret)
    headers = {"X-Reporter-Secret": secret, "If-Match": mine["ETag"]}
    body = '{"note": "Fotonya menyusul besok."}'
    first = client.post(
        f"/api/v1/complaints/{tid}/reply", data=body, content_type="application/json",
        headers=headers,
    )  # fmt: skip
    assert first.status_code == 200, first.content
    retry = client.post(
        f"/api/v1/complaints/{tid}/reply", data=body, content_type="application/json",
        headers=headers,
    )  # fmt: skip
    assert retry.status_code == 412
    assert Event.objects.filter(complaint__tracking_id=tid, action="reply").count() == 1


def test_the_same_file_uploaded_again_is_one_attachment(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    created = call(client, "post", "/complaints", **SUBMISSION).json()
    raw = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(raw, format="PNG")

    def upload():
        picture = io.BytesIO(raw.getvalue())
        picture.name = "foto.png"
        return client.post(
            f"/api/v1/complaints/{created['tracking_id']}/attachments",
            {"file": picture},
            headers={"X-Reporter-Secret": created["secret"]},
        )

    first, retry = upload(), upload()
    assert first.status_code == retry.status_code == 201
    assert first.json()["attachments"] == retry.json()["attachments"]
    assert Complaint.objects.get(tracking_id=created["tracking_id"]).attachments.count() == 1
