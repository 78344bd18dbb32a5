"""The deadline sweep: warn before a breach, record and escalate breaches, auto-close, run
the clock again on a complaint whose reporter did not answer a question in time, and tell the
reporter of a complaint still unanswered after 30 days that it is being handled.

Run by a timer (`aduan sla sweep`). Idempotent and safe in several processes at once: each
warning and breach is claimed with an only-if-unchanged UPDATE, so exactly one sweeper acts
on it; auto-closing goes through `workflow.apply`, which locks the row and re-checks status.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from aduan.accounts.models import Membership, Role
from aduan.complaints import queries, sla, workflow
from aduan.complaints.models import Complaint, Notification, Status
from aduan.core.errors import DomainError
from aduan.directory import policy
from aduan.directory.models import Stage, ancestor_codes, path_ids


@dataclass
class SweepResult:
    warned: int = 0
    breached: int = 0
    auto_closed: int = 0
    resumed: int = 0
    progress_noticed: int = 0


UNANSWERED = (
    Status.SUBMITTED,
    Status.ON_HOLD,
    Status.DISPOSED,
    Status.IN_PROGRESS,
    Status.AWAITING_REPORTER,
)


def sweep(*, at: datetime | None = None, batch: int = 500) -> SweepResult:
    at = at or timezone.now()
    result = SweepResult()
    # First: a complaint handed back past its deadline is warned of and breached below, in
    # this same run.
    result.resumed = _resume_without_reply(at, batch)
    recipients = _Recipients()
    warn_days = policy.working_days(Stage.WARNING)
    warn_until = sla.deadline(at, warn_days)
    soon = queries.due_soon(
        Complaint.objects.filter(warned_at__isnull=True), until=warn_until, at=at
    )
    for c in _in_batches(soon.select_related("agency", "unit"), batch):
        result.warned += _claim(c, "warned_at", at, Notification.Kind.WARNING, recipients)
    late = queries.overdue(Complaint.objects.filter(breached_at__isnull=True), at=at)
    for c in _in_batches(late.select_related("agency", "unit"), batch):
        result.breached += _claim(c, "breached_at", at, Notification.Kind.BREACH, recipients)
    silent = Complaint.objects.filter(status=Status.ANSWERED, due_at__lt=at).only(
        "pk",
        # masked already: closing it needs no second read
        "public_title",
        "public_body",
    )
    for c in _in_batches(silent, batch):
        try:
            workflow.apply(c, "auto_close", actor=workflow.Actor.system(), at=at)
        except DomainError:
            continue  # another sweeper or the reporter got there first
        result.auto_closed += 1
    waiting = Complaint.objects.filter(status__in=UNANSWERED, progress_notice_due_at__lte=at)
    fields = ("pk", "tracking_id", "status", "reporter_id", "progress_notice_due_at")
    for c in _in_batches(waiting.only(*fields), batch):
        result.progress_noticed += _notice_progress(c, at)
    return result


def _in_batches(qs: QuerySet[Complaint], size: int) -> Iterator[Complaint]:
    """`qs`'s rows, `size` at a time, each batch read whole before any is written. The ids
    are read first, by the query's own plan; a read left open across the writes would hold
    SQLite's snapshot, and the first write after another process's would then fail at once
    ("database is locked") instead of waiting its turn."""
    ids = list(qs.values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        yield from list(qs.filter(pk__in=ids[start : start + size]))


def _resume_without_reply(at: datetime, batch: int) -> int:
    """Complaints whose reporter let the time to answer a question pass go on with what is
    known: back to the verifier (tunda) or the agency (its question), clock running."""
    # Working days are never fewer than calendar days: a bound the database can use.
    earliest = timedelta(days=policy.fewest_working_days(Stage.REPORTER_REPLY))
    quiet = Complaint.objects.filter(
        status__in=workflow.WAITING_ON_REPORTER, paused_at__lte=at - earliest
    )
    resumed = 0
    for c in _in_batches(quiet, batch):
        due = workflow.reply_due(c)
        if due is None or due > at:
            continue
        try:
            workflow.apply(c, "reporter_silent", actor=workflow.Actor.system(), at=at)
        except DomainError:
            continue  # the reporter answered, or another sweeper got there first
        resumed += 1
    return resumed


def _notice_progress(c: Complaint, at: datetime) -> int:
    with transaction.atomic():
        claimed = Complaint.objects.filter(
            pk=c.pk, status=c.status, progress_notice_due_at=c.progress_notice_due_at
        ).update(progress_noticed_at=at, progress_notice_due_at=sla.next_progress_notice(at))
        if not claimed:
            return 0  # another sweeper told them, or the complaint moved on
        if c.reporter_id:  # reporters without an account hear through the outbox, to come
            with Notification.in_first_language():
                if c.status in workflow.WAITING_ON_REPORTER:
                    message = _(
                        "Laporan %(id)s menunggu keterangan dari Anda. Balas di halaman "
                        "laporan agar dapat ditindaklanjuti."
                    )
                else:
                    message = _(
                        "Laporan %(id)s masih ditangani (%(status)s). Kami akan mengabari Anda "
                        "begitu ada tindak lanjut."
                    )
                message %= {"id": c.tracking_id, "status": c.get_status_display()}
            Notification.objects.create(
                recipient_id=c.reporter_id,
                complaint=c,
                kind=Notification.Kind.REPORTER_UPDATE,
                message=message,
                created_at=at,
            )
    return 1


def _claim(c: Complaint, stamp: str, at: datetime, kind: str, recipients: "_Recipients") -> int:
    """Mark `stamp` on `c` unless another sweeper did, and notify; 1 if this one did."""
    with transaction.atomic():
        claimed = Complaint.objects.filter(
            pk=c.pk, status=c.status, due_at=c.due_at, **{f"{stamp}__isnull": True}
        ).update(**{stamp: at})
        if not claimed:
            return 0
        stage = workflow.CLOCKS[c.status]
        if kind == Notification.Kind.BREACH:
            workflow.record_breach(c, at)
        with Notification.in_first_language():
            label = str(Stage(stage).label)  # "Tindak lanjut instansi", mid-sentence here
            message = (
                _("Laporan %(id)s melewati batas waktu tahap %(stage_lower)s.")
                if kind == Notification.Kind.BREACH
                else _("Laporan %(id)s mendekati batas waktu tahap %(stage_lower)s.")
            ) % {"id": c.tracking_id, "stage_lower": label[:1].lower() + label[1:]}
        Notification.objects.bulk_create(
            Notification(recipient_id=uid, complaint=c, kind=kind, message=message, created_at=at)
            for uid in recipients(c, stage, escalate=kind == Notification.Kind.BREACH)
        )
    return 1


class _Recipients:
    """Who hears of a warning or a breach: the verifiers covering the place at verification;
    the handling agency's officers for a warning; its supervisors and the verifiers for a
    breach.

    Memberships are read once per sweep (the verifiers) or once per agency and role: a
    sweep catching up after an outage notifies of thousands of complaints of the same
    agencies, and a membership changed during one run is seen by the next."""

    def __init__(self) -> None:
        # Verifiers by the region they cover ("" for the whole country), read at first use.
        self._verifiers: dict[str, list[int]] | None = None
        self._staff: dict[tuple[int, str], list[int]] = {}

    def __call__(self, c: Complaint, stage: str, *, escalate: bool) -> set[int]:
        users: set[int] = set()
        if stage == Stage.VERIFICATION or escalate:
            users |= self._covering(c.region_id)
        if stage != Stage.VERIFICATION:
            handler = c.unit or c.agency
            role = Role.SUPERVISOR if escalate else Role.OFFICER
            for agency_id in path_ids(handler.path):
                users.update(self._of(agency_id, role))
        return users

    def _covering(self, region_id: str | None) -> set[int]:
        if self._verifiers is None:
            self._verifiers = {}
            verifiers = Membership.objects.filter(role=Role.VERIFIER)
            for user, region in verifiers.values_list("user_id", "region_id"):
                self._verifiers.setdefault(region or "", []).append(user)
        regions = ["", *(ancestor_codes(region_id) if region_id else [])]
        return {user for code in regions for user in self._verifiers.get(code, ())}

    def _of(self, agency_id: int, role: str) -> list[int]:
        key = (agency_id, role)
        if key not in self._staff:
            self._staff[key] = list(
                Membership.objects.filter(role=role, agency_id=agency_id).values_list(
                    "user_id", flat=True
                )
            )
        return self._staff[key]
