"""The citizen's pages. Each view parses input with a form, fetches through
`aduan.complaints.queries`, makes one domain call, and renders; what a page may show of a
complaint comes from `aduan.api.schemas` (`public_view`, `full_view`) and `disclosure`."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from aduan.accounts.scopes import scope_of
from aduan.api.schemas import full_view, public_view
from aduan.complaints import attachments, intake, queries, sla, workflow
from aduan.complaints.disclosure import Audience
from aduan.complaints.models import Channel, Complaint, Status
from aduan.core.errors import DomainError, NotFound
from aduan.core.ids import normalise_tracking_id
from aduan.directory import policy
from aduan.directory.models import Region, Stage
from aduan.portal import figures, listing
from aduan.portal.forms import (
    FILTER_PLACEHOLDERS,
    LEVELS,
    PLACEHOLDERS,
    USERNAME_TAKEN,
    ComplaintForm,
    FeedFilterForm,
    LoginForm,
    RateForm,
    ReopenForm,
    ReplyForm,
    SignupForm,
    TrackForm,
    new_token,
    region_options,
)
from aduan.web.forms import add_domain_error, seen_state

# The session key holding the last submission's tracking ID and private key, so the
# confirmation page can show the private link without putting the key in a guessable URL.
# Kept briefly, and dropped when anyone signs in: the next person at a shared phone or a
# warnet PC must not find the last reporter's key (see PortalConfig.ready).
SUBMITTED_KEY = "portal_submitted"
SUBMITTED_FOR = timedelta(minutes=10)
FEED_PAGE_SIZE = 20
MINE_PAGE_SIZE = 20

# Status in plain words, for whoever reads the tracking page.
STATUS_TEXT = {
    Status.SUBMITTED: gettext_lazy(
        "Laporan sudah diterima dan sedang diperiksa verifikator, yang akan meneruskannya ke "
        "instansi yang berwenang."
    ),
    Status.ON_HOLD: gettext_lazy(
        "Verifikator menunda laporan ini karena memerlukan keterangan tambahan dari pelapor."
    ),
    Status.DISPOSED: gettext_lazy(
        "Laporan sudah diteruskan ke instansi yang berwenang dan menunggu ditindaklanjuti."
    ),
    Status.IN_PROGRESS: gettext_lazy("Instansi sedang menangani laporan ini."),
    Status.AWAITING_REPORTER: gettext_lazy("Instansi meminta keterangan tambahan dari pelapor."),
    Status.ANSWERED: gettext_lazy(
        "Instansi sudah memberikan tindak lanjut. Pelapor dapat menilainya atau meminta laporan "
        "dibuka kembali; tanpa tanggapan, laporan ditutup otomatis."
    ),
    Status.CLOSED: gettext_lazy("Laporan sudah selesai."),
    Status.ARCHIVED: gettext_lazy(
        "Laporan diarsipkan karena tidak dapat diproses, misalnya tidak jelas atau bukan "
        "tentang pelayanan publik."
    ),
}

# What each timeline step means, in plain words.
ACTION_TEXT = {
    "submit": gettext_lazy("Laporan diterima"),
    "verify": gettext_lazy("Diverifikasi dan diteruskan ke instansi"),
    "auto_dispose": gettext_lazy("Diteruskan ke instansi"),
    "hold": gettext_lazy("Ditunda: verifikator memerlukan keterangan tambahan"),
    "resume": gettext_lazy("Pemeriksaan dilanjutkan"),
    "archive": gettext_lazy("Diarsipkan"),
    "protect": gettext_lazy("Verifikator menambah perlindungan privasi laporan"),
    "not_our_authority": gettext_lazy(
        "Instansi menyatakan bukan kewenangannya; dikembalikan ke verifikator"
    ),
    "accept": gettext_lazy("Diterima oleh instansi"),
    "delegate": gettext_lazy("Diteruskan ke unit kerja instansi"),
    "transfer": gettext_lazy("Dilimpahkan ke instansi lain"),
    "ask_reporter": gettext_lazy("Instansi meminta keterangan dari pelapor"),
    "answer": gettext_lazy("Instansi memberikan tindak lanjut"),
    "extend": gettext_lazy("Batas waktu diperpanjang"),
    "close": gettext_lazy("Laporan ditutup"),
    "reply": gettext_lazy("Pelapor memberi tanggapan"),
    "rate": gettext_lazy("Pelapor menilai tindak lanjut"),
    "reopen": gettext_lazy("Pelapor meminta laporan dibuka kembali"),
    "auto_close": gettext_lazy("Ditutup otomatis karena tidak ada tanggapan pelapor"),
    "reporter_silent": gettext_lazy(
        "Tidak ada keterangan dari pelapor sampai batas waktu; laporan diproses dengan "
        "keterangan yang ada"
    ),
}
assert ACTION_TEXT.keys() == workflow.STEPS.keys() | {"submit"}

# The deadline a status runs against, in the words of the tracking page.
DUE_LABEL = {
    Status.SUBMITTED: gettext_lazy("Batas waktu verifikasi"),
    Status.DISPOSED: gettext_lazy("Batas waktu tindak lanjut instansi"),
    Status.IN_PROGRESS: gettext_lazy("Batas waktu tindak lanjut instansi"),
    Status.ANSWERED: gettext_lazy("Ditutup otomatis pada"),
}

# The reporter's actions: form, prefix, and what the page says once it is done.
REPORTER_FORMS = {
    "reply": (ReplyForm, "balas", gettext_lazy("Balasan Anda sudah terkirim.")),
    "rate": (RateForm, "nilai", gettext_lazy("Terima kasih atas penilaian Anda.")),
    "reopen": (
        ReopenForm,
        "buka",
        gettext_lazy("Laporan dibuka kembali dan diteruskan ke instansi."),
    ),
}


def _private(response: HttpResponse) -> HttpResponse:
    """A page for the reporter alone (their identity, their private key): never stored, and
    its address (which may hold the key) never sent on as a Referer, even to this site's own
    static files and logs. Not "no-referrer": that makes browsers send `Origin: null` with
    the page's own forms, which the CSRF check refuses."""
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "strict-origin"
    return response


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/not_found.html", status=404)


