"""Staff endpoints: queues, the full view of a complaint, and every transition."""

from datetime import date
from typing import Literal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from aduan.accounts.scopes import scope_of
from aduan.api import versions
from aduan.api.auth import STAFF_AUTH
from aduan.api.complaints import ACTION_ERRORS, ERRORS
from aduan.api.schemas import (
    ActionIn,
    ComplaintOut,
    QueuePageOut,
    full_view,
    queue_item,
    suggestion_view,
)
from aduan.complaints import queries, workflow
from aduan.complaints.disclosure import Audience
from aduan.core.errors import Forbidden, Invalid
from aduan.directory.models import Agency, Category

router = Router(tags=["petugas"], auth=STAFF_AUTH)


class QueueQuery(Schema):
    status: list[str] = []
    agency: str = ""
    category: str = ""
    region: str = Field("", max_length=13)  # a village code is the longest
    overdue: bool | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None
    ordering: Literal["due", "-due", "submitted", "-submitted", "-updated"] = "due"
    cursor: str = ""
    limit: int = 50


def _staff_scope(request):
    scope = scope_of(request.auth)
    if not scope.is_staff:
        raise Forbidden("staff_only", _("Hanya untuk verifikator, petugas, dan pengawas."))
    return scope


@router.get("/queue", response={200: QueuePageOut, **ERRORS})
def queue(request, q: Query[QueueQuery]):
    """The caller's work list: open complaints they may see, soonest deadline first."""
    scope = _staff_scope(request)
    if not 1 <= q.limit <= 200:
        raise Invalid({"limit": _("Antara 1 dan 200.")})
    unknown = set(q.status) - {s for s in workflow.S.values}
    if unknown:
        raise Invalid({"status": _("Status tidak dikenal: %s") % ", ".join(sorted(unknown))})
    now = timezone.now()
    page = queries.queue(request.auth, queries.QueueFilter(**q.dict()), at=now)
    items = [queue_item(c, scope, now) for c in page.items]
    return {"items": items, "next_cursor": page.next_cursor}


def staff_view(request, complaint, response: HttpResponse):
    response["ETag"] = versions.etag(complaint)
    actor = workflow.Actor.staff(request.auth)
    scope = scope_of(request.auth)
    view = full_view(
        complaint,
        scope=scope,
        audience=Audience.STAFF,
        actions=workflow.available_actions(complaint, actor),
        at=timezone.now(),
    )
    return view | {"suggestion": suggestion_view(complaint, scope)}


@router.get("/office/complaints/{tracking_id}", response={200: ComplaintOut, **ERRORS})
def detail(request, tracking_id: str, response: HttpResponse):
    """A complaint in full. Its `ETag` is the version to name in `If-Match` on an action."""
    _staff_scope(request)
    return staff_view(request, queries.get_visible(request.auth, tracking_id), response)


class TimelineOut(Schema):
    tracking_id: str
    timeline: list


STAFF_ACTIONS = [
    name for name, step in workflow.STEPS.items() if set(step.who) & {"verifier", "officer"}
]


# A verifier may mark a complaint anonim or rahasia with any of their actions.
_VERIFIERS = tuple(a for a, step in workflow.STEPS.items() if workflow.VERIFIER in step.who)
# The actions each field of ActionIn means something to (a note, to every one).
USED_BY = {
    "agency": ("verify", "transfer"),
    "category": ("verify",),
    "unit": ("delegate",),
    "reason": ("archive",),
    "days": ("extend",),
    "mark_anonymous": _VERIFIERS,
    "mark_confidential": _VERIFIERS,
}


@router.post(
    "/office/complaints/{tracking_id}/actions/{action}",
    response={200: ComplaintOut, **ACTION_ERRORS},
)
def act(
    request,
    tracking_id: str,
    action: Literal[tuple(STAFF_ACTIONS)],
    response: HttpResponse,
    payload: ActionIn | None = None,  # accept and close need no body at all
):
    """Take a transition. Which fields matter depends on the action:
    verify (agency, category, mark_anonymous, mark_confidential), hold (note), resume,
    archive (reason: unclear | too_general | not_public_service | duplicate | other, note),
    protect (mark_anonymous, mark_confidential, note: a verifier's, at any stage),
    not_our_authority (note), accept, delegate (unit), transfer (agency, note),
    ask_reporter (note), answer (note), extend (note, days), close. A field sent to an
    action that does not use it is refused (422), not ignored.

    Send the complaint's `ETag` as `If-Match` to make a retry safe: once the action is
    taken the version has changed, and the retry is refused with 412 instead of acting twice.
    """
    _staff_scope(request)
    payload = payload or ActionIn()
    unused = [f for f, used in USED_BY.items() if getattr(payload, f) and action not in used]
    if unused:
        # Taken silently, `days` on a verify or a `reason` on an answer would look applied.
        # The category sets the deadlines and teaches the router: the verifier's choice.
        only_verify = _("Hanya verifikator yang menetapkan kategori (verify).")
        unused_here = _("Tindakan ini tidak memakai isian ini.")
        raise Invalid({f: only_verify if f == "category" else unused_here for f in unused})
    complaint = queries.get_visible(request.auth, tracking_id)
    versions.apply(
        request,
        complaint,
        action,
        actor=workflow.Actor.staff(request.auth),
        note=payload.note,
        agency=_agency(payload.agency, "agency"),
        unit=_agency(payload.unit, "unit"),
        category=_category(payload.category),
        reason=payload.reason,
        days=payload.days,
        mark_anonymous=payload.mark_anonymous,
        mark_confidential=payload.mark_confidential,
    )
    return staff_view(request, complaint, response)


def _agency(code: str | None, field: str) -> Agency | None:
    if not code:
        return None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise Invalid({field: _("Kode instansi tidak dikenal.")})
    return agency


def _category(code: str | None) -> Category | None:
    if not code:
        return None
    category = Category.objects.filter(code=code, is_active=True).first()
    if category is None:
        raise Invalid({"category": _("Kode kategori tidak dikenal.")})
    return category
