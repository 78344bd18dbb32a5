"""Submitting on the web: errors keep what was typed, one complaint per form, files cleaned."""

import io
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader, PdfWriter

from aduan.complaints.models import Complaint, IdempotencyRecord
from aduan.portal.forms import new_token
from aduan.portal.views import SUBMITTED_KEY
from tests.conftest import HTTPS, JAGIR
from tests.portal.conftest import form, jpeg_with_exif, pdf

pytestmark = pytest.mark.django_db


def test_the_form_offers_the_provinces_and_a_fresh_token(world, client):
    page = client.get("/lapor/").content.decode()
    assert '<option value="35">Jawa Timur</option>' in page
    assert 'name="token"' in page
    assert 'hx-get="/wilayah/"' in page and 'hx-target="#id_regency"' in page
    # Anonim is on unless the citizen turns it off; rahasia is the citizen's choice.
    assert re.search(r'<input type="checkbox" name="anonymous"[^>]* checked>', page)
    assert re.search(r'<input type="checkbox" name="confidential"[^>]*id="id_confidential">', page)


def test_a_valid_form_creates_one_web_complaint_and_shows_its_tracking_id(world, client):
    response = client.post("/lapor/", form())
    assert response.status_code == 302 and response.url == "/lapor/terkirim/"
    complaint = Complaint.objects.get()
    assert complaint.channel == "web" and complaint.region_id == JAGIR
    assert complaint.is_anonymous and not complaint.is_confidential
    assert complaint.reporter_name == "Budi Santoso" and complaint.reporter is None
    # The private key travels in the session, never in the redirect.
    assert complaint.reporter_secret not in response.url
    page = client.get("/lapor/terkirim/").content.decode()
    assert complaint.tracking_id in page
    assert f"/lacak/{complaint.tracking_id}/?kunci={complaint.reporter_secret}" in page
    # A reload, or reading it in English, keeps it.
    assert complaint.reporter_secret in client.get("/lapor/terkirim/").content.decode()
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/lapor/terkirim/"})
    assert switched.url == "/lapor/terkirim/"
    english = client.get("/lapor/terkirim/", headers={"Accept-Language": "en"})
    assert complaint.reporter_secret in english.content.decode()
    # Going anywhere else forgets it: whoever uses this browser next finds neither.
    client.get("/")
    assert SUBMITTED_KEY not in client.session
    again = client.get("/lapor/terkirim/")
    assert again.url == "/lapor/" and complaint.reporter_secret not in again.content.decode()


def test_a_clerk_files_for_the_citizen_in_front_of_them(world, client):
    client.force_login(world.users.clerk)
    page = client.get("/lapor/").content.decode()
    assert "Kontak pelapor" in page and 'name="phone"' in page
    assert "Nama dan kontak pelapor disembunyikan" in page and "kontak Anda" not in page
    assert client.post("/lapor/", form()).status_code == 302
    c = Complaint.objects.get()
    assert (c.channel, c.reporter, c.filed_by) == ("counter", None, world.users.clerk)
    assert (c.reporter_name, c.reporter_phone) == ("Budi Santoso", "081234567890")
    assert c.events.get().actor_role == "clerk"
    handed = client.get("/lapor/terkirim/").content.decode()
    assert c.reporter_secret in handed and "Serahkan nomor pelacakan" in handed  # to hand over
    assert c.tracking_id not in client.get("/saya/").content.decode()  # not the clerk's own


def test_the_confirmation_page_without_a_submission_goes_back_to_the_form(world, client):
    assert client.get("/lapor/terkirim/").url == "/lapor/"


def test_the_next_person_at_the_same_browser_never_finds_the_reporters_key(world, client):
    client.post("/lapor/", form())
    secret = Complaint.objects.get().reporter_secret
    client.force_login(world.users.other_citizen)  # a shared phone, a warnet PC
    response = client.get("/lapor/terkirim/")
    assert response.status_code == 302 and secret not in response.content.decode()


def test_the_confirmation_page_is_kept_ten_minutes_at_most(world, client):
    client.post("/lapor/", form())
    session = client.session
    kept = session[SUBMITTED_KEY]
    kept["at"] = (timezone.now() - timedelta(minutes=11)).isoformat()
    session[SUBMITTED_KEY] = kept
    session.save()
    assert client.get("/lapor/terkirim/").url == "/lapor/"


