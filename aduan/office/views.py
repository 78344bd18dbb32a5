"""Office pages: verifier console, agency back-office, supervisor and oversight views.

Views translate, the domain decides: a form parses the request, `queries` fetches through
visibility, one `workflow.apply` call acts, the page renders. Pages that update in place
(queue filters, action panels) answer htmx requests with the fragment they replace.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib import messages
from django.core.cache import cache
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from aduan.complaints import attachments, disclosure, queries, sla, workflow
from aduan.complaints.disclosure import Audience
from aduan.complaints.models import Complaint, Status
from aduan.core.errors import DomainError, Invalid, NotFound
from aduan.directory import policy, routing
from aduan.directory.models import Agency, Region, Stage
from aduan.office import figures
from aduan.office.access import (
    error_page,
    in_agency,
    is_supervisor,
    is_verifier,
    oversees,
    staff_page,
)
from aduan.office.forms import FORMS, AgencyQueueForm, QueueForm, TriageForm
from aduan.office.labels import ACTION_LABELS, BUTTONS, ROLE_LABELS, ROUTED_BY, SUCCESS, TITLES
from aduan.triage import quality
from aduan.web.forms import add_domain_error, seen_state


@require_safe
@staff_page()
def home(request):
    """The right first page for the user's roles."""
    scope = request.scope
    if scope.verifier_regions:
        return redirect("office:triage")
    if scope.agency_paths:
        return redirect("office:agency")
    return redirect("office:overview")


# ------------------------------------------------------------------------------------ queues


@dataclass
class Row:
    complaint: Complaint
    title: str
    late: bool
    soon: bool
    days_left: int | None
    suggested: list[dict] = field(default_factory=list)  # the router's, in the triage queue
    returned: bool = False  # an agency sent it back or on: the triage queue marks it

    @property
    def days_late(self) -> int | None:
        return None if self.days_left is None else -self.days_left


def warning_until(at):
    """The end of the warning window: what the deadline sweep calls due soon."""
    return sla.deadline(at, policy.working_days(Stage.WARNING))


def _due_soon_ids(pks: list[int], at) -> set[int]:
    soon = queries.due_soon(Complaint.objects.filter(pk__in=pks), until=warning_until(at), at=at)
    return set(soon.values_list("pk", flat=True))


def _title(c: Complaint, scope) -> str:
    # An anonim report's own words can name the reporter: whoever may not see the identity
    # reads the masked text (names, numbers and contacts replaced), as the public does.
    return disclosure.readable_text(c, scope)[0]


def _working_days_left(dues: list, at) -> list[int | None]:
    """`sla.working_days_left` for many deadlines at once, walking the calendar once: a page
    of long-overdue complaints would otherwise walk it once per row."""
    today = sla.local_date(at)
    days = {sla.local_date(d) for d in dues if d is not None} | {today}
    # Working days in (first, day] for every day of the span; differences give the counts.
    first, count, cumulative = min(days), 0, {}
    for offset in range((max(days) - first).days + 1):
        day = first + timedelta(days=offset)
        count += offset > 0 and sla.is_working_day(day)
        cumulative[day] = count
    left = []
    for due in dues:
        if due is None:
            left.append(None)
            continue
        day = sla.local_date(due)
        ahead = cumulative[day] - cumulative[today]
        left.append(ahead if day >= today else -sla.late_by(-ahead))
    return left


def _rows(request, items: list[Complaint], at, *, suggestions: bool = False) -> list[Row]:
    soon = _due_soon_ids([c.pk for c in items], at)
    days_left = _working_days_left([c.due_at for c in items], at)
    declined, suggested = {}, {}
    if suggestions:  # the triage queue's: what the router suggests, less who declined it
        ids = [c.pk for c in items]
        declined = queries.declined_by_each(ids)
        suggested = quality.suggested_agencies(ids, declined=declined)
    return [
        Row(
            complaint=c,
            title=_title(c, request.scope),
            late=queries.is_overdue(c, at),
            soon=c.pk in soon,
            days_left=left,
            suggested=suggested.get(c.pk, []),
            returned=c.pk in declined,
        )
        for c, left in zip(items, days_left, strict=True)
    ]


