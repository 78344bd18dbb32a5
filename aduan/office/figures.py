"""Figures for the supervisor and oversight pages, each one aggregate query.

Counted in the database (GROUP BY), never by loading complaints: a page must answer quickly
with hundreds of thousands of rows. Lateness follows `queries.overdue` (past due with the
clock running). A month's follow-ups are the `FollowUp` rows posted in it, credited to the
unit the complaint was delegated to, else the agency holding it, and late when that
holding's follow-up deadline had passed (a `Breach` was recorded), as they were when
posted: a reopening, transfer or later answer never rewrites a month already reported.
A complaint an agency held past its deadline and then passed on (transfer, not its
authority) counts against it too, in the month it passed it on: otherwise passing late
complaints on would keep an agency's on-time share whole.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from aduan.complaints import queries
from aduan.complaints.models import Breach, Complaint, FollowUp, Status
from aduan.directory.models import Agency, Stage, path_ids

# What an agency's complaints can be in while it holds them.
AGENCY_STATUSES = (
    Status.DISPOSED,
    Status.IN_PROGRESS,
    Status.AWAITING_REPORTER,
    Status.ANSWERED,
)


@dataclass(frozen=True)
class Month:
    start: datetime
    end: datetime

    @classmethod
    def of(cls, day: date) -> "Month":
        first = date(day.year, day.month, 1)
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        tz = timezone.get_current_timezone()
        return cls(
            datetime.combine(first, datetime.min.time(), tzinfo=tz),
            datetime.combine(following, datetime.min.time(), tzinfo=tz),
        )

    @property
    def value(self) -> str:
        return f"{self.start:%Y-%m}"


def handled_by(root: Agency, ids: list[int]) -> list[QuerySet[Complaint]]:
    """Complaints whose handler (the unit if delegated, else the agency) lies in `root`'s
    subtree (`ids`), as disjoint parts that each use an index: those disposed into the subtree
    (their units lie inside it too), and those delegated into it by an agency above `root`.
    One OR over both columns would scan the whole table."""
    parts = [Complaint.objects.filter(agency_id__in=ids)]
    above = path_ids(root.path)[:-1]
    if above:
        parts.append(Complaint.objects.filter(agency_id__in=above, unit_id__in=ids))
    return parts


def late_list(parts: list[QuerySet[Complaint]], *, at: datetime, limit: int) -> list[Complaint]:
    """The `limit` most overdue complaints among `parts` (disjoint querysets)."""
    return complaints_in_order(late_ids(parts, at=at, limit=limit))


def late_ids(parts: list[QuerySet[Complaint]], *, at: datetime, limit: int) -> list[int]:
    """The ids of `late_list`, most overdue first: ordered and cut on the complaint table
    alone (joining first would join every overdue row before the sort). Ids are what may be
    kept in a cache: the rows carry reporters' names and contacts."""
    keys = []
    for part in parts:
        late = queries.overdue(part, at=at).order_by("due_at", "pk")
        keys += late.values_list("due_at", "pk")[:limit]
    return [pk for _, pk in sorted(keys)[:limit]]


def complaints_in_order(pks: list[int]) -> list[Complaint]:
    """The complaints `pks` names, with the relations a row shows, in that order (those
    gone since are left out)."""
    found = Complaint.objects.select_related("region", "agency", "unit", "category").in_bulk(pks)
    return [found[pk] for pk in pks if pk in found]


def by_status(qs: QuerySet[Complaint], *, statuses=queries.OPEN) -> list[tuple[str, str, int]]:
    """Complaints per status, in workflow order: (status, label, count)."""
    # COUNT(*), not COUNT(id): PostgreSQL then answers from the status index alone.
    counts = dict(qs.filter(status__in=statuses).values_list("status").annotate(n=Count("*")))
    return [(s, Status(s).label, counts.get(s, 0)) for s in statuses]


@dataclass
class UnitRow:
    agency: Agency
    depth: int
    open: int = 0
    overdue: int = 0
    answered: int = 0
    late: int = 0
    passed_late: int = 0  # held past the deadline, then passed to someone else
    rated: int = 0
    rating_sum: float = 0.0

    @property
    def on_time_share(self) -> float | None:
        decided = self.answered + self.passed_late
        return None if not decided else (self.answered - self.late) / decided

    @property
    def on_time_percent(self) -> int | None:
        share = self.on_time_share
        return None if share is None else round(100 * share)

    @property
    def rating(self) -> float | None:
        return None if not self.rated else self.rating_sum / self.rated

    @property
    def active(self) -> bool:
        return bool(self.open or self.answered or self.passed_late)