def test_what_answers_a_reporter_or_a_signed_in_user_is_never_stored_by_caches(world, client):
    client.post("/lapor/", form())
    c = Complaint.objects.get()
    private = client.get(
        f"/api/v1/complaints/{c.tracking_id}/private",
        headers={"X-Reporter-Secret": c.reporter_secret},
    )
    assert "no-store" in private["Cache-Control"] and "private" in private["Cache-Control"]
    client.force_login(world.users.citizen)
    assert "no-store" in client.get("/saya/")["Cache-Control"]
    client.logout()
    # Public pages may be kept, but are asked about again before each use: a report marked
    # rahasia leaves public view at once.
    for url in ("/", f"/laporan/{c.tracking_id}/", f"/api/v1/complaints/{c.tracking_id}"):
        assert client.get(url)["Cache-Control"] == "no-cache", url


def test_a_double_submit_with_the_same_token_records_one_complaint(world, client):
    token = new_token()
    data = form(token=token)
    first = client.post("/lapor/", data)
    second = client.post("/lapor/", data)
    assert first.status_code == second.status_code == 302
    assert Complaint.objects.count() == 1
    assert IdempotencyRecord.objects.get().key == token


@pytest.mark.parametrize("token", ["", "a", "x" * 32 + "!", "y" * 5000])
def test_a_token_this_form_never_issued_dedupes_nothing_and_is_no_error(world, client, token):
    first = client.post("/lapor/", form(token=token))
    second = client.post("/lapor/", form(token=token))
    assert first.status_code == second.status_code == 302
    assert Complaint.objects.count() == 2


def test_a_signed_in_senders_token_never_answers_with_another_persons_report(world, client):
    """Someone who copies a token (and the words) off another person's form gets a report of
    their own, never the other's private link."""
    token = new_token()
    client.force_login(world.users.citizen)
    client.post("/lapor/", form(token=token))
    mine = Complaint.objects.get()
    other = Client(**HTTPS)
    other.force_login(world.users.other_citizen)
    other.post("/lapor/", form(token=token))
    assert Complaint.objects.count() == 2
    page = other.get("/lapor/terkirim/").content.decode()
    assert mine.reporter_secret not in page and mine.tracking_id not in page


def test_resending_a_used_form_with_other_content_asks_before_making_a_second(world, client):
    token = new_token()
    client.post("/lapor/", form(token=token))
    response = client.post("/lapor/", form(token=token, title="Judul lain sama sekali"))
    assert response.status_code == 422
    page = response.content.decode()
    assert "sudah pernah terkirim" in page
    assert f'value="{token}"' not in page  # a new token: sending again is a deliberate new report
    assert "Judul lain sama sekali" in page
    assert Complaint.objects.count() == 1


def test_attachments_lose_what_names_their_maker(world, client):
    # A photo's EXIF (camera, GPS); a document's author, as a word processor records it.
    documents = [pdf(author="Siti Aminah")]
    data = form(photos=[jpeg_with_exif("a.jpg"), jpeg_with_exif("b.jpg")], documents=documents)
    assert client.post("/lapor/", data).status_code == 302
    complaint = Complaint.objects.get()
    stored = list(complaint.attachments.order_by("content_type"))
    # The same photo chosen twice is kept once: the same bytes add nothing.
    assert [a.content_type for a in stored] == ["application/pdf", "image/jpeg"]
    for photo in stored[1:]:
        content = photo.file.read()
        assert b"KameraRahasia" not in content
        assert not Image.open(io.BytesIO(content)).getexif()
    content = stored[0].file.read()
    document = PdfReader(io.BytesIO(content))
    assert len(document.pages) == 1 and not document.metadata and document.xmp_metadata is None
    assert b"Siti Aminah" not in content  # not merely unreferenced


def test_a_pdf_restricted_only_against_editing_is_taken(world, client):
    documents = [pdf(author="Siti Aminah", owner_password="kantor")]
    assert client.post("/lapor/", form(documents=documents)).status_code == 302
    content = Complaint.objects.get().attachments.get().file.read()
    assert b"Siti Aminah" not in content and len(PdfReader(io.BytesIO(content)).pages) == 1


