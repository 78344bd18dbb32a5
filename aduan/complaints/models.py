"""The complaint, its timeline and its attachments.

Status is written only by `workflow.apply`; deadlines are stored, lateness is derived
(see `queries.overdue`).
"""

import hmac
import secrets
from hashlib import sha256

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from aduan.core.ids import new_tracking_id
from aduan.core.models import ComplaintKind


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Menunggu verifikasi")
    ON_HOLD = "on_hold", _("Ditunda")
    DISPOSED = "disposed", _("Didisposisikan ke instansi")
    IN_PROGRESS = "in_progress", _("Sedang diproses")
    AWAITING_REPORTER = "awaiting_reporter", _("Menunggu keterangan pelapor")
    ANSWERED = "answered", _("Sudah ditindaklanjuti")
    CLOSED = "closed", _("Selesai")
    ARCHIVED = "archived", _("Diarsipkan")


# Complaints still to be dealt with, and those whose deadline someone is held to. The work
# queues' and late lists' partial indexes below are conditioned on these lists, and queries
# filters by them word for word (SQLite uses a partial index only when the query repeats its
# condition literally).
OPEN_STATUSES = [
    Status.SUBMITTED,
    Status.ON_HOLD,
    Status.DISPOSED,
    Status.IN_PROGRESS,
    Status.AWAITING_REPORTER,
    Status.ANSWERED,
]
CLOCKED_STATUSES = [Status.SUBMITTED, Status.DISPOSED, Status.IN_PROGRESS]
# Open, waiting on someone with no deadline running: the rest of the open statuses.
WAITING_STATUSES = [s for s in OPEN_STATUSES if s not in CLOCKED_STATUSES]


class Channel(models.TextChoices):
    WEB = "web", _("Situs web")
    API = "api", _("API")
    OPEN311 = "open311", _("Open311")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    COUNTER = "counter", _("Loket")


class RoutedBy(models.TextChoices):
    VERIFIER = "verifier", _("Verifikator")
    ROUTER = "router", _("Mesin disposisi")
    AGENCY = "agency", _("Instansi (pelimpahan)")


# What the public may read: passed on by a person (a verifier, or the agency that took up
# what the router disposed by itself: nobody had read it before), never rahasia. The public
# feed's partial index is conditioned on it and queries.public() filters by it, word for word.
PUBLIC_STATUSES = [
    Status.DISPOSED,
    Status.IN_PROGRESS,
    Status.AWAITING_REPORTER,
    Status.ANSWERED,
    Status.CLOSED,
]
PUBLIC = models.Q(is_confidential=False, status__in=PUBLIC_STATUSES) & ~models.Q(
    status=Status.DISPOSED, routed_by=RoutedBy.ROUTER
)


