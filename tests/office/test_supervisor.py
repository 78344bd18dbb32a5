"""The supervisor's figures on a small known set, and the oversight overview."""

import pickle
import zlib
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from aduan.complaints import sla, sweep, workflow
from aduan.complaints.models import Status
from aduan.complaints.workflow import Actor
from aduan.office import figures
from aduan.office.figures import UnitRow
from aduan.portal import figures as home
from tests.conftest import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_set(world):
    """Roads office: c1 disposed, c2 delegated to its unit, c3 overdue, c4 answered on time and
    rated 4, c5 answered late. c6 belongs to the health office."""
    verifier = Actor.staff(world.users.verifier)
    officer = Actor.staff(world.users.officer)
    now = timezone.now()
    long_ago = now - timedelta(days=30)

    def disposed(to, at=None):
        c = submit(reporter=world.users.citizen, at=at)
        workflow.apply(c, "verify", actor=verifier, agency=to, at=at)
        return c

    c1 = disposed(world.roads)
    c2 = disposed(world.roads)
    workflow.apply(c2, "delegate", actor=officer, unit=world.roads_unit)
    c3 = disposed(world.roads, at=long_ago)
    c4 = disposed(world.roads)
    workflow.apply(c4, "answer", actor=officer, note="Sudah diperbaiki.")
    workflow.apply(c4, "rate", actor=Actor.reporter(world.users.citizen), rating=4)
    c5 = disposed(world.roads, at=long_ago)
    sweep.sweep(at=now)  # records the follow-up breaches of c3 and c5
    workflow.apply(c5, "answer", actor=officer, note="Maaf terlambat.")
    c6 = disposed(world.health)
    return c1, c2, c3, c4, c5, c6


def test_supervisor_figures_per_unit(as_user, world, known_set):
    response = as_user("supervisor").get("/kantor/pimpinan/")
    assert response.status_code == 200
    (section,) = response.context["sections"]
    assert section["agency"] == world.roads
    figures = section["figures"]
    rows = {r.agency.code: r for r in figures.rows}
    roads, unit = rows["dpu-sby"], rows["dpu-sby-jalan"]
    assert (roads.open, roads.overdue, roads.answered, roads.late) == (3, 1, 2, 1)
    assert roads.on_time_percent == 50 and roads.rating == 4
    assert (unit.open, unit.overdue, unit.answered) == (1, 0, 0)
    assert unit.on_time_share is None and unit.rating is None
    total = figures.total
    assert (total.open, total.overdue, total.answered, total.late) == (4, 1, 2, 1)
    backlog = {status: n for status, _, n in figures.backlog}
    assert backlog[Status.DISPOSED] == 2
    assert backlog[Status.IN_PROGRESS] == 1
    assert backlog[Status.ANSWERED] == 1
    assert Status.SUBMITTED not in backlog  # not an agency status


def test_supervisor_page_lists_the_overdue_complaints(as_user, known_set):
    c3 = known_set[2]
    html = as_user("supervisor").get("/kantor/pimpinan/").content.decode()
    assert c3.tracking_id in html
    assert "50%" in html and "4,0" in html
    assert known_set[5].tracking_id not in html


def test_a_past_month_has_no_answers_yet(as_user, known_set):
    last_year = timezone.localdate().year - 1
    response = as_user("supervisor").get(f"/kantor/pimpinan/?bulan={last_year}-01")
    total = response.context["sections"][0]["figures"].total
    assert total.answered == 0 and total.open == 4


@pytest.mark.parametrize("month", ["kemarin", "0001-01", "\u0663-01", "9999-12"])
def test_a_bad_month_falls_back_to_this_month(as_user, known_set, month):
    # Year 1 overflowed turning its first moment into UTC on SQLite (a 500).
    response = as_user("supervisor").get("/kantor/pimpinan/", {"bulan": month})
    assert response.status_code == 200
    assert response.context["sections"][0]["figures"].total.answered == 2