def _queue(request, form: QueueForm, *, suggestions: bool = False) -> dict:
    """The page of the queue `form` describes, soonest deadline first: overdue complaints
    (past their deadline) come first, then those due soon. With `suggestions`, each row
    carries the router's candidates (the verifiers' queue)."""
    at = timezone.now()
    result = {"rows": [], "next_cursor": None}
    if not form.is_valid():
        return result
    try:
        page = queries.queue(request.user, form.queue_filter(), at=at)
    except DomainError as error:  # a cursor that was edited or outlived its page
        add_domain_error(form, error)
        return result
    result["rows"] = _rows(request, page.items, at, suggestions=suggestions)
    result["next_cursor"] = page.next_cursor
    return result


def _render_queue(request, template: str, context: dict):
    """The whole page, or only the queue fragment for an htmx filter request."""
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, "office/_queue.html" if partial else template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_safe
@staff_page(is_verifier)
def triage(request):
    form = TriageForm(request.GET, scope=request.scope)
    context = {
        "form": form,
        "page": "triage",
        "router_suspended": _suspension_notice(),
        **_queue(request, form, suggestions=True),
    }
    return _render_queue(request, "office/triage.html", context)


def _member_agencies(scope) -> list[Agency]:
    agencies = Agency.objects.filter(pk__in=scope.agency_ids).order_by("path")
    # A membership inside another of the same user's subtrees adds nothing to the filter.
    kept: list[Agency] = []
    for a in agencies:
        if not any(a.path.startswith(k.path) for k in kept):
            kept.append(a)
    return kept


@require_safe
@staff_page(in_agency)
def agency(request):
    agencies = _member_agencies(request.scope)
    form = AgencyQueueForm(request.GET, agencies=agencies)
    context = {"form": form, "page": "agency", "agencies": agencies, **_queue(request, form)}
    return _render_queue(request, "office/agency.html", context)


# ------------------------------------------------------------------------- complaint page


def _reporter(c: Complaint) -> dict:
    return {
        "name": c.reporter_name or (c.reporter.display_name() if c.reporter else ""),
        "email": c.reporter_email or (c.reporter.email if c.reporter else ""),
        "phone": c.reporter_phone,
        "username": c.reporter.username if c.reporter else "",
        "filed_by": c.filed_by.display_name() if c.filed_by else "",
    }


@dataclass
class Entry:
    event: object
    label: str
    role: str
    actor: str
    note: str
    details: list[str]


def _timeline(c: Complaint, *, masked: bool) -> list[Entry]:
    """Every event with its note (staff audience), masked for a viewer who reads the
    complaint masked; the reporter is never named as an actor here."""
    events = disclosure.timeline(c, Audience.STAFF, masked=masked)
    codes = {
        e.data.get(k) for e, _ in events for k in ("agency", "unit", "from_agency", "returned_by")
    } - {None}
    names = dict(Agency.objects.filter(code__in=codes).values_list("code", "name"))
    entries = []
    for e, note in events:
        d = e.data
        details = []
        if e.action == "delegate" and d.get("unit"):
            details.append(_("ke unit %s") % names.get(d["unit"], d["unit"]))
        if e.action in ("verify", "transfer", "auto_dispose") and d.get("agency"):
            details.append(_("ke %s") % names.get(d["agency"], d["agency"]))
        if d.get("from_agency"):
            details.append(_("dari %s") % names.get(d["from_agency"], d["from_agency"]))
        if d.get("returned_by"):
            details.append(_("oleh %s") % names.get(d["returned_by"], d["returned_by"]))
        if e.action == "archive" and d.get("reason") in workflow.ARCHIVE_REASONS:
            details.append(str(workflow.ARCHIVE_REASONS[d["reason"]]))
        if e.action == "extend" and d.get("days"):
            details.append(
                ngettext(
                    "%(days)s hari kerja (perpanjangan ke-%(n)s)",
                    "%(days)s hari kerja (perpanjangan ke-%(n)s)",
                    d["days"],
                )
                % {"days": d["days"], "n": d.get("extension", "?")}
            )
        if d.get("confidence") is not None:
            details.append(_("keyakinan %.0f%%") % (100 * d["confidence"]))
        if d.get("marked_anonymous"):
            details.append(_("ditandai anonim"))
        if d.get("marked_confidential"):
            details.append(_("ditandai rahasia"))
        if d.get("rating"):
            details.append(_("nilai %s dari 5") % d["rating"])
        # The clerk who took an anonim report at the counter names where its reporter walked
        # in: kept from those who read it masked, as the reporter is.
        staff_actor = e.actor is not None and e.actor_role != "reporter"
        if e.actor_role == "clerk" and masked:
            staff_actor = False
        entries.append(
            Entry(
                event=e,
                label=str(ACTION_LABELS.get(e.action, e.action)),
                role=str(ROLE_LABELS.get(e.actor_role, e.actor_role)),
                actor=e.actor.display_name() if staff_actor else "",
                note=note,
                details=details,
            )
        )
    return entries


