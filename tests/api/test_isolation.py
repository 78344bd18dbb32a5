"""Who sees what: every object endpoint × every role × every privacy combination.

The expectations are written out as tables, not derived from the code under test.
"""

import json

import pytest

from aduan.complaints import workflow
from aduan.complaints.workflow import Actor
from tests.conftest import submit

pytestmark = pytest.mark.django_db

FLAGS = {
    "plain": {},
    "anonim": {"anonymous": True},
    "rahasia": {"confidential": True},
    "anonim+rahasia": {"anonymous": True, "confidential": True},
}
ROLES = [
    "anonymous", "other_citizen", "reporter", "verifier", "verifier_sby", "verifier_pacitan",
    "officer", "supervisor", "unit_officer", "other_officer", "oversight", "clerk", "admin",
]  # fmt: skip

# Staff detail: status code per role.
DETAIL = {
    "anonymous": 401, "other_citizen": 403, "reporter": 403, "clerk": 403,
    "verifier": 200, "verifier_sby": 200, "verifier_pacitan": 404,
    "officer": 200, "supervisor": 200, "unit_officer": 404, "other_officer": 404,
    "oversight": 200, "admin": 200,
}  # fmt: skip
# Who sees the reporter's identity in the staff detail: always, or only when not anonim.
IDENTITY_ALWAYS = {"verifier", "verifier_sby", "admin"}
IDENTITY_UNLESS_ANONIM = {"officer", "supervisor", "oversight"}
# The reporter's private view, opened with a session (no secret).
PRIVATE = {role: 404 for role in ROLES} | {
    "reporter": 200,
    "verifier": 403, "verifier_sby": 403, "officer": 403, "supervisor": 403,
    "oversight": 403, "admin": 403,
}  # fmt: skip
# Taking an agency action ("accept") on a complaint disposed to the roads office.
ACCEPT = {
    "anonymous": 401, "other_citizen": 403, "reporter": 403, "clerk": 403,
    "verifier": 403, "verifier_sby": 403, "verifier_pacitan": 404,
    "officer": 200, "supervisor": 200, "unit_officer": 404, "other_officer": 404,
    "oversight": 403, "admin": 403,
}  # fmt: skip

REPORTER_NAME = "Siti Aminah"


@pytest.fixture(params=list(FLAGS))
def disposed(request, world):
    c = submit(reporter=world.users.citizen, **FLAGS[request.param])
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    return request.param, c


def client_for(client, world, role):
    if role == "anonymous":
        return client
    user = world.users.citizen if role == "reporter" else getattr(world.users, role)
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_public_view_never_shows_identity_and_hides_rahasia_content(world, client, disposed, role):
    flags, c = disposed
    body = client_for(client, world, role).get(f"/api/v1/complaints/{c.tracking_id}").json()
    text = json.dumps(body)
    assert REPORTER_NAME not in text and "081234567890" not in text
    assert body.get("reporter") is None
    if "rahasia" in flags:
        assert body["title"] is None and body["body"] is None and body["agency"] is None
        assert c.title not in text and world.roads.name not in text
    else:
        assert body["title"] == c.public_title and body["agency"] == world.roads.name


@pytest.mark.parametrize("role", ROLES)
def test_staff_detail_follows_the_table_and_identity_follows_anonim(world, client, disposed, role):
    flags, c = disposed
    response = client_for(client, world, role).get(f"/api/v1/office/complaints/{c.tracking_id}")
    assert response.status_code == DETAIL[role]
    if response.status_code != 200:
        assert REPORTER_NAME not in response.content.decode()
        return
    body = response.json()
    shows = role in IDENTITY_ALWAYS or (role in IDENTITY_UNLESS_ANONIM and "anonim" not in flags)
    assert ((body.get("reporter") or {}).get("name") == REPORTER_NAME) == shows
    assert (REPORTER_NAME in response.content.decode()) == shows


