"""Accessibility review, in a real browser: what Enter does without JavaScript, the tracking
number on a small phone, tap targets and text sizes at 360 px, the supervisor's table on a
desktop, the office filter's invalid date after an htmx swap. Screenshots: a11y-*.png."""

import pytest

from aduan.complaints import workflow
from aduan.complaints.models import Complaint
from tests.browser.conftest import DESKTOP, login, screenshot
from tests.browser.test_office import _queue_world
from tests.browser.test_portal import STORY, choose_place, verified
from tests.conftest import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_PHONE = {"width": 360, "height": 740}
SMALLEST_PHONE = {"width": 320, "height": 640}
LAPTOP = {"width": 1280, "height": 800}
# WCAG 2.5.5's 44 CSS px; a rendered box may come out a fraction under.
TAP = 43.5


def small_boxes(page, selector: str) -> dict[str, tuple[int, int]]:
    """{text: (width, height)} of the elements matching `selector` smaller than a tap."""
    boxes = page.eval_on_selector_all(
        selector,
        """els => els.map(e => {
            const r = e.getBoundingClientRect();
            return [e.textContent.trim().replace(/\\s+/g, " ") || e.id, r.width, r.height];
        })""",
    )
    assert boxes, selector
    return {text: (round(w), round(h)) for text, w, h in boxes if w < TAP or h < TAP}


def inside(inner, outer) -> bool:
    a, b = inner.bounding_box(), outer.bounding_box()
    return (
        b["x"] <= a["x"]
        and a["x"] + a["width"] <= b["x"] + b["width"]
        and b["y"] <= a["y"]
        and a["y"] + a["height"] <= b["y"] + b["height"]
    )


