"""Who handles what, and by when: regions, agencies, categories, routing rules, deadlines.

Everything an administrator customises is a row here, not a branch in code.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from aduan.core.models import ComplaintKind


class Region(models.Model):
    """A Kemendagri region, keyed by its dotted code ("35", "35.78", "35.78.01", "35.78.01.1001").

    A code's prefix is its ancestry, so "everything in Kota Surabaya" is `code__startswith`.
    """

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Provinsi")
        REGENCY = 2, _("Kabupaten/Kota")
        DISTRICT = 3, _("Kecamatan")
        VILLAGE = 4, _("Kelurahan/Desa")

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]
        indexes = [models.Index(fields=["parent", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def ancestor_codes(self) -> list[str]:
        """This region's code and every ancestor's, nearest first."""
        return ancestor_codes(self.code)


def ancestor_codes(code: str) -> list[str]:
    """A region code and every ancestor's, nearest first: a Kemendagri code spells its own
    ancestry ("35.78.04" lies in "35.78", which lies in "35"), so no row need be read."""
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


def path_ids(path: str) -> list[int]:
    """The agency ids an agency's `path` names, from the root down to it: "/3/17/42/" →
    [3, 17, 42]."""
    return [int(i) for i in path.strip("/").split("/") if i]


class Agency(models.Model):
    """A node in the tree of handling bodies: a ministry or a regional government, or one of
    its units (OPD, bidang, kecamatan or kelurahan office).

    `path` holds the ids from the root ("/3/17/42/") so a subtree is one prefix query.
    """

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Kementerian/Lembaga")
        PROVINCE = "province", _("Pemerintah Provinsi")
        REGENCY = "regency", _("Pemerintah Kabupaten/Kota")
        OFFICE = "office", _("Perangkat Daerah (OPD)")
        DIVISION = "division", _("Bidang/Unit")
        DISTRICT = "district", _("Kantor Kecamatan")
        VILLAGE = "village", _("Kantor Kelurahan/Desa")
        OTHER = "other", _("Lainnya")

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
        verbose_name=_("wilayah kerja"),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if path != self.path:
            old = self.path
            Agency.objects.filter(pk=self.pk).update(path=path)
            self.path = path
            if old:  # moved: carry the subtree along
                for unit in Agency.objects.filter(path__startswith=old).exclude(pk=self.pk):
                    unit.path = path + unit.path[len(old) :]
                    unit.save(update_fields=["path"])

    def clean(self) -> None:
        if self.parent_id and self.pk and f"/{self.pk}/" in (self.parent.path or ""):
            raise ValidationError(
                {"parent": _("Instansi tidak boleh menjadi unit dirinya sendiri.")}
            )
        if self.pk and (stranded := self._delegations_a_move_would_strand()):
            raise ValidationError(
                {
                    "parent": _(
                        "%(n)d laporan terbuka didelegasikan ke unit ini oleh instansi yang "
                        "tidak lagi berada di atasnya setelah dipindah. Minta instansi itu "
                        "mendelegasikannya ke unit lain dulu."
                    )
                    % {"n": stranded}
                }
            )

    def _delegations_a_move_would_strand(self) -> int:
        """How many open complaints an agency delegated into this subtree from above that
        would no longer be above it under the new parent. A delegated complaint's unit must
        lie inside its agency: its queues, and the agency's, are read that way."""
        stored = Agency.objects.filter(pk=self.pk).values_list("parent_id", "path").first()
        if stored is None or stored[0] == self.parent_id:
            return 0
        # Imported here: complaints builds on the directory, not the other way round.
        from aduan.complaints.models import OPEN_STATUSES, Complaint

        above = path_ids(self.parent.path) if self.parent_id else []
        return (
            Complaint.objects.filter(status__in=OPEN_STATUSES, unit__path__startswith=stored[1])
            .exclude(agency__path__startswith=stored[1])
            .exclude(agency_id__in=above)
            .count()
        )

    @property
    def root(self) -> "Agency":
        root_id = path_ids(self.path)[0]
        return self if root_id == self.pk else Agency.objects.get(pk=root_id)

    def subtree(self) -> models.QuerySet["Agency"]:
        return Agency.objects.filter(path__startswith=self.path)

    def contains(self, other: "Agency") -> bool:
        return other.path.startswith(self.path)


class Category(models.Model):
    """A complaint category in the national tree (editable; seeded from LAPOR!'s list)."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """(category, region) → agency, evaluated in `order`; the first match wins.

    A rule may name a fixed agency, or resolve the local office of the complaint's own place
    (its kelurahan or kecamatan office), so one rule covers every village in a city.
    """

    class Local(models.TextChoices):
        VILLAGE = "village", _("Kantor kelurahan/desa setempat")
        DISTRICT = "district", _("Kantor kecamatan setempat")

    order = models.PositiveIntegerField(_("urutan"), default=100)
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Kosong: semua kategori."),
        verbose_name=_("kategori"),
    )
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Berlaku untuk wilayah ini dan semua wilayah di bawahnya. Kosong: nasional."),
        verbose_name=_("wilayah"),
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("instansi tujuan")
    )
    local_office = models.CharField(
        _("kantor setempat"), max_length=16, choices=Local.choices, blank=True
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("aturan disposisi")
        verbose_name_plural = _("aturan disposisi")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(agency__isnull=False) & models.Q(local_office=""))
                | (models.Q(agency__isnull=True) & ~models.Q(local_office="")),
                name="routingrule_one_target",
            )
        ]

    def __str__(self) -> str:
        target = self.agency or self.get_local_office_display()
        return f"#{self.order}: {self.category or '*'} @ {self.region or '*'} → {target}"


class Stage(models.TextChoices):
    VERIFICATION = "verification", _("Verifikasi dan disposisi")
    FOLLOWUP = "followup", _("Tindak lanjut instansi")
    AUTO_CLOSE = "auto_close", _("Penutupan otomatis setelah tindak lanjut")
    OUTCOME = "outcome", _("Penyelesaian")
    EXTENSION = "extension", _("Perpanjangan")
    REOPEN = "reopen", _("Batas pengajuan buka kembali")
    WARNING = "warning", _("Peringatan sebelum terlambat")
    REPORTER_REPLY = "reporter_reply", _("Batas keterangan pelapor")


class DeadlinePolicy(models.Model):
    """Working days allowed for a stage, optionally only for a report kind or a category.

    The most specific row wins: category over kind over the default (both empty). Defaults
    follow LAPOR! practice (PermenPANRB 62/2018, replaced by 5/2025) and Perpres 76/2013.
    """

    stage = models.CharField(_("tahap"), max_length=16, choices=Stage.choices)
    kind = models.CharField(
        _("jenis laporan"), max_length=24, choices=ComplaintKind.choices, blank=True
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("kategori")
    )
    working_days = models.PositiveSmallIntegerField(_("hari kerja"))
    legal_basis = models.CharField(_("dasar hukum"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("kebijakan batas waktu")
        verbose_name_plural = _("kebijakan batas waktu")
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "kind", "category"], name="deadlinepolicy_unique"
            )
        ]

    def __str__(self) -> str:
        scope = self.category or self.get_kind_display() or _("bawaan")
        return f"{self.get_stage_display()} · {scope}: {self.working_days}"


class AnswerTemplate(models.Model):
    """A reusable answer an agency's officers start a follow-up from."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="answer_templates")
    title = models.CharField(_("judul"), max_length=120)
    body = models.TextField(_("isi"))

    class Meta:
        verbose_name = _("templat jawaban")
        verbose_name_plural = _("templat jawaban")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
