"""Reading complaints through visibility: nothing is fetched that the viewer may not see.

- the public: complaints that are not rahasia, once verified (see `public`);
- a reporter: their own complaints (by account, or by the secret from submission);
- verifiers: complaints located in their region (national verifiers: all);
- officers and supervisors: complaints currently disposed to their agency or its units;
- oversight and system administrators: everything, read-only for oversight.
"""

import base64
import functools
import json
import operator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from aduan.accounts.scopes import scope_of
from aduan.complaints.models import (
    CLOCKED_STATUSES,
    OPEN_STATUSES,
    PUBLIC,
    PUBLIC_STATUSES,
    WAITING_STATUSES,
    Complaint,
    Event,
    RoutedBy,
    Status,
)
from aduan.complaints.sla import WIB
from aduan.core.errors import Invalid, NotFound
from aduan.core.ids import normalise_tracking_id
from aduan.directory.models import Agency, Category, path_ids

OPEN = tuple(OPEN_STATUSES)
# Statuses whose deadline an agency or a verifier is held to.
CLOCKED = tuple(CLOCKED_STATUSES)
WAITING = tuple(WAITING_STATUSES)


def visibility(user) -> list[Q] | None:
    """The conditions whose union is what `user` may open as staff: None for everything, []
    for nothing. `queue` reads a big work list one condition at a time, each through its own
    index. A complaint staff filed themselves is not among them: they read it as its
    reporter (`get_reported`), without the staff-only notes of the agency handling it."""
    if user is None or not user.is_authenticated:
        return []
    scope = scope_of(user)
    if scope.sees_everything:
        return None
    branches = []
    for region in scope.verifier_regions:
        branches.append(Q(region_id=region) | Q(region__code__startswith=region + "."))
    for path in scope.agency_paths:
        branches += _handled_within(path)
    return branches


def visible_to(user) -> QuerySet[Complaint]:
    """Complaints `user` may open as staff."""
    branches = visibility(user)
    if branches is None:
        return Complaint.objects.all()
    return Complaint.objects.filter(_any(branches)) if branches else Complaint.objects.none()


def _handled_within(path: str) -> list[Q]:
    """Complaints whose current handler lies in the agency subtree at `path`, as conditions
    to be ORed. The handler is the unit when delegated, else the agency; a unit always lies
    inside its agency's subtree, so "agency or unit in the subtree" is the same set, and the
    id lists let the (agency, status, …) and (unit, status, due_at) indexes do the work."""
    subtree = Agency.objects.filter(path__startswith=path).values("id")
    return [Q(agency_id__in=subtree), Q(unit_id__in=subtree)]


def _any(conditions: list[Q]) -> Q:
    return functools.reduce(operator.or_, conditions)


def get_visible(user, tracking_id: str) -> Complaint:
    """The complaint if `user` may see it; NotFound otherwise (never a hint it exists)."""
    return _one(visible_to(user), tracking_id)


def reported_by(user) -> QuerySet[Complaint]:
    return Complaint.objects.filter(reporter=user) if user else Complaint.objects.none()


def get_reported(user, tracking_id: str) -> Complaint:
    """The complaint if `user` reported it; NotFound otherwise."""
    return _one(reported_by(user), tracking_id)


def _one(complaints: QuerySet[Complaint], tracking_id: str) -> Complaint:
    complaint = (
        complaints.select_related("region", "agency", "unit", "category")
        .filter(tracking_id=normalise_tracking_id(tracking_id))
        .first()
    )
    if complaint is None:
        raise NotFound()
    return complaint


def get_by_secret(tracking_id: str, secret: str) -> Complaint:
    complaint = (
        Complaint.objects.select_related("region", "agency", "unit", "category")
        .filter(tracking_id=normalise_tracking_id(tracking_id))
        .first()
    )
    if complaint is None or not complaint.check_secret(secret):
        raise NotFound()
    return complaint


def get_trackable(tracking_id: str) -> Complaint:
    """By tracking ID alone: the status page anyone holding the ID may open (redacted)."""
    complaint = (
        Complaint.objects.select_related("region", "agency", "category")
        .filter(tracking_id=normalise_tracking_id(tracking_id))
        .first()
    )
    if complaint is None:
        raise NotFound()
    return complaint


