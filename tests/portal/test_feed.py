"""The public feed and report pages: verified, non-rahasia reports, never a reporter."""

import pytest
from django.db import connection

from aduan.complaints import queries
from aduan.complaints.models import Complaint, RoutedBy, Status
from aduan.portal import listing, views
from tests.conftest import PACITAN_VILLAGE, submit
from tests.portal.conftest import answer, form, verify

pytestmark = pytest.mark.django_db


def test_the_feed_lists_verified_reports_and_never_rahasia_or_unverified(world, client):
    shown = verify(submit(title="Trotoar rusak di Jl. Jagir"), world)
    verify(submit(title="Pungli di loket kelurahan", confidential=True), world)
    submit(title="Belum diverifikasi sama sekali")
    page = client.get("/laporan/").content.decode()
    assert "Trotoar rusak di Jl. Jagir" in page and f"/laporan/{shown.tracking_id}/" in page
    assert "Pungli" not in page and "Belum diverifikasi" not in page


def test_a_rahasia_report_has_no_public_page(world, client):
    c = verify(submit(confidential=True), world)
    assert client.get(f"/laporan/{c.tracking_id}/").status_code == 404
    assert client.get(f"/laporan/{submit().tracking_id}/").status_code == 404  # unverified


def test_the_public_page_shows_redacted_text_the_agency_and_the_answer(world, client):
    c = verify(submit(body="Lampu mati di gang 3. Hubungi saya di 081234567890."), world)
    answer(c, world)
    page = client.get(f"/laporan/{c.tracking_id.lower()}/").content.decode()
    assert "Lampu mati di gang 3" in page and "081234567890" not in page
    assert "Dinas PU Bina Marga" in page and "Lampu sudah diganti" in page


def test_an_anonim_report_shows_no_name_anywhere_public(world, client):
    client.post("/lapor/", form(body="Saya Budi Santoso, lampu di gang saya mati total."))
    c = verify(Complaint.objects.get(), world)
    assert c.is_anonymous and c.reporter_name == "Budi Santoso"
    for path in ("/", "/laporan/", f"/laporan/{c.tracking_id}/", f"/lacak/{c.tracking_id}/"):
        page = client.get(path).content.decode()
        assert "Budi" not in page and "budi@example.org" not in page, path
        assert "081234567890" not in page, path
    assert (
        "Budi Santoso"
        in client.get(f"/lacak/{c.tracking_id}/?kunci={c.reporter_secret}").content.decode()
    )


@pytest.mark.parametrize("sparse", [3000, 0], ids=["few-in-region", "many-in-region"])
def test_the_feed_filters_by_region_category_and_status(world, client, monkeypatch, sparse):
    # Both ways of answering a region filter: from the region's keys, or while walking by date.
    monkeypatch.setattr(listing, "SPARSE_REGION", sparse)
    jagir = verify(submit(title="Jalan Jagir berlubang"), world)
    jagir.category = world.roads_category
    jagir.save(update_fields=["category"])
    pacitan = verify(submit(title="Jembatan Pacitan retak", region=PACITAN_VILLAGE), world)
    answer(pacitan, world)

    def titles(**params):
        page = client.get("/laporan/", params).content.decode()
        return {t for t in ("Jalan Jagir", "Jembatan Pacitan") if t in page}

    assert titles() == {"Jalan Jagir", "Jembatan Pacitan"}
    assert titles(province="35", regency="35.78") == {"Jalan Jagir"}
    assert titles(province="35", regency="35.01") == {"Jembatan Pacitan"}
    assert titles(category="jalan") == {"Jalan Jagir"}
    assert titles(province="35") == {"Jalan Jagir", "Jembatan Pacitan"}
    assert titles(status="answered") == {"Jembatan Pacitan"}