def late_at_roads(world, **fields):
    """A complaint sent to the roads office 30 days ago, long overdue there."""
    c = submit(at=timezone.now() - timedelta(days=30), **fields)
    verifier = Actor.staff(world.users.verifier)
    workflow.apply(c, "verify", actor=verifier, agency=world.roads, at=c.submitted_at)
    return c


def test_the_overview_counts_overdue_complaints_by_stage_and_disposed_agency(
    as_user, world, known_set
):
    late_delegated = late_at_roads(world, reporter=world.users.citizen)
    workflow.apply(
        late_delegated, "delegate", actor=Actor.staff(world.users.officer), unit=world.roads_unit
    )
    submit(reporter=world.users.citizen, at=timezone.now() - timedelta(days=30))  # never verified
    response = as_user("oversight").get("/kantor/ikhtisar/")
    lateness = response.context["lateness"]
    # c3 and the delegated one at the roads office (its unit counted with it), one at the verifiers
    assert (lateness.verification, lateness.followup) == (1, 2)
    assert lateness.top == [(world.roads, 2)]
    assert "Ringkasan pimpinan merincinya per unit" in response.content.decode()


def _cached(path: Path) -> bytes:
    """What Django's file cache keeps in `path`: an expiry, then the zlib-packed pickle."""
    with path.open("rb") as f:
        pickle.load(f)
        return zlib.decompress(f.read())


def test_the_overviews_minute_cache_keeps_no_complaint_and_a_title_masked_since_shows_masked(
    as_user, world
):
    late = late_at_roads(world, title="Siti Aminah: jalan berlubang")
    oversight = as_user("oversight")
    assert "Siti Aminah: jalan berlubang" in oversight.get("/kantor/ikhtisar/").content.decode()
    # The minute's figures are kept in files on disk: no complaint, so no reporter, in them.
    kept = [_cached(f) for f in Path(settings.CACHES["default"]["LOCATION"]).glob("*.djcache")]
    assert kept and not [k for k in kept if b"Siti Aminah" in k]
    workflow.apply(late, "protect", actor=Actor.staff(world.users.verifier), mark_anonymous=True)
    html = as_user("oversight").get("/kantor/ikhtisar/").content.decode()
    assert late.tracking_id in html and "Siti Aminah" not in html


def test_a_complaint_passed_on_late_counts_against_the_agency_that_held_it(as_user, world):
    verifier, officer = Actor.staff(world.users.verifier), Actor.staff(world.users.officer)
    now = timezone.now()
    on_time = submit()
    workflow.apply(on_time, "verify", actor=verifier, agency=world.roads)
    workflow.apply(on_time, "answer", actor=officer, note="Sudah diperbaiki.")
    for handed_over in ("transfer", "not_our_authority"):
        late = submit(at=now - timedelta(days=30))
        workflow.apply(
            late, "verify", actor=verifier, agency=world.roads, at=now - timedelta(days=30)
        )
        kwargs = {"agency": world.health} if handed_over == "transfer" else {}
        workflow.apply(late, handed_over, actor=officer, note="Bukan jalan.", **kwargs)
    roads = _roads(as_user("supervisor"))
    assert (roads.answered, roads.late, roads.passed_late) == (1, 0, 2)
    assert roads.on_time_percent == 33  # one of the three it decided this month was on time


def _late_at_roads_then_transferred(world, *, swept: bool) -> datetime:
    verifier, officer = Actor.staff(world.users.verifier), Actor.staff(world.users.officer)
    now = timezone.now()
    c = submit(at=now - timedelta(days=70))
    workflow.apply(c, "verify", actor=verifier, agency=world.roads, at=now - timedelta(days=70))
    if swept:  # the breach is recorded in an earlier month than the transfer
        sweep.sweep(at=now - timedelta(days=45))
    workflow.apply(c, "transfer", actor=officer, agency=world.health, note="Bukan jalan.")
    return now


def _roads(client, **params) -> UnitRow:
    (section,) = client.get("/kantor/pimpinan/", params).context["sections"]
    return {r.agency.code: r for r in section["figures"].rows}["dpu-sby"]


