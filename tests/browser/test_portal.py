"""The citizen's pages in a real browser against a real server: phone first, then desktop.
Screenshots go to tests/artifacts/ (portal-*-phone.png, portal-*-desktop.png)."""

import contextlib
import re

import pytest
from PIL import Image

from aduan.complaints import workflow
from aduan.complaints.models import Complaint
from tests.browser.conftest import DESKTOP, PHONE, login, screenshot
from tests.conftest import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


STORY = "Lampu jalan di gang 3 mati sejak Senin, gelap sekali dan rawan begal di malam hari."


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "lampu mati.jpg"
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    Image.new("RGB", (320, 240), "orange").save(path, format="JPEG", exif=exif)
    return path


def choose_place(page, *codes):
    """Pick province → regency → kecamatan → kelurahan, waiting for each list to load."""
    labels = ["Provinsi", "Kabupaten/Kota", "Kecamatan", "Kelurahan/Desa"]
    ids = ["id_province", "id_regency", "id_district", "id_village"]
    for i, code in enumerate(codes):
        page.wait_for_selector(f'#{ids[i]} option[value="{code}"]', state="attached")
        page.get_by_label(labels[i], exact=True).select_option(code)


def verified(world, **fields):
    c = submit(**fields)
    return workflow.apply(
        c, "verify", actor=workflow.Actor.staff(world.users.verifier), agency=world.roads
    )


def test_a_citizen_on_a_phone_submits_a_report_with_a_photo(world, new_page, photo):
    page = new_page(viewport=PHONE)
    page.goto("/")
    page.get_by_role("link", name="Sampaikan laporan").last.click()
    page.get_by_label("Judul laporan").fill("Lampu PJU mati di gang 3 Jagir")
    page.get_by_label("Isi laporan").fill(STORY)
    choose_place(page, "35", "35.78", "35.78.04", "35.78.04.1002")
    page.get_by_label("Foto", exact=True).set_input_files(photo)
    page.get_by_label("Nama", exact=True).fill("Budi Santoso")
    page.get_by_label("Nomor telepon").fill("081234567890")
    screenshot(page, "portal-submit-filled-phone")
    page.get_by_role("button", name="Kirim laporan").click()

    page.wait_for_url("**/lapor/terkirim/")
    tracking_id = page.get_by_test_id("tracking-id").inner_text()
    page.get_by_role("button", name="Salin nomor").click()
    page.get_by_text("Nomor pelacakan tersalin.").wait_for(state="visible")
    complaint = Complaint.objects.get()
    assert tracking_id == complaint.tracking_id
    assert complaint.channel == "web" and complaint.region_id == "35.78.04.1002"
    assert complaint.is_anonymous and complaint.reporter_name == "Budi Santoso"
    assert complaint.attachments.get().content_type == "image/jpeg"
    screenshot(page, "portal-submitted-phone")

    page.get_by_role("link", name="Buka laporan saya").click()
    assert page.get_by_text("Tampilan pelapor").is_visible()
    image = page.get_by_role("img", name="Foto lampiran 1")
    assert image.is_visible()
    served = page.request.get(image.get_attribute("src"))  # the server's own media directory
    assert served.ok and served.body()[:2] == b"\xff\xd8" and b"KameraRahasia" not in served.body()
    screenshot(page, "portal-track-private-phone")


def test_a_form_error_keeps_what_the_citizen_typed(world, new_page):
    page = new_page(viewport=PHONE)
    page.goto("/lapor/")
    page.get_by_label("Judul laporan").fill("Mati")  # too short
    page.get_by_label("Isi laporan").fill(STORY)
    choose_place(page, "35", "35.78")
    page.get_by_label("Rahasia").check()
    page.get_by_role("button", name="Kirim laporan").click()

    page.wait_for_load_state()
    assert page.get_by_role("alert").first.is_visible()
    assert "Paling sedikit 5 karakter (sekarang 4)." in page.locator("#id_title_error").inner_text()
    assert page.get_by_label("Isi laporan").input_value() == STORY
    assert page.get_by_label("Judul laporan").input_value() == "Mati"
    assert page.get_by_label("Kabupaten/Kota").input_value() == "35.78"
    assert page.get_by_label("Rahasia").is_checked()
    assert not Complaint.objects.exists()
    screenshot(page, "portal-submit-error-phone")


def test_a_rahasia_report_never_appears_in_the_public_feed(world, new_page):
    public = verified(world, title="Trotoar rusak di Jl. Jagir")
    secret = verified(world, title="Pungli di loket kelurahan", confidential=True)
    page = new_page(viewport=PHONE)
    page.goto("/laporan/")
    assert page.get_by_role("link", name="Trotoar rusak di Jl. Jagir").is_visible()
    assert "Pungli" not in page.content()
    page.goto(f"/laporan/{secret.tracking_id}/")
    assert "Pungli" not in page.content() and "tidak ditemukan" in page.content()
    page.goto(f"/lacak/{secret.tracking_id}/")
    assert "Pungli" not in page.content() and "Laporan ini rahasia" in page.content()
    page.goto(f"/laporan/{public.tracking_id}/")
    assert "Siti Aminah" not in page.content()