def test_the_feed_pages_by_the_last_report_shown(world, client, monkeypatch):
    monkeypatch.setattr(views, "FEED_PAGE_SIZE", 2)
    made = [verify(submit(title=f"Laporan nomor {i:02d}"), world) for i in range(5)]
    first = client.get("/laporan/")
    page = first.content.decode()
    assert "Laporan nomor 04" in page and "Laporan nomor 03" in page
    assert "Laporan nomor 02" not in page
    assert first.context["next_url"] == f"?setelah={made[3].tracking_id}#hasil"
    second = client.get("/laporan/" + first.context["next_url"]).content.decode()
    assert "Laporan nomor 02" in second and "Laporan nomor 01" in second
    assert "Laporan nomor 03" not in second and "Terbaru" in second


@pytest.mark.parametrize(
    "params",
    [
        {"province": "99"},
        {"province": "35", "regency": "35.01.01"},
        {"status": "submitted"},
        {"category": "<script>"},
        {"setelah": "LPR-TIDAKADA"},
        {"setelah": "x" * 500},
    ],
)
def test_odd_filters_are_errors_or_ignored_never_a_crash(world, client, params):
    verify(submit(), world)
    assert client.get("/laporan/", params).status_code == 200


def test_a_reports_own_words_are_marked_indonesian_on_an_english_page(world, client):
    # WCAG 3.1.2: a screen reader reading English would mispronounce them.
    c = verify(submit(title="Lampu jalan mati", body="Lampu mati di gang 3."), world)
    answer(c, world)
    client.cookies["django_language"] = "en"
    page = client.get(f"/laporan/{c.tracking_id.lower()}/").content.decode()
    assert '<html lang="en">' in page
    assert f'<h1 lang="id">{c.public_title}</h1>' in page
    assert '<p class="story" lang="id">Lampu mati di gang 3.</p>' in page
    assert '<div class="answer story" lang="id">Lampu sudah diganti' in page


def test_a_filtered_or_later_page_opens_on_its_reports_not_on_the_filters(world, client):
    # On a phone an open filter box pushed the first report below the fold.
    c = verify(submit(), world)
    page = client.get("/laporan/", {"status": c.status}).content.decode()
    assert '<details class="card filter-box">' in page and ">aktif</span>" in page
    assert '<h2 id="hasil">Hasil filter</h2>' in page and 'action="#hasil"' in page
    wrong = client.get("/laporan/", {"province": "99"}).content.decode()
    assert '<details class="card filter-box" open>' in wrong


def test_the_feed_is_read_in_order_from_its_partial_index(world):
    # Walking a date index instead would read past every complaint the router disposed that
    # no agency has taken up yet (thousands a day at national volume), row by row. SQLite
    # matches a partial index only against literal values, which Django binds: the feed
    # states its condition literally as well.
    verify(submit(), world)
    qs, _ = listing.feed(listing.FeedFilter())
    sql, params = qs.values_list("pk", flat=True)[:21].query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A tiny table is cheaper to scan and sort: price both out of reach.
            for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
                cursor.execute(f"SET LOCAL {setting} = off")
            explain = "EXPLAIN "
        else:
            cursor.execute("ANALYZE")  # as PRAGMA optimize leaves a database in use
            explain = "EXPLAIN QUERY PLAN "
        cursor.execute(explain + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "complaint_public_feed" in plan, plan
    assert "Sort" not in plan and "TEMP B-TREE" not in plan, plan


def test_the_public_rule_is_one_rule_in_python_in_the_query_and_in_the_feed(world):
    # Stated three times: queries.is_public (one complaint), queries.public() (the query),
    # and once more literally for SQLite's partial index (listing.public_ordered).
    made = []
    for status in Status.values:
        for routed_by in ("", RoutedBy.VERIFIER, RoutedBy.ROUTER):
            for confidential in (False, True):
                c = submit()
                Complaint.objects.filter(pk=c.pk).update(
                    status=status, routed_by=routed_by, is_confidential=confidential
                )
                made.append(Complaint.objects.get(pk=c.pk))
    in_python = {c.pk for c in made if queries.is_public(c)}
    assert in_python == set(queries.public().values_list("pk", flat=True))
    assert in_python == set(listing.public_ordered().values_list("pk", flat=True))
    assert 0 < len(in_python) < len(made)
