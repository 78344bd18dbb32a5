"""Routing models in service and what they suggested for each complaint."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RouterModel(models.Model):
    """A trained router artifact (a zip of the integrity-checked directory), kept in the
    default storage so every web machine can load the same one."""

    version = models.CharField(max_length=64, unique=True)
    artifact = models.FileField(upload_to="router/")
    sha256 = models.CharField(max_length=64)
    trained_at = models.DateTimeField()
    training_size = models.PositiveIntegerField(default=0)
    # Held-out figures measured when it was considered for promotion.
    metrics = models.JSONField(default=dict, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    is_current = models.BooleanField(default=False)
    # Why the last attempt to load it failed; empty once it loads.
    load_error = models.CharField(max_length=300, blank=True, default="", db_default="")

    class Meta:
        verbose_name = _("model disposisi")
        verbose_name_plural = _("model disposisi")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_model"
            )
        ]

    def __str__(self) -> str:
        return self.version


class Verdict(models.TextChoices):
    """The receiving agency's first decision on a complaint the router disposed."""

    KEPT = "kept", _("diterima instansi")
    BOUNCED = "bounced", _("dikembalikan atau dilimpahkan")


class Suggestion(models.Model):
    """The router's top candidates for a complaint, as it saw it at intake."""

    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="suggestion"
    )
    model_version = models.CharField(max_length=64)
    # [{"agency": code, "p": probability}, ...] best first, at most 3.
    candidates = models.JSONField(default=list)
    confidence = models.FloatField()
    why = models.JSONField(default=list)
    # [{"category": code, "p": probability}, ...] best first, at most 3; empty when the model
    # learned no categories.
    categories = models.JSONField(default=list)
    auto_disposed = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    # What people decided, recorded as they decide (`outcomes`), so that live accuracy and
    # the disposal guard are read from indexes, never replayed from the event history.
    # The verifier's first disposal: the agency, and its place among the candidates (1-3;
    # 0 when the router did not offer it).
    verified_agency = models.CharField(max_length=40, blank=True, default="", db_default="")
    # (No PositiveSmallIntegerField: its CHECK would make PostgreSQL scan the whole table
    # under an exclusive lock when the column is added.)
    verified_rank = models.SmallIntegerField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    # For a complaint the router disposed: the receiving agency's first decision.
    agency_verdict = models.CharField(
        max_length=8, blank=True, choices=Verdict.choices, default="", db_default=""
    )

    class Meta:
        verbose_name = _("saran disposisi")
        verbose_name_plural = _("saran disposisi")
        indexes = [
            # The auto-disposal guard reads one model's most recent disposals. Partial, not
            # a column: Django writes `auto_disposed=True` as a bare boolean term, which
            # SQLite can match against an index condition but not against a middle column.
            models.Index(
                fields=["model_version", "created_at"],
                condition=models.Q(auto_disposed=True),
                name="suggestion_model_disposed",
            ),
            # Live accuracy, from the index alone: verifiers' decisions of a period ...
            models.Index(
                fields=["verified_at", "verified_agency", "verified_rank"],
                condition=models.Q(verified_at__isnull=False),
                name="suggestion_verified",
            ),
            # ... and the period's automatic disposals with their verdicts.
            models.Index(
                fields=["created_at", "agency_verdict"],
                condition=models.Q(auto_disposed=True),
                name="suggestion_auto_disposed",
            ),
        ]

    def __str__(self) -> str:
        top = self.candidates[0]["agency"] if self.candidates else "-"
        return f"{self.complaint_id} → {top} ({self.confidence:.2f})"

    @property
    def agency_codes(self) -> list[str]:
        return [c["agency"] for c in self.candidates]