def _form_extra(action: str, scope, **verify) -> dict:
    """What an action's form needs beyond the complaint."""
    if action == "verify":
        return verify
    return {"scope": scope} if action == "delegate" else {}


def _action_forms(
    c: Complaint, actions: list[str], bound: dict, suggestion, suggested_category, scope
) -> list:
    """A form per action `actions` offers, the bound (failed) one in its place."""
    forms = []
    for action in actions:
        extra = _form_extra(
            action, scope, suggestion=suggestion, suggested_category=suggested_category
        )
        form = bound.get(action) or FORMS[action](complaint=c, **extra)
        form.button = BUTTONS[action]
        form.title = TITLES.get(action, "")
        form.open = form.primary or form.is_bound
        form.simple = not form.fields
        forms.append(form)
    return forms


DUE_LABELS = {
    Status.SUBMITTED: gettext_lazy("Batas verifikasi"),
    Status.ON_HOLD: gettext_lazy("Batas verifikasi"),
    Status.DISPOSED: gettext_lazy("Batas tindak lanjut"),
    Status.IN_PROGRESS: gettext_lazy("Batas tindak lanjut"),
    Status.AWAITING_REPORTER: gettext_lazy("Batas tindak lanjut"),
    Status.ANSWERED: gettext_lazy("Ditutup otomatis bila pelapor tidak menanggapi"),
}


def _first_active(codes: list[str]) -> Agency | None:
    active = {a.code: a for a in Agency.objects.filter(code__in=codes, is_active=True)}
    return next((active[code] for code in codes if code in active), None)


# A suggestion the router gives less chance than this is listed, never preselected: a
# preselected agency reads as the answer, and a verifier in a hurry sends it there. (Once an
# agency has sent a complaint back, what is left is often a row of 0.01s.)
PRESELECT = 0.5


def _complaint_context(request, c: Complaint, *, bound: dict | None = None) -> dict:
    at = timezone.now()
    scope = request.scope
    actor = workflow.Actor.staff(request.user)
    actions = [a for a in workflow.available_actions(c, actor) if a in FORMS]
    if "verify" in actions and "protect" in actions:
        actions.remove("protect")  # the verify form sets the same marks, one form is enough
    router = quality.router_view(c, scope)
    # The routing rules' choice, else the router's first candidate if it is more likely
    # right than not, preselected in the dispose form; the verifier decides. Never an agency
    # that already sent it back.
    suggestion = suggested_category = None
    suggested_by_router = False
    if "verify" in actions:
        if router and router["categories"] and router["categories"][0]["p"] >= PRESELECT:
            suggested_category = router["categories"][0]["id"]
        declined = queries.declined_by(c)
        suggestion = routing.match(region=c.region, category_id=c.category_id)
        if suggestion is not None and suggestion.code in declined:
            suggestion = None
        if suggestion is None and router:
            likely = [
                cand["code"]
                for cand in router["candidates"]
                if cand["code"] not in declined and cand["p"] >= PRESELECT
            ]
            suggestion = _first_active(likely)
            suggested_by_router = suggestion is not None
    forms = _action_forms(c, actions, bound or {}, suggestion, suggested_category, scope)
    shows_identity = disclosure.shows_identity(c, scope)
    masked = disclosure.reads_masked(c, scope)
    title, body = disclosure.readable_text(c, scope)
    days_left = sla.working_days_left(c.due_at, at=at) if c.due_at else None
    due_label = DUE_LABELS.get(c.status, _("Batas waktu tahap ini"))
    return {
        "c": c,
        "seen": c.updated_at.isoformat(),
        "page": "complaint",
        "title": title,
        "body": body,
        "masked": masked,
        "answer": disclosure.readable_answer(c, masked=masked),
        "address": disclosure.readable_address(c, masked=masked),
        "reporter": _reporter(c) if shows_identity else None,
        "place": Region.objects.filter(code__in=c.region.ancestor_codes()).order_by("-level"),
        "late": queries.is_overdue(c, at),
        "soon": c.pk in _due_soon_ids([c.pk], at),
        "days_left": days_left,
        "due_label": due_label,
        "reply_due": workflow.reply_due(c),
        "routed_by": ROUTED_BY.get(c.routed_by, ""),
        "days_late": -days_left if days_left is not None else None,
        "attachments": list(c.attachments.all()),
        "timeline": _timeline(c, masked=masked),
        "forms": [f for f in forms if not f.simple],
        "buttons": [f for f in forms if f.simple],
        "suggestion": suggestion,
        "suggested_by_router": suggested_by_router,
        "router": router,
        "read_only": not forms,
        "back": _back_link(scope, c),
    }


