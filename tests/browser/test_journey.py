"""The whole journey across roles, in one real browser against one real server:
a citizen submits with a photo → a verifier disposes → an officer delegates and answers →
the citizen rates → closed."""

import pytest
from PIL import Image

from aduan.complaints.models import Complaint, Status
from tests.browser.conftest import DESKTOP, PHONE, login, screenshot
from tests.browser.test_portal import choose_place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STORY = "Saluran di gang 5 Jagir mampet, tiap hujan air masuk rumah warga sampai selutut."


def test_citizen_verifier_officer_and_back_to_the_citizen(world, new_page, tmp_path):
    photo = tmp_path / "banjir.jpg"
    Image.new("RGB", (320, 240), "blue").save(photo, format="JPEG")

    citizen = new_page(viewport=PHONE)
    citizen.goto("/lapor/")
    citizen.get_by_label("Judul laporan").fill("Saluran mampet di gang 5 Jagir")
    citizen.get_by_label("Isi laporan").fill(STORY)
    choose_place(citizen, "35", "35.78", "35.78.04", "35.78.04.1002")
    citizen.get_by_label("Foto", exact=True).set_input_files(photo)
    citizen.get_by_label("Anonim").uncheck()
    citizen.get_by_label("Nama", exact=True).fill("Rina Wulandari")
    citizen.get_by_role("button", name="Kirim laporan").click()
    citizen.wait_for_url("**/lapor/terkirim/")
    tracking_id = citizen.get_by_test_id("tracking-id").inner_text()
    citizen.get_by_role("link", name="Buka laporan saya").click()
    private_url = citizen.url
    complaint = Complaint.objects.get(tracking_id=tracking_id)
    assert complaint.attachments.count() == 1 and not complaint.is_anonymous

    verifier = new_page(viewport=DESKTOP)
    login(verifier, world.users.verifier)
    verifier.goto(f"/kantor/laporan/{tracking_id}/")
    assert verifier.get_by_text("Rina Wulandari").first.is_visible()
    verifier.get_by_label("Instansi tujuan", exact=True).select_option(str(world.roads.pk))
    verifier.get_by_role("button", name="Verifikasi dan disposisikan").click()
    verifier.get_by_text(f"Laporan {tracking_id} diverifikasi dan didisposisikan").wait_for()

    officer = new_page(viewport=DESKTOP)
    login(officer, world.users.officer)
    officer.goto("/kantor/instansi/")
    officer.get_by_role("link", name=tracking_id).click()
    officer.get_by_role("button", name="Terima").click()
    officer.get_by_text(f"Laporan {tracking_id} diterima.").wait_for()
    officer.get_by_label("Unit tujuan").select_option(label="Bidang Jalan")
    officer.get_by_role("button", name="Delegasikan", exact=True).click()
    officer.get_by_text(f"Laporan {tracking_id} didelegasikan ke Bidang Jalan.").wait_for()
    officer.get_by_label("Tindak lanjut", exact=True).fill(
        "Saluran gang 5 sudah dikeruk satgas drainase pada hari Rabu."
    )
    officer.get_by_role("button", name="Kirim tindak lanjut").click()
    officer.get_by_text(f"Tindak lanjut laporan {tracking_id} terkirim.").wait_for()

    citizen.goto(private_url)
    assert citizen.get_by_text("sudah dikeruk satgas drainase").first.is_visible()
    citizen.get_by_label("5 — Sangat puas").check()
    citizen.get_by_role("button", name="Kirim penilaian").click()
    citizen.wait_for_load_state()
    screenshot(citizen, "journey-closed-phone")
    complaint.refresh_from_db()
    assert (complaint.status, complaint.rating, complaint.unit) == (
        Status.CLOSED,
        5,
        world.roads_unit,
    )
    actions = list(complaint.events.values_list("action", flat=True))
    assert actions == ["submit", "verify", "accept", "delegate", "answer", "rate"]
