"""People and machines that act in aduan, and the roles they hold."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VERIFIER = "verifier", _("Verifikator")
    OFFICER = "officer", _("Petugas instansi")
    SUPERVISOR = "supervisor", _("Pimpinan instansi")
    OVERSIGHT = "oversight", _("Pengawas")
    CLERK = "clerk", _("Petugas loket")


class User(AbstractUser):
    """A citizen with an account, or staff. Staff roles come from memberships."""

    full_name = models.CharField(_("nama lengkap"), max_length=200, blank=True)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Membership(models.Model):
    """A role held by a user, scoped to an agency (officers, supervisors) or a region (verifiers).

    A verifier with no region works nationally; with a region, only on complaints located in
    it. Officers and supervisors act on complaints disposed to their agency or its units.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices)
    agency = models.ForeignKey(
        "directory.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="members"
    )
    region = models.ForeignKey(
        "directory.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "agency"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        scope = self.agency or self.region or _("nasional")
        return f"{self.user} · {self.get_role_display()} · {scope}"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def authenticate(self, key: str) -> "ApiKey | None":
        return (
            self.filter(digest=_digest(key), revoked_at__isnull=True).select_related("user").first()
        )


class ApiKey(models.Model):
    """A token for a machine client. Only its SHA-256 is stored; the key is shown once."""

    name = models.CharField(_("nama"), max_length=100, unique=True)
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="api_key")
    prefix = models.CharField(max_length=8)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("kunci API")
        verbose_name_plural = _("kunci API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_key() -> str:
        return "adn_" + secrets.token_urlsafe(32)

    def set_key(self, key: str) -> None:
        self.prefix = key[:8]
        self.digest = _digest(key)
