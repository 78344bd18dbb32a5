"""A refused queue filter, full page or htmx: the date field names its error either way."""

import re

import pytest

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
BACKWARDS = "?submitted_from=2025-03-01&submitted_to=2025-02-01"
MESSAGE = "Tanggal akhir harus sesudah tanggal awal."


def note(html: str) -> str:
    """The element that holds submitted_to's error."""
    return re.search(r'<span[^>]*id="id_submitted_to_error"[^>]*>.*?</span>', html, re.S).group(0)


@pytest.mark.parametrize("url", ["/kantor/verifikasi/", "/kantor/instansi/"])
def test_a_full_page_ties_the_date_field_to_its_error(as_user, world, url):
    html = as_user("officer" if "instansi" in url else "verifier").get(url + BACKWARDS)
    html = html.content.decode()
    field = re.search(r'<input[^>]*name="submitted_to"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="id_submitted_to_error"' in field
    assert MESSAGE in note(html) and html.count('id="id_submitted_to_error"') == 1
    assert "hx-swap-oob" not in html


def test_an_htmx_filter_brings_the_fields_error_notes_out_of_band(as_user, world):
    # Only #queue is swapped; the notes beside the fields come along out of band, and
    # office.js marks their fields.
    client = as_user("verifier")
    html = client.get("/kantor/verifikasi/" + BACKWARDS, **HTMX).content.decode()
    queue_end = html.index("</div>", html.index('<div class="errors"'))
    assert html.index('id="id_submitted_to_error"') > queue_end
    assert 'hx-swap-oob="true"' in note(html) and MESSAGE in note(html)
    assert " hidden" not in note(html)
    # A valid filter empties and hides the note a refused one left.
    html = client.get("/kantor/verifikasi/?submitted_to=2025-03-01", **HTMX).content.decode()
    assert 'hx-swap-oob="true"' in note(html) and " hidden" in note(html)
    assert MESSAGE not in html
