"""Hostile input: each test was a finding of a review, failing before its fix.

Rule under test: every HTTP input is validated with field-level messages (4xx, never a 500);
personal data is never logged; no input makes a request hang or hold the database.
"""

import base64
import io
import json
import logging
import struct
import zlib

import pytest
from django.core.files.utils import FileProxyMixin
from django.test import Client
from django.utils import translation
from PIL import Image
from pypdf import PdfWriter

from aduan.complaints import attachments, queries
from aduan.core.errors import Invalid
from tests.api.test_journey import api_key
from tests.conftest import HTTPS, JAGIR, submit

pytestmark = pytest.mark.django_db

SUBMISSION = {
    "kind": "pengaduan",
    "title": "Lampu PJU mati di Jl. Jagir Wonokromo",
    "body": "Sudah seminggu lampu jalan mati, gelap sekali dan rawan begal.",
    "region": JAGIR,
    "reporter": {"name": "Budi Santoso", "phone": "081234567890"},
    "anonymous": True,
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def lenient_client() -> Client:
    # A 500 comes back as a response instead of an exception in the test.
    return Client(raise_request_exception=False, **HTTPS)


def submitted(client) -> dict:
    r = client.post("/api/v1/complaints", json.dumps(SUBMISSION), content_type="application/json")
    assert r.status_code == 201, r.content
    return r.json()


def upload(client, created: dict, data: bytes, name: str):
    f = io.BytesIO(data)
    f.name = name
    return client.post(
        f"/api/v1/complaints/{created['tracking_id']}/attachments",
        {"file": f},
        headers={"X-Reporter-Secret": created["secret"]},
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# ---------------------------------------------------------------- 1. uploads that 500


# 45 bytes: a PNG whose IHDR chunk is 9 bytes long instead of 13. Pillow raises ValueError.
TRUNCATED_IHDR_PNG = (
    b"\x89PNG\r\n\x1a\n"
    + _chunk(b"IHDR", b"\x00\x00\x00\x01\x00\x00\x00\x01\x08")
    + _chunk(b"IEND", b"")
)


def jpeg_with_malformed_exif() -> bytes:
    """Orientation 6 (so exif_transpose rewrites the EXIF) and XResolution stored as ASCII:
    writing it back as a RATIONAL raises TypeError inside Pillow."""
    entries = [
        struct.pack("<HHI4s", 0x0112, 3, 1, struct.pack("<H", 6) + b"\0\0"),
        struct.pack("<HHI4s", 0x011A, 2, 4, b"abc\0"),
    ]
    tiff = b"II*\0" + struct.pack("<IH", 8, len(entries)) + b"".join(entries) + b"\0\0\0\0"
    raw = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(raw, format="JPEG", exif=b"Exif\0\0" + tiff)
    return raw.getvalue()


@pytest.mark.parametrize(
    "data, name",
    [(TRUNCATED_IHDR_PNG, "foto.png"), (jpeg_with_malformed_exif(), "foto.jpg")],
    ids=["truncated-ihdr-png", "jpeg-malformed-exif"],
)
def test_a_broken_image_is_a_422_naming_the_field_not_a_500(world, data, name):
    client = lenient_client()
    response = upload(client, submitted(client), data, name)
    assert response.status_code == 422, response.status_code
    assert "file" in response.json()["fields"]


def test_a_broken_image_on_the_web_form_is_a_form_error_not_a_500(world):
    from tests.portal.conftest import form

    photo = io.BytesIO(TRUNCATED_IHDR_PNG)
    photo.name = "foto.png"
    response = lenient_client().post("/lapor/", form(photos=photo))
    assert response.status_code == 422  # the form again, with the error beside "Foto"


# ------------------------------------------------------------ 2. queue cursors that 500


def _cursor_queries():
    return {
        # a well-formed cursor whose moment cannot be converted to UTC: OverflowError
        "utc-overflow": b64(json.dumps(["9999-12-31T23:59:59-23:59", 1]).encode()),
        # 1,468 characters, well under any URL limit: RecursionError in json.loads
        "deeply-nested": b64(b"[" * 1100),
    }


@pytest.mark.parametrize("kind", ["utc-overflow", "deeply-nested"])
def test_a_garbage_queue_cursor_is_a_422_on_the_api(world, kind):
    submit()
    key = api_key("verif", "--role", "verifier")
    response = lenient_client().get(
        f"/api/v1/queue?cursor={_cursor_queries()[kind]}",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 422, response.status_code
    assert "cursor" in response.json()["fields"]


@pytest.mark.parametrize("kind", ["utc-overflow", "deeply-nested"])
def test_a_garbage_queue_cursor_is_not_a_500_on_the_triage_page(world, kind):
    submit()
    client = lenient_client()
    client.force_login(world.users.verifier)
    response = client.get(f"/kantor/verifikasi/?cursor={_cursor_queries()[kind]}")
    assert response.status_code < 500, response.status_code


def test_a_very_long_region_filter_is_a_422_not_a_500(world):
    # SQLite refuses LIKE patterns over 50,000 bytes ("LIKE or GLOB pattern too complex").
    submit()
    key = api_key("verif", "--role", "verifier")
    response = lenient_client().get(
        "/api/v1/queue?region=" + "3" * 60_000, headers={"Authorization": f"Bearer {key}"}
    )
    assert 400 <= response.status_code < 500, response.status_code


# ------------------------------------------------------ 3. resource exhaustion by upload


def bilevel_png(width: int, height: int) -> bytes:
    """A 1-bit PNG of zeros: a few KB for tens of millions of pixels."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def test_an_image_over_the_pixel_limit_is_refused():
    # attachments.py sets Image.MAX_IMAGE_PIXELS = 40,000,000, but Pillow only *warns* up to
    # twice that: a 300 KB RGBA PNG of 79 M pixels is decoded and re-encoded (3 s, 450 MB).
    data = bilevel_png(6400, 6400)  # 40.96 M pixels, 5 KB
    assert len(data) < 10_000
    with pytest.raises(Invalid):
        attachments.clean(data, name="bom.png")


def pdf_with_compressed_string(length: int) -> bytes:
    """A one-page PDF whose page refers to a string object kept in a Flate-compressed
    object stream: `length` bytes of text from a file of a few KB."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}

    def obj(num: int, body: bytes) -> None:
        offsets[num] = len(out)
        out.extend(b"%d 0 obj\n" % num + body + b"\nendobj\n")

    obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    obj(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Foo 5 0 R >>")
    packed = zlib.compress(b"5 0 (" + b"a" * length + b")", 9)
    obj(4, b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(packed) + packed + b"\nendstream")  # fmt: skip
    offsets[6] = len(out)
    rows = [b"\x00\x00\x00\x00\x00\xff\xff"]
    rows += [b"\x01" + struct.pack(">I", offsets[n]) + b"\x00\x00" for n in (1, 2, 3, 4)]
    rows += [b"\x02" + struct.pack(">I", 4) + b"\x00\x00"]
    rows += [b"\x01" + struct.pack(">I", offsets[6]) + b"\x00\x00"]
    xref = b"".join(rows)
    out.extend(b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
               % len(xref) + xref + b"\nendstream\nendobj\n")  # fmt: skip
    out.extend(b"startxref\n%d\n%%%%EOF\n" % offsets[6])
    return bytes(out)


def test_a_pdf_cannot_inflate_past_the_attachment_size_limit(settings):
    # The limit is checked on the upload only; the rewritten PDF is stored whatever its size.
    # At full scale a 68 KB upload is stored as 70 MB after 40 s and 1.5 GB of memory.
    settings.ADUAN_ATTACHMENT_MAX_BYTES = 1024 * 1024
    data = pdf_with_compressed_string(3 * 1024 * 1024)
    assert len(data) < 20_000
    try:
        clean = attachments.clean(data, name="surat.pdf")
    except Invalid:
        return
    assert len(clean.content) <= settings.ADUAN_ATTACHMENT_MAX_BYTES, len(clean.content)


# ------------------------------------------------------------ 4. personal data in logs


class Recorder(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


def test_a_malformed_pdf_does_not_put_its_authors_name_in_the_log(world):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Author": "Budi Santoso", "/Creator": "Budi Santoso 081234567890"})
    raw = io.BytesIO()
    writer.write(raw)
    # One slash missing before /Author, as a sloppy PDF producer may write it.
    data = raw.getvalue().replace(b"/Author", b"Author", 1)
    client = lenient_client()
    created = submitted(client)
    # What reaches the root logger's handlers (the console in production; pytest's own
    # capture hooks onto every logger, so caplog would see what production never logs).
    recorder = Recorder()
    logging.getLogger().addHandler(recorder)
    try:
        response = upload(client, created, data, "surat.pdf")
    finally:
        logging.getLogger().removeHandler(recorder)
    assert response.status_code in (201, 422)
    logged = "\n".join(recorder.lines)
    assert "081234567890" not in logged and "Budi Santoso" not in logged, logged


def test_a_photos_exif_is_not_logged_at_debug(world):
    # Pillow logs each EXIF tag it reads at DEBUG (reading the orientation reads them all).
    image, exif = Image.new("RGB", (64, 48), "red"), Image.Exif()
    exif[0x013B] = "Budi Santoso 081234567890"  # Artist
    exif[0x0112] = 6  # Orientation: the cleaner reads the EXIF to turn it upright
    raw = io.BytesIO()
    image.save(raw, format="JPEG", exif=exif)
    client = lenient_client()
    created = submitted(client)
    recorder, root = Recorder(), logging.getLogger()
    level = root.level
    root.addHandler(recorder)
    root.setLevel(logging.DEBUG)  # LOG_LEVEL=DEBUG
    try:
        response = upload(client, created, raw.getvalue(), "foto.jpg")
    finally:
        root.removeHandler(recorder)
        root.setLevel(level)
    assert response.status_code == 201
    logged = "\n".join(recorder.lines)
    assert "081234567890" not in logged and "Budi Santoso" not in logged, logged


# ------------------------------------------------------------ 6. silent loss of contact


def test_an_unknown_reporter_field_is_refused_not_dropped(world):
    # `"reporter": "Budi 0812…"` is refused so the contact is not lost; a misnamed key
    # loses it just the same, silently (201, no phone kept).
    payload = SUBMISSION | {"reporter": {"name": "Budi Santoso", "telepon": "081234567890"}}
    response = lenient_client().post(
        "/api/v1/complaints", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 422, response.status_code
    assert "reporter.telepon" in response.json()["fields"]


def test_an_image_far_over_the_pixel_limit_is_too_large_not_broken():
    with pytest.raises(Invalid) as refused:
        attachments.clean(bilevel_png(9000, 9000), name="bom.png")
    assert "terlalu besar" in str(refused.value.fields)


def test_a_stale_version_is_explained_in_the_callers_language(world):
    client = lenient_client()
    created = submitted(client)
    response = client.post(
        f"/api/v1/complaints/{created['tracking_id']}/reply",
        data='{"note": "Fotonya menyusul."}',
        content_type="application/json",
        headers={
            "X-Reporter-Secret": created["secret"],
            "If-Match": '"2020-01-01T00:00:00+00:00"',
            "Accept-Language": "en",
        },
    )
    assert response.status_code == 412 and "fetch it again" in response.json()["message"]


# ------------------------------------------------- 7. uploads that cost memory or lose files


def png(color: str = "red") -> bytes:
    raw = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(raw, format="PNG")
    return raw.getvalue()


def test_an_oversized_upload_is_refused_before_it_is_read_into_memory(world, settings, monkeypatch):
    # An 800 MB upload grew the worker to 854 MB: read() came before the size check.
    settings.ADUAN_ATTACHMENT_MAX_BYTES = 1024
    client = lenient_client()
    created = submitted(client)
    reads = []
    proxied = FileProxyMixin.read  # an uploaded file's read() is its underlying file's

    def counted(f):
        def read(*args):
            reads.append(args)
            return proxied.fget(f)(*args)

        return read

    monkeypatch.setattr(FileProxyMixin, "read", property(counted))
    response = upload(client, created, png() + b"\0" * 4096, "foto.png")
    assert response.status_code == 422, response.status_code
    assert "terlalu besar" in response.json()["fields"]["file"][0]
    assert all(args and args[0] <= 1025 for args in reads), reads  # nothing read unbounded


def test_several_file_parts_are_refused_rather_than_all_but_the_first_lost(world):
    client = lenient_client()
    created = submitted(client)
    parts = []
    for name, color in (("a.png", "red"), ("b.png", "blue")):
        part = io.BytesIO(png(color))
        part.name = name
        parts.append(part)
    response = client.post(
        f"/api/v1/complaints/{created['tracking_id']}/attachments",
        {"file": parts},
        headers={"X-Reporter-Secret": created["secret"]},
    )
    assert response.status_code == 422, response.status_code
    assert response.json()["fields"] == {"file": ["Kirim satu berkas per permintaan."]}
    private = client.get(
        f"/api/v1/complaints/{created['tracking_id']}/private",
        headers={"X-Reporter-Secret": created["secret"]},
    )
    assert private.json()["attachments"] == []


def multipart(filename: bytes, *, parts: int = 1) -> bytes:
    part = (
        b'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="' + filename + b'"\r\n'
        b"Content-Type: image/png\r\n\r\n" + png() + b"\r\n"
    )
    return part * parts + b"--XyZ--\r\n"


def test_a_filename_that_is_not_utf8_is_explained_not_just_required(world):
    # Django drops a part whose headers do not decode: the file then seemed never sent.
    client = lenient_client()
    created = submitted(client)
    response = client.post(
        f"/api/v1/complaints/{created['tracking_id']}/attachments",
        multipart(b"\xff\xfe.png"),
        content_type="multipart/form-data; boundary=XyZ",
        headers={"X-Reporter-Secret": created["secret"]},
    )
    assert response.status_code == 422, response.status_code
    assert "UTF-8" in response.json()["fields"]["file"][0]


# ------------------------------- 8. Django's own refusals, in the API's shape and language


def _refusals():
    attach = "/api/v1/complaints/{tid}/attachments"
    boundary = "multipart/form-data; boundary=XyZ"
    return {
        # name: (path, body, content type, settings, status, code, English message)
        "body-over-the-limit": (
            "/api/v1/complaints", json.dumps(SUBMISSION | {"body": "x" * 2**20}),
            "application/json", {"DATA_UPLOAD_MAX_MEMORY_SIZE": 2**20}, 413, "too_large",
            "The request body is too large (at most 1 MB).",
        ),
        "too-many-fields": (
            attach, "&".join(f"a{i}=1" for i in range(20)),
            "application/x-www-form-urlencoded", {"DATA_UPLOAD_MAX_NUMBER_FIELDS": 10}, 400,
            "too_many_fields", "Too many fields in one request.",
        ),
        "too-many-files": (
            attach, multipart(b"a.png", parts=3), boundary, {"DATA_UPLOAD_MAX_NUMBER_FILES": 2},
            400, "too_many_files", "Too many files in one request.",
        ),
        "multipart-without-boundary": (
            attach, multipart(b"a.png"), "multipart/form-data", {}, 400, "malformed_body",
            "The multipart body cannot be read.",
        ),
        "filename-of-5000-characters": (
            attach, multipart(b"a" * 5000 + b".png"), boundary, {}, 400, "malformed_body",
            "The multipart body cannot be read.",
        ),
        "not-json": (
            "/api/v1/complaints", "{", "application/json", {}, 400, "malformed_body",
            "The request body is not valid JSON.",
        ),
    }  # fmt: skip


@pytest.mark.parametrize("kind", list(_refusals()))
def test_djangos_refusals_of_a_body_answer_in_the_api_shape_and_language(world, settings, kind):
    path, body, content_type, overrides, status, code, message = _refusals()[kind]
    client = lenient_client()
    created = submitted(client)
    for name, value in overrides.items():
        setattr(settings, name, value)
    response = client.post(
        path.format(tid=created["tracking_id"]),
        body,
        content_type=content_type,
        headers={"X-Reporter-Secret": created["secret"], "Accept-Language": "en"},
    )
    assert response.status_code == status, (response.status_code, response.content[:200])
    assert response.json() == {"code": code, "message": message, "fields": {}}


def test_a_method_the_path_does_not_take_is_a_json_405_with_allow():
    response = lenient_client().put("/api/v1/complaints")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert response["Allow"] == "POST"


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/nope", "/api/v1/complaints/LPR-X/nope/"])
def test_an_unknown_path_under_the_api_is_its_json_404_not_the_portals_page(path):
    response = lenient_client().post(path, "{}", content_type="application/json")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Tidak ditemukan.", "fields": {}}


# --------------------------------------------------- 9. messages in the caller's language


@pytest.mark.parametrize(
    "language, message",
    [("id", "Alamat atau parameter memuat karakter NUL."),
     ("en", "The address or a parameter contains a NUL character.")],
)  # fmt: skip
@pytest.mark.parametrize("path", ["/api/v1/complaints/LPR-%00", "/lacak/?q=%00"])
def test_a_nul_in_the_address_is_refused_in_the_callers_language(path, language, message):
    response = lenient_client().get(path, headers={"Accept-Language": language})
    assert response.status_code == 400
    assert message in response.content.decode()


def _said(response) -> list[str]:
    data = response.json()
    return [data["message"], *(m for ms in data["fields"].values() for m in ms)]


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_apis_own_refusals_are_in_the_callers_language(world, language):
    expected = {
        "id": ["Hanya petugas loket yang dapat mencatat laporan dari loket.",
               "Hanya pelapor yang dapat melakukan tindakan ini.",
               "Hanya untuk verifikator, petugas, dan pengawas.",
               "Antara 1 dan 200.", "Status tidak dikenal: bogus",
               "Tautan halaman ini sudah tidak berlaku; mulai lagi dari halaman pertama.",
               "Hanya verifikator yang menetapkan kategori (verify).",
               "Kode instansi tidak dikenal.", "Kode kategori tidak dikenal."],
        "en": ["Only counter clerks can record reports from the counter.",
               "Only the reporter can take this action.",
               "Only for verifiers, officers and oversight.",
               "Between 1 and 200.", "Unknown status: bogus",
               "This page link is no longer valid; start again from the first page.",
               "Only the verifier sets the category (verify).",
               "Unknown agency code.", "Unknown category code."],
    }[language]  # fmt: skip
    client = lenient_client()
    tid = submitted(client)["tracking_id"]
    verifier = {"Authorization": f"Bearer {api_key('verif', '--role', 'verifier')}"}
    intake = {"Authorization": f"Bearer {api_key('intake')}"}

    def post(path, body, headers=None):
        return client.post(
            f"/api/v1{path}", json.dumps(body), content_type="application/json",
            headers={"Accept-Language": language, **(headers or {})},
        )  # fmt: skip

    def get(path, headers):
        return client.get(f"/api/v1{path}", headers={"Accept-Language": language, **headers})

    answers = [
        post("/complaints", SUBMISSION | {"channel": "counter"}),
        get(f"/complaints/{tid}/private", verifier),
        get("/queue", intake),
        get("/queue?limit=0", verifier),
        get("/queue?status=bogus", verifier),
        get("/queue?cursor=abc", verifier),
        post(f"/office/complaints/{tid}/actions/accept", {"category": "jalan"}, verifier),
        post(f"/office/complaints/{tid}/actions/verify", {"agency": "zzz"}, verifier),
        post(f"/office/complaints/{tid}/actions/verify", {"category": "zzz"}, verifier),
    ]
    said = [_said(r) for r in answers]
    assert all(message in words for message, words in zip(expected, said, strict=True)), said


def test_an_unknown_queue_ordering_is_named_in_the_callers_language(world):
    with translation.override("en"), pytest.raises(Invalid) as refused:
        queries.queue(world.users.verifier, queries.QueueFilter(ordering="sideways"))
    assert refused.value.fields["ordering"][0].startswith("Choose one of: due, -due")


def test_a_session_without_csrf_token_is_refused_in_the_callers_language(world):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False, **HTTPS)
    client.force_login(world.users.verifier)
    for path in ("/api/v1/complaints", "/api/v1/office/complaints/LPR-X/actions/accept"):
        response = client.post(
            path, json.dumps(SUBMISSION), content_type="application/json",
            headers={"Accept-Language": "en"},
        )  # fmt: skip
        assert response.status_code == 403, (path, response.status_code)
        assert response.json()["message"].startswith("CSRF check failed;"), path


def test_the_bearer_scheme_is_case_insensitive_on_the_public_endpoints_too(world):
    # RFC 7235: /queue took "bearer x" while /complaints answered 401.
    key = api_key("verif", "--role", "verifier")
    response = lenient_client().post(
        "/api/v1/complaints", json.dumps(SUBMISSION), content_type="application/json",
        headers={"Authorization": f"bearer {key}"},
    )  # fmt: skip
    assert response.status_code == 201, response.content


# ------------------------------------------- 10. pydantic's words, and values it bends


SURROGATE_TITLE = b'{"kind": "pengaduan", "title": "Jalan \\ud800 rusak", "body": "Lubang besar \
di depan SD, sudah lama.", "region": "35.78.04.1002"}'


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"title": "Jalan\x00berlubang"}, "title", "Tidak boleh memuat karakter NUL."),
        (SURROGATE_TITLE, "title", "Memuat karakter yang tidak sah (surrogate Unicode)."),
        ({"region": JAGIR + "\n"}, "region",
         "Format kode wilayah tidak sesuai, misalnya 35.78.04.1002."),
        ({"reporter": {"phone": "abc"}}, "reporter.phone",
         "Tulis nomor telepon dengan angka saja, misalnya 0812 3456 7890."),
        ({"reporter": "Budi 081234567890"}, "reporter", "Harus berupa objek."),
        ({"reporter": {"email": "budi@"}}, "reporter.email", "Alamat surel tidak valid."),
        ({"incident_date": "2024-02-30"}, "incident_date", "Harus berupa tanggal YYYY-MM-DD."),
        ({"incident_date": "0000-01-01"}, "incident_date", "Harus berupa tanggal YYYY-MM-DD."),
        ({"kind": "PENGADUAN"}, "kind",
         "Pilih salah satu dari: 'pengaduan', 'aspirasi', 'permintaan_informasi'."),
        ({"latitude": True, "longitude": 112.7}, "latitude", "Harus berupa bilangan."),
        (json.dumps(SUBMISSION | {"latitude": float("nan"), "longitude": 112.7}).encode(),
         "latitude", "Harus berupa bilangan."),  # Python's json reads a NaN literal
    ],
    ids=["nul", "lone-surrogate", "region-pattern", "phone-pattern", "reporter-not-object",
         "email", "no-such-day", "year-zero", "literal", "latitude-true", "latitude-nan"],
)  # fmt: skip
def test_a_submission_error_is_worded_for_people_not_by_pydantic(world, change, field, message):
    body = change if isinstance(change, bytes) else json.dumps(SUBMISSION | change)
    response = lenient_client().post("/api/v1/complaints", body, content_type="application/json")
    assert response.status_code == 422, response.status_code
    assert response.json()["fields"] == {field: [message]}


@pytest.mark.parametrize("rating", [True, 4.5, 4.0, "4"])
def test_a_rating_must_be_a_whole_number_not_true(world, rating):
    client = lenient_client()
    created = submitted(client)
    response = client.post(
        f"/api/v1/complaints/{created['tracking_id']}/rate", json.dumps({"rating": rating}),
        content_type="application/json", headers={"X-Reporter-Secret": created["secret"]},
    )  # fmt: skip
    assert response.status_code == 422, response.status_code
    assert response.json()["fields"] == {"rating": ["Harus berupa bilangan bulat."]}


def test_a_pydantic_message_is_in_english_for_an_english_caller(world):
    response = lenient_client().post(
        "/api/v1/complaints", json.dumps(SUBMISSION | {"title": "Jalan\x00rusak"}),
        content_type="application/json", headers={"Accept-Language": "en"},
    )  # fmt: skip
    assert response.json()["fields"] == {"title": ["Must not contain the NUL character."]}


@pytest.mark.parametrize("body", ["[]", '"x"', "null", "[1, 2]", "5"])
@pytest.mark.parametrize("where", ["submit", "action"])
def test_a_body_that_is_not_a_json_object_is_refused_as_such(world, where, body):
    # "x" was a complaint titled str.title ("Paling sedikit 5 karakter"); [] or null on an
    # action was no body at all, and the action ran with its defaults.
    client = lenient_client()
    path, headers = "/api/v1/complaints", {}
    if where == "action":
        tid = submitted(client)["tracking_id"]
        path = f"/api/v1/office/complaints/{tid}/actions/hold"
        headers = {"Authorization": f"Bearer {api_key('verif', '--role', 'verifier')}"}
    response = client.post(path, body, content_type="application/json", headers=headers)
    assert response.status_code == 422, response.status_code
    assert response.json()["fields"] == {"__all__": ["Harus berupa objek JSON."]}