class Complaint(models.Model):
    tracking_id = models.CharField(
        _("nomor pelacakan"), max_length=12, unique=True, default=new_tracking_id
    )
    kind = models.CharField(_("jenis"), max_length=24, choices=ComplaintKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi laporan"))
    # What the public may read: personal numbers, e-mails and names masked at write time.
    # A text field: the masks ("[nama]" for "Ali") can make it longer than the title.
    public_title = models.TextField(editable=False, default="")
    public_body = models.TextField(editable=False, default="")
    incident_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    region = models.ForeignKey(
        "directory.Region",
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("wilayah"),
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    category = models.ForeignKey(
        "directory.Category",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("kategori"),
    )
    channel = models.CharField(_("kanal"), max_length=12, choices=Channel.choices)

    # The reporter: an account, or contact details only, or nobody.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    reporter_name = models.CharField(_("nama pelapor"), max_length=200, blank=True)
    reporter_email = models.EmailField(_("surel pelapor"), blank=True)
    reporter_phone = models.CharField(_("telepon pelapor"), max_length=32, blank=True)
    is_anonymous = models.BooleanField(_("anonim"), default=False)
    is_confidential = models.BooleanField(_("rahasia"), default=False)
    # The reporter's private-access secret is HMAC(SECRET_KEY, salt): recomputable for a
    # retried submission, never stored itself.
    secret_salt = models.CharField(max_length=32, editable=False)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Petugas loket atau klien API yang mencatat laporan."),
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    agency = models.ForeignKey(
        "directory.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("instansi"),
        # The (agency, status, due_at, …) index starts with this column: an index of
        # its own would only cost a B-tree write on every insert and hand-over.
        db_index=False,
    )
    unit = models.ForeignKey(
        "directory.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegated_complaints",
        verbose_name=_("unit"),
        # The (unit, status, due_at) index starts with this column: an index of
        # its own would only cost a B-tree write on every insert and hand-over.
        db_index=False,
    )
    routed_by = models.CharField(max_length=12, choices=RoutedBy.choices, blank=True)
    route_confidence = models.FloatField(null=True, blank=True)
    route_model_version = models.CharField(max_length=64, blank=True)
    # Waiting for the routing worker: set by intake, cleared when the worker has routed it
    # and by any change of status. Once a person has acted, the machine never routes it (a
    # complaint an agency sent back is not disposed to it again by the router).
    # (A database default too: a server of the previous release, still running during a
    # deploy, inserts without the column.)
    needs_routing = models.BooleanField(default=False, db_default=False, editable=False)

    # Clocks. `due_at` is the deadline of the current stage; lateness is derived from it.
    submitted_at = models.DateTimeField(_("diterima"), db_index=True)
    due_at = models.DateTimeField(_("batas waktu tahap"), null=True, blank=True)
    outcome_due_at = models.DateTimeField(_("batas waktu penyelesaian"), null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    extensions = models.PositiveSmallIntegerField(default=0)
    warned_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    # When the reporter was last told that the complaint is still being handled, and when
    # they are next to be (e-People: every 30 days while unanswered): a moment, so the
    # sweep reads only the complaints due a notice.
    progress_noticed_at = models.DateTimeField(null=True, blank=True)
    progress_notice_due_at = models.DateTimeField(null=True, blank=True)
    disposed_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Set by intake and workflow to the moment of the change (not the wall clock), so
    # backdated imports order correctly.
    updated_at = models.DateTimeField(default=timezone.now)

    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    answer = models.TextField(_("tindak lanjut"), blank=True)
    # The answer masked, made when first read masked (redaction.public_answer); emptied
    # whenever the answer changes.
    public_answer = models.TextField(editable=False, default="", db_default="")

    class Meta:
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        indexes = [
            models.Index(fields=["status", "due_at"]),
            # unit and paused_at ride along so an agency's open and overdue counts are read
            # from the index alone (supervisor figures; league tables later).
            models.Index(fields=["agency", "status", "due_at", "unit", "paused_at"]),
            models.Index(fields=["unit", "status", "due_at"]),
            models.Index(
                fields=["status", "progress_notice_due_at"], name="complaint_progress_notice"
            ),
            models.Index(fields=["is_confidential", "status", "submitted_at"]),
            # The public feed, newest first, without reading past the complaints the router
            # disposed that no agency has taken up yet (thousands a day at national volume).
            models.Index(
                fields=["-submitted_at", "-id"], condition=PUBLIC, name="complaint_public_feed"
            ),
            # The routing worker's queue: only the complaints it has yet to route.
            models.Index(
                fields=["submitted_at", "id"],
                condition=models.Q(needs_routing=True),
                name="complaint_routing_queue",
            ),
            # Work queues (queries.queue) read a page in (due_at, id) order straight from
            # these instead of sorting every matching row: all open complaints, those at one
            # agency, those delegated to one unit.
            models.Index(
                fields=["due_at", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="complaint_queue_open",
            ),
            models.Index(
                fields=["agency", "due_at", "id"],
                condition=models.Q(
                    status__in=OPEN_STATUSES,
                    agency__isnull=False,
                ),
                name="complaint_queue_agency",
            ),
            models.Index(
                fields=["unit", "agency", "due_at", "id"],
                condition=models.Q(
                    status__in=OPEN_STATUSES,
                    unit__isnull=False,
                ),
                name="complaint_queue_unit",
            ),
            # The same for the waiting ones: with the not-yet-due range of the indexes above,
            # a queue's "not overdue" in deadline order, however many are overdue.
            models.Index(
                fields=["due_at", "id"],
                condition=models.Q(status__in=WAITING_STATUSES),
                name="complaint_queue_waiting",
            ),
            models.Index(
                fields=["agency", "due_at", "id"],
                condition=models.Q(status__in=WAITING_STATUSES, agency__isnull=False),
                name="complaint_waiting_agency",
            ),
            models.Index(
                fields=["unit", "agency", "due_at", "id"],
                condition=models.Q(status__in=WAITING_STATUSES, unit__isnull=False),
                name="complaint_waiting_unit",
            ),
            # The API's queue ordering by last change (a client fetching what moved).
            models.Index(
                fields=["updated_at", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="complaint_queue_updated",
            ),
            # Overdue complaints, most overdue first (queries.overdue: the late lists of the
            # oversight and supervisor pages, the queue's overdue filter).
            models.Index(
                fields=["due_at", "id"],
                condition=models.Q(
                    status__in=CLOCKED_STATUSES,
                    paused_at__isnull=True,
                ),
                name="complaint_late",
            ),
            models.Index(
                fields=["agency", "due_at", "id"],
                condition=models.Q(
                    status__in=CLOCKED_STATUSES,
                    paused_at__isnull=True,
                ),
                name="complaint_late_agency",
            ),
            # The sweep's breaches to record: late and not yet recorded. Breached complaints
            # drop out, so the sweep does not read every overdue complaint on every run.
            models.Index(
                fields=["due_at"],
                condition=models.Q(
                    status__in=CLOCKED_STATUSES,
                    paused_at__isnull=True,
                    breached_at__isnull=True,
                ),
                name="complaint_unbreached",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_id

    def save(self, *args, **kwargs) -> None:
        if not self.secret_salt:
            self.secret_salt = secrets.token_hex(16)
        super().save(*args, **kwargs)

    @property
    def reporter_secret(self) -> str:
        digest = hmac.new(
            settings.SECRET_KEY.encode(), f"reporter:{self.secret_salt}".encode(), sha256
        )
        return digest.hexdigest()[:32]

    def check_secret(self, secret: str) -> bool:
        # compare_digest refuses str with non-ASCII characters (TypeError): no secret has one.
        if not (secret and secret.isascii()):
            return False
        return hmac.compare_digest(self.reporter_secret, secret)

    @property
    def handler(self):
        """The agency node currently holding the complaint: its unit if delegated."""
        return self.unit or self.agency


class IdempotencyRecord(models.Model):
    """A submission's Idempotency-Key, scoped to its client, with a digest of its body.

    The same key and body answer with the same complaint; the same key with another body is
    refused, so a retried submission never creates a second complaint.
    """

    scope = models.CharField(max_length=64)
    key = models.CharField(max_length=255)
    body_digest = models.CharField(max_length=64)
    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="idempotency_unique")]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"


class Event(models.Model):
    """One row on a complaint's timeline: who did what, when, from which status to which."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The capacity the actor acted in: reporter, verifier, officer, supervisor, system...
    actor_role = models.CharField(max_length=16)
    action = models.CharField(max_length=24)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    note = models.TextField(blank=True)
    # The note masked, made when first read masked (redaction.public_notes): a note can
    # quote or thank the reporter, and masking a long one takes a second.
    public_note = models.TextField(editable=False, default="", db_default="")
    agency = models.ForeignKey(
        "directory.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["action", "at"])]
        verbose_name = _("riwayat")
        verbose_name_plural = _("riwayat")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.action} {self.from_status}→{self.to_status}"


class FollowUp(models.Model):
    """One follow-up (tindak lanjut) as it was posted: by whom, when, whether in time, and the
    reporter's rating of it. A month's figures count these, never the complaint's current
    state: a reopening, a transfer or a later answer rewrites that, and with it months
    already reported."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="follow_ups")
    at = models.DateTimeField()
    # The agency holding the complaint, and the one credited with the answer: the unit it was
    # delegated to, if any (whoever of the agency or the unit wrote it).
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    handler = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # Posted after this holding's follow-up deadline: a breach was recorded for it.
    late = models.BooleanField()
    # The completion deadline in force when it was posted (the home page's on-time share).
    outcome_due_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        indexes = [
            # A supervisor's month: the answers of each agency and unit of a subtree.
            models.Index(fields=["handler", "at"], name="followup_handler_at"),
            # ... and those of its agencies posted by units that have moved out since.
            models.Index(fields=["agency", "at"], name="followup_agency_at"),
            # The home page's month, nationwide.
            models.Index(fields=["at"], name="followup_at"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.at:%Y-%m-%d}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    # Files are written by CleanFile.store under their content's address; named in the
    # field's history (migrations), so kept.
    from aduan.complaints.attachments import content_address

    return content_address(instance.sha256, instance.content_type)


class Attachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    original_name = models.CharField(max_length=200, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")

    def __str__(self) -> str:
        return f"{self.complaint_id}/{self.sha256[:12]}"


class Breach(models.Model):
    """A deadline that passed: recorded once per complaint, stage and deadline."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="breaches")
    stage = models.CharField(max_length=16)
    agency = models.ForeignKey(
        "directory.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_at = models.DateTimeField()
    recorded_at = models.DateTimeField()
    # When the agency passed the complaint on (transfer, not its authority) after missing the
    # deadline: the month it counts in, whenever the sweep happened to record the breach.
    passed_on_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["complaint", "stage", "due_at"], name="breach_unique")
        ]
        indexes = [models.Index(fields=["agency", "passed_on_at"], name="breach_passed_on")]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.stage} {self.due_at:%Y-%m-%d}"


class Notification(models.Model):
    """Something a person should look at: an escalation, a warning, a reporter update.

    Delivery over channels (e-mail, SMS, WhatsApp) will read from here through an outbox.
    """

    class Kind(models.TextChoices):
        WARNING = "warning", _("Mendekati batas waktu")
        BREACH = "breach", _("Melewati batas waktu")
        REPORTER_UPDATE = "reporter_update", _("Kabar untuk pelapor")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    message = models.TextField()
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @staticmethod
    def in_first_language():
        """Where a message is composed: in the system's first language, whatever the
        language of the page someone acted from (an officer's English must not choose the
        language a reporter is told in)."""
        return translation.override(settings.LANGUAGE_CODE)
