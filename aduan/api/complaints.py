"""Citizen-facing endpoints: submit, track, and the reporter's own actions."""

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Router, Status, UploadedFile

from aduan.accounts.scopes import scope_of
from aduan.api import versions
from aduan.api.auth import caller
from aduan.api.schemas import (
    ComplaintIn,
    ComplaintOut,
    ErrorOut,
    PublicComplaintOut,
    RateIn,
    ReplyIn,
    SubmittedOut,
    full_view,
    public_view,
)
from aduan.complaints import attachments, intake, queries, workflow
from aduan.complaints.disclosure import Audience
from aduan.complaints.models import Channel
from aduan.core.errors import Forbidden, Invalid, NotFound

router = Router(tags=["laporan"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
ACTION_ERRORS = {**ERRORS, 412: ErrorOut}  # If-Match named an older version
SECRET_HEADER = "X-Reporter-Secret"
ANONYMOUS_KEY_MIN = 16


def _private_url(request, complaint) -> str:
    return request.build_absolute_uri(
        f"/lacak/{complaint.tracking_id}/?kunci={complaint.reporter_secret}"
    )


@router.post("/complaints", response={201: SubmittedOut, **ERRORS}, auth=None)
def submit(request, payload: ComplaintIn):
    """Submit a complaint. Anonymous callers are welcome.

    Send an `Idempotency-Key` header to make retries safe: the same key and body answer with
    the same complaint; the same key with a different body is refused (422). Without an
    account the key must be random and at least 16 characters long (a UUID).
    """
    user = caller(request)
    scope = scope_of(user)
    channel = payload.channel
    if channel == Channel.COUNTER and not scope.clerk:
        raise Invalid({"channel": _("Hanya petugas loket yang dapat mencatat laporan dari loket.")})
    reporter_in = payload.reporter
    submission = intake.Submission(
        kind=payload.kind,
        title=payload.title,
        body=payload.body,
        region=payload.region,
        channel=channel,
        incident_date=payload.incident_date,
        address=payload.address,
        latitude=payload.latitude,
        longitude=payload.longitude,
        category=payload.category,
        reporter_name=reporter_in.name if reporter_in else "",
        reporter_email=(reporter_in.email or "") if reporter_in else "",
        reporter_phone=reporter_in.phone if reporter_in else "",
        anonymous=payload.anonymous,
        confidential=payload.confidential,
    )
    # A citizen's own account becomes the reporter; a machine client or clerk files for one.
    is_filer = scope.clerk or hasattr(user, "api_key")
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > 255:
        raise Invalid({"Idempotency-Key": _("Paling banyak 255 karakter.")})
    if key and user is None and len(key) < ANONYMOUS_KEY_MIN:
        # Anonymous callers share one key space, and a replay answers with the reporter's
        # secret: a guessable key ("demo-1") would hand it to whoever sends the same body.
        raise Invalid(
            {"Idempotency-Key": _("Tanpa akun: paling sedikit %d karakter acak, misalnya UUID.")
             % ANONYMOUS_KEY_MIN}
        )  # fmt: skip
    idem = intake.Idempotency(f"user:{user.pk}" if user else "anonymous", key) if key else None
    complaint, _created = intake.submit(
        submission,
        reporter=None if (user is None or is_filer) else user,
        filed_by=user if is_filer else None,
        idempotency=idem,
    )
    return Status(
        201,
        {
            "tracking_id": complaint.tracking_id,
            "secret": complaint.reporter_secret,
            "status": complaint.status,
            "due_at": complaint.due_at,
            "private_url": _private_url(request, complaint),
        },
    )


def _reporter_complaint(request, tracking_id: str):
    """The complaint if the caller is its reporter: by secret header, or by account."""
    secret = request.headers.get(SECRET_HEADER, "")
    if secret:
        return queries.get_by_secret(tracking_id, secret), workflow.Actor.reporter()
    user = caller(request)
    try:
        return queries.get_reported(user, tracking_id), workflow.Actor.reporter(user)
    except NotFound:
        queries.get_visible(user, tracking_id)  # 404 to whoever may not see it at all
        raise Forbidden(
            "reporter_only", _("Hanya pelapor yang dapat melakukan tindakan ini.")
        ) from None


@router.get("/complaints/{tracking_id}", response={200: PublicComplaintOut, **ERRORS}, auth=None)
def track(request, tracking_id: str):
    """The public view: redacted text, no reporter identity, nothing of a rahasia report."""
    return public_view(queries.get_trackable(tracking_id))


@router.get("/complaints/{tracking_id}/private", response={200: ComplaintOut, **ERRORS}, auth=None)
def private(request, tracking_id: str, response: HttpResponse):
    """The reporter's view, opened with the `X-Reporter-Secret` header or the reporter's
    own session or key. Its `ETag` is the version to name in `If-Match` on reply, rate or
    reopen, so that a retried one is refused (412) instead of acting twice."""
    complaint, actor = _reporter_complaint(request, tracking_id)
    return _reporter_view(complaint, actor, response)


def _reporter_view(complaint, actor, response: HttpResponse):
    response["ETag"] = versions.etag(complaint)
    now = timezone.now()
    return full_view(
        complaint,
        scope=scope_of(actor.user),
        audience=Audience.REPORTER,
        is_reporter=True,
        actions=workflow.available_actions(complaint, actor),
        at=now,
    )


@router.post(
    "/complaints/{tracking_id}/reply", response={200: ComplaintOut, **ACTION_ERRORS}, auth=None
)
def reply(request, tracking_id: str, payload: ReplyIn, response: HttpResponse):
    complaint, actor = _reporter_complaint(request, tracking_id)
    versions.apply(request, complaint, "reply", actor=actor, note=payload.note)
    return _reporter_view(complaint, actor, response)


@router.post(
    "/complaints/{tracking_id}/rate", response={200: ComplaintOut, **ACTION_ERRORS}, auth=None
)
def rate(request, tracking_id: str, payload: RateIn, response: HttpResponse):
    complaint, actor = _reporter_complaint(request, tracking_id)
    versions.apply(
        request, complaint, "rate", actor=actor, rating=payload.rating, note=payload.note
    )
    return _reporter_view(complaint, actor, response)


@router.post(
    "/complaints/{tracking_id}/reopen", response={200: ComplaintOut, **ACTION_ERRORS}, auth=None
)
def reopen(request, tracking_id: str, payload: ReplyIn, response: HttpResponse):
    complaint, actor = _reporter_complaint(request, tracking_id)
    versions.apply(request, complaint, "reopen", actor=actor, note=payload.note)
    return _reporter_view(complaint, actor, response)


@router.post(
    "/complaints/{tracking_id}/attachments",
    response={201: ComplaintOut, **ERRORS},
    auth=None,
)
def attach(request, tracking_id: str, response: HttpResponse, file: UploadedFile = File(...)):
    """Add a photo (JPEG/PNG/WEBP, EXIF removed) or a PDF to one's own open complaint."""
    complaint, actor = _reporter_complaint(request, tracking_id)
    if len(request.FILES.getlist("file")) > 1:
        # Ninja hands over the first part only: the rest would be lost behind a 201.
        raise Invalid({"file": _("Kirim satu berkas per permintaan.")})
    limit = settings.ADUAN_ATTACHMENT_MAX_BYTES
    if file.size > limit:
        # Django has spooled the upload to disk; read() would put all of it in memory first.
        raise Invalid({"file": attachments.too_large(limit)})
    data = file.read(limit + 1)  # bounded whatever .size said; clean() counts what came
    clean = attachments.clean(data, name=file.name or "", field="file")
    intake.add_attachment(complaint, clean)
    return Status(201, _reporter_view(complaint, actor, response))
