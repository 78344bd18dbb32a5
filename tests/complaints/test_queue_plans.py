"""The work queue read through disjoint, index-ordered branches: the same rows, in the same
order, as the plain definition of what a viewer may see; the indexes it reads are there."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone

from aduan.complaints import queries, sweep
from aduan.complaints.models import Complaint, Status
from aduan.complaints.sla import WIB
from aduan.directory.models import Category
from tests.conftest import submit

pytestmark = pytest.mark.django_db

S = Status
AT = timezone.now()


def _set(c: Complaint, **fields) -> Complaint:
    Complaint.objects.filter(pk=c.pk).update(**fields)
    return c


@pytest.fixture
def spread(world):
    """Complaints in every kind of state the queue must tell apart, at dpu-sby, delegated to
    its unit by itself and by the city above it, at another agency, and waiting for triage;
    several share a deadline so the id must break the tie."""
    day = timedelta(days=1)
    shared = AT - 3 * day
    rows = [
        # (status, agency, unit, due_at, paused_at)
        (S.SUBMITTED, None, None, AT - 5 * day, None),  # overdue at triage
        (S.SUBMITTED, None, None, AT + 2 * day, None),
        (S.ON_HOLD, None, None, AT - 4 * day, AT - 6 * day),  # paused: never overdue
        (S.DISPOSED, world.roads, None, shared, None),  # overdue
        (S.IN_PROGRESS, world.roads, world.roads_unit, shared, None),  # delegated, overdue
        (S.IN_PROGRESS, world.city, world.roads_unit, shared, None),  # delegated from above
        (S.IN_PROGRESS, world.city, None, shared, None),  # the city's own: not dpu-sby's
        (S.AWAITING_REPORTER, world.roads, None, AT - 2 * day, AT - 3 * day),  # paused
        (S.ANSWERED, world.roads, world.roads_unit, AT - day, None),  # past, not clocked
        (S.DISPOSED, world.roads, None, AT + day, None),
        (S.IN_PROGRESS, world.roads_unit, None, AT + 3 * day, None),  # at the unit itself
        (S.DISPOSED, world.health, None, AT - 2 * day, None),  # another agency
        (S.DISPOSED, world.roads, None, None, None),  # no deadline (sorts last)
        (S.CLOSED, world.roads, None, None, None),  # not open
    ]
    made = []
    for status, agency, unit, due, paused in rows:
        c = submit()
        made.append(_set(c, status=status, agency=agency, unit=unit, due_at=due, paused_at=paused))
    return made


def pages(user, limit=2, **filters) -> list[int]:
    seen, cursor = [], ""
    while True:
        f = queries.QueueFilter(cursor=cursor, limit=limit, **filters)
        page = queries.queue(user, f, at=AT)
        seen += [c.pk for c in page.items]
        if not page.next_cursor:
            return seen
        cursor = page.next_cursor


def expected(condition: Q, statuses=queries.OPEN, descending=False) -> list[int]:
    """The plain definition: every visible row in the queue's order, in one query."""
    qs = Complaint.objects.filter(condition, status__in=statuses)
    if descending:
        return list(
            qs.order_by(F("due_at").desc(nulls_first=True), "-pk").values_list("pk", flat=True)
        )
    return list(qs.order_by(F("due_at").asc(nulls_last=True), "pk").values_list("pk", flat=True))


def held_by_roads(world) -> Q:
    subtree = [world.roads.pk, world.roads_unit.pk]
    return Q(agency_id__in=subtree) | Q(unit_id__in=subtree)


@pytest.mark.parametrize("descending", [False, True])
def test_agency_queue_pages_through_its_agency_and_units_in_order(world, spread, descending):
    ordering = "-due" if descending else "due"
    want = expected(held_by_roads(world), descending=descending)
    assert len(want) == 8  # the city's delegation to the unit included, the city's own not
    assert pages(world.users.officer, ordering=ordering) == want
    assert pages(world.users.officer, limit=50, ordering=ordering) == want


def test_unit_queue_holds_what_was_delegated_to_it_from_any_agency_above(world, spread):
    unit = world.roads_unit.pk
    want = expected(Q(agency_id=unit) | Q(unit_id=unit))
    assert len(want) == 4
    assert pages(world.users.unit_officer) == want


def test_agency_filter_narrows_to_the_unit_within_what_the_viewer_sees(world, spread):
    unit = world.roads_unit.pk
    want = expected(Q(agency_id=unit) | Q(unit_id=unit))
    assert pages(world.users.officer, agency="dpu-sby-jalan") == want
    assert pages(world.users.oversight, agency="dpu-sby-jalan") == want
    assert pages(world.users.other_officer, agency="dpu-sby-jalan") == []