def test_the_language_switch_turns_the_page_english(world, new_page):
    page = new_page(viewport=PHONE)
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_role("button", name="English").click()
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Problem with a public")
    assert page.get_by_role("link", name="Submit a report").first.is_visible()
    screenshot(page, "portal-home-en-phone")
    page.get_by_role("button", name="Bahasa Indonesia").click()
    page.wait_for_function("document.documentElement.lang === 'id'")


def test_the_region_pickers_reset_the_levels_below_a_change(world, new_page):
    page = new_page(viewport=DESKTOP)
    page.goto("/lapor/")
    choose_place(page, "35", "35.78", "35.78.04")
    page.get_by_label("Kabupaten/Kota").select_option("35.01")
    page.wait_for_selector('#id_district option[value="35.01.01"]', state="attached")
    assert page.get_by_label("Kecamatan").input_value() == ""
    page.wait_for_function("!document.querySelector('.htmx-request')")
    assert page.locator("#id_village option").count() == 1


def test_a_late_answer_for_an_older_pick_does_not_refill_a_reset_level(world, new_page):
    """The kelurahan list of a kecamatan picked just before the city changed arrives last
    (held here until the new city's answer is in): it must not land in the reset list."""
    page = new_page(viewport=DESKTOP)
    held = []
    late = re.compile(r"/wilayah/\?.*district=")
    page.route(late, lambda route: held.append(route))
    page.goto("/lapor/")
    choose_place(page, "35", "35.78", "35.78.04")
    page.wait_for_function("!!document.querySelector('.htmx-request')")
    page.get_by_label("Kabupaten/Kota").select_option("35.01")
    page.wait_for_selector('#id_district option[value="35.01.01"]', state="attached")
    page.unroute(late)
    for route in held:
        with contextlib.suppress(Exception):  # the browser may have dropped it already
            route.continue_()
    page.wait_for_function("!document.querySelector('.htmx-request')")
    page.wait_for_timeout(200)
    assert page.locator("#id_village option").count() == 1


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_screenshots_of_the_main_pages(world, new_page, size):
    """For review: every citizen page, as a visitor and as a reporter with an account."""
    viewport = PHONE if size == "phone" else DESKTOP
    asked = verified(world, title="Lampu PJU mati di Jl. Jagir Wonokromo")
    officer = workflow.Actor.staff(world.users.officer)
    workflow.apply(asked, "accept", actor=officer)
    workflow.apply(asked, "ask_reporter", actor=officer, note="Nomor tiang lampu berapa?")
    answered = verified(world, title="Jalan berlubang di depan SDN Jagir")
    workflow.apply(answered, "answer", actor=officer, note="Sudah ditambal hari Selasa.")
    mine = submit(reporter=world.users.citizen, title="Saluran air mampet di gang 3")
    rahasia = verified(world, title="Pungli di loket", confidential=True)

    page = new_page(viewport=viewport)
    for name, path in [
        ("home", "/"),
        ("submit", "/lapor/"),
        ("track-lookup", "/lacak/"),
        ("track-public", f"/lacak/{answered.tracking_id}/"),
        ("track-rahasia", f"/lacak/{rahasia.tracking_id}/"),
        ("track-asked", f"/lacak/{asked.tracking_id}/?kunci={asked.reporter_secret}"),
        ("track-answered", f"/lacak/{answered.tracking_id}/?kunci={answered.reporter_secret}"),
        ("feed", "/laporan/"),
        ("report", f"/laporan/{answered.tracking_id}/"),
        ("signup", "/daftar/"),
        ("login", "/masuk/"),
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        screenshot(page, f"portal-{name}-{size}")
    page.goto("/lapor/")
    page.get_by_label("Judul laporan").fill("Sampah menumpuk di TPS Ngagel")
    page.get_by_label("Isi laporan").fill(STORY)
    choose_place(page, "35", "35.78")
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_url("**/lapor/terkirim/")
    screenshot(page, f"portal-submitted-{size}")

    login(page, world.users.citizen)
    page.goto("/saya/")
    assert page.get_by_role("link", name="Saluran air mampet di gang 3").is_visible()
    screenshot(page, f"portal-mine-{size}")
    page.goto(f"/lacak/{mine.tracking_id}/")
    assert page.get_by_text("Tampilan pelapor").is_visible()
    screenshot(page, f"portal-track-own-{size}")


MAP_LINK = (
    "https://www.google.com/maps/place/Jl.+Jagir+Wonokromo/@-7.3012345,112.7412345,17z/"
    "data=!3m1!4b1!4m6!3m5!1s0x2dd7fb6b8d3c1f2d:0x4a1b2c3d4e5f6a7b!8m2!3d-7.30!4d112.74"
)
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_a_pasted_map_link_does_not_widen_the_page_on_a_small_phone(world, new_page):
    c = submit(title=f"Peta salah: {MAP_LINK[:150]}", address=MAP_LINK)
    workflow.apply(
        c, "verify", actor=workflow.Actor.staff(world.users.verifier), agency=world.roads
    )
    page = new_page(viewport={"width": 360, "height": 740})
    for url in (f"/lacak/{c.tracking_id}/?kunci={c.reporter_secret}", f"/laporan/{c.tracking_id}/"):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{url}: {width}px wide on a 360px screen"