def _back_link(scope, c: Complaint) -> tuple[str, str]:
    if scope.verifier_regions and c.status in (Status.SUBMITTED, Status.ON_HOLD):
        return reverse("office:triage"), _("Antrean verifikasi")
    if scope.agency_paths:
        return reverse("office:agency"), _("Antrean instansi")
    if scope.verifier_regions:
        return reverse("office:triage"), _("Antrean verifikasi")
    return reverse("office:overview"), _("Ikhtisar")


@require_safe
@staff_page()
def complaint(request, tracking_id: str):
    c = queries.get_visible(request.user, tracking_id)
    return render(request, "office/complaint.html", _complaint_context(request, c))


@require_POST
@staff_page()
def act(request, tracking_id: str, action: str):
    """Take one workflow action from the complaint page; htmx swaps the complaint panel."""
    c = queries.get_visible(request.user, tracking_id)
    if action not in FORMS:
        raise NotFound()
    actor = workflow.Actor.staff(request.user)
    if action not in workflow.available_actions(c, actor):
        if c.status in workflow.STEPS[action].moves:
            return error_page(request, 403, _("Anda tidak berwenang melakukan tindakan ini."))
        messages.error(
            request,
            _("Tindakan ini tidak tersedia untuk laporan berstatus %s.") % c.get_status_display(),
        )
        return _show(request, c, status=409)
    extra = _form_extra(action, request.scope, suggestion=None)
    form = FORMS[action](request.POST, complaint=c, **extra)
    if form.is_valid():
        try:
            workflow.apply(c, action, actor=actor, seen=seen_state(request), **form.apply_kwargs())
        except Invalid as error:
            add_domain_error(form, error)
        except DomainError as error:
            # Not the input: someone acted first (409), or the complaint left this officer's
            # reach. Show it as it is now, with what was typed kept where it still applies.
            messages.error(request, error.message)
            c = queries.get_visible(request.user, tracking_id)
            return _show(request, c, bound={action: form}, status=error.status)
        else:
            messages.success(request, SUCCESS[action] % _success_args(c))
            return _after_action(request, c)
    return _show(request, c, bound={action: form}, status=422)


def _success_args(c: Complaint) -> dict:
    return {
        "id": c.tracking_id,
        "agency": c.agency.name if c.agency else "",
        "unit": c.unit.name if c.unit else "",
    }


def _show(request, c: Complaint, *, bound: dict | None = None, status: int = 200):
    context = _complaint_context(request, c, bound=bound)
    if request.htmx:
        # htmx swaps only 2xx answers; the panel with its errors is the answer.
        return render(request, "office/_complaint.html", context)
    return render(request, "office/complaint.html", context, status=status)


def _after_action(request, c: Complaint):
    """Back to the complaint if the user still sees it (a transfer may take it away)."""
    try:
        c = queries.get_visible(request.user, c.tracking_id)
    except NotFound:
        url = reverse("office:agency" if request.scope.agency_paths else "office:home")
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    if request.htmx:
        return render(request, "office/_complaint.html", _complaint_context(request, c))
    return HttpResponseRedirect(reverse("office:complaint", args=[c.tracking_id]), status=303)


@require_safe
@staff_page()
def attachment(request, tracking_id: str, pk: int):
    """An attachment's bytes, only to whoever may see the complaint (media is not public)."""
    c = queries.get_visible(request.user, tracking_id)
    a = c.attachments.filter(pk=pk).first()
    if a is None:
        raise NotFound()
    try:
        sent = attachments.served(a, small="kecil" in request.GET)
    except OSError:
        raise NotFound() from None
    response = FileResponse(
        sent.file, content_type=sent.content_type, filename=f"{c.tracking_id}-{a.pk}{sent.suffix}"
    )
    response["Cache-Control"] = "private, no-store"
    return response


# ------------------------------------------------------------------ supervisor and oversight

LATE_LIST = 20  # overdue complaints listed on the supervisor and oversight pages