# --- Home ------------------------------------------------------------------------------


@require_safe
def home(request):
    latest = _cards(listing.public_ordered()[:4])
    return render(
        request,
        "portal/home.html",
        {
            "figures": figures.cached(),
            "latest": latest,
            "verification_days": policy.working_days(Stage.VERIFICATION),
            "followup_days": policy.working_days(Stage.FOLLOWUP),
        },
    )


# --- Submitting --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def submit(request):
    user = request.user if request.user.is_authenticated else None
    # A counter clerk files for the citizen in front of them: the citizen is the reporter
    # (by name and contact, or anonim), the clerk only who took it down.
    clerk = user if user is not None and scope_of(user).clerk else None
    sender = {"clerk": clerk} if clerk else {"user": user}
    files_lost = False
    if request.method == "POST" and "muat_wilayah" in request.POST:
        # Without JavaScript the place pickers fill in by sending the form back unvalidated.
        initial = request.POST.dict() | {"anonymous": "anonymous" in request.POST}
        form = ComplaintForm(initial=initial, **sender)
        files_lost = bool(request.FILES)
    elif request.method == "POST":
        form = ComplaintForm(request.POST, request.FILES, **sender)
        if form.is_valid():
            try:
                complaint, _created = intake.submit(
                    form.submission(),
                    reporter=None if clerk else user,
                    filed_by=clerk,
                    idempotency=form.idempotency(),
                )
            except DomainError as error:
                _place_submit_error(form, error)
            else:
                # A replay of the same form answers with the complaint it already made.
                request.session[SUBMITTED_KEY] = {
                    "tracking_id": complaint.tracking_id,
                    "secret": complaint.reporter_secret,
                    "at": timezone.now().isoformat(),
                }
                return redirect("portal:submitted")
        files_lost = bool(request.FILES)
    else:
        form = ComplaintForm(**sender)
    context = {
        "form": form,
        "clerk": clerk,
        "privacy_fields": form.privacy_fields(),
        "files_lost": files_lost,
        "max_files": settings.ADUAN_ATTACHMENT_MAX_COUNT,
        "max_mb": settings.ADUAN_ATTACHMENT_MAX_BYTES // 2**20,
    }
    # 422 on errors, as the office pages and the API answer, for clients that read statuses.
    return render(request, "portal/submit.html", context, status=422 if form.errors else 200)


