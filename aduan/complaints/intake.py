"""Receiving a complaint from any channel: validate, redact, start the clock, record.

A submission carrying an idempotency key is recorded at most once: the same key with the
same content answers with the complaint already made; with other content it is refused.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aduan.complaints import sla
from aduan.complaints.attachments import CleanFile
from aduan.complaints.models import (
    Attachment,
    Channel,
    Complaint,
    Event,
    IdempotencyRecord,
    Status,
)
from aduan.core.errors import DomainError, Invalid
from aduan.directory import policy
from aduan.directory.models import Category, Region, Stage


@dataclass
class Submission:
    kind: str
    title: str
    body: str
    region: str
    channel: str = Channel.WEB
    incident_date: date | None = None
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    category: str = ""
    reporter_name: str = ""
    reporter_email: str = ""
    reporter_phone: str = ""
    anonymous: bool = False
    confidential: bool = False
    attachments: list[CleanFile] = field(default_factory=list)

    def digest(self) -> str:
        """A fingerprint of the content, for matching a retried submission."""
        content = asdict(self) | {"attachments": [a.sha256 for a in self.attachments]}
        return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


@dataclass(frozen=True)
class Idempotency:
    scope: str  # whose key: "user:<id>" or "anonymous"
    key: str


def submit(
    s: Submission,
    *,
    reporter=None,
    filed_by=None,
    idempotency: Idempotency | None = None,
    at: datetime | None = None,
) -> tuple[Complaint, bool]:
    """Record a complaint; returns it and whether it was created now (False for a replay)."""
    digest = s.digest() if idempotency else ""  # only a retry needs the fingerprint
    if idempotency and (existing := _replay(idempotency, digest)):
        return existing, False
    at = at or timezone.now()
    category = _validate(s, at)
    # A 40-bit tracking ID collides about once in tens of millions of complaints: retry.
    for attempt in range(3):
        try:
            with transaction.atomic():
                # Routing happens later, in batches (aduan.triage.worker).
                complaint = _record(s, category, reporter, filed_by, idempotency, digest, at)
            return complaint, True
        except IntegrityError:
            # A concurrent retry with the same key won the race: answer with its complaint.
            if idempotency and (existing := _replay(idempotency, digest)):
                return existing, False
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _record(s, category, reporter, filed_by, idempotency, digest, at) -> Complaint:
    # The public (masked) text is made when the complaint is first acted on or read: see
    # redaction.public_text.
    complaint = Complaint.objects.create(
        kind=s.kind,
        title=s.title.strip(),
        body=s.body.strip(),
        incident_date=s.incident_date,
        region_id=s.region,
        address=s.address.strip(),
        latitude=s.latitude,
        longitude=s.longitude,
        category=category,
        channel=s.channel,
        reporter=reporter,
        reporter_name=s.reporter_name.strip(),
        reporter_email=s.reporter_email.strip(),
        reporter_phone=s.reporter_phone.strip(),
        is_anonymous=s.anonymous,
        is_confidential=s.confidential,
        filed_by=filed_by,
        submitted_at=at,
        updated_at=at,
        needs_routing=True,
        progress_notice_due_at=sla.next_progress_notice(at),
        due_at=sla.deadline(
            at,
            policy.working_days(
                Stage.VERIFICATION, kind=s.kind, category_id=category and category.pk
            ),
            sla.zone_of(s.region),
        ),
    )
    for f in s.attachments:
        add_attachment(complaint, f)
    Event.objects.create(
        complaint=complaint,
        at=at,
        actor=filed_by or reporter,
        actor_role="clerk" if s.channel == Channel.COUNTER else "reporter",
        action="submit",
        to_status=complaint.status,
        # The reporter's own privacy choice, on the record before anyone changes it.
        data={
            "channel": s.channel,
            "audience": "public",
            "anonymous": complaint.is_anonymous,
            "confidential": complaint.is_confidential,
        },
    )
    if idempotency:
        IdempotencyRecord.objects.create(
            scope=idempotency.scope,
            key=idempotency.key,
            body_digest=digest,
            complaint=complaint,
        )
    return complaint


def add_attachment(complaint: Complaint, f: CleanFile) -> Attachment:
    """Attach a cleaned file to an open complaint (at most ADUAN_ATTACHMENT_MAX_COUNT).
    The same file sent again (a retried upload) is the attachment already there."""
    with transaction.atomic():
        # Uploads at once would each count four and each add a fifth: the row lock makes
        # them count in turn (SQLite's IMMEDIATE transactions already do). The status is
        # read under it too: a rating can close the complaint while a photo is uploading.
        complaint.status = (
            Complaint.objects.select_for_update()
            .filter(pk=complaint.pk)
            .values_list("status", flat=True)
            .get()
        )
        if complaint.status in (Status.CLOSED, Status.ARCHIVED):
            raise DomainError("not_open", _("Laporan ini sudah ditutup."))
        same = complaint.attachments.filter(sha256=f.sha256).first()
        if same is not None:
            return same
        if complaint.attachments.count() >= settings.ADUAN_ATTACHMENT_MAX_COUNT:
            limit = settings.ADUAN_ATTACHMENT_MAX_COUNT
            raise Invalid({"attachments": _("Paling banyak %d lampiran.") % limit})
        return Attachment.objects.create(
            complaint=complaint,
            file=f.store(),
            content_type=f.content_type,
            size=len(f.content),
            sha256=f.sha256,
            original_name=f.original_name,
        )


def _replay(idempotency: Idempotency, digest: str) -> Complaint | None:
    # Asked before every keyed submission and almost always empty: two columns through the
    # unique index, and the complaint itself only for a real retry.
    record = (
        IdempotencyRecord.objects.filter(scope=idempotency.scope, key=idempotency.key)
        .values_list("body_digest", "complaint_id")
        .first()
    )
    if record is None:
        return None
    body_digest, complaint_id = record
    if body_digest != digest:
        raise DomainError(
            "idempotency_key_reused",
            _("Idempotency-Key ini sudah dipakai untuk laporan dengan isi berbeda."),
            status=422,
        )
    return Complaint.objects.get(pk=complaint_id)


_known_regions: set[str] = set()


def region_exists(code: str) -> bool:
    """Whether a region has this code. Regions are added by decree and never deleted, so a
    code once found is remembered for the life of the process (at most the ~92,000 codes
    Indonesia has); an unknown one is asked again, in case it has just been loaded."""
    if code in _known_regions:
        return True
    if Region.objects.filter(pk=code).exists():
        _known_regions.add(code)
        return True
    return False


# A typing slip ("0001-01-01", "1026-…"), not a date anyone complains about.
EARLIEST_INCIDENT = date(1900, 1, 1)


def _validate(s: Submission, at: datetime) -> Category | None:
    errors: dict[str, str] = {}
    if len(s.attachments) > settings.ADUAN_ATTACHMENT_MAX_COUNT:
        errors["attachments"] = (
            _("Paling banyak %d lampiran.") % settings.ADUAN_ATTACHMENT_MAX_COUNT
        )
    if not region_exists(s.region):
        errors["region"] = _("Kode wilayah tidak dikenal.")
    category = None
    if s.category:
        category = Category.objects.filter(code=s.category, is_active=True).first()
        if category is None:
            errors["category"] = _("Kategori tidak dikenal.")
    # "Today" where it happened: in Jayapura it is tomorrow two hours before it is in Jakarta.
    if s.incident_date and s.incident_date > sla.local_date(at, sla.zone_of(s.region)):
        errors["incident_date"] = _("Tanggal kejadian tidak boleh di masa depan.")
    elif s.incident_date and s.incident_date < EARLIEST_INCIDENT:
        errors["incident_date"] = _("Tanggal kejadian terlalu jauh di masa lalu.")
    if (s.latitude is None) != (s.longitude is None):
        errors["latitude" if s.latitude is None else "longitude"] = _(
            "Isi lintang dan bujur bersama-sama."
        )
    if errors:
        raise Invalid(errors)
    return category
