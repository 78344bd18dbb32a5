"""The public feed's query: `queries.public()`, filtered, newest first, cut at a keyset cursor.

Shaped so that it stays fast at 100,000+ complaints on SQLite as well as PostgreSQL, whether or
not the database has planner statistics (SQLite has none until ANALYZE / PRAGMA optimize runs):

- `public()` writes "not rahasia" as `NOT is_confidential`, which SQLite cannot look up in an
  index; restating it as an equality lets SQLite walk the (is_confidential, status,
  submitted_at) index instead of sorting every public complaint. The rule itself still comes
  from `public()`; the restatement selects the same rows.
- A region filter that matches few complaints is answered from the region index first (at most
  SPARSE_REGION primary keys); a region that holds many is filtered while walking the date
  order, where matches come quickly.
- The cursor condition is a range plus an exclusion rather than an OR, so it stays indexable.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Q, QuerySet

from aduan.complaints import queries
from aduan.complaints.models import PUBLIC_STATUSES, Complaint, RoutedBy, Status
from aduan.core.ids import normalise_tracking_id
from aduan.directory.models import Category

SPARSE_REGION = 3000


@dataclass
class FeedFilter:
    region: str = ""  # a region code: that region and everything below it
    category: str = ""  # a category code: that category and its children
    status: str = ""
    after: str = ""  # tracking ID of the last report on the previous page


def public_ordered() -> QuerySet[Complaint]:
    """Public complaints, newest first, in a shape every database can walk by index."""
    qs = queries.public().filter(is_confidential__in=[False])
    if connection.vendor == "sqlite":
        # SQLite uses the partial index `complaint_public_feed` only when the query states
        # its condition with the same literal values; Django binds them as parameters. Said
        # once more, literally (the same rows): without it the feed walked the date index
        # past every router-disposed complaint no agency had taken up yet.
        qs = qs.extra(where=[_public_literally()])
    return qs.order_by("-submitted_at", "-pk")


def _public_literally() -> str:
    t = Complaint._meta.db_table  # qualified: the feed's query may join other tables
    statuses = ", ".join(f"'{s}'" for s in PUBLIC_STATUSES)  # constants: no quoting needed
    return (
        f'NOT "{t}"."is_confidential" AND "{t}"."status" IN ({statuses}) AND NOT '
        f'("{t}"."routed_by" = \'{RoutedBy.ROUTER}\' AND "{t}"."status" = \'{Status.DISPOSED}\')'
    )


def within_region(code: str) -> Q:
    """Complaints located in region `code` or any region below it."""
    if connection.vendor == "sqlite":
        # SQLite's LIKE is case-insensitive and so never uses an index; region codes are ASCII
        # digits and dots, so this binary range selects exactly the codes starting "code.".
        below = Q(region_id__gte=code + ".", region_id__lt=code + "/")
    else:
        below = Q(region__code__startswith=code + ".")
    return Q(region_id=code) | below


def feed(f: FeedFilter) -> tuple[QuerySet[Complaint], bool]:
    """The filtered feed and whether the cursor was understood (an unknown one is ignored)."""
    qs = public_ordered()
    if f.region:
        region = within_region(f.region)
        few = list(
            Complaint.objects.filter(region).values_list("pk", flat=True)[: SPARSE_REGION + 1]
        )
        qs = qs.filter(pk__in=few) if len(few) <= SPARSE_REGION else qs.filter(region)
    if f.category:
        chosen = Category.objects.filter(Q(code=f.category) | Q(parent__code=f.category))
        qs = qs.filter(category__in=list(chosen.values_list("pk", flat=True)))
    if f.status:
        qs = qs.filter(status=f.status)
    if not f.after:
        return qs, False
    last = (
        qs.filter(tracking_id=normalise_tracking_id(f.after)).values("submitted_at", "pk").first()
    )
    if last is None:
        return qs, False
    return after(qs, last["submitted_at"], last["pk"]), True


def after(qs: QuerySet[Complaint], at: datetime, pk: int) -> QuerySet[Complaint]:
    """Rows after (at, pk) in newest-first order."""
    return qs.filter(submitted_at__lte=at).exclude(submitted_at=at, pk__gte=pk)