def _place_submit_error(form: ComplaintForm, error: DomainError) -> None:
    if error.code == "idempotency_key_reused":
        # This form was already sent with other content (back button, edit, send again):
        # a new token makes the next send a new report, on purpose.
        form.data = form.data.copy()
        form.data["token"] = new_token()
        form.add_error(
            None,
            _(
                "Formulir ini sudah pernah terkirim sebagai laporan. Bila Anda memang ingin "
                "mengirim laporan baru dengan isi ini, periksa isiannya lalu kirim sekali lagi."
            ),
        )
        return
    fields = {form.DOMAIN_FIELDS.get(name, name): msgs for name, msgs in error.fields.items()}
    add_domain_error(
        form, DomainError(error.code, error.message, fields=fields, status=error.status)
    )


@require_safe
def submitted(request):
    # Shown until the reporter goes elsewhere (`middleware.ForgetSubmittedMiddleware`) or for
    # SUBMITTED_FOR: a reload or a change of language keeps it, the next person at a shared
    # phone or warnet PC does not find it.
    info = request.session.get(SUBMITTED_KEY)
    if not info:
        return redirect("portal:submit")
    try:
        if timezone.now() - datetime.fromisoformat(info.get("at", "")) > SUBMITTED_FOR:
            raise NotFound()
        complaint = queries.get_by_secret(info["tracking_id"], info["secret"])
    except (NotFound, ValueError):
        request.session.pop(SUBMITTED_KEY, None)
        return redirect("portal:submit")
    private_path = _track_url(complaint.tracking_id, info["secret"])
    return _private(
        render(
            request,
            "portal/submitted.html",
            {
                "tracking_id": complaint.tracking_id,
                "private_path": private_path,
                "private_url": request.build_absolute_uri(private_path),
                # The router may have disposed it already: then the verifier's clock is moot.
                "due_at": complaint.due_at if complaint.status == Status.SUBMITTED else None,
                "status_text": STATUS_TEXT.get(complaint.status, ""),
                "is_anonymous": complaint.is_anonymous,
                "is_confidential": complaint.is_confidential,
                # Filed at a counter: the page speaks to the clerk who hands it over.
                "for_citizen": complaint.channel == Channel.COUNTER,
            },
        )
    )


@require_safe
def regions(request):
    """<option>s of a region's children, for the cascading place pickers.

    `?parent=35.78` answers with Surabaya's kecamatan (no parent: the provinces). A picker
    sends its own value under its name (`?province=35`); it is then answered with the next
    level's options plus out-of-band resets of the levels below, up to `levels`.
    """
    params = request.GET
    blanks = FILTER_PLACEHOLDERS if params.get("semua") else PLACEHOLDERS
    resets: list[tuple[str, str]] = []
    if "parent" in params:
        parent = params["parent"].strip()
        depth = parent.count(".") + 1 if parent else 0
    else:
        name = next((n for n in LEVELS[:-1] if n in params), None)
        parent = params.get(name, "").strip() if name else ""
        depth = LEVELS.index(name) + 1 if name else 0
        try:
            levels = min(max(int(params.get("levels", len(LEVELS))), 1), len(LEVELS))
        except ValueError:
            levels = len(LEVELS)
        resets = [(n, blanks[n]) for n in LEVELS[depth + 1 : levels]]
    if depth >= len(LEVELS):
        return HttpResponse("")
    child = LEVELS[depth]
    options = region_options(parent) if parent or depth == 0 else []
    return render(
        request,
        "portal/_region_options.html",
        {"placeholder": blanks[child], "options": options, "resets": resets},
    )


# --- Tracking ----------------------------------------------------------------------------


