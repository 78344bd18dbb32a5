"""Heading levels that a screen reader user moves by: none skipped."""

import re

import pytest

from aduan.complaints import workflow
from tests.conftest import submit

pytestmark = pytest.mark.django_db


def levels(page: str) -> list[int]:
    main = page[page.index("<main") : page.index("</main>")]
    return [int(n) for n in re.findall(r"<h([1-6])[\s>]", main)]


def assert_no_level_skipped(page: str) -> None:
    seen = levels(page)
    assert seen[0] == 1
    for before, after in zip(seen, seen[1:], strict=False):
        assert after <= before + 1, f"h{before} followed by h{after}: {seen}"


def test_report_lists_skip_no_heading_level(world, client):
    c = submit(reporter=world.users.citizen)
    workflow.apply(
        c, "verify", actor=workflow.Actor.staff(world.users.verifier), agency=world.roads
    )
    assert 3 in levels(client.get("/").content.decode())  # under "Laporan publik terbaru"
    for url in ("/", "/laporan/"):
        assert_no_level_skipped(client.get(url).content.decode())
    client.force_login(world.users.citizen)
    assert_no_level_skipped(client.get("/saya/").content.decode())
