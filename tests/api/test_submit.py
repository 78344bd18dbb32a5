"""Submitting over the API: validation, idempotency, redaction, the reporter's secret."""

import json

import pytest
from django.test import Client

from aduan.complaints.models import Complaint, Event
from aduan.complaints.redaction import public_text
from tests.conftest import HTTPS, JAGIR, run_concurrently, submit

pytestmark = pytest.mark.django_db

VALID = {
    "kind": "pengaduan",
    "title": "Lampu PJU mati di Jl. Jagir Wonokromo",
    "body": "Sudah seminggu lampu jalan mati, gelap sekali dan rawan begal. Saya Budi Santoso, "
    "hp 081234567890, NIK 3578012345678901.",
    "region": JAGIR,
    "reporter": {"name": "Budi Santoso", "phone": "081234567890"},
}


def post(client, payload, **headers):
    return client.post(
        "/api/v1/complaints",
        data=json.dumps(payload),
        content_type="application/json",
        headers=headers,
        secure=True,
    )


def test_anonymous_caller_can_submit_and_gets_tracking_id_and_secret(world, client):
    response = post(client, VALID)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["tracking_id"].startswith("LPR-") and len(body["tracking_id"]) == 12
    assert len(body["secret"]) == 32
    complaint = Complaint.objects.get(tracking_id=body["tracking_id"])
    assert complaint.status == "submitted" and complaint.channel == "api"
    submitted = complaint.events.get()
    assert submitted.action == "submit"
    # The reporter's own privacy choice is on the record (anonim by default over the API).
    assert (submitted.data["anonymous"], submitted.data["confidential"]) == (True, False)


@pytest.mark.parametrize(
    "change, field",
    [
        ({"kind": "gosip"}, "kind"),
        ({"title": "abc"}, "title"),
        ({"body": ""}, "body"),
        ({"region": "Surabaya"}, "region"),
        ({"region": "99.99.99.9999"}, "region"),
        ({"category": "tidak-ada"}, "category"),
        ({"incident_date": "2999-01-01"}, "incident_date"),
        ({"incident_date": "kemarin"}, "incident_date"),
        ({"incident_date": "0001-01-01"}, "incident_date"),
        ({"latitude": -7.3}, "longitude"),
        ({"latitude": 48.8, "longitude": 2.3}, "latitude"),
        ({"reporter": {"email": "bukan-surel"}}, "reporter.email"),
        ({"channel": "counter"}, "channel"),
        ({"confidental": True}, "confidental"),  # misspelt: not silently public
        ({"body": "Lampu jalan mati\x00 sejak seminggu"}, "body"),
        ({"reporter": {"name": "Budi\x00"}}, "reporter.name"),
        # Not an object: the contact would otherwise be dropped and the rest accepted.
        ({"reporter": "Budi Santoso 081234567890"}, "reporter"),
        ({"reporter": ["Budi"]}, "reporter"),
        ({"reporter": True}, "reporter"),
        # Lengths hold for the stripped text intake keeps.
        ({"title": "    a"}, "title"),
        ({"body": " " * 12}, "body"),
    ],
)
def test_invalid_input_is_a_422_naming_the_field_and_nothing_is_written(
    world, client, change, field
):
    response = post(client, VALID | change)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["fields"], body
    assert not Complaint.objects.exists() and not Event.objects.exists()


def test_malformed_json_is_a_client_error_not_a_500(world, client):
    response = client.post("/api/v1/complaints", data="{oops", content_type="application/json")
    assert 400 <= response.status_code < 500


def test_same_idempotency_key_and_body_returns_the_same_complaint(world, client):
    first = post(client, VALID, **{"Idempotency-Key": "retry-3f9c2a7e-5b1d"})
    second = post(client, VALID, **{"Idempotency-Key": "retry-3f9c2a7e-5b1d"})
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert Complaint.objects.count() == 1