@require_safe
def track_lookup(request):
    form = TrackForm(request.GET or None)
    if form.is_bound and form.is_valid():
        tracking_id = form.cleaned_data["nomor"]
        try:
            queries.get_trackable(tracking_id)
        except NotFound:
            form.add_error(
                "nomor",
                _("Nomor pelacakan tidak ditemukan. Periksa kembali huruf dan angkanya."),
            )
        else:
            return redirect("portal:track", tracking_id=tracking_id)
    status = 422 if form.errors else 200
    return render(request, "portal/track_lookup.html", {"form": form}, status=status)


@dataclass
class Viewer:
    complaint: Complaint
    actor: workflow.Actor | None  # set when the viewer proved to be the reporter
    key: str = ""  # the private key from the link, carried into forms and links


def _viewer(request, tracking_id: str) -> Viewer:
    """Who is looking: the reporter (private key or own account) or anyone with the ID.

    Raises NotFound for an unknown ID or a wrong key (never a hint which).
    """
    user = request.user if request.user.is_authenticated else None
    key = request.GET.get("kunci", "")
    if key:
        complaint = queries.get_by_secret(tracking_id, key)
        own = user is not None and complaint.reporter_id == user.pk
        return Viewer(complaint, workflow.Actor.reporter(user if own else None), key)
    if user is not None:
        try:
            return Viewer(queries.get_reported(user, tracking_id), workflow.Actor.reporter(user))
        except NotFound:
            pass  # not theirs: the public view, as for anyone holding the ID
    return Viewer(queries.get_trackable(tracking_id), None)


def _complaint_context(c: Complaint, reporter: workflow.Actor | None) -> dict:
    """What the page may show, from the API's own views (the reporter's full view, or the
    public one); plus deadlines and plain words."""
    now = timezone.now()
    if reporter is not None:
        data = full_view(
            c,
            scope=scope_of(reporter.user),
            audience=Audience.REPORTER,
            is_reporter=True,
            actions=workflow.available_actions(c, reporter),
            at=now,
        )
    else:
        data = public_view(c)
    for event in data["timeline"]:
        event["label"] = ACTION_TEXT.get(event["action"], event["action"])
    paused = c.paused_at is not None
    deadlines = []
    if (reply_by := workflow.reply_due(c)) is not None:
        deadlines.append(_deadline(_("Batas keterangan pelapor"), reply_by, now, late=False))
    if c.due_at and c.status in DUE_LABEL and not paused:
        late = queries.is_overdue(c, now)
        deadlines.append(_deadline(DUE_LABEL[c.status], c.due_at, now, late=late))
    if c.outcome_due_at and c.status not in (Status.ANSWERED, Status.CLOSED, Status.ARCHIVED):
        late = not paused and c.outcome_due_at < now
        outcome = _deadline(_("Batas waktu penyelesaian"), c.outcome_due_at, now, late=late)
        deadlines.append(outcome | {"paused": paused})
    if data.get("region"):
        data["place"] = _place_names({c.region_id}, full=True)[c.region_id]
    return {
        "c": data,
        "status_text": STATUS_TEXT.get(c.status, ""),
        "deadlines": deadlines,
        "late": any(d["late"] for d in deadlines),
        "paused": paused and c.status in workflow.WAITING_ON_REPORTER,
    }


def _deadline(label, due, now, *, late: bool) -> dict:
    left = sla.working_days_left(due, at=now)
    return {"label": label, "due": due, "left": left, "past": -left, "late": late}


@require_http_methods(["GET", "POST"])
def track(request, tracking_id: str):
    try:
        viewer = _viewer(request, tracking_id)
    except NotFound:
        return not_found(request)
    if request.method == "GET" and tracking_id != viewer.complaint.tracking_id and not viewer.key:
        return redirect("portal:track", tracking_id=viewer.complaint.tracking_id)
    bound: dict[str, object] = {}
    if request.method == "POST":
        if viewer.actor is None:
            return not_found(request)
        action = request.POST.get("aksi", "")
        if action not in REPORTER_FORMS:
            messages.error(request, _("Tindakan tidak dikenal."))
            return redirect(request.get_full_path())
        form_class, prefix, done = REPORTER_FORMS[action]
        form = form_class(request.POST, prefix=prefix)
        if form.is_valid():
            try:
                workflow.apply(
                    viewer.complaint,
                    action,
                    actor=viewer.actor,
                    seen=seen_state(request),
                    **form.cleaned_data,
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, done)
                return redirect(request.get_full_path())
        bound[action] = form
    context = _complaint_context(viewer.complaint, viewer.actor)
    context |= {
        "tracking_id": viewer.complaint.tracking_id,
        "is_reporter": viewer.actor is not None,
    }
    if viewer.actor is None:
        return render(request, "portal/track.html", context)
    context |= _reporter_context(viewer, context["c"], bound)
    status = 422 if bound else 200  # a form came back with its errors
    return _private(render(request, "portal/track.html", context, status=status))


