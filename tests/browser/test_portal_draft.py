"""The submit form's draft (portal/draft.js) in a real browser, at phone width: what a citizen
typed survives leaving the form through its own links, the place pickers survive Back, and
the draft neither overrides what the server sent back nor outlives a sent report."""

import json

import pytest
from playwright.sync_api import expect

from aduan.complaints.models import Complaint
from tests.browser.conftest import screenshot
from tests.browser.test_portal import STORY, choose_place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}
TITLE = "Lampu PJU mati di gang 3 Jagir"
DRAFT = "aduan-draft:/lapor/"


def draft(page) -> dict | None:
    return json.loads(page.evaluate(f"sessionStorage.getItem('{DRAFT}')") or "null")


def fill_report(page):
    page.get_by_label("Aspirasi").check()
    page.get_by_label("Judul laporan").fill(TITLE)
    page.get_by_label("Isi laporan").fill(STORY)
    choose_place(page, "35", "35.78", "35.78.04")
    page.get_by_label("Anonim").uncheck()
    page.get_by_label("Rahasia").check()


def expect_report(page, labels):
    """The report as fill_report left it; the place comes back level by level (htmx)."""
    title, body, aspiration, district, anonymous, confidential = labels
    expect(page.get_by_label(title)).to_have_value(TITLE)
    expect(page.get_by_label(body)).to_have_value(STORY)
    expect(page.get_by_label(aspiration)).to_be_checked()
    expect(page.locator("#id_province")).to_have_value("35")
    expect(page.locator("#id_regency")).to_have_value("35.78")
    expect(page.get_by_label(district, exact=True)).to_have_value("35.78.04")
    # The kelurahan list of the restored kecamatan is there to choose from.
    expect(page.locator('#id_village option[value="35.78.04.1002"]')).to_be_attached()
    expect(page.get_by_label(anonymous)).not_to_be_checked()
    expect(page.get_by_label(confidential)).to_be_checked()


def test_logging_in_from_the_form_keeps_the_report(world, new_page):
    from django.contrib.auth.hashers import make_password

    from tests.conftest import PASSWORD

    user = world.users.citizen
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    page = new_page(viewport=PHONE)
    page.goto("/lapor/")
    fill_report(page)
    page.get_by_label("Nama", exact=True).fill("Budi Santoso")
    saved = draft(page)
    assert saved["fields"]["title"] == TITLE and saved["fields"]["name"] == "Budi Santoso"
    # Neither the CSRF token nor the form's one-time token is kept.
    assert "csrfmiddlewaretoken" not in saved["fields"] and "token" not in saved["fields"]

    link = page.locator("form").get_by_role("link", name="Masuk")
    assert link.get_attribute("href").endswith("?next=/lapor/")
    link.click()
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/lapor/")

    expect_report(
        page, ("Judul laporan", "Isi laporan", "Aspirasi", "Kecamatan", "Anonim", "Rahasia")
    )
    screenshot(page, "portal-draft-after-login-phone")
    # The account is the contact now: the name typed before is not kept any longer.
    page.wait_for_function(
        f"!JSON.parse(sessionStorage.getItem('{DRAFT}')).fields.hasOwnProperty('name')"
    )
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_url("**/lapor/terkirim/")
    complaint = Complaint.objects.get()
    assert complaint.title == TITLE and complaint.region_id == "35.78.04"
    assert complaint.kind == "aspirasi" and complaint.is_confidential
    assert complaint.reporter_id == user.pk
    # Sent: the draft is gone, and a new report starts empty.
    assert draft(page) == {"sent": True}
    # Back from the confirmation: the browser may fill the sent report in again, but it does
    # not become the draft that a later visit would restore (and send twice).
    page.go_back()
    page.wait_for_url("**/lapor/")
    page.wait_for_load_state("load")
    assert draft(page) == {"sent": True}
    page.goto("/lapor/")
    expect(page.get_by_label("Judul laporan")).to_have_value("")
    expect(page.locator("#id_regency option")).to_have_count(1)


def test_a_draft_older_than_an_hour_is_not_restored(world, new_page):
    # On a shared device the next person in the same tab does not meet the last one's report.
    page = new_page(viewport=PHONE)
    page.goto("/lapor/")
    page.evaluate(
        "([key, fields]) => sessionStorage.setItem(key, JSON.stringify("
        "{files: false, fields, at: Date.now() - 61 * 60 * 1000}))",
        [DRAFT, {"title": TITLE}],
    )
    page.goto("/lapor/")
    page.wait_for_load_state("load")
    expect(page.get_by_label("Judul laporan")).to_have_value("")


def test_switching_language_keeps_the_report_and_says_files_must_be_chosen_again(
    world, new_page, tmp_path
):
    photo = tmp_path / "lampu.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    page = new_page(viewport=PHONE)
    page.goto("/lapor/")
    assert page.locator("[data-draft-files]").is_hidden()
    fill_report(page)
    page.get_by_label("Foto", exact=True).set_input_files(photo)
    assert draft(page)["files"] is True

    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/lapor/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect_report(
        page,
        (
            "Title",
            "What happened",
            "Aspiration",
            "District (kecamatan)",
            "Anonymous",
            "Confidential",
        ),
    )
    expect(page.locator("[data-draft-files]")).to_be_visible()


def test_the_region_pickers_survive_the_back_button(world, new_page):
    page = new_page(viewport=PHONE)
    page.goto("/lapor/")
    choose_place(page, "35", "35.78")
    page.get_by_label("Judul laporan").fill(TITLE)
    page.get_by_role("link", name="Lacak").first.click()
    page.wait_for_url("**/lacak/")
    page.go_back()

    expect(page.get_by_label("Judul laporan")).to_have_value(TITLE)  # the browser's restore
    expect(page.get_by_label("Provinsi")).to_have_value("35")
    # The browser could not put Surabaya back (its list was not loaded yet): the list is
    # loaded again and the choice comes from the draft; the next level is ready to pick.
    expect(page.get_by_label("Kabupaten/Kota")).to_have_value("35.78")
    choose_place(page, "35", "35.78", "35.78.04", "35.78.04.1002")
    expect(page.get_by_label("Kelurahan/Desa")).to_have_value("35.78.04.1002")


def test_a_form_sent_back_with_errors_shows_what_was_posted_not_the_draft(world, new_page):
    page = new_page(viewport=PHONE)
    page.goto("/lapor/")
    page.get_by_label("Judul laporan").fill("Mati")  # too short
    # An older draft in this tab, and a send that skips the submit handler that clears it.
    older = {"title": "Draf lama", "body": "Isi dari draf lama yang lain", "province": "35"}
    page.evaluate(
        "([key, fields]) => sessionStorage.setItem(key, JSON.stringify("
        "{files: false, fields, at: Date.now()}))",
        [DRAFT, older],
    )
    with page.expect_navigation():
        page.evaluate("document.querySelector('form[data-draft]').submit()")

    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.get_by_label("Judul laporan")).to_have_value("Mati")
    expect(page.get_by_label("Isi laporan")).to_have_value("")
    expect(page.get_by_label("Provinsi")).to_have_value("")
    # The draft now follows what the server sent back.
    page.wait_for_function(f"JSON.parse(sessionStorage.getItem('{DRAFT}')).fields.title === 'Mati'")
