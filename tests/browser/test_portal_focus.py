"""Where the citizen's eyes and focus are after a full page load on a small phone: a rejected
form shows and focuses its errors (a role=alert already in the page at load is not announced,
focusing it is what gets it read); an action that went through shows and focuses its message.
The tracking page is long: its forms sit 1,300–2,000 px down a 740 px screen."""

import pytest

from aduan.complaints import workflow
from tests.conftest import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SMALL_PHONE = {"width": 360, "height": 740}


def answered(world):
    c = submit(title="Lampu PJU mati di Jl. Jagir")
    workflow.apply(
        c, "verify", actor=workflow.Actor.staff(world.users.verifier), agency=world.roads
    )
    return workflow.apply(
        c,
        "answer",
        actor=workflow.Actor.staff(world.users.officer),
        note="Sudah diganti hari Selasa.",
    )


def private(c) -> str:
    return f"/lacak/{c.tracking_id}/?kunci={c.reporter_secret}"


def focused(page) -> dict:
    """The focused element: its class, role, text, place on screen and focus ring."""
    return page.evaluate(
        """() => { const e = document.activeElement, r = e.getBoundingClientRect();
           return {tag: e.tagName, cls: e.className, id: e.id, role: e.getAttribute('role'),
                   text: e.innerText, top: r.top, bottom: r.bottom, inMain: !!e.closest('main'),
                   ring: getComputedStyle(e).outlineStyle}; }"""
    )


def on_screen(box) -> bool:
    return box["top"] >= 0 and box["bottom"] <= SMALL_PHONE["height"]


def press(page, button):
    """Activate a button from the keyboard, as a screen reader or switch user does."""
    page.get_by_role("button", name=button).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize(
    ("button", "field_error"),
    [
        ("Buka kembali laporan", "Mengapa laporan perlu dibuka kembali?: "),  # no reason given
        ("Kirim penilaian", "Seberapa puas Anda dengan tindak lanjut ini?: "),  # no rating chosen
        ("Kirim balasan", "Balasan atau keterangan tambahan: "),  # nothing typed
    ],
)
def test_a_rejected_action_shows_and_focuses_its_error_summary(
    world, new_page, button, field_error
):
    c = answered(world)
    page = new_page(viewport=SMALL_PHONE)
    page.goto(private(c))
    press(page, button)

    now = focused(page)
    assert "error-summary" in now["cls"], now
    assert now["role"] == "alert" and field_error in now["text"], now
    assert on_screen(now), now
    assert now["ring"] != "none", now
    assert page.title().startswith("Periksa isian — "), page.title()


def test_an_error_summary_link_focuses_the_field_and_shows_its_question(world, new_page):
    c = answered(world)
    page = new_page(viewport=SMALL_PHONE)
    page.goto(private(c))
    press(page, "Kirim penilaian")
    page.locator(".error-summary").get_by_role("link").click()
    now = focused(page)
    assert now["id"] == "id_nilai-rating_0", now  # the first radio of the group
    legend = page.locator(".field", has=page.locator("#id_nilai-rating_0")).locator("legend")
    assert on_screen(legend.evaluate("e => e.getBoundingClientRect().toJSON()"))


def test_a_sent_reply_shows_and_focuses_its_message_first_in_main(world, new_page):
    c = answered(world)
    page = new_page(viewport=SMALL_PHONE)
    page.goto(private(c))
    page.get_by_label("Balasan atau keterangan tambahan").fill("Tiang nomor 17, depan masjid.")
    press(page, "Kirim balasan")

    now = focused(page)
    assert now["role"] == "status" and "Balasan Anda sudah terkirim." in now["text"], now
    assert now["inMain"] and on_screen(now), now
    assert now["ring"] != "none", now
    # Before the content, so "Langsung ke isi" (the skip link) lands on it too.
    first = page.evaluate("document.querySelector('main').firstElementChild.getAttribute('role')")
    assert first == "status"


def test_an_action_no_longer_offered_focuses_its_error(world, new_page):
    c = submit(title="Lampu PJU mati di Jl. Jagir")
    page = new_page(viewport=SMALL_PHONE)
    page.goto(private(c))
    verifier = workflow.Actor.staff(world.users.verifier)
    workflow.apply(
        c, "archive", actor=verifier, reason="unclear", note="Kurang jelas."
    )  # meanwhile
    page.get_by_label("Balasan atau keterangan tambahan").fill("Lokasinya di gang 3.")
    press(page, "Kirim balasan")

    now = focused(page)
    assert "msg error" in now["cls"] and "sudah berubah" in now["text"], now
    assert on_screen(now), now


def test_a_submit_error_focuses_the_summary_and_the_title_says_so(world, new_page):
    page = new_page(viewport=SMALL_PHONE)
    page.goto("/lapor/")
    page.get_by_label("Judul laporan").fill("Mati")  # too short
    press(page, "Kirim laporan")

    now = focused(page)
    assert "error-summary" in now["cls"] and "Judul laporan: " in now["text"], now
    assert on_screen(now), now
    assert page.title() == "Periksa isian — Sampaikan laporan — aduan"