def _reporter_context(viewer: Viewer, data: dict, bound: dict) -> dict:
    c = viewer.complaint
    offered = [a for a in data["actions"] if a in REPORTER_FORMS]
    if data["rating"] is not None and "rate" in offered:
        offered.remove("rate")  # rated once: the rating is shown instead of the form
    forms = {}
    for action in offered:
        form_class, prefix, _done = REPORTER_FORMS[action]
        forms[action] = bound.get(action) or form_class(prefix=prefix)
    # An action that failed and is no longer offered (the status moved meanwhile): its error,
    # and the words the reporter typed, given back to copy since no form holds them now.
    stray = [
        {"errors": f.non_field_errors(), "text": f.data.get(f.add_prefix("note"), "").strip()}
        for action, f in bound.items()
        if action not in forms
    ]
    asked = next(
        (
            e
            for e in reversed(data["timeline"])
            if e["action"] in ("ask_reporter", "hold") and e["note"]
        ),
        None,
    )
    suffix = "?" + urlencode({"kunci": viewer.key}) if viewer.key else ""
    files = []
    for a in c.attachments.all():
        url = reverse("portal:attachment", args=[c.tracking_id, a.sha256]) + suffix
        files.append(
            {
                "url": url,
                "thumbnail_url": url + ("&" if suffix else "?") + "kecil=1",
                "is_image": a.content_type.startswith("image/"),
            }
        )
    return {
        "forms": forms,
        "stray": stray,
        "asked": asked if c.status in (Status.AWAITING_REPORTER, Status.ON_HOLD) else None,
        "action_url": reverse("portal:track", args=[c.tracking_id]) + suffix,
        "files": files,
        "seen": c.updated_at.isoformat(),
    }


@require_safe
def attachment(request, tracking_id: str, sha256: str):
    """A reporter's own attachment; nobody else's page links to it."""
    try:
        viewer = _viewer(request, tracking_id)
    except NotFound:
        return not_found(request)
    if viewer.actor is None:
        return not_found(request)
    item = viewer.complaint.attachments.filter(sha256=sha256).first()
    if item is None:
        return not_found(request)
    try:
        sent = attachments.served(item, small="kecil" in request.GET)
    except OSError:
        return not_found(request)
    response = FileResponse(
        sent.file,
        content_type=sent.content_type,
        as_attachment=item.content_type == "application/pdf",  # photos show inline
        filename=f"lampiran-{item.sha256[:8]}{sent.suffix}",
    )
    return _private(response)


def _track_url(tracking_id: str, secret: str) -> str:
    return reverse("portal:track", args=[tracking_id]) + "?" + urlencode({"kunci": secret})


# --- Public reports ------------------------------------------------------------------------

_CARD_FIELDS = (
    "tracking_id",
    "kind",
    "status",
    "submitted_at",
    "public_title",
    "public_body",
    "region_id",
    "category__name",
    "agency__name",
)


def _place_names(codes: set[str], *, full: bool) -> dict[str, str]:
    """Readable places for region codes, in one query: "Jagir, Kota Surabaya" (the region and
    its kabupaten/kota), or with `full` every level up to the province."""

    def chain(code: str) -> list[str]:
        parts = code.split(".")
        every = [".".join(parts[:i]) for i in range(len(parts), 0, -1)]
        return every if full else list(dict.fromkeys([code, ".".join(parts[:2])]))

    wanted = {a for code in codes for a in chain(code)}
    names = dict(Region.objects.filter(code__in=wanted).values_list("code", "name"))
    return {code: ", ".join(names[a] for a in chain(code) if a in names) for code in codes}