def test_same_idempotency_key_with_another_body_is_refused(world, client):
    post(client, VALID, **{"Idempotency-Key": "retry-3f9c2a7e-5b1d"})
    response = post(
        client,
        VALID | {"title": "Judul lain sama sekali"},
        **{"Idempotency-Key": "retry-3f9c2a7e-5b1d"},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert Complaint.objects.count() == 1


def test_public_view_masks_personal_data_and_hides_the_reporter(world, client):
    tid = post(client, VALID).json()["tracking_id"]
    # Verified complaints become public; the public view needs no login.
    public = client.get(f"/api/v1/complaints/{tid}").json()
    text = json.dumps(public)
    for secret in ("Budi Santoso", "081234567890", "3578012345678901"):
        assert secret not in text
    assert "reporter" not in public


def test_private_view_needs_the_secret(world, client):
    body = post(client, VALID).json()
    tid, secret = body["tracking_id"], body["secret"]
    assert client.get(f"/api/v1/complaints/{tid}/private").status_code == 404
    wrong = client.get(f"/api/v1/complaints/{tid}/private", headers={"X-Reporter-Secret": "0" * 32})
    assert wrong.status_code == 404
    mine = client.get(f"/api/v1/complaints/{tid}/private", headers={"X-Reporter-Secret": secret})
    assert mine.status_code == 200
    assert mine.json()["reporter"]["name"] == "Budi Santoso"
    assert "Budi Santoso" in mine.json()["body"]


def test_a_secret_with_characters_no_secret_has_is_a_wrong_secret(world, client):
    tid = post(client, VALID).json()["tracking_id"]
    for secret in ("é", "\u00b2" * 32):
        private = client.get(
            f"/api/v1/complaints/{tid}/private", headers={"X-Reporter-Secret": secret}
        )
        assert private.status_code == 404
    wrong = client.get(f"/lacak/{tid}/", {"kunci": "0" * 32})
    odd = client.get(f"/lacak/{tid}/", {"kunci": "é"})
    assert odd.status_code == wrong.status_code and "Budi" not in odd.content.decode()


@pytest.mark.django_db(transaction=True)
def test_uploads_at_once_never_pass_the_attachment_limit(world, settings, tmp_path):
    from io import BytesIO

    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    submitted = post(Client(**HTTPS), VALID).json()
    tid, secret = submitted["tracking_id"], submitted["secret"]
    colours = iter(range(10))

    def upload():
        picture = BytesIO()
        Image.new("RGB", (8, 8), (next(colours) * 20, 0, 0)).save(picture, format="PNG")
        picture.seek(0)
        picture.name = "foto.png"
        response = Client(**HTTPS).post(
            f"/api/v1/complaints/{tid}/attachments",
            {"file": picture},
            headers={"X-Reporter-Secret": secret},
        )
        return response.status_code

    codes = run_concurrently(upload, 10)
    limit = settings.ADUAN_ATTACHMENT_MAX_COUNT
    assert sorted(codes) == [201] * limit + [422] * (10 - limit)
    assert Complaint.objects.get(tracking_id=tid).attachments.count() == limit


def test_tracking_id_lookup_forgives_case_spaces_and_confusable_letters(world, client):
    tid = post(client, VALID).json()["tracking_id"]
    typed = " " + tid.lower().replace("0", "o").replace("-", " ") + " "
    assert client.get(f"/api/v1/complaints/{typed}").json()["tracking_id"] == tid


def test_logged_in_citizen_becomes_the_reporter_when_the_csrf_check_passes(world):
    client = Client(enforce_csrf_checks=True, **HTTPS)
    client.force_login(world.users.citizen)
    mine = VALID | {"reporter": None}
    assert post(client, mine).status_code == 403  # a forged cross-site post
    token = "k" * 32
    client.cookies["csrftoken"] = token
    response = post(client, mine, **{"X-CSRFToken": token, "Referer": "https://testserver/"})
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get(tracking_id=response.json()["tracking_id"])
    assert complaint.reporter == world.users.citizen


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_with_one_key_create_one_complaint(world):
    from aduan.complaints import intake

    submission = intake.Submission(
        kind="pengaduan", title="Sampah menumpuk di TPS", body="Sudah seminggu tidak diangkut.",
        region=JAGIR,
    )  # fmt: skip
    key = intake.Idempotency("anonymous", "same-key")
    results = run_concurrently(lambda: intake.submit(submission, idempotency=key), 6)
    assert len({complaint.tracking_id for complaint, _ in results}) == 1 and len(results) == 6
    assert Complaint.objects.count() == 1


def test_masking_waits_until_the_text_is_first_needed_and_is_kept(world, client):
    tid = post(client, VALID).json()["tracking_id"]
    complaint = Complaint.objects.get(tracking_id=tid)
    assert complaint.public_title == "" and complaint.public_body == ""  # intake stays fast
    _, body = public_text(complaint)
    assert "Budi Santoso" not in body and "[nama]" in body
    complaint.refresh_from_db()
    assert complaint.public_body == body


@pytest.mark.parametrize("then", [None, "archive"])
def test_the_public_reads_a_complaint_only_once_a_verifier_passed_it_on(world, client, then):
    tid = post(client, VALID).json()["tracking_id"]
    if then:
        from aduan.complaints import workflow

        c = Complaint.objects.get(tracking_id=tid)
        verifier = workflow.Actor.staff(world.users.verifier)
        workflow.apply(c, "archive", actor=verifier, reason="not_public_service", note="Bukan.")
    public = client.get(f"/api/v1/complaints/{tid}").json()
    assert public["title"] is None and public["body"] is None and public["agency"] is None
    assert "lampu" not in client.get(f"/lacak/{tid}/").content.decode().lower()


def test_a_complaint_the_router_disposed_is_public_once_its_agency_takes_it_up(world, client):
    from aduan.complaints import workflow

    tid = post(client, VALID).json()["tracking_id"]
    c = Complaint.objects.get(tracking_id=tid)
    workflow.apply(
        c, "auto_dispose", actor=workflow.Actor.router("v1"), agency=world.roads, confidence=0.99
    )
    public = client.get(f"/api/v1/complaints/{tid}").json()
    assert public["title"] is None and public["body"] is None  # no person has read it yet
    assert tid not in client.get("/laporan/").content.decode()
    # A verifier may still mark it rahasia meanwhile; once the agency accepts it, it is public.
    workflow.apply(c, "accept", actor=workflow.Actor.staff(world.users.officer))
    assert client.get(f"/api/v1/complaints/{tid}").json()["title"]
    assert tid in client.get("/laporan/").content.decode()


def test_the_first_action_on_a_complaint_masks_its_public_text(world, client):
    from aduan.complaints import workflow

    tid = post(client, VALID).json()["tracking_id"]
    complaint = Complaint.objects.get(tracking_id=tid)
    workflow.apply(
        complaint, "verify", actor=workflow.Actor.staff(world.users.verifier), agency=world.roads
    )
    complaint.refresh_from_db()
    assert "[telepon]" in complaint.public_body and "081234567890" not in complaint.public_body


def test_an_anonymous_retry_key_must_be_long_enough_not_to_be_guessed(world, client):
    response = post(client, VALID, **{"Idempotency-Key": "demo-1"})
    assert response.status_code == 422 and "Idempotency-Key" in response.json()["fields"]
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize("authorization", [None, "Bearer adn_wrong", "Bearer "])
def test_a_staff_action_without_a_valid_key_is_401_not_a_csrf_failure(world, authorization):
    c = submit()
    client = Client(enforce_csrf_checks=True, **HTTPS)
    headers = {"Authorization": authorization} if authorization else {}
    response = client.post(
        f"/api/v1/office/complaints/{c.tracking_id}/actions/verify",
        json.dumps({"agency": "dpu-sby"}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 401, response.content


@pytest.mark.parametrize(
    "language, message, too_short, unknown, key, not_found",
    [
        ("id", "Data tidak valid.", "Paling sedikit", "Isian ini tidak dikenal.", "Tanpa akun",
         "Tidak ditemukan."),
        ("en", "Invalid data.", "At least", "Unknown field.", "Without an account", "Not found."),
    ],
)  # fmt: skip
def test_errors_are_in_the_callers_language(
    world, client, language, message, too_short, unknown, key, not_found
):
    said = {"Accept-Language": language}
    wrong = VALID | {"title": "ab", "reporter": {"name": "Budi", "telepon": "0812"}}
    body = post(client, wrong, **said).json()
    assert body["message"] == message
    assert body["fields"]["title"][0].startswith(too_short)
    assert body["fields"]["reporter.telepon"] == [unknown]
    short_key = post(client, VALID, **said, **{"Idempotency-Key": "abc"}).json()
    assert short_key["fields"]["Idempotency-Key"][0].startswith(key)
    missing = client.get("/api/v1/complaints/LPR-00000000", headers=said, secure=True)
    assert missing.status_code == 404 and missing.json()["message"] == not_found