def test_not_overdue_is_exactly_what_overdue_leaves_out(world, spread):
    everything = expected(Q())
    late = set(queries.overdue(Complaint.objects.all(), at=AT).values_list("pk", flat=True))
    assert late and len(late) < len(everything)
    assert pages(world.users.oversight, overdue=False) == [
        pk for pk in everything if pk not in late
    ]
    assert pages(world.users.oversight, overdue=True) == [pk for pk in everything if pk in late]
    roads = expected(held_by_roads(world))
    assert pages(world.users.officer, overdue=False) == [pk for pk in roads if pk not in late]


def test_submitted_dates_are_whole_days_in_wib(world):
    day = date(2026, 3, 2)
    midnight = datetime.combine(day, time.min, tzinfo=WIB)  # 17:00 UTC the day before
    tick = timedelta(microseconds=1)
    before, first, last, after = (
        submit(at=midnight - tick),
        submit(at=midnight),
        submit(at=midnight + timedelta(days=1) - tick),
        submit(at=midnight + timedelta(days=1)),
    )
    oversight = world.users.oversight
    status = [S.SUBMITTED]
    assert set(pages(oversight, status=status, submitted_from=day, submitted_to=day)) == {
        first.pk,
        last.pk,
    }
    assert set(pages(oversight, status=status, submitted_to=day - timedelta(days=1))) == {before.pk}
    assert set(pages(oversight, status=status, submitted_from=day + timedelta(days=1))) >= {
        after.pk
    }
    assert before.pk not in pages(oversight, status=status, submitted_from=day)
    assert pages(oversight, status=status, submitted_from=date.min, submitted_to=date.max)


def test_unknown_category_gives_an_empty_queue(world, spread):
    assert pages(world.users.oversight, category="no-such-category") == []
    jalan = _set(submit(), category=Category.objects.get(code="jalan"))
    assert pages(world.users.oversight, category="jalan") == [jalan.pk]


# --------------------------------------------------------------------- indexes and plans


def _index(name: str):
    return next(i for i in Complaint._meta.indexes if i.name == name)


def _statuses(name: str) -> list[str]:
    condition = _index(name).condition
    return next(list(v) for k, v in condition.children if k == "status__in")


@pytest.mark.parametrize(
    "name, statuses",
    [
        ("complaint_queue_open", queries.OPEN),
        ("complaint_queue_agency", queries.OPEN),
        ("complaint_queue_unit", queries.OPEN),
        ("complaint_queue_updated", queries.OPEN),
        ("complaint_queue_waiting", queries.WAITING),
        ("complaint_waiting_agency", queries.WAITING),
        ("complaint_waiting_unit", queries.WAITING),
        ("complaint_late", queries.CLOCKED),
        ("complaint_late_agency", queries.CLOCKED),
        ("complaint_unbreached", queries.CLOCKED),
    ],
)
def test_partial_index_conditions_repeat_the_query_conditions_word_for_word(name, statuses):
    # SQLite uses a partial index only when the query carries its condition literally.
    assert _statuses(name) == list(statuses)


def test_sweep_filters_imply_the_unbreached_index():
    # The sweep's `late` query is queries.overdue plus breached_at IS NULL.
    assert set(_statuses("complaint_unbreached")) == set(queries.CLOCKED)
    assert set(sweep.UNANSWERED) <= set(queries.OPEN)


def test_the_queue_indexes_exist_in_the_database():
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Complaint._meta.db_table)
    for name in (
        "complaint_queue_open",
        "complaint_queue_agency",
        "complaint_queue_unit",
        "complaint_queue_updated",
        "complaint_queue_waiting",
        "complaint_waiting_agency",
        "complaint_waiting_unit",
        "complaint_late",
        "complaint_late_agency",
        "complaint_unbreached",
    ):
        assert found[name]["index"], name


def _plan(user, f: queries.QueueFilter) -> str:
    """PostgreSQL's plan for the statement that orders and cuts `user`'s queue page."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        queries.queue(user, f, at=AT)
    sql = next(q["sql"] for q in captured.captured_queries if " LIMIT " in q["sql"])
    with connection.cursor() as cursor:
        # A tiny table is cheaper to scan and sort: price both out of reach to see whether an
        # index gives the queue's order at all, as it must for a big table.
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plans")
def test_postgresql_reads_the_triage_queue_in_order_from_the_open_index(world, spread):
    plan = _plan(world.users.verifier, queries.QueueFilter(status=[S.SUBMITTED, S.ON_HOLD]))
    assert "complaint_queue_open" in plan
    assert "Sort" not in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plans")
def test_postgresql_reads_not_overdue_from_the_deadline_ranges_not_past_every_late_one(
    world, spread
):
    plan = _plan(world.users.oversight, queries.QueueFilter(overdue=False))
    # The waiting ones from their own index; the rest from the open index, from now on.
    assert "complaint_queue_waiting" in plan, plan
    assert "Index Cond: (due_at >= " in plan, plan
