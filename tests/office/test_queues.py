"""The triage queue and the agency queue: filters, order, lateness on the page."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from aduan.complaints import queries, workflow
from aduan.complaints.models import Complaint
from aduan.complaints.workflow import Actor
from tests.conftest import PACITAN_VILLAGE, submit

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def item_classes(html: str, complaint) -> str:
    """The class attribute of the queue item that links to `complaint`."""
    start = html.index(f'/kantor/laporan/{complaint.tracking_id}/"')
    return html[html.rindex("<li", 0, start) : start].split('class="', 1)[1].split('"', 1)[0]


def test_triage_lists_new_complaints_of_the_verifiers_region_only(as_user, world):
    sby = submit(title="Lampu jalan mati di Jagir")
    pacitan = submit(region=PACITAN_VILLAGE, title="Jembatan rusak di Pacitan")
    html = as_user("verifier_sby").get("/kantor/verifikasi/").content.decode()
    assert sby.tracking_id in html and pacitan.tracking_id not in html
    html = as_user("verifier").get("/kantor/verifikasi/").content.decode()
    assert sby.tracking_id in html and pacitan.tracking_id in html


def test_triage_leaves_out_disposed_complaints(as_user, disposed):
    assert (
        disposed.tracking_id not in as_user("verifier").get("/kantor/verifikasi/").content.decode()
    )


def test_overdue_complaints_are_highlighted_and_listed_first(as_user, world):
    fresh = submit(title="Laporan baru hari ini")
    late = submit(title="Laporan lama", at=timezone.now() - timedelta(days=30))
    html = as_user("verifier").get("/kantor/verifikasi/").content.decode()
    assert item_classes(html, late) == "item late"
    assert "Terlambat" in html
    assert item_classes(html, fresh) == "item"
    assert html.index(late.tracking_id) < html.index(fresh.tracking_id)


def test_a_complaint_due_within_the_warning_window_is_marked_due_soon(as_user, world):
    soon = submit()
    Complaint.objects.filter(pk=soon.pk).update(due_at=timezone.now() + timedelta(hours=1))
    html = as_user("verifier").get("/kantor/verifikasi/").content.decode()
    assert item_classes(html, soon) == "item soon"
    assert "Segera jatuh tempo" in html


def test_a_held_complaint_is_paused_not_late(as_user, world):
    held = submit(at=timezone.now() - timedelta(days=30))
    workflow.apply(held, "hold", actor=Actor.staff(world.users.verifier), note="Lengkapi foto.")
    html = as_user("verifier").get("/kantor/verifikasi/").content.decode()
    assert item_classes(html, held) == "item"
    assert "Waktu dihentikan" in html


def test_triage_filters_by_status_region_overdue_and_dates(as_user, world):
    held = submit(title="Laporan ditunda")
    workflow.apply(held, "hold", actor=Actor.staff(world.users.verifier), note="Kurang jelas.")
    new = submit(title="Laporan baru")
    late = submit(title="Laporan terlambat", at=timezone.now() - timedelta(days=30))
    pacitan = submit(region=PACITAN_VILLAGE)
    client = as_user("verifier")

    def listed(query: str) -> set[str]:
        html = client.get("/kantor/verifikasi/?" + query).content.decode()
        return {c.tracking_id for c in (held, new, late, pacitan) if c.tracking_id in html}

    assert listed("status=on_hold") == {held.tracking_id}
    assert listed("region=35.01") == {pacitan.tracking_id}
    assert listed("overdue=1") == {late.tracking_id}
    assert late.tracking_id not in listed("overdue=0")
    today = timezone.localdate().isoformat()
    assert late.tracking_id not in listed(f"submitted_from={today}")
    assert listed(f"submitted_to={(timezone.localdate() - timedelta(days=10)).isoformat()}") == {
        late.tracking_id
    }


def test_triage_filter_by_category(as_user, world):
    roads = submit(category="jalan")
    other = submit()
    html = as_user("verifier").get("/kantor/verifikasi/?category=jalan").content.decode()
    assert roads.tracking_id in html and other.tracking_id not in html


def test_bad_filter_values_show_errors_not_a_server_error(as_user, world):
    client = as_user("verifier")
    for query in ("status=nope", "submitted_from=kemarin", "cursor=%%%", "region=99"):
        response = client.get("/kantor/verifikasi/?" + query)
        assert response.status_code == 200
        assert "Filter tidak dapat dipakai" in response.content.decode()


def test_htmx_filter_answers_with_the_queue_fragment_only(as_user, world):
    c = submit()
    response = as_user("verifier").get("/kantor/verifikasi/?status=submitted", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="queue"') and "<html" not in html
    assert c.tracking_id in html
    assert "HX-Request" in response["Vary"]


def test_queue_pages_with_a_cursor(as_user, world):
    for _ in range(52):
        submit()
    client = as_user("verifier")
    html = client.get("/kantor/verifikasi/?overdue=0").content.decode()
    assert html.count('<li class="item') == 50
    assert "Halaman berikutnya" in html
    cursor = html.split("cursor=", 1)[1].split('"', 1)[0]
    html = client.get(f"/kantor/verifikasi/?overdue=0&cursor={cursor}").content.decode()
    assert html.count('<li class="item') == 2
    assert "Halaman berikutnya" not in html


def test_agency_queue_lists_the_agencys_complaints(as_user, world, disposed):
    other = submit()
    workflow.apply(other, "verify", actor=Actor.staff(world.users.verifier), agency=world.health)
    html = as_user("officer").get("/kantor/instansi/").content.decode()
    assert disposed.tracking_id in html and other.tracking_id not in html
    html = as_user("other_officer").get("/kantor/instansi/").content.decode()
    assert other.tracking_id in html and disposed.tracking_id not in html


def test_agency_queue_unit_filter_covers_the_agency_subtree(as_user, world, disposed):
    delegated = submit()
    workflow.apply(delegated, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    workflow.apply(
        delegated, "delegate", actor=Actor.staff(world.users.officer), unit=world.roads_unit
    )
    client = as_user("officer")
    html = client.get("/kantor/instansi/").content.decode()
    assert "Bidang Jalan" in html  # the unit is offered in the filter
    html = client.get("/kantor/instansi/?unit=dpu-sby-jalan").content.decode()
    assert delegated.tracking_id in html and disposed.tracking_id not in html
    html = as_user("unit_officer").get("/kantor/instansi/").content.decode()
    assert delegated.tracking_id in html and disposed.tracking_id not in html


def test_a_complaint_seen_through_several_conditions_is_listed_once(world):
    # Delegated inside the officer's own agency (agency and unit both in the subtree) and
    # reported by the officer too: three ways to see it, one row.
    c = submit(reporter=world.users.officer)
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    workflow.apply(c, "delegate", actor=Actor.staff(world.users.officer), unit=world.roads_unit)
    for agency in ("", "dpu-sby", "dpu-sby-jalan"):
        page = queries.queue(world.users.officer, queries.QueueFilter(agency=agency))
        assert [item.pk for item in page.items] == [c.pk]
    page = queries.queue(world.users.officer, queries.QueueFilter(agency="dinkes-sby"))
    assert page.items == []


def test_agency_queue_puts_overdue_complaints_first(as_user, world):
    officer_actor = Actor.staff(world.users.verifier)
    fresh = submit(title="Baru didisposisikan")
    workflow.apply(fresh, "verify", actor=officer_actor, agency=world.roads)
    late = submit(title="Lama tidak ditangani")
    long_ago = timezone.now() - timedelta(days=30)
    workflow.apply(late, "verify", actor=officer_actor, agency=world.roads, at=long_ago)
    html = as_user("officer").get("/kantor/instansi/").content.decode()
    assert item_classes(html, late) == "item late"
    assert html.index(late.tracking_id) < html.index(fresh.tracking_id)


def test_queue_shows_the_masked_title_of_an_anonim_complaint_to_the_agency(as_user, world):
    c = submit(anonymous=True, title="Saya Siti Aminah melapor jalan rusak")
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    html = as_user("officer").get("/kantor/instansi/").content.decode()
    assert c.tracking_id in html and "Siti Aminah" not in html


def test_working_days_left_for_many_deadlines_agrees_with_sla(world):
    from aduan.complaints import sla
    from aduan.office.views import _working_days_left

    # Now; a Saturday after a Friday deadline; the end of Lebaran 2025's long break.
    for at in (
        timezone.now(),
        datetime(2025, 11, 15, 9, tzinfo=sla.WIB),
        datetime(2025, 4, 7, 9, tzinfo=sla.WIB),
    ):
        dues = [None] + [
            at + timedelta(days=d, hours=h) for d in range(-400, 90, 3) for h in (0, 13)
        ]
        expected = [None if d is None else sla.working_days_left(d, at=at) for d in dues]
        assert _working_days_left(dues, at) == expected
        assert -1 in expected  # a deadline just past reads one day late, never zero