@pytest.mark.parametrize(
    "content, message",
    [
        (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "PDF rusak"),
        ("encrypted", "dikunci kata sandi"),
    ],
)
def test_a_pdf_that_cannot_be_cleaned_is_refused_by_its_field(world, client, content, message):
    if content == "encrypted":
        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)
        writer.encrypt("rahasia")
        raw = io.BytesIO()
        writer.write(raw)
        content = raw.getvalue()
    document = io.BytesIO(content)
    document.name = "surat.pdf"
    response = client.post("/lapor/", form(documents=[document]))
    assert response.status_code == 422 and message in response.content.decode()
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"title": "abc"}, "title", "Paling sedikit 5 karakter (sekarang 3)."),
        ({"body": ""}, "body", "Wajib diisi."),
        ({"regency": ""}, "regency", "Wajib diisi."),
        ({"village": "35.01.01.2001"}, "village", "tidak ada di wilayah di atasnya"),
        ({"incident_date": "2999-01-01"}, "incident_date", "tidak boleh di masa depan"),
        ({"incident_date": "0001-01-01"}, "incident_date", "terlalu jauh di masa lalu"),
        # A valid address longer than the column: PostgreSQL failed the insert.
        (
            {"email": "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "com"},
            "email",
            "Paling banyak 254 karakter",
        ),
        ({"incident_date": "kemarin"}, "incident_date", "Tanggal tidak valid."),
        ({"phone": "telepon saya"}, "phone", "angka saja"),
        ({"email": "bukan-surel"}, "email", "Alamat surel tidak valid."),
        ({"category": "tidak-ada"}, "category", "Pilihan tidak tersedia: tidak-ada."),
        ({"kind": "gosip"}, "kind", "Pilihan tidak tersedia: gosip."),
    ],
)
def test_an_error_is_shown_beside_its_field_and_keeps_what_was_typed(
    world, client, changes, field, message
):
    body = "Cerita panjang yang tidak boleh hilang: lampu mati sejak tanggal 3, gelap sekali."
    response = client.post(
        "/lapor/", form(body=body, **changes) if field != "body" else form(**changes)
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page and message in page, page
    assert 'aria-invalid="true"' in page
    if field != "body":
        assert body in page  # the story survives the error
    assert "Lampu PJU mati di Jl. Jagir Wonokromo" in page or field == "title"
    assert 'value="Budi Santoso"' in page
    assert not Complaint.objects.exists()


def test_django_s_own_messages_are_in_the_site_s_words_and_stay_english_in_english(world, client):
    # aduan/locale/id overrides Django's stock Indonesian ("Bidang ini tidak boleh kosong.").
    data = form(title="abc", body="", email="bukan-surel", kind="gosip")
    page = client.post("/lapor/", data).content.decode()
    assert "Wajib diisi." in page and "Alamat surel tidak valid." in page
    assert "Paling sedikit 5 karakter (sekarang 3)." in page
    assert "Pilihan tidak tersedia: gosip." in page
    assert "Bidang ini tidak boleh kosong" not in page and "alamat email" not in page
    client.cookies["django_language"] = "en"
    page = client.post("/lapor/", data).content.decode()
    assert "This field is required." in page and "Enter a valid email address." in page
    assert "Ensure this value has at least 5 characters (it has 3)." in page
    assert "Wajib diisi." not in page and "Alamat surel" not in page


def test_an_error_says_that_chosen_files_must_be_chosen_again(world, client):
    response = client.post("/lapor/", form(title="", photos=[jpeg_with_exif()]))
    page = response.content.decode()
    assert "Pilih kembali foto dan dokumen Anda" in page
    assert not Complaint.objects.exists()


def test_a_file_that_is_not_a_photo_is_refused_by_name(world, client):
    fake = io.BytesIO(b"#!/bin/sh\necho pwned\n")
    fake.name = "foto.jpg"
    page = client.post("/lapor/", form(photos=[fake])).content.decode()
    assert "foto.jpg: Jenis berkas tidak didukung" in page
    assert not Complaint.objects.exists()


def test_more_than_five_files_are_refused(world, client):
    data = form(photos=[jpeg_with_exif(f"{i}.jpg") for i in range(4)], documents=[pdf(), pdf()])
    page = client.post("/lapor/", data).content.decode()
    assert "Paling banyak 5 lampiran" in page
    assert not Complaint.objects.exists()


def test_a_logged_in_citizen_reports_under_their_account_without_contact_fields(world, client):
    client.force_login(world.users.citizen)
    page = client.get("/lapor/").content.decode()
    assert 'name="phone"' not in page and "tercatat pada akun Anda" in page
    data = form(anonymous=None, confidential="on")
    del data["name"], data["phone"], data["email"]
    assert client.post("/lapor/", data).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.reporter == world.users.citizen
    assert not complaint.is_anonymous and complaint.is_confidential


def test_without_javascript_the_place_pickers_fill_in_by_sending_the_form(world, client):
    data = form(district="", village="", muat_wilayah="1")
    page = client.post("/lapor/", data).content.decode()
    assert '<option value="35.78.04">Wonokromo</option>' in page
    assert "Wajib diisi." not in page and not Complaint.objects.exists()
