"""Shapes of what goes in and out of the API, and the functions that fill them."""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import EmailStr, field_validator
from pydantic_core import PydanticCustomError

from aduan.accounts.scopes import Scope
from aduan.complaints import disclosure, workflow
from aduan.complaints.disclosure import Audience
from aduan.complaints.models import Complaint, Status
from aduan.complaints.queries import is_overdue
from aduan.complaints.redaction import public_text
from aduan.triage.models import Suggestion

Kind = Literal["pengaduan", "aspirasi", "permintaan_informasi"]
RegionCode = Field(
    ...,
    pattern=r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$",
    description="Kemendagri region code, e.g. 35.78.01.1001 (kelurahan/desa level preferred)",
)


class TextIn(Schema):
    """What callers send. No text of it may hold a NUL character: nobody writes one, and
    PostgreSQL cannot store one (it would fail the request instead of naming the field)."""

    # A misnamed field is an error, not silence: "confidental" for "confidential" would
    # publish a report its reporter meant to keep secret, "telepon" drop a contact.
    model_config = {"extra": "forbid"}

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value):
        if isinstance(value, str) and "\x00" in value:
            # A type of its own, which the API's error handler words in the caller's language.
            raise PydanticCustomError("nul_character", "must not contain the NUL character")
        return value


class ReporterIn(TextIn):
    name: str = Field("", max_length=200)
    email: EmailStr | None = None
    phone: str = Field("", max_length=32, pattern=r"^$|^\+?[0-9 ()-]{6,32}$")


class ComplaintIn(TextIn):
    kind: Kind
    title: str = Field(..., min_length=5, max_length=200)
    body: str = Field(..., min_length=10, max_length=20000)
    region: str = RegionCode
    incident_date: date | None = None
    address: str = Field("", max_length=300)
    # Strict: pydantic would take true for 1.0 (an int is still a number).
    # JSON as Python reads it allows NaN, which no range refuses with a sensible message.
    latitude: float | None = Field(None, ge=-11.5, le=6.5, strict=True, allow_inf_nan=False)
    longitude: float | None = Field(None, ge=94.5, le=141.5, strict=True, allow_inf_nan=False)
    category: str = Field("", max_length=60)
    channel: Literal["api", "web", "sms", "whatsapp", "counter", "open311"] = "api"
    reporter: ReporterIn | None = None
    # Anonim unless the reporter says otherwise, as the web form starts: a gateway or app that
    # forgets the flag must not show the reporter to the agency.
    anonymous: bool = True
    confidential: bool = False

    @field_validator("title", "body", mode="before")
    @classmethod
    def _stripped(cls, value):
        # Intake keeps them stripped: the lengths hold for what is kept ("    a" is no title).
        return value.strip() if isinstance(value, str) else value

    @field_validator("reporter", mode="before")
    @classmethod
    def _an_object(cls, value):
        # Ninja's schemas read attributes off anything (an ORM object, say): "reporter": "Budi
        # 0812…" would pass as a reporter with every field empty, and the contact be lost.
        if value is not None and not isinstance(value, dict):
            raise PydanticCustomError("dict_type", "must be an object with name, email and phone")
        return value


class SubmittedOut(Schema):
    tracking_id: str
    secret: str = Field(description="Keep this: it opens the private view and reporter actions")
    status: str
    due_at: datetime | None
    private_url: str


class Place(Schema):
    code: str
    name: str


class EventOut(Schema):
    at: datetime
    action: str
    from_status: str
    to_status: str
    actor_role: str
    note: str = ""
    agency: str | None = None
    # Privacy marks a verifier set with this step ("anonymous", "confidential"): the audit
    # of who protected the reporter when, for the reporter and staff.
    marked: list[str] = []


class PublicComplaintOut(Schema):
    tracking_id: str
    kind: str
    status: str
    status_label: str
    submitted_at: datetime
    is_confidential: bool
    title: str | None = None
    body: str | None = None
    region: Place | None = None
    category: str | None = None
    agency: str | None = None
    answer: str | None = None
    answered_at: datetime | None = None
    closed_at: datetime | None = None
    rating: int | None = None
    timeline: list[EventOut] = []


class ReporterOut(Schema):
    name: str = ""
    email: str = ""
    phone: str = ""
    username: str = ""


class CandidateOut(Schema):
    agency: str = Field(description="agency code")
    p: float


class CategoryChanceOut(Schema):
    category: str = Field(description="category code")
    p: float


class SuggestionOut(Schema):
    """The router's suggestion, for staff: what the verifier console shows beside the form."""

    model_version: str
    candidates: list[CandidateOut]
    categories: list[CategoryChanceOut]
    why: list[str] = Field(description="the words that drove the first candidate")
    auto_disposed: bool


class ComplaintOut(PublicComplaintOut):
    """The full view: the reporter's own, or staff's."""

    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    incident_date: date | None = None
    channel: str
    is_anonymous: bool
    reporter: ReporterOut | None = None
    unit: str | None = None
    due_at: datetime | None = None
    outcome_due_at: datetime | None = None
    paused: bool = False
    # While paused waiting on the reporter: when the clock runs again without a reply.
    reply_due_at: datetime | None = None
    overdue: bool = False
    extensions: int = 0
    routed_by: str = ""
    route_confidence: float | None = None
    route_model_version: str = ""
    actions: list[str] = []
    attachments: list[str] = []
    suggestion: SuggestionOut | None = Field(None, description="staff only; null without one")


class QueueItemOut(Schema):
    tracking_id: str
    kind: str
    status: str
    title: str
    region: Place
    category: str | None
    agency: str | None
    unit: str | None
    submitted_at: datetime
    due_at: datetime | None
    overdue: bool
    paused: bool


class QueuePageOut(Schema):
    items: list[QueueItemOut]
    next_cursor: str | None


