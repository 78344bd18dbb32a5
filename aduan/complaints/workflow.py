"""The only code that changes a complaint's status.

`apply(complaint, action, actor=..., ...)` locks the row, looks the step up in `STEPS`,
checks the actor's capacity, moves the clocks, writes the status and one `Event` in one
transaction. Anything illegal is a `DomainError` with a code, never a half-written row.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aduan.accounts.scopes import scope_of
from aduan.complaints import redaction, sla
from aduan.complaints.models import Breach, Complaint, Event, FollowUp, Notification, RoutedBy
from aduan.complaints.models import Status as S
from aduan.core.errors import DomainError, Forbidden, Invalid
from aduan.directory import policy
from aduan.directory.models import Agency, Stage

# Sent with `complaint` and `event` inside the action's transaction, once its event is written:
# what a receiver writes commits or rolls back with the action itself.
action_taken = Signal()

# Capacities an actor can act in.
VERIFIER, OFFICER, REPORTER, SYSTEM, ROUTER = "verifier", "officer", "reporter", "system", "router"
AGENCY = (OFFICER,)

ANY_OPEN = (S.SUBMITTED, S.ON_HOLD, S.DISPOSED, S.IN_PROGRESS, S.ANSWERED)
NO_PROGRESS_NOTICE = (S.ANSWERED, S.CLOSED, S.ARCHIVED)
# Paused until the reporter answers a question: a verifier's (tunda) or the agency's.
WAITING_ON_REPORTER = (S.ON_HOLD, S.AWAITING_REPORTER)


@dataclass(frozen=True)
class Step:
    moves: dict[str, str]  # from status → to status
    who: tuple[str, ...]
    # Who may read the note: "public" (anyone who may see the complaint), "reporter"
    # (the reporter and staff), "staff" (staff only).
    note_audience: str = "staff"
    # Taken for the whole agency (passing the complaint on, or out): not by one of its
    # units, which answer what they are given.
    for_the_agency: bool = False


# fmt: off
STEPS: dict[str, Step] = {
    # verifiers
    "verify":  Step({S.SUBMITTED: S.DISPOSED, S.ON_HOLD: S.DISPOSED}, (VERIFIER,)),
    "hold":    Step({S.SUBMITTED: S.ON_HOLD}, (VERIFIER,), "reporter"),
    "resume":  Step({S.ON_HOLD: S.SUBMITTED}, (VERIFIER,)),
    "archive": Step({S.SUBMITTED: S.ARCHIVED, S.ON_HOLD: S.ARCHIVED}, (VERIFIER,), "reporter"),
    # Anonim and rahasia can be set at any stage: a threat to a reporter may show itself
    # after the router, or the verifier, has already sent the complaint on.
    "protect": Step({s: s for s in S.values}, (VERIFIER,), "reporter"),
    # the agency and its units
    "not_our_authority": Step({S.DISPOSED: S.SUBMITTED, S.IN_PROGRESS: S.SUBMITTED}, AGENCY,
                              for_the_agency=True),
    "accept":   Step({S.DISPOSED: S.IN_PROGRESS}, AGENCY),
    "delegate": Step({S.DISPOSED: S.IN_PROGRESS, S.IN_PROGRESS: S.IN_PROGRESS}, AGENCY),
    "transfer": Step({S.DISPOSED: S.DISPOSED, S.IN_PROGRESS: S.DISPOSED}, AGENCY,
                     for_the_agency=True),
    "ask_reporter": Step({S.IN_PROGRESS: S.AWAITING_REPORTER}, AGENCY, "reporter"),
    "answer":  Step({S.DISPOSED: S.ANSWERED, S.IN_PROGRESS: S.ANSWERED,
                     S.AWAITING_REPORTER: S.ANSWERED}, AGENCY, "public"),
    "extend":  Step({s: s for s in (S.DISPOSED, S.IN_PROGRESS, S.AWAITING_REPORTER)}, AGENCY,
                    "public"),
    "close":   Step({S.ANSWERED: S.CLOSED}, AGENCY, "reporter"),
    # the reporter
    "reply":   Step({S.AWAITING_REPORTER: S.IN_PROGRESS, S.ON_HOLD: S.SUBMITTED,
                     S.SUBMITTED: S.SUBMITTED, S.DISPOSED: S.DISPOSED,
                     S.IN_PROGRESS: S.IN_PROGRESS, S.ANSWERED: S.ANSWERED},
                    (REPORTER,), "reporter"),
    "rate":    Step({S.ANSWERED: S.CLOSED, S.CLOSED: S.CLOSED}, (REPORTER,), "reporter"),
    "reopen":  Step({S.ANSWERED: S.IN_PROGRESS, S.CLOSED: S.IN_PROGRESS}, (REPORTER,),
                    "reporter"),
    # the system
    "auto_dispose": Step({S.SUBMITTED: S.DISPOSED}, (ROUTER,)),
    "auto_close":   Step({S.ANSWERED: S.CLOSED}, (SYSTEM,), "reporter"),
    "reporter_silent": Step({S.ON_HOLD: S.SUBMITTED, S.AWAITING_REPORTER: S.IN_PROGRESS},
                            (SYSTEM,), "reporter"),
}
# fmt: on

ARCHIVE_REASONS = {
    "unclear": gettext_lazy("Laporan tidak jelas"),
    "too_general": gettext_lazy("Laporan terlalu umum"),
    "not_public_service": gettext_lazy("Bukan tentang pelayanan publik"),
    "duplicate": gettext_lazy("Laporan ganda"),
    "other": gettext_lazy("Lainnya"),
}
MAX_EXTENSIONS = 2

# Each action by name, for messages that speak of one: "Penilaian tidak dapat dilakukan: …".
# (The pages' own words for actions, as buttons and timeline entries, are the web layer's.)
ACTION_NAMES = {
    "verify": gettext_lazy("Verifikasi dan disposisi"),
    "hold": gettext_lazy("Penundaan verifikasi"),
    "resume": gettext_lazy("Pelanjutan verifikasi"),
    "archive": gettext_lazy("Pengarsipan"),
    "protect": gettext_lazy("Penandaan anonim atau rahasia"),
    "not_our_authority": gettext_lazy("Pengembalian karena bukan wewenang"),
    "accept": gettext_lazy("Penerimaan laporan"),
    "delegate": gettext_lazy("Pendelegasian ke unit"),
    "transfer": gettext_lazy("Pelimpahan ke instansi lain"),
    "ask_reporter": gettext_lazy("Permintaan keterangan pelapor"),
    "answer": gettext_lazy("Pengiriman tindak lanjut"),
    "extend": gettext_lazy("Perpanjangan batas waktu"),
    "close": gettext_lazy("Penutupan laporan"),
    "reply": gettext_lazy("Pengiriman balasan"),
    "rate": gettext_lazy("Penilaian"),
    "reopen": gettext_lazy("Pembukaan kembali laporan"),
    "auto_dispose": gettext_lazy("Disposisi otomatis"),
    "auto_close": gettext_lazy("Penutupan otomatis"),
    "reporter_silent": gettext_lazy("Pelanjutan tanpa keterangan pelapor"),
}


@dataclass(frozen=True)
class Actor:
    """Who is acting. Staff act through their memberships; a reporter is whoever proved to be
    one (logged in as the complaint's reporter, or holding its secret); the system and the
    router have no user."""

    user: object | None = None
    is_reporter: bool = False
    kind: str = ""  # "system" or "router" for machine actors
    model_version: str = ""

    @classmethod
    def staff(cls, user) -> "Actor":
        return cls(user=user)

    @classmethod
    def reporter(cls, user=None) -> "Actor":
        return cls(user=user, is_reporter=True)

    @classmethod
    def system(cls) -> "Actor":
        return cls(kind=SYSTEM)

    @classmethod
    def router(cls, model_version: str) -> "Actor":
        return cls(kind=ROUTER, model_version=model_version)


def _capacity(actor: Actor, complaint: Complaint, step: Step) -> str:
    """The role in which `actor` may take `step` on `complaint`, or Forbidden."""
    if actor.kind:
        if actor.kind in step.who:
            return actor.kind
        raise Forbidden("not_allowed", _("Tindakan ini tidak dapat dilakukan oleh sistem."))
    if REPORTER in step.who:
        if actor.is_reporter:
            return REPORTER
        raise Forbidden("reporter_only", _("Hanya pelapor yang dapat melakukan tindakan ini."))
    scope = scope_of(actor.user)
    if VERIFIER in step.who and scope.verifies(complaint.region_id):
        return VERIFIER
    if OFFICER in step.who:
        holder = complaint.agency if step.for_the_agency else complaint.handler
        if holder is not None and scope.handles(holder.path):
            return scope_role(scope, complaint)
    raise Forbidden("not_your_complaint", _("Anda tidak berwenang atas laporan ini."))


def scope_role(scope, complaint: Complaint) -> str:
    return "supervisor" if scope.handles(complaint.agency.path, supervisor=True) else OFFICER


def available_actions(complaint: Complaint, actor: Actor) -> list[str]:
    """Actions `actor` may take now: what a page offers as buttons."""
    allowed = []
    for name, step in STEPS.items():
        if complaint.status not in step.moves:
            continue
        if name == "rate" and complaint.rating is not None:
            continue  # an answer is rated once
        if name == "reopen" and _reopen_window(complaint, timezone.now()) is not None:
            continue  # never offer what will be refused
        if name == "protect" and complaint.is_anonymous and complaint.is_confidential:
            continue
        try:
            _capacity(actor, complaint, step)
        except DomainError:
            continue
        allowed.append(name)
    return allowed


def apply(
    complaint: Complaint,
    action: str,
    *,
    actor: Actor,
    note: str = "",
    agency: Agency | None = None,
    unit: Agency | None = None,
    reason: str = "",
    rating: int | None = None,
    days: int | None = None,
    category=None,
    mark_anonymous: bool = False,
    mark_confidential: bool = False,
    confidence: float | None = None,
    at: datetime | None = None,
    seen: datetime | None = None,
) -> Complaint:
    """Take `action` on `complaint` as `actor`; returns the updated complaint.

    Locks the complaint row for the transaction, so concurrent actions serialise and each
    sees the status the other left. `seen`: the complaint's `updated_at` when the actor
    read it; any action since makes this one stale (409), so a form sent twice (a double
    click on "extend") acts once. Raises DomainError (409 illegal transition or stale, 403
    not allowed, 422 missing or invalid input) and writes nothing in that case.
    """
    step = STEPS.get(action)
    if step is None:
        raise DomainError("unknown_action", _("Tindakan tidak dikenal: %s") % action, status=404)
    at = at or timezone.now()
    note = (note or "").strip()
    # Masked before the row is locked (it can take a second on a long text, and SQLite's
    # writers all wait on a lock): title, body and reporter do not change once submitted,
    # so the caller's copy (which may have been masked ahead, as the routing worker does)
    # is as good as the row's.
    public = (complaint.public_title, complaint.public_body)
    if not complaint.public_title:
        public = redaction.masked(complaint)
    with transaction.atomic():
        c = (
            Complaint.objects.select_for_update(of=("self",))
            .select_related("agency", "unit", "region")
            .get(pk=complaint.pk)
        )
        if seen is not None and c.updated_at != seen:
            raise DomainError(
                "stale",
                _("Laporan ini sudah berubah sejak halaman Anda dibuka; periksa keadaannya."),
            )
        if c.status not in step.moves:
            raise DomainError(
                "illegal_transition",
                _("%(action)s tidak dapat dilakukan: laporan berstatus %(status)s.")
                % {"action": ACTION_NAMES[action], "status": c.get_status_display()},
            )
        role = _capacity(actor, c, step)
        before = _columns(c)
        if role != VERIFIER and (mark_anonymous or mark_confidential):
            # Refused, not ignored: an officer who thinks a report is now secret must learn
            # that it is not, and whom to ask.
            field = "mark_anonymous" if mark_anonymous else "mark_confidential"
            raise Invalid(
                {field: _("Hanya verifikator yang dapat menandai laporan anonim atau rahasia.")}
            )
        from_status = c.status
        to_status = step.moves[from_status]
        ctx = _Context(
            c, at, note, agency, unit, reason, rating, days, category, confidence,
            marks=(mark_anonymous, mark_confidential),
        )  # fmt: skip
        data = _EFFECTS[action](ctx, actor) or {}
        if role == VERIFIER:
            data |= _mark_privacy(c, mark_anonymous, mark_confidential)
        c.status = to_status
        c.updated_at = at
        if to_status in NO_PROGRESS_NOTICE:
            # Answered, closed, archived: no progress notice is due. Kept, the past dates of
            # millions of finished complaints would make the sweep's query for the few due
            # look like a full scan to the planner. (Reopening sets a new one.)
            c.progress_notice_due_at = None
        if to_status != from_status:
            c.needs_routing = False  # acted on: the routing worker leaves it alone
        if not c.public_title:  # published from now on: mask it once, saved with the row
            c.public_title, c.public_body = public
        # Only what the step changed: a full-row UPDATE would rewrite the title and body
        # (up to 20,000 characters) on every action, and bloat the table with them.
        after = _columns(c)
        c.save(update_fields=[name for name, value in after.items() if before[name] != value])
        event = Event.objects.create(
            complaint=c,
            at=at,
            actor=actor.user,
            actor_role=role,
            action=action,
            from_status=from_status,
            to_status=to_status,
            note=note,
            agency=c.agency,
            data=data | {"audience": step.note_audience},
        )
        if step.note_audience in ("public", "reporter") and role != REPORTER:
            _tell_reporter(c, event)
        action_taken.send(Complaint, complaint=c, event=event)
    complaint.__dict__.update(c.__dict__)
    return c


# The stage whose deadline can be breached in each status.
CLOCKS = {
    S.SUBMITTED: Stage.VERIFICATION,
    S.DISPOSED: Stage.FOLLOWUP,
    S.IN_PROGRESS: Stage.FOLLOWUP,
}


def record_breach(c: Complaint, at: datetime) -> None:
    """`c` missed its current deadline: recorded once per complaint, stage and deadline,
    against the agency holding it, whether the sweep or a stopped clock finds it first."""
    # One INSERT … ON CONFLICT DO NOTHING: get_or_create's read and savepoint tripled the
    # statements of a sweep catching up on thousands of breaches.
    Breach.objects.bulk_create(
        [
            Breach(
                complaint=c,
                stage=CLOCKS[c.status],
                due_at=c.due_at,
                agency_id=c.agency_id,
                recorded_at=at,
            )
        ],
        ignore_conflicts=True,
    )


@dataclass
class _Context:
    c: Complaint
    at: datetime
    note: str
    agency: Agency | None
    unit: Agency | None
    reason: str
    rating: int | None
    days: int | None
    category: object | None
    confidence: float | None
    marks: tuple[bool, bool] = (False, False)  # (anonim, rahasia) a verifier sets

    def days_for(self, stage: str) -> int:
        return _days_for(self.c, stage)

    @property
    def zone(self):
        """Where the complaint's days are counted: the place it is about (sla.zone_of)."""
        return sla.zone_of(self.c.region_id)

    def require_note(self, message: str) -> None:
        if not self.note:
            raise Invalid({"note": message})

    def start_clock(self, stage: str) -> None:
        self.c.due_at = sla.deadline(self.at, self.days_for(stage), self.zone)
        self.c.paused_at = None
        self.c.warned_at = None
        self.c.breached_at = None

    def record_late_stop(self) -> None:
        """A running clock stopped past its deadline is a breach, as the sweep records it:
        compliance must not depend on the sweep having run between the deadline and now.
        Called before the complaint changes hands: the breach is the holder's."""
        due = self.c.due_at
        running = self.c.status in CLOCKS and self.c.paused_at is None
        if not running or due is None or self.at <= due:
            return
        record_breach(self.c, self.at)
        self.c.breached_at = self.c.breached_at or self.at  # the sweep records it no more

    def pass_on(self) -> None:
        """The holder passes the complaint on. Its breaches while holding it count as passed
        on late in this moment's month, whether the sweep recorded them long before or
        `record_late_stop` does now."""
        self.record_late_stop()
        self.holdings_breaches().filter(passed_on_at=None).update(passed_on_at=self.at)

    def holdings_breaches(self):
        """The follow-up breaches of the agency's present holding: since it was disposed the
        complaint, and since its last answer (a breach up to an answer made that answer late;
        a reopening keeps answered_at)."""
        held = Breach.objects.filter(
            complaint=self.c, stage=Stage.FOLLOWUP, agency_id=self.c.agency_id
        )
        if self.c.disposed_at:
            held = held.filter(recorded_at__gte=self.c.disposed_at)
        if self.c.answered_at:
            held = held.filter(recorded_at__gt=self.c.answered_at)
        return held

    def pause(self) -> None:
        self.record_late_stop()  # a clock stopped late stays late, whatever comes after
        self.c.paused_at = self.at

    def resume(self, *, at: datetime | None = None) -> None:
        """The clock runs again, from `at` (default: now) on."""
        at = at or self.at
        if self.c.paused_at and self.c.due_at:
            paused = {"paused_at": self.c.paused_at, "resumed_at": at, "zone": self.zone}
            self.c.due_at = sla.resume(self.c.due_at, **paused)
            if self.c.outcome_due_at:
                self.c.outcome_due_at = sla.resume(self.c.outcome_due_at, **paused)
            self.renew_notices()
        self.c.paused_at = None

    def renew_notices(self) -> None:
        """A moved deadline still ahead is warned of afresh; one still past stays breached
        (recorded once, by `record_late_stop` or the sweep, and escalated once)."""
        if self.c.due_at and self.c.due_at > self.at:
            self.c.warned_at = None
            self.c.breached_at = None

    def dispose_to(self, agency: Agency | None, routed_by: str) -> None:
        self.record_late_stop()
        if agency is None:
            raise Invalid({"agency": _("Pilih instansi tujuan.")})
        # Read now, not off the caller's copy: a routing batch, or a page, may hold it from
        # before the agency closed.
        if not Agency.objects.filter(pk=agency.pk, is_active=True).exists():
            raise Invalid({"agency": _("Instansi ini tidak aktif.")})
        self.c.agency = agency
        self.c.unit = None
        self.c.routed_by = routed_by
        self.c.disposed_at = self.at
        # Each agency that receives it is held to deadlines it can meet. The two extensions
        # are the complaint's (domain.md), so passing it round does not renew them.
        self.start_clock(Stage.FOLLOWUP)
        self.c.outcome_due_at = sla.deadline(self.at, self.days_for(Stage.OUTCOME), self.zone)


def _verify(ctx: _Context, actor: Actor) -> dict:
    if ctx.category is not None:  # the verifier's to set: it decides deadlines and labels
        ctx.c.category = ctx.category
    ctx.dispose_to(ctx.agency, RoutedBy.VERIFIER)
    ctx.c.route_confidence = None
    ctx.c.route_model_version = ""
    return {"agency": ctx.agency.code}


def _auto_dispose(ctx: _Context, actor: Actor) -> dict:
    data = {}
    if ctx.category is not None and ctx.c.category_id is None:  # before the deadlines it sets
        ctx.c.category = ctx.category
        data["category"] = ctx.category.code
    ctx.dispose_to(ctx.agency, RoutedBy.ROUTER)
    ctx.c.route_confidence = ctx.confidence
    ctx.c.route_model_version = actor.model_version
    return data | {
        "agency": ctx.agency.code,
        "confidence": ctx.confidence,
        "model": actor.model_version,
    }


def _hold(ctx: _Context, actor: Actor) -> None:
    ctx.require_note(_("Tuliskan alasan penundaan."))
    ctx.pause()


def _resume(ctx: _Context, actor: Actor) -> None:
    ctx.resume()


def _protect(ctx: _Context, actor: Actor) -> None:
    anonymous, confidential = ctx.marks
    if not (anonymous and not ctx.c.is_anonymous) and not (
        confidential and not ctx.c.is_confidential
    ):
        raise Invalid({"mark_anonymous": _("Pilih tanda yang belum terpasang: anonim, rahasia.")})


def _archive(ctx: _Context, actor: Actor) -> dict:
    if ctx.reason not in ARCHIVE_REASONS:
        raise Invalid({"reason": _("Pilih alasan pengarsipan.")})
    ctx.record_late_stop()
    ctx.c.closed_at = ctx.at
    ctx.c.due_at = None
    ctx.c.paused_at = None
    return {"reason": ctx.reason}


def _not_our_authority(ctx: _Context, actor: Actor) -> dict:
    ctx.require_note(_("Jelaskan mengapa laporan ini bukan kewenangan instansi Anda."))
    ctx.pass_on()
    previous = ctx.c.agency.code
    ctx.c.agency = None
    ctx.c.unit = None
    ctx.c.routed_by = ""
    ctx.c.outcome_due_at = None
    ctx.start_clock(Stage.VERIFICATION)
    return {"returned_by": previous}


def _accept(ctx: _Context, actor: Actor) -> None:
    return None


def _delegate(ctx: _Context, actor: Actor) -> dict:
    unit = ctx.unit
    if unit is None:
        raise Invalid({"unit": _("Pilih unit tujuan.")})
    if unit.pk == ctx.c.agency_id or not unit.path.startswith(ctx.c.agency.path):
        raise Invalid({"unit": _("Unit harus berada di bawah instansi yang menangani.")})
    if actor.user is not None and not scope_of(actor.user).handles(unit.path):
        # A unit passes work down its own branch, never to a sibling it cannot see.
        raise Invalid({"unit": _("Unit harus berada di bawah unit Anda.")})
    if unit.pk == ctx.c.unit_id:
        raise Invalid({"unit": _("Laporan ini sudah berada di unit tersebut.")})
    if not unit.is_active:
        raise Invalid({"unit": _("Unit ini tidak aktif.")})
    ctx.c.unit = unit
    return {"unit": unit.code}


def _transfer(ctx: _Context, actor: Actor) -> dict:
    ctx.require_note(_("Tuliskan alasan pelimpahan."))
    if ctx.agency is not None and ctx.agency.path.startswith(ctx.c.agency.path):
        raise Invalid({"agency": _("Untuk unit sendiri gunakan delegasi, bukan pelimpahan.")})
    previous = ctx.c.agency.code
    ctx.pass_on()
    ctx.dispose_to(ctx.agency, RoutedBy.AGENCY)
    return {"agency": ctx.agency.code, "from_agency": previous}


def _ask_reporter(ctx: _Context, actor: Actor) -> None:
    ctx.require_note(_("Tuliskan keterangan yang diperlukan dari pelapor."))
    ctx.pause()


def _answer(ctx: _Context, actor: Actor) -> None:
    ctx.require_note(_("Tuliskan tindak lanjut."))
    ctx.record_late_stop()
    FollowUp.objects.create(
        complaint=ctx.c,
        at=ctx.at,
        agency_id=ctx.c.agency_id,
        handler_id=ctx.c.unit_id or ctx.c.agency_id,
        late=ctx.holdings_breaches().exists(),
        outcome_due_at=ctx.c.outcome_due_at,
    )
    ctx.c.answer = ctx.note
    ctx.c.public_answer = ""  # masked again when first read
    ctx.c.answered_at = ctx.at
    ctx.start_clock(Stage.AUTO_CLOSE)


def _extend(ctx: _Context, actor: Actor) -> dict:
    ctx.require_note(_("Tuliskan alasan perpanjangan; pelapor akan diberi tahu."))
    if ctx.c.extensions >= MAX_EXTENSIONS:
        raise DomainError(
            "extension_limit", _("Batas waktu sudah diperpanjang dua kali; tidak bisa lagi.")
        )
    allowed = ctx.days_for(Stage.EXTENSION)
    days = ctx.days if ctx.days is not None else allowed
    if not 1 <= days <= allowed:
        raise Invalid({"days": _("Perpanjangan 1 sampai %d hari kerja.") % allowed})
    ctx.record_late_stop()  # extending a deadline already missed does not unmiss it
    ctx.c.extensions += 1
    if ctx.c.due_at:
        ctx.c.due_at = sla.extend(ctx.c.due_at, days, ctx.zone)
    if ctx.c.outcome_due_at:
        ctx.c.outcome_due_at = sla.extend(ctx.c.outcome_due_at, days, ctx.zone)
    ctx.renew_notices()
    return {"days": days, "extension": ctx.c.extensions}


def _close(ctx: _Context, actor: Actor) -> None:
    ctx.c.closed_at = ctx.at
    ctx.c.due_at = None


def _reply(ctx: _Context, actor: Actor) -> None:
    ctx.require_note(_("Tuliskan balasan Anda."))
    if ctx.c.status in WAITING_ON_REPORTER:
        # A reply after the reporter's time, which no sweep has yet acted on, resumes the
        # clock from the end of that time, as the sweep would have (`_reporter_silent`).
        due = reply_due(ctx.c)
        ctx.resume(at=min(ctx.at, due) if due else None)
    elif ctx.c.status == S.ANSWERED and not (ctx.c.due_at and ctx.c.due_at <= ctx.at):
        # Closed only after the reporter stays silent (domain: no reply after the follow-up):
        # a reply starts the silence over. One after the silence ran out is kept, but the
        # complaint closes as it would have had the sweep already been by.
        ctx.start_clock(Stage.AUTO_CLOSE)


def _rate(ctx: _Context, actor: Actor) -> dict:
    if ctx.rating is None or not 1 <= ctx.rating <= 5:
        raise Invalid({"rating": _("Beri nilai 1 sampai 5.")})
    if ctx.c.rating is not None:
        raise DomainError("already_rated", _("Tindak lanjut ini sudah dinilai."))
    ctx.c.rating = ctx.rating
    # The rating is the last answer's, in the figures of the month it was posted.
    answered = FollowUp.objects.filter(complaint=ctx.c).order_by("-at", "-pk")
    FollowUp.objects.filter(pk__in=answered.values("pk")[:1]).update(rating=ctx.rating)
    if ctx.c.status == S.ANSWERED:
        ctx.c.closed_at = ctx.at
        ctx.c.due_at = None
    return {"rating": ctx.rating}


def reply_due(c: Complaint) -> datetime | None:
    """Until when a reporter asked for more (tunda, or the agency's question) may answer
    before the complaint goes on without it; None when nobody is waiting on the reporter."""
    if c.status not in WAITING_ON_REPORTER or c.paused_at is None:
        return None
    return sla.deadline(c.paused_at, _days_for(c, Stage.REPORTER_REPLY), sla.zone_of(c.region_id))


def _reporter_silent(ctx: _Context, actor: Actor) -> dict:
    due = reply_due(ctx.c)
    if due is None or due > ctx.at:
        raise DomainError("not_due", _("Batas waktu keterangan pelapor belum tiba."))
    # From the end of the reporter's time, not from whenever a sweep came by: the days in
    # between are the holder's, as they would have been had the sweep run on time.
    ctx.resume(at=due)
    return {"reply_due": due.isoformat()}


def _days_for(c: Complaint, stage: str) -> int:
    """The working days `stage` allows this complaint (by its kind and category)."""
    return policy.working_days(stage, kind=c.kind, category_id=c.category_id)


def _reopen_window(c: Complaint, at: datetime) -> int | None:
    """The reopening window in working days when it has passed at `at`, else None."""
    since = c.answered_at or c.closed_at
    window = _days_for(c, Stage.REOPEN)
    zone = sla.zone_of(c.region_id)
    if (
        since
        and sla.working_days_between(sla.local_date(since, zone), sla.local_date(at, zone)) > window
    ):
        return window
    return None


def _reopen(ctx: _Context, actor: Actor) -> None:
    ctx.require_note(_("Jelaskan mengapa laporan perlu dibuka kembali."))
    if (window := _reopen_window(ctx.c, ctx.at)) is not None:
        raise DomainError(
            "reopen_window_passed",
            _("Laporan hanya dapat dibuka kembali dalam %d hari kerja setelah tindak lanjut.")
            % window,
        )
    ctx.c.closed_at = None
    ctx.c.rating = None
    unit = ctx.c.unit
    if unit and not (unit.is_active and unit.path.startswith(ctx.c.agency.path)):
        # The unit closed, or moved out of the agency, since: the agency takes it back.
        ctx.c.unit = None
    ctx.start_clock(Stage.FOLLOWUP)
    ctx.c.outcome_due_at = sla.deadline(ctx.at, ctx.days_for(Stage.OUTCOME), ctx.zone)
    ctx.c.progress_notice_due_at = sla.next_progress_notice(ctx.at)


def _auto_close(ctx: _Context, actor: Actor) -> None:
    if ctx.c.due_at is None or ctx.c.due_at > ctx.at:
        raise DomainError("not_due", _("Batas waktu penutupan otomatis belum tiba."))
    _close(ctx, actor)


_EFFECTS = {
    "verify": _verify,
    "hold": _hold,
    "resume": _resume,
    "archive": _archive,
    "protect": _protect,
    "not_our_authority": _not_our_authority,
    "accept": _accept,
    "delegate": _delegate,
    "transfer": _transfer,
    "ask_reporter": _ask_reporter,
    "answer": _answer,
    "extend": _extend,
    "close": _close,
    "reply": _reply,
    "rate": _rate,
    "reopen": _reopen,
    "auto_dispose": _auto_dispose,
    "auto_close": _auto_close,
    "reporter_silent": _reporter_silent,
}
assert _EFFECTS.keys() == STEPS.keys() == ACTION_NAMES.keys()
assert set(STEPS["reporter_silent"].moves) == set(WAITING_ON_REPORTER)


def _mark_privacy(c: Complaint, anonymous: bool, confidential: bool) -> dict:
    """A verifier may set, never clear, the privacy flags; each change is on the timeline."""
    changed = {}
    if anonymous and not c.is_anonymous:
        c.is_anonymous = changed["marked_anonymous"] = True
    if confidential and not c.is_confidential:
        c.is_confidential = changed["marked_confidential"] = True
    return changed


def _columns(c: Complaint) -> dict[str, object]:
    return {f.attname: getattr(c, f.attname) for f in Complaint._meta.concrete_fields}


def _tell_reporter(c: Complaint, event: Event) -> None:
    if c.reporter_id:
        with Notification.in_first_language():
            message = _("Laporan %(id)s: %(status)s") % {
                "id": c.tracking_id,
                "status": c.get_status_display(),
            }
        Notification.objects.create(
            recipient_id=c.reporter_id,
            complaint=c,
            kind=Notification.Kind.REPORTER_UPDATE,
            message=message,
            created_at=event.at,
        )
