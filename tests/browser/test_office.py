"""The office pages in a real browser: a verifier disposes, an officer delegates and answers,
an anonim reporter stays hidden from the agency. Screenshots at phone and desktop width go to
tests/artifacts/ (office-*-phone.png, office-*-desktop.png)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from aduan.complaints import workflow
from aduan.complaints.models import Complaint, Status
from aduan.complaints.workflow import Actor
from aduan.directory.models import AnswerTemplate, RoutingRule
from tests.browser.conftest import DESKTOP, PHONE, login, screenshot
from tests.conftest import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


SIZES = {"phone": PHONE, "desktop": DESKTOP}
NAME = "Siti Aminah"


def _queue_world(world):
    """A few complaints in several states, so the queues have something to show."""
    now = timezone.now()
    verifier = Actor.staff(world.users.verifier)
    submit(title="Lampu penerangan jalan mati sepanjang Jl. Jagir", at=now - timedelta(days=20))
    soon = submit(title="Saluran air tersumbat di depan pasar Wonokromo")
    Complaint.objects.filter(pk=soon.pk).update(due_at=now + timedelta(hours=3))
    submit(title="Trotoar rusak dan membahayakan pejalan kaki", category="jalan")
    held = submit(title="Pungutan liar di kantor kelurahan")
    workflow.apply(held, "hold", actor=verifier, note="Mohon lengkapi waktu kejadian.")
    late = submit(title="Jalan ambles dekat jembatan", at=now - timedelta(days=25))
    workflow.apply(late, "verify", actor=verifier, agency=world.roads, at=now - timedelta(days=24))
    answered = submit(title="Marka jalan pudar di perempatan", reporter=world.users.citizen)
    workflow.apply(answered, "verify", actor=verifier, agency=world.roads)
    workflow.apply(
        answered, "delegate", actor=Actor.staff(world.users.officer), unit=world.roads_unit
    )
    workflow.apply(
        answered, "answer", actor=Actor.staff(world.users.unit_officer), note="Sudah dicat."
    )
    workflow.apply(answered, "rate", actor=Actor.reporter(world.users.citizen), rating=5)


def test_verifier_disposes_a_complaint(world, new_page):
    RoutingRule.objects.create(order=1, region_id="35.78", agency=world.roads)
    _queue_world(world)
    c = submit(
        title="Jalan berlubang di depan SDN Jagir 1",
        address="Jl. Jagir Wonokromo No. 12",
        category="jalan",
    )
    for size, viewport in SIZES.items():
        page = new_page(viewport=viewport)
        login(page, world.users.verifier_sby)
        page.goto("/kantor/")
        assert page.url.endswith("/kantor/verifikasi/")
        page.get_by_role("heading", name="Antrean verifikasi").wait_for()
        screenshot(page, f"office-triage-{size}")
        page.get_by_role("link", name=c.tracking_id).click()
        page.get_by_role("heading", name=c.title).wait_for()
        assert page.get_by_text(NAME).is_visible()
        agency = page.get_by_label("Instansi tujuan", exact=True)
        assert agency.input_value() == str(world.roads.pk)  # the routing rule's suggestion
        screenshot(page, f"office-complaint-verifier-{size}")

    page.get_by_label("Tandai rahasia").check()
    page.get_by_role("button", name="Verifikasi dan disposisikan").click()
    page.get_by_text(f"Laporan {c.tracking_id} diverifikasi dan didisposisikan").wait_for()
    c.refresh_from_db()
    assert c.status == Status.DISPOSED and c.agency == world.roads and c.is_confidential
    assert page.get_by_text("Tidak ada tindakan yang dapat Anda lakukan").is_visible()


def test_verifier_filters_the_queue_in_place(world, new_page):
    _queue_world(world)
    page = new_page(viewport=DESKTOP)
    login(page, world.users.verifier_sby)
    page.goto("/kantor/verifikasi/")
    assert page.locator("li.item").count() == 4
    page.get_by_label("Status").select_option("on_hold")
    page.wait_for_url("**status=on_hold**")
    page.locator("li.item").first.wait_for()
    assert page.locator("li.item").count() == 1
    assert page.get_by_text("Pungutan liar").is_visible()


def test_officer_delegates_to_a_unit_and_posts_an_answer(world, new_page):
    _queue_world(world)
    AnswerTemplate.objects.create(
        agency=world.city,
        title="Perbaikan dijadwalkan",
        body="Terima kasih atas laporan Anda. Perbaikan sudah kami jadwalkan.",
    )
    c = submit(title="Jalan berlubang di depan SDN Jagir 1", reporter=world.users.citizen)
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)

    for size, viewport in SIZES.items():
        page = new_page(viewport=viewport)
        login(page, world.users.officer)
        page.goto("/kantor/")
        assert page.url.endswith("/kantor/instansi/")
        page.get_by_role("heading", name="Antrean instansi").wait_for()
        screenshot(page, f"office-agency-{size}")
        page.get_by_role("link", name=c.tracking_id).click()
        page.get_by_role("heading", name=c.title).wait_for()
        screenshot(page, f"office-complaint-officer-{size}")

    page.get_by_role("button", name="Terima").click()
    page.get_by_text(f"Laporan {c.tracking_id} diterima.").wait_for()
    page.get_by_label("Unit tujuan").select_option(label="Bidang Jalan")
    page.get_by_role("button", name="Delegasikan", exact=True).click()
    page.get_by_text(f"Laporan {c.tracking_id} didelegasikan ke Bidang Jalan.").wait_for()
    c.refresh_from_db()
    assert c.status == Status.IN_PROGRESS and c.unit == world.roads_unit

    page.get_by_label("Templat jawaban").select_option(label="Perbaikan dijadwalkan")
    page.get_by_role("button", name="Sisipkan templat").click()
    answer = page.get_by_label("Tindak lanjut", exact=True)
    assert "Perbaikan sudah kami jadwalkan." in answer.input_value()
    answer.press("End")
    answer.type(" Target selesai Jumat ini.")
    page.get_by_role("button", name="Kirim tindak lanjut").click()
    page.get_by_text(f"Tindak lanjut laporan {c.tracking_id} terkirim.").wait_for()
    screenshot(page, "office-complaint-answered-desktop")
    c.refresh_from_db()
    assert c.status == Status.ANSWERED
    assert c.answer.endswith("Perbaikan sudah kami jadwalkan. Target selesai Jumat ini.")


def test_an_anonim_reporter_is_never_shown_to_the_officer(world, new_page):
    c = submit(
        title="Pungutan liar saat mengurus KTP",
        body="Saya Siti Aminah diminta membayar Rp50.000 oleh petugas. Hubungi 081234567890.",
        anonymous=True,
        reporter=world.users.citizen,
    )
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    page = new_page(viewport=DESKTOP)
    login(page, world.users.officer)
    page.goto("/kantor/instansi/")
    assert NAME not in page.content()
    page.get_by_role("link", name=c.tracking_id).click()
    page.get_by_text("Identitas pelapor dirahasiakan karena laporan ini anonim.").wait_for()
    content = page.content()
    assert NAME not in content and "081234567890" not in content
    page.get_by_role("button", name="Terima").click()
    page.get_by_text(f"Laporan {c.tracking_id} diterima.").wait_for()
    assert NAME not in page.content()
    screenshot(page, "office-complaint-anonim-desktop")

    verifier = new_page(viewport=DESKTOP)
    login(verifier, world.users.verifier_sby)
    verifier.goto(f"/kantor/laporan/{c.tracking_id}/")
    assert verifier.get_by_text(NAME, exact=True).is_visible()


def test_supervisor_view(world, new_page):
    _queue_world(world)
    for size, viewport in SIZES.items():
        page = new_page(viewport=viewport)
        login(page, world.users.supervisor)
        page.goto("/kantor/pimpinan/")
        page.get_by_role("heading", name="Ringkasan pimpinan").wait_for()
        page.locator("table.units").get_by_text("Bidang Jalan").wait_for()
        screenshot(page, f"office-supervisor-{size}")
    page = new_page(viewport=DESKTOP)
    login(page, world.users.oversight)
    page.goto("/kantor/")
    page.get_by_role("heading", name="Ikhtisar pengaduan").wait_for()
    screenshot(page, "office-overview-desktop")