class ActionIn(TextIn):
    note: str = Field("", max_length=20000)
    agency: str | None = Field(None, max_length=40, description="agency code (verify, transfer)")
    unit: str | None = Field(None, max_length=40, description="unit code (delegate)")
    category: str | None = Field(None, max_length=60, description="category code (verify)")
    reason: str = Field("", max_length=40, description="archive reason code")
    days: int | None = Field(None, ge=1, le=60, strict=True, description="working days (extend)")
    mark_anonymous: bool = False
    mark_confidential: bool = False


class ReplyIn(TextIn):
    note: str = Field(..., min_length=1, max_length=20000)


class RateIn(TextIn):
    rating: int = Field(..., ge=1, le=5, strict=True)  # not true for 1, nor 4.0 or "4"
    note: str = Field("", max_length=2000)


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


def _events(
    complaint: Complaint, audience: Audience, *, with_agency: bool, masked: bool
) -> list[dict]:
    return [
        {
            "at": e.at,
            "action": e.action,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "actor_role": e.actor_role,
            "note": note,
            "agency": e.agency.name if (with_agency and e.agency) else None,
            "marked": _marks(e) if audience >= Audience.REPORTER else [],
        }
        for e, note in disclosure.timeline(complaint, audience, masked=masked)
    ]


def _marks(event) -> list[str]:
    flags = (("marked_anonymous", "anonymous"), ("marked_confidential", "confidential"))
    return [name for key, name in flags if event.data.get(key)]


def public_view(c: Complaint, *, timeline: bool = True) -> dict:
    """What anyone holding the tracking ID may read: redacted, nothing of a rahasia report.
    `timeline=False` leaves the timeline out, for a view that shows its own."""
    content = disclosure.shows_content(c, Audience.PUBLIC)
    data = {
        "tracking_id": c.tracking_id,
        "kind": c.kind,
        "status": c.status,
        "status_label": str(Status(c.status).label),
        "submitted_at": c.submitted_at,
        "is_confidential": c.is_confidential,
        "closed_at": c.closed_at,
    }
    if timeline:
        data["timeline"] = _events(c, Audience.PUBLIC, with_agency=content, masked=True)
    if content:
        title, body = public_text(c)
        data |= {
            "title": title,
            "body": body,
            "region": {"code": c.region_id, "name": c.region.name},
            "category": c.category.name if c.category else None,
            "agency": c.agency.name if c.agency else None,
            "answer": disclosure.readable_answer(c, masked=True) or None,
            "answered_at": c.answered_at,
            "rating": c.rating,
        }
    return data


def full_view(
    c: Complaint,
    *,
    scope: Scope,
    audience: Audience,
    is_reporter: bool = False,
    actions: list[str] = (),
    at: datetime,
) -> dict:
    title, body = disclosure.readable_text(c, scope, is_reporter=is_reporter)
    masked = disclosure.reads_masked(c, scope, is_reporter=is_reporter)
    data = public_view(c, timeline=False) | {
        "title": title,
        "body": body,
        "region": {"code": c.region_id, "name": c.region.name},
        "category": c.category.name if c.category else None,
        "agency": c.agency.name if c.agency else None,
        "unit": c.unit.name if c.unit else None,
        "answer": disclosure.readable_answer(c, masked=masked) or None,
        "answered_at": c.answered_at,
        "rating": c.rating,
        "address": disclosure.readable_address(c, masked=masked),
        "latitude": c.latitude,
        "longitude": c.longitude,
        "incident_date": c.incident_date,
        "channel": c.channel,
        "is_anonymous": c.is_anonymous,
        "due_at": c.due_at,
        "outcome_due_at": c.outcome_due_at,
        "paused": c.paused_at is not None,
        "reply_due_at": workflow.reply_due(c),
        "overdue": is_overdue(c, at),
        "extensions": c.extensions,
        "routed_by": c.routed_by,
        "route_confidence": c.route_confidence if audience >= Audience.STAFF else None,
        "route_model_version": c.route_model_version if audience >= Audience.STAFF else "",
        "actions": list(actions),
        "attachments": [a.content_type for a in c.attachments.all()],
        "timeline": _events(c, audience, with_agency=True, masked=masked),
    }
    if disclosure.shows_identity(c, scope, is_reporter=is_reporter):
        data["reporter"] = {
            "name": c.reporter_name or (c.reporter.display_name() if c.reporter else ""),
            "email": c.reporter_email or (c.reporter.email if c.reporter else ""),
            "phone": c.reporter_phone,
            "username": c.reporter.username if c.reporter else "",
        }
    return data


def suggestion_view(c: Complaint, scope: Scope) -> dict | None:
    """The router's suggestion for `c` as staff with `scope` may read it, or None."""
    suggestion = Suggestion.objects.filter(complaint=c).first()
    if suggestion is None:
        return None
    return {
        "model_version": suggestion.model_version,
        "candidates": suggestion.candidates,
        "categories": suggestion.categories,
        "why": disclosure.readable_words(c, scope, suggestion.why),
        "auto_disposed": suggestion.auto_disposed,
    }


def queue_item(c: Complaint, scope: Scope, at: datetime) -> dict:
    return {
        "tracking_id": c.tracking_id,
        "kind": c.kind,
        "status": c.status,
        # An anonim report's title can name its reporter, as its body can (full_view).
        "title": disclosure.readable_text(c, scope)[0],
        "region": {"code": c.region_id, "name": c.region.name},
        "category": c.category.name if c.category else None,
        "agency": c.agency.name if c.agency else None,
        "unit": c.unit.name if c.unit else None,
        "submitted_at": c.submitted_at,
        "due_at": c.due_at,
        "overdue": is_overdue(c, at),
        "paused": c.paused_at is not None,
    }
