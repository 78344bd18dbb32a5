"""Every portal page renders, in Bahasa Indonesia first and English on request."""

import pytest
from django.utils import timezone

from aduan.portal import figures
from tests.conftest import submit
from tests.portal.conftest import answer, verify

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path, text",
    [
        ("/", "Sampaikan laporan"),
        ("/lapor/", "Kirim laporan"),
        ("/lacak/", "Nomor pelacakan"),
        ("/laporan/", "Laporan publik"),
        ("/daftar/", "Ulangi kata sandi"),
        ("/masuk/", "Kata sandi"),
    ],
)
def test_each_page_renders_for_a_visitor(world, client, path, text):
    response = client.get(path)
    assert response.status_code == 200
    assert text in response.content.decode()
    assert response.headers["Content-Language"] == "id"


def test_my_reports_needs_a_login_and_then_renders(world, client):
    response = client.get("/saya/")
    assert response.status_code == 302 and response.url.startswith("/masuk/?next=/saya/")
    client.force_login(world.users.citizen)
    assert "Laporan saya" in client.get("/saya/").content.decode()


def test_home_shows_the_live_figures_with_their_definitions(world, client):
    c = verify(submit(), world)
    answer(c, world)
    submit(confidential=True)
    page = client.get("/").content.decode()
    f = figures.current()
    assert f.reports_this_month == 2
    assert (f.answered_this_month, f.answered_on_time, f.on_time_percent) == (1, 1, 100)
    # Top-level bodies only: the ministry, the province and the city (not their units).
    assert f.agencies_connected == 3
    assert "laporan masuk bulan ini" in page and "100%" in page
    assert "sebelum batas waktu penyelesaian" in page


def test_an_answer_after_the_completion_deadline_is_not_on_time(world):
    c = verify(submit(), world)
    late = c.outcome_due_at + timezone.timedelta(days=1)
    from aduan.complaints import workflow

    workflow.apply(
        c, "answer", actor=workflow.Actor.staff(world.users.officer), note="Beres.", at=late
    )
    f = figures.current(at=late)
    assert (f.answered_this_month, f.answered_on_time) == (1, 0)


def test_home_lists_only_public_reports(world, client):
    shown = verify(submit(title="Trotoar rusak di Jl. Jagir"), world)
    verify(submit(title="Pungli di loket kelurahan", confidential=True), world)
    submit(title="Belum diverifikasi sama sekali")
    page = client.get("/").content.decode()
    assert shown.public_title in page
    assert "Pungli di loket" not in page and "Belum diverifikasi" not in page


def test_language_switch_to_english_translates_the_home_page(world, client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Report it here." in page and "reports this month" in page
    assert "Sampaikan laporan" not in page.split("<main", 1)[1]


def test_region_options_list_the_children_of_a_region(world, client):
    page = client.get("/wilayah/", {"parent": "35.78"}).content.decode()
    assert page.startswith('<option value="">')
    assert '<option value="35.78.04">Wonokromo</option>' in page
    provinces = client.get("/wilayah/").content.decode()
    assert '<option value="35">Jawa Timur</option>' in provinces


def test_a_picker_also_resets_the_levels_below_it(world, client):
    page = client.get("/wilayah/", {"province": "35", "levels": "4"}).content.decode()
    assert '<option value="35.78">' in page
    assert 'id="id_district" hx-swap-oob="innerHTML"' in page
    assert 'id="id_village" hx-swap-oob="innerHTML"' in page
    deepest = client.get("/wilayah/", {"district": "35.78.04"}).content.decode()
    assert "35.78.04.1002" in deepest and "hx-swap-oob" not in deepest


@pytest.mark.parametrize(
    "params",
    [{"parent": "x' OR 1=1"}, {"parent": "35.78.04.1002"}, {"province": ""}, {"levels": "lots"}],
)
def test_region_options_never_fail_on_odd_input(world, client, params):
    assert client.get("/wilayah/", params).status_code == 200


def test_no_template_comment_reaches_the_page(world, client):
    page = client.get("/").content.decode()
    assert "{#" not in page and "submits on change" not in page


def test_one_follow_up_this_month_reads_in_the_singular_in_english(world, client):
    answer(verify(submit(), world), world)
    client.cookies["django_language"] = "en"
    page = client.get("/").content.decode()
    assert "Of the 1 follow-up posted by agencies this month, 1 came before its report" in page


def test_pages_name_their_icon_so_browsers_do_not_ask_for_a_missing_favicon(world, client):
    page = client.get("/").content.decode()
    href = page.split('<link rel="icon" href="', 1)[1].split('"', 1)[0]
    response = client.get(href)
    assert response.status_code == 200 and b"<svg" in b"".join(response.streaming_content)
