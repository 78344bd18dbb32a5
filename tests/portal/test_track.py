"""The tracking page: public by tracking ID, private with the key or the reporter's account."""

import io
import re
from datetime import datetime

import pytest
from PIL import Image

from aduan.complaints import sla, workflow
from aduan.complaints.models import Complaint
from tests.conftest import submit
from tests.portal.conftest import answer, ask_reporter, form, jpeg_with_exif, verify

pytestmark = pytest.mark.django_db


def private(c) -> str:
    return f"/lacak/{c.tracking_id}/?kunci={c.reporter_secret}"


def test_the_lookup_form_finds_a_report_by_what_people_type(world, client):
    c = submit()
    typed = c.tracking_id.lower().replace("-", " ")
    response = client.get("/lacak/", {"nomor": typed})
    assert response.status_code == 302 and response.url == f"/lacak/{c.tracking_id}/"
    unknown = client.get("/lacak/", {"nomor": "LPR-00000000"})
    assert unknown.status_code == 422 and "tidak ditemukan" in unknown.content.decode()


def test_an_unknown_tracking_id_is_a_404_page(world, client):
    response = client.get("/lacak/LPR-00000000/")
    assert response.status_code == 404 and "tidak ditemukan" in response.content.decode()


def test_the_private_link_shows_the_full_view_and_a_wrong_key_is_a_404(world, client):
    c = submit(body="Lampu mati. Saya Siti Aminah, hp 081234567890.")
    page = client.get(private(c)).content.decode()
    assert "Tampilan pelapor" in page
    assert "081234567890" in page and "Siti Aminah" in page  # the reporter's own words
    assert "Kirim balasan" in page
    wrong = client.get(f"/lacak/{c.tracking_id}/?kunci={'0' * 32}")
    assert wrong.status_code == 404
    assert "Siti Aminah" not in wrong.content.decode()


def test_the_public_view_shows_redacted_text_and_never_the_reporter(world, client):
    c = verify(submit(body="Lampu mati. Saya Siti Aminah, hp 081234567890."), world)
    page = client.get(f"/lacak/{c.tracking_id}/").content.decode()
    assert "Tampilan publik" in page
    assert "Siti Aminah" not in page and "081234567890" not in page
    assert "Lampu mati" in page and "Dinas PU Bina Marga" in page
    assert "Kirim balasan" not in page and "kunci" not in page


def test_a_rahasia_report_shows_the_public_only_status_and_dates(world, client):
    c = verify(submit(title="Pungli di loket kelurahan", confidential=True), world)
    answer(c, world, note="Petugas loket yang meminta uang sudah diberi sanksi.")
    page = client.get(f"/lacak/{c.tracking_id}/").content.decode()
    assert "Sudah ditindaklanjuti" in page and "Diterima" in page
    assert "Pungli" not in page and "Dinas PU Bina Marga" not in page
    assert "diberi sanksi" not in page  # the answer is content, in the timeline too
    assert "Laporan ini rahasia" in page
    # The reporter still reads everything.
    own = client.get(private(c)).content.decode()
    assert "Pungli" in own and "diberi sanksi" in own and "Dinas PU Bina Marga" in own


def test_the_deadline_is_shown_in_working_days(world, client):
    c = submit()
    page = client.get(f"/lacak/{c.tracking_id}/").content.decode()
    assert "Batas waktu verifikasi" in page and "hari kerja lagi" in page


def test_when_the_agency_asks_the_reporter_replies_and_the_clock_resumes(world, client):
    c = ask_reporter(verify(submit(), world), world)
    page = client.get(private(c)).content.decode()
    assert "Pertanyaan untuk Anda" in page and "nomor tiang lampu" in page
    assert "dihentikan sementara" in page
    reply_by = workflow.reply_due(c)
    assert "Batas keterangan pelapor" in page and f'datetime="{reply_by.isoformat()}"' in page
    response = client.post(
        private(c), {"aksi": "reply", "balas-note": "Tiang nomor 17, depan masjid."}
    )
    assert response.status_code == 302 and response.url == private(c)
    c.refresh_from_db()
    assert c.status == "in_progress" and c.paused_at is None
    page = client.get(response.url).content.decode()
    assert "Balasan Anda sudah terkirim." in page and "Tiang nomor 17" in page
    # The reporter's own reply is theirs, not the agency's.
    assert "Pelapor memberi tanggapan</strong>\n" in page
    assert "Pelapor memberi tanggapan</strong> —" not in page


def test_a_reply_sent_twice_is_recorded_once_and_the_text_kept(world, client):
    c = ask_reporter(verify(submit(), world), world)
    page = client.get(private(c)).content.decode()
    seen = re.search(r'name="seen" value="([^"]+)"', page).group(1)
    data = {"aksi": "reply", "balas-note": "Tiang nomor 17, depan masjid.", "seen": seen}
    assert client.post(private(c), data).status_code == 302
    again = client.post(private(c), data)  # a double tap on a slow connection
    assert again.status_code == 422 and "sudah berubah" in again.content.decode()
    assert "Tiang nomor 17, depan masjid." in again.content.decode()
    assert c.events.filter(action="reply").count() == 1


def test_a_reply_to_a_report_archived_meanwhile_gives_the_text_back(world, client):
    c = submit()
    page = client.get(private(c)).content.decode()
    seen = re.search(r'name="seen" value="([^"]+)"', page).group(1)
    verifier = workflow.Actor.staff(world.users.verifier)
    workflow.apply(c, "archive", actor=verifier, reason="unclear", note="Kurang jelas.")
    data = {"aksi": "reply", "balas-note": "Lokasinya di gang 3 <b>RT 2</b>.", "seen": seen}
    response = client.post(private(c), data)
    page = response.content.decode()
    assert response.status_code == 422 and "sudah berubah" in page
    assert 'value="reply"' not in page  # no form to keep it in: the text is given back
    assert "Tulisan Anda belum terkirim" in page
    assert "Lokasinya di gang 3 &lt;b&gt;RT 2&lt;/b&gt;." in page
    assert c.events.filter(action="reply").count() == 0