@pytest.mark.parametrize("role", ROLES)
def test_queue_lists_exactly_what_the_detail_allows(world, client, disposed, role):
    flags, c = disposed
    response = client_for(client, world, role).get("/api/v1/queue")
    if DETAIL[role] in (401, 403):
        assert response.status_code == DETAIL[role]
        return
    listed = {item["tracking_id"] for item in response.json()["items"]}
    assert (c.tracking_id in listed) == (DETAIL[role] == 200)
    assert REPORTER_NAME not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_private_view_is_for_the_reporter_alone(world, client, disposed, role):
    flags, c = disposed
    response = client_for(client, world, role).get(f"/api/v1/complaints/{c.tracking_id}/private")
    assert response.status_code == PRIVATE[role]
    if response.status_code == 200:
        assert response.json()["reporter"]["name"] == REPORTER_NAME


@pytest.mark.parametrize("role", ROLES)
def test_agency_action_is_for_the_handling_agency_alone(world, client, disposed, role):
    flags, c = disposed
    response = client_for(client, world, role).post(
        f"/api/v1/office/complaints/{c.tracking_id}/actions/accept",
        data="{}",
        content_type="application/json",
    )
    assert response.status_code == ACCEPT[role], response.content
    c.refresh_from_db()
    assert c.status == ("in_progress" if ACCEPT[role] == 200 else "disposed")


def test_a_rahasia_answer_never_reaches_the_public_view(world, client):
    c = submit(confidential=True)
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    answer = "Jalan di depan rumah Ibu Siti sudah ditambal."
    workflow.apply(c, "answer", actor=Actor.staff(world.users.officer), note=answer)
    body = client.get(f"/api/v1/complaints/{c.tracking_id}").content.decode()
    assert "ditambal" not in body and c.title not in body


def test_public_notes_are_masked_as_the_public_text_is(world, client):
    # An answer thanks the reporter by name; an extension names whom the agency will call.
    c = submit()
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    officer = Actor.staff(world.users.officer)
    call = "Kami hubungi Ibu Siti Aminah di 081234567890 untuk jadwal survei."
    workflow.apply(c, "extend", actor=officer, note=call, days=5)
    thanks = "Sudah ditambal. Terima kasih Ibu Siti Aminah."
    workflow.apply(c, "answer", actor=officer, note=thanks)
    seen = client.get(f"/api/v1/complaints/{c.tracking_id}")
    notes = [e["note"] for e in seen.json()["timeline"] if e["note"]]
    assert notes and all("survei" in n or "ditambal" in n for n in notes)
    text = seen.content.decode()
    assert REPORTER_NAME not in text and "081234567890" not in text
    for url in (f"/laporan/{c.tracking_id}/", f"/lacak/{c.tracking_id}/"):
        html = client.get(url).content.decode()
        assert "ditambal" in html and REPORTER_NAME not in html and "081234567890" not in html


def test_the_public_answer_masks_the_name_of_a_reporter_who_was_signed_in(world, client):
    citizen = world.users.citizen
    c = submit(reporter=citizen, reporter_name="", reporter_phone="")
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    note = f"Terima kasih {citizen.full_name}, lubang sudah ditambal."
    workflow.apply(c, "answer", actor=Actor.staff(world.users.officer), note=note)
    answer = client.get(f"/api/v1/complaints/{c.tracking_id}").json()["answer"]
    assert "ditambal" in answer and citizen.full_name not in answer