def public() -> QuerySet[Complaint]:
    """What the public may read (`is_public`, as one query)."""
    return Complaint.objects.filter(PUBLIC)


def is_public(c: Complaint) -> bool:
    """A complaint the public may read: passed on by a person and not rahasia. One the
    router disposed by itself waits until its agency takes it up: nobody has read it yet,
    and a verifier would have marked rahasia a report that puts its reporter in danger."""
    router_only = c.status == Status.DISPOSED and c.routed_by == RoutedBy.ROUTER
    return not c.is_confidential and c.status in PUBLIC_STATUSES and not router_only


DECLINING = ("not_our_authority", "transfer")


def declined_by(c: Complaint) -> set[str]:
    """Codes of the agencies that said `c` is not theirs to handle: those that sent it back,
    and those that passed it on to another agency (a transfer says the same)."""
    return declined_by_each([c.pk]).get(c.pk, set())


def declined_by_each(complaint_ids: list[int]) -> dict[int, set[str]]:
    """`declined_by` for a page of complaints, in one query: id → codes (only those some
    agency declined)."""
    events = Event.objects.filter(complaint_id__in=complaint_ids, action__in=DECLINING)
    declined: dict[int, set[str]] = {}
    for pk, data in events.values_list("complaint_id", "data"):
        codes = {data.get("returned_by"), data.get("from_agency")} - {None, ""}
        if codes:
            declined.setdefault(pk, set()).update(codes)
    return declined


def overdue(qs: QuerySet[Complaint], *, at: datetime | None = None) -> QuerySet[Complaint]:
    """Past the current stage's deadline with the clock running. Lateness is never stored."""
    return qs.filter(overdue_q(at or timezone.now()))


def overdue_q(at: datetime) -> Q:
    """The overdue rule as a condition, for counting inside aggregates."""
    return Q(status__in=CLOCKED, paused_at__isnull=True, due_at__lt=at)


def not_overdue_q(at: datetime) -> Q:
    """Exactly the complaints `overdue_q` leaves out, as a condition on the row itself (no
    list of overdue ids): clock stopped or not running, no deadline, or not yet past it."""
    return (
        ~Q(status__in=CLOCKED)
        | Q(paused_at__isnull=False)
        | Q(due_at__isnull=True)
        | Q(due_at__gte=at)
    )


def is_overdue(c: Complaint, at: datetime) -> bool:
    """The same rule as `overdue`, for one complaint already in memory."""
    return c.status in CLOCKED and c.paused_at is None and c.due_at is not None and c.due_at < at


def due_soon(qs: QuerySet[Complaint], *, until: datetime, at: datetime | None = None):
    at = at or timezone.now()
    return qs.filter(status__in=CLOCKED, paused_at__isnull=True, due_at__gte=at, due_at__lte=until)


# Orderings a queue offers: a column and whether it runs backwards; the primary key breaks
# ties so a cursor is stable. Only due_at can be empty (closed and archived complaints), and
# an empty deadline sorts as the latest. Ordering on the bare column (not a COALESCE) lets
# SQLite read it in index order: 1 ms instead of 45 for 14,000 overdue complaints.
ORDERINGS = {
    "due": ("due_at", False),
    "-due": ("due_at", True),
    "submitted": ("submitted_at", False),
    "-submitted": ("submitted_at", True),
    "-updated": ("updated_at", True),
}


@dataclass
class QueueFilter:
    status: list[str] = field(default_factory=list)
    agency: str = ""
    category: str = ""
    region: str = ""
    overdue: bool | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None
    ordering: str = "due"
    cursor: str = ""
    limit: int = 50


@dataclass
class Page:
    items: list[Complaint]
    next_cursor: str | None


