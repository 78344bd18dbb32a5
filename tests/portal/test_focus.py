"""What focus.js needs from the pages, and what still works without it: errors and outcome
messages marked where to land, the message first in <main>, a title that says "errors"."""

import re

import pytest

from tests.conftest import submit
from tests.portal.conftest import answer, form, verify
from tests.portal.test_headings import assert_no_level_skipped

pytestmark = pytest.mark.django_db


def private(c) -> str:
    return f"/lacak/{c.tracking_id}/?kunci={c.reporter_secret}"


def title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


def main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def test_the_outcome_message_is_the_first_thing_in_main_and_can_take_focus(world, client):
    c = submit()
    data = {"aksi": "reply", "balas-note": "Tiang nomor 17, depan masjid."}
    page = client.post(private(c), data, follow=True).content.decode()
    # First in <main>, where the skip link lands even without JS; focus.js focuses it.
    assert re.match(
        r'<main id="main"><div class="messages" role="status" tabindex="-1" data-land>'
        r'<p class="msg success">Balasan Anda sudah terkirim.</p></div>',
        main(page),
    )
    assert title(page) == f"Laporan {c.tracking_id} — aduan"
    assert "data-land" not in main(client.get(private(c)).content.decode())  # shown once


@pytest.mark.parametrize(
    ("data", "prefix", "link"),
    [
        ({"aksi": "rate"}, "nilai", "#id_nilai-rating_0"),  # a radio group: its first radio
        ({"aksi": "reopen", "buka-note": " "}, "buka", "#id_buka-note"),
        ({"aksi": "reply", "balas-note": " "}, "balas", "#id_balas-note"),
    ],
)
def test_a_rejected_action_gets_an_error_summary_to_land_on(world, client, data, prefix, link):
    c = answer(verify(submit(), world), world)
    page = client.post(private(c), data).content.decode()
    summary = re.search(r'<div class="error-summary"[^>]*>', page).group(0)
    assert f'id="kesalahan-{prefix}"' in summary
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert 'data-land="error"' in summary
    assert page.count('class="error-summary"') == 1
    assert f'href="{link}"' in page
    assert title(page) == f"Periksa isian — Laporan {c.tracking_id} — aduan"
    assert_no_level_skipped(page)  # the summary's heading sits under its section's h2


def test_the_submit_form_with_errors_says_so_in_its_title(world, client):
    assert title(client.get("/lapor/").content.decode()) == "Sampaikan laporan — aduan"
    page = client.post("/lapor/", form(title="Mati")).content.decode()
    assert title(page) == "Periksa isian — Sampaikan laporan — aduan"
    assert re.search(
        r'<div class="error-summary" role="alert" tabindex="-1" data-land="error"', page
    )
    client.cookies["django_language"] = "en"
    page = client.post("/lapor/", form(title="Mati")).content.decode()
    assert title(page) == "Check your entries — Submit a report — aduan"