def test_notes_that_name_an_anonim_reporter_are_masked_for_the_agency(world, client):
    c = submit(anonymous=True)
    note = f"Ibu {REPORTER_NAME}, mohon kirim foto lokasi ke 081234567890."
    workflow.apply(c, "hold", actor=Actor.staff(world.users.verifier), note=note)
    reply = f"Saya {REPORTER_NAME}, foto terlampir."
    workflow.apply(c, "reply", actor=Actor.reporter(), note=reply)
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    for role in ("officer", "supervisor", "oversight"):
        client.force_login(getattr(world.users, role))
        api = client.get(f"/api/v1/office/complaints/{c.tracking_id}").content.decode()
        html = client.get(f"/kantor/laporan/{c.tracking_id}/").content.decode()
        for seen in (api, html):
            assert "foto lokasi" in seen and "foto terlampir" in seen, role
            assert REPORTER_NAME not in seen and "081234567890" not in seen, role
    client.force_login(world.users.verifier)
    assert REPORTER_NAME in client.get(f"/kantor/laporan/{c.tracking_id}/").content.decode()


def test_an_officer_reads_an_anonim_report_with_the_reporters_name_masked(world, client):
    body = "Saya Siti Aminah, warga RT 3. Lubang di depan rumah saya sudah sebulan."
    c = submit(anonymous=True, body=body)
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    client.force_login(world.users.officer)
    seen = client.get(f"/api/v1/office/complaints/{c.tracking_id}").json()
    assert REPORTER_NAME not in seen["body"] and "Lubang di depan rumah" in seen["body"]
    client.force_login(world.users.verifier)
    assert REPORTER_NAME in client.get(f"/api/v1/office/complaints/{c.tracking_id}").json()["body"]


def test_an_anonim_reporters_address_is_masked_for_the_agency(world, client):
    address = f"Rumah {REPORTER_NAME}, Gg. Jagir 3/12, telp 081234567890"
    c = submit(anonymous=True, address=address)
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    client.force_login(world.users.officer)
    api = client.get(f"/api/v1/office/complaints/{c.tracking_id}").json()["address"]
    html = client.get(f"/kantor/laporan/{c.tracking_id}/").content.decode()
    assert "Gg. Jagir 3/12" in api and "Gg. Jagir 3/12" in html  # the place stays
    for seen in (api, html):
        assert REPORTER_NAME not in seen and "081234567890" not in seen
    client.force_login(world.users.verifier)
    assert client.get(f"/api/v1/office/complaints/{c.tracking_id}").json()["address"] == address


def test_the_queue_shows_an_officer_an_anonim_title_masked_as_the_detail_does(world, client):
    c = submit(anonymous=True, title="Siti Aminah 081234567890 lapor jalan rusak")
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    client.force_login(world.users.officer)
    listed = client.get("/api/v1/queue").json()["items"]
    title = next(item["title"] for item in listed if item["tracking_id"] == c.tracking_id)
    assert REPORTER_NAME not in title and "081234567890" not in title
    assert "jalan rusak" in title
    client.force_login(world.users.verifier)
    listed = client.get("/api/v1/queue").json()["items"]
    assert c.title in [item["title"] for item in listed]


def test_masked_notes_are_made_once_and_a_new_answer_is_masked_anew(world, client, monkeypatch):
    from aduan.complaints import redaction

    c = submit(reporter=world.users.citizen)
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    officer = Actor.staff(world.users.officer)
    name = world.users.citizen.full_name
    workflow.apply(c, "answer", actor=officer, note=f"Sudah ditambal, {name}.")
    passes = []
    detect = redaction._mask_in_pieces
    monkeypatch.setattr(redaction, "_mask_in_pieces", lambda t: passes.append(t) or detect(t))
    url = f"/api/v1/complaints/{c.tracking_id}"
    first = client.get(url).json()
    assert passes and "ditambal" in first["answer"] and name not in first["answer"]
    passes.clear()
    assert client.get(url).json() == first and passes == []  # read back, not masked again

    workflow.apply(c, "reopen", actor=Actor.reporter(), note="Belum, masih berlubang.")
    workflow.apply(c, "answer", actor=officer, note=f"Sudah diaspal ulang, {name}.")
    again = client.get(url).json()
    assert "diaspal" in again["answer"] and name not in again["answer"]
    notes = [e["note"] for e in again["timeline"] if e["note"]]
    assert any("diaspal" in n for n in notes) and not any(name in n for n in notes)