def queue(user, f: QueueFilter, *, at: datetime | None = None) -> Page:
    """A staff member's work list, filtered, ordered, cut at a keyset cursor.

    Read as disjoint branches (one per agency or unit the viewer handles, one per region
    they verify), each ordered and cut to the page on its own: a branch on one agency and
    the queue's statuses is read in order from a partial index ((agency, due_at, id) where
    open), so a page costs the same whatever the size of the queue. The branches' few rows
    are then merged."""
    if f.ordering not in ORDERINGS:
        choices = {"expected": ", ".join(ORDERINGS)}
        raise Invalid({"ordering": _("Pilih salah satu dari: %(expected)s.") % choices})
    at = at or timezone.now()
    if f.agency:
        visible = visibility(user)
        agency = visible != [] and Agency.objects.filter(code=f.agency).only("path").first()
        within = _held_within([agency.path]) if agency else []
        branches = within if visible is None else [w & _any(visible) for w in within]
    else:
        branches = _queue_branches(user)
    if branches == []:
        return Page(items=[], next_cursor=None)
    statuses = list(f.status or OPEN)
    qs = Complaint.objects.filter(status__in=statuses)
    if set(statuses) < set(OPEN):
        # The condition of the open partial indexes, word for word: SQLite needs it to use
        # them (PostgreSQL proves it from the narrower list by itself).
        qs = qs.filter(status__in=OPEN)
    if f.category:
        # By id: a join on the category's code would join every matching row first.
        category = Category.objects.filter(code=f.category).values_list("pk", flat=True)
        if (category_id := category.first()) is None:
            return Page(items=[], next_cursor=None)
        qs = qs.filter(category_id=category_id)
    if f.region:
        qs = qs.filter(Q(region_id=f.region) | Q(region__code__startswith=f.region + "."))
    if f.overdue is True:
        qs = overdue(qs, at=at)
    elif f.overdue is False and set(statuses) <= set(OPEN):
        # Not yet due, waiting on someone, or without a deadline (a running clock is never
        # paused): disjoint branches, each a range of an index in deadline order. One
        # condition over them all walked the deadline index past every overdue complaint
        # first (750 ms at 500,000 complaints, most of them overdue).
        splits = [
            Q(due_at__gte=at),
            Q(status__in=WAITING) & ~Q(due_at__gte=at),
            Q(due_at__isnull=True) & ~Q(status__in=WAITING),
        ]
        branches = [b & split for b in branches or [Q()] for split in splits]
    elif f.overdue is False:
        qs = qs.filter(not_overdue_q(at))
    qs = qs.filter(_submitted_within(f.submitted_from, f.submitted_to))
    key, descending = ORDERINGS[f.ordering]
    if f.cursor:
        qs = qs.filter(_after(key, descending, *_decode_cursor(f.cursor)))
    by = _order(F(key), descending)
    branch_order = by
    if key == "due_at" and (f.submitted_from or f.submitted_to):
        # Deadlines follow submission: walking the deadline index to reach complaints
        # submitted in a month long past reads every complaint due before them (240 ms for
        # 500,000). The same order on a copy of the column, which no index offers, has the
        # database take the month's complaints by date first and sort those (28 ms).
        branch_order = _order(Coalesce(key, key), descending)
    # Order and cut on the complaint table alone, then load the page's rows with their
    # joins: joining every matching row before the sort is what makes a big queue slow.
    parts = [
        qs.filter(b).order_by(*branch_order).values_list("pk", key)[: f.limit + 1]
        for b in branches or [Q()]
    ]
    if len(parts) == 1:
        keys = list(parts[0])
    elif connection.features.supports_slicing_ordering_in_compound:  # PostgreSQL
        keys = list(parts[0].union(*parts[1:], all=True).order_by(*by)[: f.limit + 1])
    else:  # SQLite refuses LIMIT inside a UNION: one query per branch, merged here
        keys = sorted((k for part in parts for k in part), key=_rank, reverse=descending)
        keys = keys[: f.limit + 1]
    more = len(keys) > f.limit
    keys = keys[: f.limit]
    rows = Complaint.objects.select_related("region", "agency", "unit", "category").in_bulk(
        [pk for pk, _ in keys]
    )
    items = [rows[pk] for pk, _ in keys]
    next_cursor = _encode_cursor(keys[-1][1], keys[-1][0]) if more else None
    return Page(items=items, next_cursor=next_cursor)


def _order(value, descending: bool) -> tuple:
    """A queue's order: empty values last (first when descending), the id breaking ties."""
    if descending:
        return value.desc(nulls_first=True), "-pk"
    return value.asc(nulls_last=True), "pk"


_EARLIEST = datetime.min.replace(tzinfo=UTC)