def _month(request) -> figures.Month:
    raw = request.GET.get("bulan", "")
    today = timezone.localdate()
    try:
        year, month = (int(p) for p in raw.split("-"))
        if 2000 <= year <= today.year + 1:  # year 1 overflowed converting to UTC (a 500)
            return figures.Month.of(date(year, month, 1))
    except ValueError:
        pass
    return figures.Month.of(today)


@require_safe
@staff_page(is_supervisor)
def supervisor(request):
    at = timezone.now()
    month = _month(request)
    roots = Agency.objects.filter(path__in=request.scope.supervisor_paths).order_by("name")
    sections = []
    for root in roots:
        subtree = list(root.subtree().order_by("path"))
        ids = [a.pk for a in subtree]
        sections.append(
            {
                "agency": root,
                "figures": figures.agency_figures(root, subtree, month, at=at),
                # A supervisor of `root` sees exactly the complaints handled in its subtree.
                "late_rows": _rows(
                    request,
                    figures.late_list(figures.handled_by(root, ids), at=at, limit=LATE_LIST),
                    at,
                ),
            }
        )
    this_month = figures.Month.of(timezone.localdate())
    return render(
        request,
        "office/supervisor.html",
        {
            "page": "supervisor",
            "sections": sections,
            "month": month,
            "months": _recent_months(this_month, 12),
        },
    )


def _recent_months(current: figures.Month, n: int) -> list[tuple[str, date]]:
    y, m = current.start.year, current.start.month
    out = []
    for _i in range(n):
        out.append((f"{y:04d}-{m:02d}", date(y, m, 1)))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out


@require_safe
@staff_page(oversees)
def overview(request):
    """Read-only: the whole stream's backlog and lateness, for oversight and administrators."""
    at = timezone.now()
    stream = _stream_figures(request)
    router_live = quality.live_accuracy_cached()
    return render(
        request,
        "office/overview.html",
        {
            "page": "overview",
            "counted_at": stream["at"],
            "backlog": stream["backlog"],
            "lateness": stream["lateness"],
            "soon": stream["soon"],
            # Read afresh: a minute-old copy would show a title masked since as it was.
            "late_rows": _rows(request, figures.complaints_in_order(stream["late"]), at),
            "router_live": router_live,
            "router_agencies": quality.per_agency_named(router_live),
            "router_suspended": _suspension_notice(),
            "min_decisions": quality.MIN_DECISIONS,
        },
    )


def _suspension_notice() -> str:
    """In words, what stops the router: a model that cannot be loaded, or what the disposal
    guard has stopped (the routing worker's own decision)."""
    stopped = quality.suspension()
    if stopped is None:
        return ""
    if stopped.get("unusable"):
        return _(
            "Model disposisi saat ini tidak dapat dimuat: mesin tidak memberi saran dan "
            "tidak mendisposisi, semua laporan menunggu verifikator. Beri tahu pengelola "
            "sistem."
        )
    if stopped["all"]:
        return _(
            "Disposisi otomatis dihentikan: instansi penerima terlalu sering mengembalikan "
            "disposisi mesin ini. Mesin hanya memberi saran sampai model baru dilatih dan "
            "dipromosikan."
        )
    return _(
        "Disposisi otomatis ke %(agencies)s dihentikan: terlalu sering dikembalikan. "
        "Laporan untuknya menunggu verifikator."
    ) % {"agencies": ", ".join(stopped["agencies"])}


OVERVIEW_SECONDS = 60


def _stream_figures(request) -> dict:
    """The overview's figures, at most a minute old, per scope: each counts over every open
    complaint (seconds at national volume), on a page people leave open and reload. Counts
    and ids only: the cache is a directory on disk, outside the database's protection and
    its erasure, and personal data stays out of it."""
    # v2: ids, where v1 kept whole complaints (migration 0022 clears those from the disk).
    key = "office:overview:v2:" + hashlib.sha256(repr(request.scope).encode()).hexdigest()

    def count() -> dict:
        at = timezone.now()
        qs = queries.visible_to(request.user)
        return {
            "at": at,
            "backlog": figures.by_status(qs),
            "lateness": figures.lateness(qs, at=at),
            "soon": queries.due_soon(qs, until=warning_until(at), at=at).count(),
            "late": figures.late_ids([qs], at=at, limit=LATE_LIST),
        }

    return cache.get_or_set(key, count, OVERVIEW_SECONDS)
