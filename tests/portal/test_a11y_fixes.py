"""Accessibility review of the citizen's pages, the parts a page's HTML shows without a
browser: what Enter sends without JavaScript, the login error, the language of data."""

import re
from html.parser import HTMLParser

import pytest

from aduan.complaints.models import Complaint
from tests.conftest import PASSWORD, submit
from tests.portal.conftest import form, verify

pytestmark = pytest.mark.django_db


class SubmitButtons(HTMLParser):
    """The submit buttons of a page, in document order, as a browser without JavaScript sees
    them (the content of <noscript> is markup there)."""

    def __init__(self):
        super().__init__()
        self.buttons: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "button" and attrs.get("type", "submit") == "submit":
            self.buttons.append(attrs)


def buttons_of_the_report_form(page: str) -> list[dict]:
    start = page.index('<form method="post" enctype="multipart/form-data"')
    parser = SubmitButtons()
    parser.feed(page[start : page.index("</form>", start)])
    return parser.buttons


def title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


def test_enter_in_a_field_without_javascript_sends_the_report(world, client):
    # Implicit submission presses the form's first submit button: it must send the report,
    # not reload the place lists.
    page = client.get("/lapor/").content.decode()
    default = buttons_of_the_report_form(page)[0]
    assert default.get("name") != "muat_wilayah"
    pressed = {default["name"]: default.get("value", "")} if default.get("name") else {}
    response = client.post("/lapor/", form() | pressed)
    assert response.status_code == 302 and response.url == "/lapor/terkirim/"
    assert Complaint.objects.count() == 1


def test_the_default_button_is_neither_seen_nor_a_tab_stop(world, client):
    page = client.get("/lapor/").content.decode()
    default, *others = buttons_of_the_report_form(page)
    assert default.get("tabindex") == "-1" and default.get("aria-hidden") == "true"
    assert "visually-hidden" in default.get("class", "")
    assert [b.get("name") for b in others] == ["muat_wilayah", None]


def test_copy_buttons_are_hidden_until_the_script_shows_them(world, client):
    client.post("/lapor/", form())
    page = client.get("/lapor/terkirim/").content.decode()
    copy_buttons = re.findall(r"<button[^>]*data-copy=[^>]*>", page)
    assert len(copy_buttons) == 2
    assert all(" hidden" in b for b in copy_buttons)


def login_refused(client, **headers):
    response = client.post("/masuk/", {"username": "citizen", "password": "salah"}, **headers)
    assert response.status_code == 422
    return response.content.decode()


def test_a_refused_login_says_so_in_plain_words_tied_to_the_fields(world, client):
    page = login_refused(client)
    assert "nama pengguna nama pengguna" not in page
    error = re.search(r'<p class="msg error"[^>]*>(.*?)</p>', page, re.S)
    assert error.group(1) == (
        "Nama pengguna atau kata sandi salah. Periksa lagi keduanya; huruf besar dan kecil "
        "dibedakan."
    )
    assert 'id="kesalahan"' in error.group(0) and 'role="alert"' in error.group(0)
    for name in ("username", "password"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
        assert 'aria-invalid="true"' in field and 'aria-describedby="kesalahan"' in field
    assert title(page) == "Periksa isian — Masuk — aduan"
    assert title(client.get("/masuk/").content.decode()) == "Masuk — aduan"
    # The right password still signs in.
    ok = client.post("/masuk/", {"username": "citizen", "password": PASSWORD})
    assert ok.status_code == 302


def test_a_refused_login_in_english(world, client):
    client.cookies["django_language"] = "en"
    page = login_refused(client)
    assert "The username or password is wrong. Check both again; capital and small " in page
    assert title(page) == "Check your entries — Log in — aduan"


def test_category_names_in_english_pages_are_marked_indonesian(world, client):
    # Categories are data, named in Indonesian only.
    c = verify(submit(category="jalan"), world)
    client.cookies["django_language"] = "en"
    for url in ("/laporan/", "/"):
        page = client.get(url).content.decode()
        assert '<span lang="id">Jalan dan Jembatan</span>' in page
    page = client.get(f"/laporan/{c.tracking_id}/").content.decode()
    assert '<dd lang="id">Jalan dan Jembatan</dd>' in page


def test_category_options_in_english_pages_are_marked_indonesian(world, client):
    client.cookies["django_language"] = "en"
    for page in (client.get("/lapor/"), client.get("/laporan/")):
        html = page.content.decode()
        assert '<option value="jalan" lang="id">Jalan dan Jembatan</option>' in html
        assert '<option value="" selected>' in html  # "choose" is the page's own text
    client.force_login(world.users.officer)
    html = client.get("/kantor/instansi/").content.decode()
    assert '<option value="jalan" lang="id">Jalan dan Jembatan</option>' in html
