"""Browsers asking for Indonesian by another name get Indonesian, not English: the old code
`in` (some Android and Java clients), and regional languages of Indonesia the site does not
have (Javanese, Sundanese, …). `IndonesianLanguageTagsMiddleware` rewrites their tags."""

import pytest

from aduan.web.middleware import IndonesianLanguageTagsMiddleware

rewrite = IndonesianLanguageTagsMiddleware.rewrite


@pytest.mark.parametrize(
    ("header", "rewritten"),
    [
        ("in-ID,en-US", "id,en-US"),
        ("in-ID,en-US;q=0.9,en;q=0.8", "id,en-US;q=0.9,en;q=0.8"),
        ("en-US;q=0.5, jv-ID;q=0.9", "en-US;q=0.5, id;q=0.9"),
        ("su-ID", "id"),
        ("IN_id;q=0.7", "id;q=0.7"),
        ("jv", "id"),
        # Left as they were: languages that are not Indonesian by another name, even those
        # whose tags begin with the same letters.
        ("en-US,en;q=0.9", "en-US,en;q=0.9"),
        ("id-ID,id;q=0.9", "id-ID,id;q=0.9"),
        ("ind,ms-MY;q=0.5,sun;q=0.2", "ind,ms-MY;q=0.5,sun;q=0.2"),
        ("*", "*"),
    ],
)
def test_indonesian_by_another_name_becomes_id_and_the_q_values_stay(header, rewritten):
    assert rewrite(header) == rewritten


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["in-ID,en-US", "jv-ID,en-US;q=0.8", "su-ID", "in"])
def test_those_browsers_get_the_indonesian_pages(client, header):
    page = client.get("/lacak/", headers={"Accept-Language": header})
    assert page.headers["Content-Language"] == "id"
    assert '<html lang="id">' in page.content.decode()


@pytest.mark.django_db
def test_a_browser_asking_for_english_first_still_gets_english(client):
    page = client.get("/lacak/", headers={"Accept-Language": "en-US,jv;q=0.5"})
    assert page.headers["Content-Language"] == "en"