def font_sizes(page, selector: str) -> set[float]:
    sizes = page.eval_on_selector_all(
        selector, "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes, selector
    return set(sizes)


def assert_tracking_id_on_one_line(page):
    for viewport in (SMALL_PHONE, SMALLEST_PHONE):
        page.set_viewport_size(viewport)
        lines, right = page.get_by_test_id("tracking-id").evaluate(
            """e => {
                const text = document.createRange();
                text.selectNodeContents(e);
                const tops = new Set([...text.getClientRects()].map(r => Math.round(r.top)));
                return [tops.size, e.getBoundingClientRect().right];
            }"""
        )
        assert lines == 1 and right <= viewport["width"], viewport


def test_without_javascript_enter_in_the_title_sends_the_report(world, new_page):
    # A phone whose browser runs no JavaScript, as many of the citizens' do.
    page = new_page(SMALL_PHONE, javascript=False)
    page.goto("/lapor/")
    page.get_by_label("Judul laporan").fill("Lampu PJU mati di gang 3 Jagir")
    page.get_by_label("Isi laporan").fill(STORY)
    page.get_by_label("Provinsi", exact=True).select_option("35")
    page.get_by_role("button", name="Muat pilihan wilayah").click()  # as before: it reloads
    page.get_by_label("Kabupaten/Kota").select_option("35.78")
    page.get_by_label("Judul laporan").press("Enter")

    page.wait_for_url("**/lapor/terkirim/")
    assert Complaint.objects.get().region_id == "35.78"
    # Copy buttons need the script: without it there are none to press.
    assert page.locator("button[data-copy]").count() == 2
    assert not page.locator("button[data-copy]").first.is_visible()
    assert page.get_by_role("button", name="Salin nomor").count() == 0
    assert_tracking_id_on_one_line(page)
    screenshot(page, "a11y-submitted-nojs-320")


def test_the_send_button_is_big_and_the_confirmation_fits_a_small_phone(world, new_page):
    page = new_page(viewport=SMALL_PHONE)
    page.goto("/lapor/")
    send = page.get_by_role("button", name="Kirim laporan")
    assert send.evaluate("e => getComputedStyle(e).fontSize") == "20px"  # 1.25rem
    page.get_by_label("Judul laporan").fill("Sampah menumpuk di TPS Ngagel")
    page.get_by_label("Isi laporan").fill(STORY)
    choose_place(page, "35", "35.78")
    send.click()

    page.wait_for_url("**/lapor/terkirim/")
    assert page.get_by_role("button", name="Salin nomor").is_visible()
    assert page.get_by_role("button", name="Salin tautan").is_visible()
    assert_tracking_id_on_one_line(page)
    screenshot(page, "a11y-submitted-320")


def test_tap_targets_and_text_are_big_enough_on_a_small_phone(world, new_page):
    # 21 public reports: one more than a page, so the feed offers "Lebih lama".
    reports = [verified(world, title=f"Jalan berlubang nomor {i}") for i in range(20)]
    reports.append(verified(world, title="Trotoar rusak di Jl. Jagir", category="jalan"))
    page = new_page(viewport=SMALL_PHONE)

    page.goto("/")
    assert small_boxes(page, ".site-header nav a, .site-header .link") == {}
    assert small_boxes(page, ".site-footer a") == {}
    assert min(font_sizes(page, ".brand-sub, .figure small")) >= 14
    screenshot(page, "a11y-home-360")

    page.goto("/lapor/")
    assert small_boxes(page, ".choice-field label") == {}
    assert small_boxes(page, ".privacy-toggle label") == {}
    for box in page.locator(".privacy-toggle").all():  # the whole row, checkbox too
        assert inside(box.get_by_role("checkbox"), box.locator("label"))
    screenshot(page, "a11y-submit-360")

    page.goto("/laporan/")
    assert small_boxes(page, ".filter-box summary") == {}
    assert small_boxes(page, ".reports h3 a") == {}
    assert small_boxes(page, ".pager a") == {}
    assert min(font_sizes(page, ".badge")) >= 14
    screenshot(page, "a11y-feed-360")
    page.get_by_role("link", name="Lebih lama").click()
    assert small_boxes(page, ".pager a") == {}  # "← Terbaru" too

    page.goto(f"/laporan/{reports[-1].tracking_id}/")
    assert small_boxes(page, "main > .back a") == {}
    assert page.get_by_role("link", name="Laporan publik").last.is_visible()

    login(page, world.users.citizen)
    submit(reporter=world.users.citizen, title="Saluran air mampet di gang 3")
    page.goto("/saya/")
    assert small_boxes(page, ".reports h2 a") == {}
    screenshot(page, "a11y-mine-360")


def test_the_supervisors_table_fits_a_laptop_screen(world, new_page):
    _queue_world(world)
    page = new_page(viewport=LAPTOP)
    login(page, world.users.supervisor)
    page.goto("/kantor/pimpinan/")
    page.locator("table.units").get_by_text("Bidang Jalan").wait_for()
    widths = page.eval_on_selector_all(
        ".table-scroll", "els => els.map(e => [e.scrollWidth, e.clientWidth])"
    )
    assert widths and all(scroll <= client for scroll, client in widths), widths
    screenshot(page, "a11y-supervisor-1280")


def test_an_htmx_filter_marks_the_invalid_date_and_leaves_the_field_alone(world, new_page):
    verifier = workflow.Actor.staff(world.users.verifier)
    workflow.apply(submit(), "verify", actor=verifier, agency=world.roads)
    page = new_page(viewport=DESKTOP)
    login(page, world.users.officer)
    page.goto("/kantor/instansi/")
    since, until = page.get_by_label("Diterima sejak"), page.get_by_label("Diterima sampai")
    until.evaluate("e => { e.dataset.mark = 'kept'; }")  # a replaced field would lose it
    since.fill("2025-03-01")
    page.wait_for_url("**submitted_from=2025-03-01**")
    until.fill("2025-02-01")

    page.locator("#queue .errors").wait_for()
    note = page.locator("#id_submitted_to_error")
    note.get_by_text("Tanggal akhir harus sesudah tanggal awal.").wait_for()
    assert until.get_attribute("aria-invalid") == "true"
    assert until.get_attribute("aria-describedby") == "id_submitted_to_error"
    assert until.evaluate("e => e.dataset.mark === 'kept' && e === document.activeElement")
    assert since.get_attribute("aria-invalid") is None

    until.fill("2025-04-01")
    page.wait_for_url("**submitted_to=2025-04-01**")
    page.locator("#queue .errors").wait_for(state="detached")
    note.wait_for(state="hidden")
    assert until.get_attribute("aria-invalid") is None
    assert until.get_attribute("aria-describedby") is None