@dataclass
class AgencyFigures:
    rows: list[UnitRow]  # the root, then each node that holds or answered complaints
    total: UnitRow
    backlog: list[tuple[str, str, int]]  # (status, label, count) of the open complaints


def agency_figures(
    root: Agency, subtree: list[Agency], month: Month, *, at: datetime
) -> AgencyFigures:
    """Figures for `root`'s subtree: open and overdue counted now by current handler, one
    grouped query per part; the follow-ups posted in `month` (answered, late, ratings) by
    the agency or unit that held the complaint, two grouped queries over the (handler, at)
    and (agency, at) indexes."""
    rows = {n.pk: UnitRow(n, n.path.count("/") - root.path.count("/")) for n in subtree}
    ids = list(rows)
    groups = []
    for part in handled_by(root, ids):
        by_handler = part.annotate(handler_id=Coalesce("unit_id", "agency_id"))
        groups += (
            by_handler.filter(status__in=queries.OPEN)
            .values("handler_id", "status")
            # Counted over columns of the (agency, status, due_at, unit, paused_at) index, so
            # PostgreSQL answers from it alone: COUNT(id) would read every open row's page.
            # An overdue complaint always has a due_at.
            .annotate(n=Count("*"), overdue=Count("due_at", filter=queries.overdue_q(at)))
        )
    posted = FollowUp.objects.filter(at__gte=month.start, at__lt=month.end)
    above = path_ids(root.path)[:-1]
    # Posted in the subtree for an agency in it, or above it (a delegation from above) ...
    mine = posted.filter(handler_id__in=ids, agency_id__in=ids + above)
    groups += _answers(mine.values("handler_id"))
    # ... and for an agency in it by a unit that has moved out since: the answer stays with
    # the agency that held the complaint, and a month already reported stays as it was.
    moved_out = posted.filter(agency_id__in=ids).exclude(handler_id__in=ids)
    for g in _answers(moved_out.values("agency_id")):
        g["handler_id"] = g.pop("agency_id")
        groups.append(g)
    groups += _passed_late(ids, month)
    backlog: dict[str, int] = {}
    total = UnitRow(root, 0)
    for g in groups:
        row = rows.get(g["handler_id"])
        if row is None:  # cannot happen: a delegated unit lies inside its agency
            continue
        if "status" in g:
            backlog[g["status"]] = backlog.get(g["status"], 0) + g["n"]
        for r in (row, total):
            r.open += g.get("n", 0)
            r.overdue += g.get("overdue", 0)
            r.answered += g.get("answered", 0)
            r.late += g.get("late", 0)
            r.passed_late += g.get("passed_late", 0)
            r.rated += g.get("rated", 0)
            r.rating_sum += g.get("rating_sum") or 0
    return AgencyFigures(
        rows=[r for r in rows.values() if r.active or r.agency.pk == root.pk],
        total=total,
        backlog=[(s, Status(s).label, backlog.get(s, 0)) for s in AGENCY_STATUSES],
    )


def _answers(grouped: QuerySet[FollowUp]) -> list[dict]:
    return list(
        grouped.annotate(
            answered=Count("*"),
            late=Count("at", filter=Q(late=True)),
            rated=Count("rating"),
            rating_sum=Sum("rating"),
        )
    )


def _passed_late(ids: list[int], month: Month) -> list[dict]:
    """Complaints an agency passed on in `month` (transfer, not its authority) after missing
    their follow-up deadline (`workflow.pass_on`)."""
    return list(
        Breach.objects.filter(
            stage=Stage.FOLLOWUP,
            agency_id__in=ids,
            passed_on_at__gte=month.start,
            passed_on_at__lt=month.end,
        )
        .values(handler_id=F("agency_id"))
        .annotate(passed_late=Count("complaint", distinct=True))
    )


@dataclass
class Lateness:
    verification: int  # overdue while waiting for a verifier
    followup: int  # overdue at an agency
    top: list[tuple[Agency, int]]  # the agencies with the most overdue complaints


def lateness(qs: QuerySet[Complaint], *, at: datetime, top: int = 10) -> Lateness:
    """Overdue complaints by stage and by agency, from one grouped query."""
    groups = queries.overdue(qs, at=at).values_list("agency_id", "status").annotate(n=Count("*"))
    verification = followup = 0
    per_agency: dict[int, int] = {}
    for agency_id, status, n in groups:
        if status == Status.SUBMITTED:
            verification += n
        else:
            followup += n
        if agency_id is not None:
            per_agency[agency_id] = per_agency.get(agency_id, 0) + n
    ranked = sorted(per_agency.items(), key=lambda item: -item[1])[:top]
    agencies = Agency.objects.in_bulk([a for a, _ in ranked])
    return Lateness(verification, followup, [(agencies[a], n) for a, n in ranked])