@pytest.mark.parametrize("swept", [False, True])
def test_a_complaint_passed_on_late_counts_in_the_month_it_was_passed_on(as_user, world, swept):
    now = _late_at_roads_then_transferred(world, swept=swept)
    supervisor = as_user("supervisor")
    assert _roads(supervisor).passed_late == 1
    then = timezone.localdate(now - timedelta(days=45))
    assert _roads(supervisor, bulan=f"{then:%Y-%m}").passed_late == 0


def test_a_past_month_is_labelled_as_the_selected_month(as_user, world):
    last_month = timezone.localdate().replace(day=1) - timedelta(days=1)
    response = as_user("supervisor").get("/kantor/pimpinan/", {"bulan": f"{last_month:%Y-%m}"})
    html = response.content.decode()
    assert "Dijawab pada bulan terpilih" in html and "bulan ini" not in html


def test_the_month_is_chosen_with_its_button_not_on_change(as_user, world):
    # WCAG 3.2.2: every arrow key in a select that submits on change reloads the page.
    html = as_user("supervisor").get("/kantor/pimpinan/").content.decode()
    assert "onchange" not in html and "Tampilkan" in html


def test_a_late_answer_reopened_and_then_passed_on_in_time_is_not_passed_on_late(as_user, world):
    verifier, officer = Actor.staff(world.users.verifier), Actor.staff(world.users.officer)
    now = timezone.now()
    c = submit(reporter=world.users.citizen, at=now - timedelta(days=30))
    workflow.apply(c, "verify", actor=verifier, agency=world.roads, at=now - timedelta(days=30))
    workflow.apply(c, "answer", actor=officer, note="Terlambat.", at=now - timedelta(days=3))
    reporter = Actor.reporter(world.users.citizen)
    workflow.apply(c, "reopen", actor=reporter, note="Belum beres.", at=now - timedelta(days=2))
    workflow.apply(c, "transfer", actor=officer, agency=world.health, note="Bukan jalan.", at=now)
    roads = _roads(as_user("supervisor"))
    # Late in its first holding, which ended in an answer; in time in the reopened one.
    assert roads.passed_late == 0


def _wib(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=sla.WIB)


def _rows(world, month: int) -> dict[str, UnitRow]:
    """The city's figures for a month of 2025, by agency code."""
    city = world.city
    found = figures.agency_figures(
        city, list(city.subtree()), figures.Month.of(date(2025, month, 1)), at=_wib(12, 31)
    )
    return {r.agency.code: r for r in found.rows}


def _disposed_to_roads(world, at: datetime):
    c = submit(reporter=world.users.citizen, at=at)
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads, at=at)
    return c


def test_an_answer_stays_the_answering_agencys_after_a_reopening_sends_it_elsewhere(world):
    c = _disposed_to_roads(world, _wib(9, 1))
    roads = Actor.staff(world.users.officer)
    workflow.apply(c, "answer", actor=roads, note="Sudah ditambal.", at=_wib(9, 2))
    reporter = Actor.reporter(world.users.citizen)
    workflow.apply(c, "reopen", actor=reporter, note="Belum beres.", at=_wib(9, 10))
    workflow.apply(
        c, "transfer", actor=roads, agency=world.health, note="Puskesmas", at=_wib(9, 11)
    )
    september = _rows(world, 9)
    assert (september["dpu-sby"].answered, september["dpu-sby"].on_time_percent) == (1, 100)
    assert "dinkes-sby" not in september or september["dinkes-sby"].answered == 0


def test_a_late_answer_stays_late_in_its_month_and_the_answer_after_reopening_is_judged_afresh(
    world,
):
    c = _disposed_to_roads(world, _wib(9, 15))
    sweep.sweep(at=_wib(9, 24))  # the follow-up deadline (22 September) has passed
    roads = Actor.staff(world.users.officer)
    workflow.apply(c, "answer", actor=roads, note="Maaf terlambat.", at=_wib(9, 29))
    reporter = Actor.reporter(world.users.citizen)
    workflow.apply(c, "reopen", actor=reporter, note="Belum beres.", at=_wib(10, 1))
    workflow.apply(c, "answer", actor=roads, note="Sudah beres.", at=_wib(10, 2))
    workflow.apply(c, "rate", actor=reporter, rating=5, at=_wib(10, 3))
    september, october = _rows(world, 9)["dpu-sby"], _rows(world, 10)["dpu-sby"]
    assert (september.answered, september.late, september.rating) == (1, 1, None)
    assert (october.answered, october.late, october.rating) == (1, 0, 5)


