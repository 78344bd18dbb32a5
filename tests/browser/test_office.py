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
    # What is left to the verifier: the mark not yet set, and only that.
    page.get_by_text("Tandai anonim atau rahasia").click()
    assert page.get_by_label("Tandai rahasia").is_disabled()
    assert page.get_by_label("Tandai anonim").is_enabled()


def test_verifier_filters_the_queue_in_place(world, new_page):
    _queue_world(world)
    page = new_page(viewport=DESKTOP)
    login(page, world.users.verifier_sby)
    page.goto("/kantor/verifikasi/")
    assert page.locator("li.item").count() == 4
    status = page.get_by_label("Status")
    status.focus()
    status.select_option("on_hold")
    page.wait_for_url("**status=on_hold**")
    page.locator("li.item").first.wait_for()
    assert page.locator("li.item").count() == 1
    assert page.get_by_text("Pungutan liar").is_visible()
    assert _is_focused(status)  # the filters stay where the user is working


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


# Focus and scrolling after htmx swaps, on a small phone where the panel is far taller than
# the screen: the result of an action (or the next page of a queue) must be where the eye and
# the keyboard are, and announced.
SMALL_PHONE = {"width": 360, "height": 740}


def _disposed_to_roads(world, n=1):
    verifier = Actor.staff(world.users.verifier)
    complaints = [submit(title=f"Jalan berlubang nomor {i}") for i in range(n)]
    for c in complaints:
        workflow.apply(c, "verify", actor=verifier, agency=world.roads)
    return complaints


def _top(locator) -> float:
    return locator.evaluate("e => e.getBoundingClientRect().top")


def _is_focused(locator) -> bool:
    return locator.evaluate("e => e === document.activeElement")


def _focus_ring(page) -> str:
    """The focused element's outline style ("none" when focus is invisible)."""
    return page.evaluate("getComputedStyle(document.activeElement).outlineStyle")


@pytest.mark.parametrize("by", ["keyboard", "mouse"])
def test_after_an_action_on_a_phone_the_message_is_on_screen_and_focused(world, new_page, by):
    # A mouse click leaves :focus-visible unmatched: the ring must show all the same.
    (c,) = _disposed_to_roads(world)
    page = new_page(viewport=SMALL_PHONE)
    login(page, world.users.officer)
    page.goto(f"/kantor/laporan/{c.tracking_id}/")
    accept = page.get_by_role("button", name="Terima")
    if by == "keyboard":
        accept.focus()
        page.keyboard.press("Enter")
    else:
        accept.click()
    message = page.get_by_role("status").filter(has_text=f"Laporan {c.tracking_id} diterima.")
    message.wait_for()
    assert 0 <= _top(message) < SMALL_PHONE["height"]
    assert _is_focused(message) and _focus_ring(page) != "none"


def test_a_rejected_answer_on_a_phone_focuses_the_field_and_alerts_its_error(world, new_page):
    (c,) = _disposed_to_roads(world)
    page = new_page(viewport=SMALL_PHONE)
    login(page, world.users.officer)
    page.goto(f"/kantor/laporan/{c.tracking_id}/")
    page.get_by_label("Tindak lanjut", exact=True).fill("   ")
    page.get_by_role("button", name="Kirim tindak lanjut").focus()
    page.keyboard.press("Enter")
    error = page.get_by_role("alert").and_(page.locator("#id_answer-note_error"))
    error.wait_for()
    assert 0 <= _top(error) < SMALL_PHONE["height"]
    field = page.get_by_label("Tindak lanjut", exact=True)
    assert _is_focused(field)
    assert field.get_attribute("aria-invalid") == "true"
    assert "id_answer-note_error" in field.get_attribute("aria-describedby")
    assert _focus_ring(page) != "none"


def test_next_page_moves_keyboard_focus_to_the_first_new_row(world, new_page):
    complaints = _disposed_to_roads(world, 51)  # one more than a page
    page = new_page(viewport=SMALL_PHONE)
    login(page, world.users.officer)
    page.goto("/kantor/instansi/")
    first_of_page_one = page.locator("li.item a.tid").first.inner_text()
    page.get_by_role("link", name="Halaman berikutnya").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**cursor=**")
    row = page.locator("li.item").first
    link = row.locator("a.tid")
    link.filter(has_not_text=first_of_page_one).wait_for()
    assert link.inner_text() in {c.tracking_id for c in complaints}
    assert _is_focused(link)
    assert 0 <= _top(row) < SMALL_PHONE["height"]
    assert _focus_ring(page) != "none"


def test_the_focus_ring_contrasts_with_white_cards_and_the_page(world, new_page):
    """WCAG 1.4.11: some part of the ring has 3:1 or more against what is around it."""
    page = new_page(viewport=SMALL_PHONE)
    login(page, world.users.officer)
    page.goto("/kantor/instansi/")
    page.keyboard.press("Tab")  # the skip link, then on into the page
    page.keyboard.press("Tab")
    colours = page.evaluate(
        """() => {
          const s = getComputedStyle(document.activeElement);
          const rgb = t => t.match(/\\d+/g).slice(0, 3).map(Number);
          const ring = s.outlineStyle === "none" ? [] : [rgb(s.outlineColor)];
          return s.boxShadow === "none" ? ring : ring.concat([rgb(s.boxShadow)]);
        }"""
    )

    def luminance(rgb):
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    def contrast(a, b):
        hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    for background in ([255, 255, 255], [0xF6, 0xF7, 0xF9]):  # cards, page
        assert max(contrast(colour, background) for colour in colours) >= 3, colours
