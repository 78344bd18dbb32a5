"""Requests that never reach a view get the site's own answers, in its languages: a form in
another character set, too many fields, a form refused by the CSRF check."""

import pytest
from django.test import Client

from tests.conftest import HTTPS, submit

pytestmark = pytest.mark.django_db

OTHER_CHARSETS = ["utf-16", "latin-1"]


def client(language: str = "id", **kwargs) -> Client:
    c = Client(**HTTPS, **kwargs)
    c.cookies["csrftoken"] = "a" * 32
    c.cookies["django_language"] = language
    return c


@pytest.mark.parametrize("charset", OTHER_CHARSETS)
@pytest.mark.parametrize("path", ["/lapor/", "/masuk/", "/i18n/setlang/"])
def test_a_form_in_another_charset_is_a_400_page_not_a_500(world, path, charset):
    content_type = f"application/x-www-form-urlencoded; charset={charset}"
    response = client().post(path, b"a=b", content_type=content_type)
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="id"' in html and "Permintaan tidak dapat dibaca" in html


def test_the_400_page_is_in_english_for_english_readers(world):
    content_type = "application/x-www-form-urlencoded; charset=utf-16"
    response = client("en").post("/lapor/", b"a=b", content_type=content_type)
    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()


@pytest.mark.parametrize("charset", OTHER_CHARSETS)
def test_the_api_answers_such_a_form_in_its_own_shape(world, charset):
    c = submit()
    response = client().post(
        f"/api/v1/complaints/{c.tracking_id}/attachments",
        b"a=b",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "malformed_body"
    assert "UTF-8" in response.json()["message"]


def test_too_many_query_fields_is_the_400_page(world):
    query = "&".join(f"a{i}=1" for i in range(1001))
    response = client().get(f"/laporan/?{query}")
    assert response.status_code == 400
    assert "Permintaan tidak dapat dibaca" in response.content.decode()


def test_a_form_without_its_csrf_token_gets_the_sites_own_page(world):
    browser = Client(**HTTPS, enforce_csrf_checks=True)
    response = browser.post("/lapor/", {"title": "Jalan rusak"})
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="id"' in html and "Formulir tidak dapat dikirim" in html
    assert "DEBUG" not in html


def test_the_old_favicon_address_leads_to_the_icon(world):
    response = Client(**HTTPS).get("/favicon.ico")
    assert response.status_code == 301 and response.url.endswith("/aduan/icon.svg")