def _cards(qs) -> list[dict]:
    """Feed entries from an ordered, sliced public queryset: redacted text only, never a
    reporter field (they are not even read).

    The page's keys are found first and the rows with their category and agency after: a join
    before ORDER BY ... LIMIT makes SQLite sort every public complaint instead of a page.
    """
    keys = list(qs.values_list("pk", flat=True))
    found = (
        queries.public()
        .filter(pk__in=keys)
        .select_related("category", "agency")
        .only(*_CARD_FIELDS)
        .in_bulk()
    )
    rows = [found[pk] for pk in keys if pk in found]
    places = _place_names({c.region_id for c in rows}, full=False)
    return [
        {
            "tracking_id": c.tracking_id,
            "status": c.status,
            "submitted_at": c.submitted_at,
            "title": c.public_title,
            "excerpt": c.public_body,
            "region": places[c.region_id],
            "category": c.category.name if c.category else "",
            "agency": c.agency.name if c.agency else "",
        }
        for c in rows
    ]


@require_safe
def feed(request):
    form = FeedFilterForm(request.GET or None)
    f = listing.FeedFilter()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        f = listing.FeedFilter(form.region_code, d["category"], d["status"], d["setelah"])
    filtered = bool(f.region or f.category or f.status)
    qs, paged = listing.feed(f)
    items = _cards(qs[: FEED_PAGE_SIZE + 1])
    more = len(items) > FEED_PAGE_SIZE
    items = items[:FEED_PAGE_SIZE]
    params = request.GET.copy()
    params.pop("setelah", None)
    next_url = first_url = None
    if more:
        params["setelah"] = items[-1]["tracking_id"]
        next_url = f"?{params.urlencode()}#hasil"  # the reports, not the page's top
        params.pop("setelah")
    if paged:
        first_url = f"?{params.urlencode()}#hasil" if params else f"{request.path}#hasil"
    context = {
        "form": form,
        "filtered": filtered,
        "items": items,
        "next_url": next_url,
        "first_url": first_url,
    }
    return render(request, "portal/feed.html", context)


@require_safe
def report(request, tracking_id: str):
    complaint = (
        queries.public()
        .select_related("region", "agency", "category")
        .filter(tracking_id=normalise_tracking_id(tracking_id))
        .first()
    )
    if complaint is None:
        return not_found(request)
    context = _complaint_context(complaint, None)
    context["tracking_id"] = complaint.tracking_id
    return render(request, "portal/report.html", context)


# --- Accounts ------------------------------------------------------------------------------


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("portal:mine")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:
            # The same name sent twice at once (a double tap): both passed the form's
            # check, and the database let only one in.
            form.add_error("username", USERNAME_TAKEN)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Akun Anda sudah dibuat. Selamat datang!"))
            return redirect(_safe_next(request) or "portal:mine")
    context = {"form": form, "next": _safe_next(request)}
    return render(request, "portal/signup.html", context, status=422 if form.errors else 200)


class Login(auth_views.LoginView):
    template_name = "portal/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        # Staff go to their desk, counter clerks to the form they file on, citizens to
        # their own reports.
        scope = scope_of(self.request.user)
        if scope.is_staff:
            return "/kantor/"
        return reverse("portal:submit") if scope.clerk else reverse("portal:mine")

    def form_invalid(self, form):
        # 422, as every form that comes back with its errors.
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class Logout(auth_views.LogoutView):
    next_page = "/"


@login_required
@require_safe
def mine(request):
    own = (
        queries.reported_by(request.user)
        .only("tracking_id", "title", "status", "submitted_at", "region_id")
        .order_by("-submitted_at", "-pk")
    )
    page = Paginator(own, MINE_PAGE_SIZE).get_page(request.GET.get("halaman"))
    places = _place_names({c.region_id for c in page}, full=False)
    for c in page:
        c.place = places[c.region_id]
    return render(request, "portal/mine.html", {"page": page})