def test_an_answer_after_the_complaint_came_back_is_judged_by_its_new_deadline(world):
    c = _disposed_to_roads(world, _wib(10, 1))
    roads, health = Actor.staff(world.users.officer), Actor.staff(world.users.other_officer)
    workflow.apply(c, "transfer", actor=roads, agency=world.health, note="Dinkes", at=_wib(10, 13))
    workflow.apply(c, "transfer", actor=health, agency=world.roads, note="Jalan", at=_wib(10, 14))
    workflow.apply(c, "answer", actor=roads, note="Sudah ditambal.", at=_wib(10, 15))
    october = _rows(world, 10)["dpu-sby"]
    assert (october.answered, october.late, october.passed_late) == (1, 0, 1)
    assert october.on_time_percent == 50  # one hand-over late, one answer in time


def test_the_home_page_and_the_supervisor_count_the_same_answers(world):
    c = _disposed_to_roads(world, _wib(9, 1))
    roads, reporter = Actor.staff(world.users.officer), Actor.reporter(world.users.citizen)
    workflow.apply(c, "answer", actor=roads, note="Sudah.", at=_wib(9, 2))
    workflow.apply(c, "reopen", actor=reporter, note="Belum.", at=_wib(9, 3))
    workflow.apply(c, "answer", actor=roads, note="Sudah.", at=_wib(9, 4))
    home_page = home.current(at=_wib(9, 30)).answered_this_month
    assert _rows(world, 9)["dpu-sby"].answered == home_page == 2


def test_the_home_pages_on_time_share_keeps_the_deadline_an_answer_was_posted_under(world):
    c = _disposed_to_roads(world, _wib(9, 1))  # to be completed within 14 working days
    roads, reporter = Actor.staff(world.users.officer), Actor.reporter(world.users.citizen)
    workflow.apply(c, "answer", actor=roads, note="Sudah.", at=_wib(9, 29))
    workflow.apply(c, "reopen", actor=reporter, note="Belum.", at=_wib(9, 30))
    # Reopening set a new completion deadline; the answer was still late.
    figures_then = home.current(at=_wib(9, 30, 20))
    assert (figures_then.answered_this_month, figures_then.answered_on_time) == (1, 0)


def test_a_unit_moved_elsewhere_takes_no_answers_of_a_month_already_reported_with_it(world):
    c = _disposed_to_roads(world, _wib(9, 1))
    roads, reporter = Actor.staff(world.users.officer), Actor.reporter(world.users.citizen)
    workflow.apply(c, "delegate", actor=roads, unit=world.roads_unit, at=_wib(9, 1))
    workflow.apply(c, "answer", actor=roads, note="Sudah ditambal.", at=_wib(9, 2))
    workflow.apply(c, "rate", actor=reporter, rating=4, at=_wib(9, 3))
    world.roads_unit.parent = world.health  # a reorganisation: nothing open is delegated to it
    world.roads_unit.full_clean()
    world.roads_unit.save()

    def total(root):
        september = figures.Month.of(date(2025, 9, 1))
        root.refresh_from_db()
        found = figures.agency_figures(root, list(root.subtree()), september, at=_wib(12, 31))
        return found.total.answered, found.total.rating

    assert total(world.roads) == (1, 4)
    assert total(world.health) == (0, None)


@pytest.mark.parametrize("language, shown", [("id", "123.456"), ("en", "123,456")])
def test_large_counts_are_grouped_as_the_readers_language_writes_them(world, language, shown):
    row = UnitRow(agency=world.roads, depth=0, open=123456, overdue=1234, answered=7)
    with translation.override(language):
        cells = render_to_string("office/_unit_cells.html", {"r": row})
    assert f">{shown}</td>" in cells and ">7</td>" in cells