def _rank(key: tuple[int, datetime | None]) -> tuple:
    """A queue row's place in ascending order (empty values last, the id breaking ties);
    reversed, the descending order (empty values first)."""
    pk, value = key
    return (value is None, value or _EARLIEST, pk)


# More branches than this for one column, and the queue reads those complaints in one branch
# (an id list, sorted after reading) instead of one branch per agency or unit.
_BRANCHES_PER_COLUMN = 16


def _queue_branches(user) -> list[Q] | None:
    """`visibility` as disjoint conditions, each one the queue reads in order through an
    index: None for everything, [] for nothing."""
    if user is None or not user.is_authenticated:
        return []
    scope = scope_of(user)
    if scope.sees_everything:
        return None
    regions = set(scope.verifier_regions)
    # A region inside another one the verifier covers adds nothing; the rest are disjoint.
    regions = sorted(r for r in regions if not any(r.startswith(o + ".") for o in regions))
    branches = [Q(region_id=r) | Q(region__code__startswith=r + ".") for r in regions]
    if scope.agency_paths:
        held = _held_within(scope.agency_paths)
        if branches:  # a verifier who is an officer too: what the regions hold already
            held = [h & ~_any(branches) for h in held]
        branches += held
    return branches


def _held_within(paths) -> list[Q]:
    """Complaints whose current handler lies in the agency subtrees at `paths`, as disjoint
    conditions (like `figures.handled_by`): those disposed to an agency in the subtrees
    (their units lie inside them too), and those an agency above delegated to a unit inside.
    A unit always lies inside its agency's subtree, so this is "agency or unit in the
    subtrees" without a complaint in two branches. One agency or one (unit, agency) pair per
    branch: an index gives its rows in queue order (an id list would have to be sorted)."""
    nodes = Agency.objects.filter(_any([Q(path__startswith=p) for p in paths]))
    ids = sorted(nodes.values_list("pk", flat=True))
    above = sorted({a for p in paths for a in path_ids(p)[:-1]} - set(ids))
    if len(ids) > _BRANCHES_PER_COLUMN:
        held = [Q(agency_id__in=ids)]
    else:
        held = [Q(agency_id=i) for i in ids]
    if not above:
        return held
    if len(ids) * len(above) > _BRANCHES_PER_COLUMN:
        return [*held, Q(agency_id__in=above, unit_id__in=ids)]
    return held + [Q(agency_id=a, unit_id=u) for u in ids for a in above]


def _submitted_within(start: date | None, end: date | None) -> Q:
    """Submitted on the WIB dates from `start` to `end`, both included, as bounds on the
    moment (an index range) rather than on its date (a computed column)."""
    q = Q()
    if start and start > date.min:
        q &= Q(submitted_at__gte=datetime.combine(start, time.min, tzinfo=WIB))
    if end and end < date.max:
        q &= Q(submitted_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=WIB))
    return q


def _after(key: str, descending: bool, value: datetime | None, pk: int) -> Q:
    """The rows after (value, pk) in the queue's order; empty values sort as the latest."""
    if value is None:
        rest = Q(**{f"{key}__isnull": True, "pk__lt" if descending else "pk__gt": pk})
        return rest | Q(**{f"{key}__isnull": False}) if descending else rest
    if descending:
        return Q(**{f"{key}__lt": value}) | Q(**{key: value, "pk__lt": pk})
    later = Q(**{f"{key}__gt": value}) | Q(**{key: value, "pk__gt": pk})
    return later | Q(**{f"{key}__isnull": True})


def _encode_cursor(value: datetime | None, pk: int) -> str:
    raw = json.dumps([value and value.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime | None, int]:
    try:
        if len(cursor) > 200:  # ours are under 80 characters
            raise ValueError
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, pk = json.loads(raw)
        moment = None if value is None else parse_datetime(value)
        if (value is not None and moment is None) or not isinstance(pk, int):
            raise ValueError
        if moment is not None and moment.tzinfo is not None:
            moment = moment.astimezone(UTC)  # year 9999 with a negative offset overflows here
        return moment, pk
    except (ValueError, TypeError, OverflowError, RecursionError):
        stale = _("Tautan halaman ini sudah tidak berlaku; mulai lagi dari halaman pertama.")
        raise Invalid({"cursor": stale}) from None