def test_an_empty_reply_is_an_error_beside_the_field(world, client):
    c = submit()
    response = client.post(private(c), {"aksi": "reply", "balas-note": "  "})
    assert response.status_code == 422
    assert 'id="id_balas-note_error"' in response.content.decode()
    assert c.events.count() == 1


def test_only_the_actions_the_workflow_allows_are_offered(world, client):
    c = submit()
    page = client.get(private(c)).content.decode()
    assert 'value="reply"' in page
    assert 'value="rate"' not in page and 'value="reopen"' not in page
    answer(verify(c, world), world)
    page = client.get(private(c)).content.decode()
    assert 'value="rate"' in page and 'value="reopen"' in page
    refused = client.post(private(c), {"aksi": "hapus"})
    assert refused.status_code == 302 and Complaint.objects.get().status == "answered"


def test_rating_the_answer_closes_the_report_and_shows_the_rating(world, client):
    c = answer(verify(submit(), world), world)
    response = client.post(private(c), {"aksi": "rate", "nilai-rating": "4"})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.status == "closed" and c.rating == 4
    page = client.get(private(c)).content.decode()
    assert "4 dari 5" in page and 'value="rate"' not in page
    assert 'value="reopen"' in page


def test_asking_to_reopen_sends_the_report_back_to_the_agency(world, client):
    c = answer(verify(submit(), world), world)
    data = {"aksi": "reopen", "buka-note": "Lampunya mati lagi sejak kemarin."}
    assert client.post(private(c), data).status_code == 302
    c.refresh_from_db()
    assert c.status == "in_progress"


def test_a_logged_in_reporter_needs_no_key_and_others_see_the_public_view(world, client):
    c = submit(reporter=world.users.citizen)
    client.force_login(world.users.citizen)
    assert "Tampilan pelapor" in client.get(f"/lacak/{c.tracking_id}/").content.decode()
    client.force_login(world.users.other_citizen)
    page = client.get(f"/lacak/{c.tracking_id}/").content.decode()
    assert "Tampilan publik" in page and "Siti Aminah" not in page
    refused = client.post(f"/lacak/{c.tracking_id}/", {"aksi": "reply", "balas-note": "Halo"})
    assert refused.status_code == 404 and c.events.count() == 1


def test_staff_who_can_see_a_report_still_get_the_public_view_here(world, client):
    c = verify(submit(), world)
    client.force_login(world.users.officer)
    page = client.get(f"/lacak/{c.tracking_id}/").content.decode()
    assert "Tampilan publik" in page and "Siti Aminah" not in page


def test_attachments_are_shown_to_the_reporter_alone(world, client):
    client.post("/lapor/", form(photos=[jpeg_with_exif()]))
    c = Complaint.objects.get()
    sha = c.attachments.get().sha256
    page = client.get(private(c)).content.decode()
    url = f"/lacak/{c.tracking_id}/lampiran/{sha}/?kunci={c.reporter_secret}"
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"KameraRahasia" not in b"".join(response.streaming_content)
    assert client.get(f"/lacak/{c.tracking_id}/lampiran/{sha}/").status_code == 404
    assert client.get(f"/lacak/{c.tracking_id}/lampiran/{'0' * 64}/?kunci=x").status_code == 404


def test_the_reporters_page_shows_small_copies_of_the_photos(world, client):
    big = io.BytesIO()
    Image.new("RGB", (4000, 3000), "green").save(big, format="JPEG", quality=95)
    big.seek(0)
    big.name = "foto.jpg"
    client.post("/lapor/", form(photos=[big]))
    c = Complaint.objects.get()
    sha = c.attachments.get().sha256
    url = f"/lacak/{c.tracking_id}/lampiran/{sha}/?kunci={c.reporter_secret}"
    page = client.get(private(c)).content.decode()
    assert f'<img src="{url}&amp;kecil=1"' in page and f'<a href="{url}">' in page
    small = client.get(url + "&kecil=1")
    assert small.status_code == 200 and small["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(b"".join(small.streaming_content))) as image:
        assert max(image.size) == 400 and image.size == (400, 300)
    assert client.get(f"/lacak/{c.tracking_id}/lampiran/{sha}/?kecil=1").status_code == 404


def test_the_private_view_is_never_cached_and_a_typed_id_becomes_canonical(world, client):
    c = submit()
    own = client.get(private(c))
    assert "no-store" in own["Cache-Control"]
    # Its address holds the key: the page's requests carry the origin at most, never it.
    assert own["Referrer-Policy"] == "strict-origin"
    assert "no-store" not in client.get(f"/lacak/{c.tracking_id}/").get("Cache-Control", "")
    response = client.get(f"/lacak/{c.tracking_id.lower()}/")
    assert response.status_code == 302 and response.url == f"/lacak/{c.tracking_id}/"


@pytest.mark.parametrize("language, time", [("id", "08.05"), ("en", "08:05")])
def test_times_are_written_the_way_each_language_writes_them(world, client, language, time):
    at = datetime(2026, 3, 2, 8, 5, tzinfo=sla.WIB)
    c = submit(at=at)
    client.cookies["django_language"] = language
    page = client.get(f"/lacak/{c.tracking_id}/").content.decode()
    # In the site's zone, and saying so: a reporter in WITA would read a bare time as theirs.
    assert f">{at:%-d} {'Maret' if language == 'id' else 'March'} 2026, {time} WIB</time>" in page
