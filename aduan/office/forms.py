"""Forms of the office pages: queue filters and one form per workflow action.

Forms only parse and offer choices; the workflow decides. Field names match the keyword
arguments of `workflow.apply` (note, agency, unit, reason, days, category), so a DomainError
about a field lands beside it (`aduan.web.forms.add_domain_error`).
"""

from dataclasses import replace

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aduan.accounts.scopes import Scope
from aduan.complaints import queries, workflow
from aduan.complaints.models import Complaint, Status
from aduan.directory import policy
from aduan.directory.models import Agency, AnswerTemplate, Category, Region, Stage, path_ids
from aduan.office.figures import AGENCY_STATUSES
from aduan.web.forms import FastSelect

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

TRIAGE_STATUSES = (Status.SUBMITTED, Status.ON_HOLD)


# ---------------------------------------------------------------------------- queue filters


class QueueForm(forms.Form):
    """Filters over `queries.queue`; read from the query string."""

    statuses: tuple[str, ...] = tuple(queries.OPEN)

    status = forms.ChoiceField(label=_("Status"), required=False, widget=FastSelect)
    category = forms.ChoiceField(
        label=_("Kategori"), required=False, widget=FastSelect(options_lang="id")
    )
    overdue = forms.ChoiceField(
        label=_("Batas waktu"),
        required=False,
        widget=FastSelect,
        choices=[("", _("Semua")), ("1", _("Hanya yang terlambat")), ("0", _("Belum terlambat"))],
    )
    submitted_from = forms.DateField(label=_("Diterima sejak"), required=False, widget=DATE)
    submitted_to = forms.DateField(label=_("Diterima sampai"), required=False, widget=DATE)
    cursor = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, label_suffix="", **kwargs)
        self.fields["status"].choices = [("", _("Semua status"))] + [
            (s, Status(s).label) for s in self.statuses
        ]
        self.fields["category"].choices = [("", _("Semua kategori"))] + list(
            Category.objects.filter(is_active=True).order_by("name").values_list("code", "name")
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("submitted_from"), data.get("submitted_to")
        if start and end and start > end:
            self.add_error("submitted_to", _("Tanggal akhir harus sesudah tanggal awal."))
        return data

    def queue_filter(self) -> queries.QueueFilter:
        d = self.cleaned_data
        return queries.QueueFilter(
            status=[d["status"]] if d.get("status") else list(self.statuses),
            category=d.get("category") or "",
            overdue={"1": True, "0": False}.get(d.get("overdue") or ""),
            submitted_from=d.get("submitted_from"),
            submitted_to=d.get("submitted_to"),
            cursor=d.get("cursor") or "",
        )

    @property
    def is_filtered(self) -> bool:
        return any(v for k, v in self.cleaned_data.items() if k != "cursor")


class TriageForm(QueueForm):
    statuses = TRIAGE_STATUSES

    region = forms.ChoiceField(label=_("Wilayah"), required=False, widget=FastSelect)

    field_order = ["status", "region", "category", "overdue", "submitted_from", "submitted_to"]

    def __init__(self, data=None, *, scope: Scope, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["region"].choices = [("", _("Semua wilayah"))] + region_choices(scope)

    def queue_filter(self) -> queries.QueueFilter:
        return replace(super().queue_filter(), region=self.cleaned_data.get("region") or "")


def region_choices(scope: Scope) -> list[tuple[str, str]]:
    """Regions a verifier may narrow the queue to: their own, one level down.

    A national verifier gets provinces and regencies/cities (about 550), not 80,000 villages.
    """
    if "" in scope.verifier_regions:
        regions = Region.objects.filter(level__lte=Region.Level.REGENCY)
    else:
        q = Q(pk__in=[])
        for code in scope.verifier_regions:
            level = code.count(".") + 1
            q |= Q(code=code) | Q(code__startswith=code + ".", level=level + 1)
        regions = Region.objects.filter(q)
    top = min((r.level for r in regions), default=1)
    return [
        (r.code, "\u2003" * (r.level - top) + f"{r.name} ({r.code})")
        for r in regions.order_by("code").only("code", "name", "level")
    ]


class AgencyQueueForm(QueueForm):
    statuses = AGENCY_STATUSES

    unit = forms.ChoiceField(label=_("Instansi/unit"), required=False, widget=FastSelect)

    field_order = ["status", "unit", "category", "overdue", "submitted_from", "submitted_to"]

    def __init__(self, data=None, *, agencies: list[Agency], **kwargs):
        super().__init__(data, **kwargs)
        choices = [("", _("Semua unit"))]
        for root in agencies:
            for a in root.subtree().filter(is_active=True).order_by("path"):
                depth = a.path.count("/") - root.path.count("/")
                choices.append((a.code, "\u2003" * depth + a.name))
        self.fields["unit"].choices = choices

    def queue_filter(self) -> queries.QueueFilter:
        return replace(super().queue_filter(), agency=self.cleaned_data.get("unit") or "")


# ----------------------------------------------------------------------------- agency picker


def agency_groups(
    complaint: Complaint, *, exclude: Agency | None = None, include: Agency | None = None
) -> list[tuple[str, list[tuple[int, str]]]]:
    """Agencies to dispose or transfer `complaint` to, as option groups, nearest first.

    Every top-level agency (ministries, regional governments) is offered; the units of the
    governments of the complaint's own place are offered too (its city's offices, kecamatan and
    kelurahan), since many complaints belong there. `exclude` drops a subtree (the handling
    agency, for a transfer); `include` makes sure one agency (the routing suggestion) is there.
    """
    codes = complaint.region.ancestor_codes()
    local_roots = Agency.objects.filter(parent__isnull=True, region_id__in=codes, is_active=True)
    q = Q(parent__isnull=True)
    for root in local_roots:
        q |= Q(path__startswith=root.path)
    if include is not None:
        q |= Q(pk=include.pk)
    fields = ("id", "name", "path", "region_id", "parent_id")
    agencies = list(Agency.objects.filter(q, is_active=True).only(*fields))
    if exclude is not None:
        agencies = [a for a in agencies if not a.path.startswith(exclude.path)]
    by_id = {a.pk: a for a in agencies}
    roots = {path_ids(a.path)[0] for a in agencies}
    missing = roots - by_id.keys()
    by_id |= {a.pk: a for a in Agency.objects.filter(pk__in=missing).only(*fields)}

    def chain(a: Agency) -> list[str]:
        return [by_id[i].name if i in by_id else "" for i in path_ids(a.path)]

    groups: dict[int, list[Agency]] = {}
    for a in agencies:
        groups.setdefault(path_ids(a.path)[0], []).append(a)

    def group_order(root_id: int):
        root = by_id[root_id]
        local = 0 if root.region_id in codes else 1 if root.region_id is None else 2
        return (local, root.name)

    result = []
    for root_id in sorted(groups, key=group_order):
        members = sorted(groups[root_id], key=chain)
        options = [(a.pk, "\u2003" * (a.path.count("/") - 2) + a.name) for a in members]
        result.append((by_id[root_id].name, options))
    return result


class AgencyField(forms.ChoiceField):
    """A choice among agencies that cleans to an active Agency.

    The choices are what the page offers; any active agency is accepted, since whether it
    fits (a unit of the handling agency, another agency for a transfer) is the workflow's call.
    """

    widget = FastSelect  # hundreds of agencies: Django's per-option templates take tens of ms

    def valid_value(self, value) -> bool:
        return True

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        # isdigit() alone is true of "²" and "①" too, which no primary key is.
        is_id = value.isascii() and value.isdigit()
        agency = Agency.objects.filter(pk=value, is_active=True).first() if is_id else None
        if agency is None:
            raise forms.ValidationError(_("Instansi tidak dikenal atau tidak aktif."))
        return agency


# ------------------------------------------------------------------------------ action forms


class ActionForm(forms.Form):
    """One workflow action. `apply_kwargs()` are the keyword arguments for `workflow.apply`."""

    action = ""
    # Shown open on the page (the action most often taken); the rest fold away.
    primary = False

    def __init__(self, data=None, *, complaint: Complaint, **kwargs):
        self.complaint = complaint
        super().__init__(data, prefix=self.action, label_suffix="", **kwargs)

    def apply_kwargs(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "template"}


def _note(label, *, required=True, help_text="", rows=4):
    return forms.CharField(
        label=label,
        required=required,
        max_length=20000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _privacy_marks(form: forms.Form, complaint: Complaint) -> None:
    """A verifier may set the privacy flags, never clear them: a set one shows, locked."""
    for name, flag in (
        ("mark_anonymous", complaint.is_anonymous),
        ("mark_confidential", complaint.is_confidential),
    ):
        if flag:
            form.fields[name].initial = True
            form.fields[name].disabled = True
            form.fields[name].help_text = _("Sudah ditandai; tanda ini tidak dapat dihapus.")


def _mark_anonymous():
    return forms.BooleanField(
        label=_("Tandai anonim"),
        required=False,
        help_text=_("Identitas pelapor disembunyikan dari instansi dan publik."),
    )


def _mark_confidential():
    return forms.BooleanField(
        label=_("Tandai rahasia"),
        required=False,
        help_text=_("Isi laporan tidak ditampilkan kepada publik."),
    )


class VerifyForm(ActionForm):
    action = "verify"
    primary = True

    agency = AgencyField(label=_("Instansi tujuan"))
    category = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=Category.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("— tidak diubah —"),
        widget=FastSelect(options_lang="id"),
    )
    mark_anonymous = _mark_anonymous()
    mark_confidential = _mark_confidential()
    note = _note(_("Catatan verifikasi"), required=False, rows=2)

    def __init__(
        self,
        data=None,
        *,
        complaint: Complaint,
        suggestion: Agency | None,
        suggested_category: int | None = None,
        **kwargs,
    ):
        super().__init__(data, complaint=complaint, **kwargs)
        self.fields["agency"].choices = [("", _("— pilih instansi —"))] + agency_groups(
            complaint, include=suggestion
        )
        if suggestion is not None:
            self.fields["agency"].initial = suggestion.pk
        # The router's category only fills a gap: a category already set stays preselected.
        self.fields["category"].initial = complaint.category_id or suggested_category
        _privacy_marks(self, complaint)


class ProtectForm(ActionForm):
    action = "protect"

    mark_anonymous = _mark_anonymous()
    mark_confidential = _mark_confidential()
    note = _note(_("Alasan"), required=False, rows=2, help_text=_("Tercatat di riwayat laporan."))

    def __init__(self, data=None, *, complaint: Complaint, **kwargs):
        super().__init__(data, complaint=complaint, **kwargs)
        _privacy_marks(self, complaint)


class HoldForm(ActionForm):
    action = "hold"
    note = _note(
        _("Alasan penundaan"), help_text=_("Disampaikan kepada pelapor, misalnya data yang kurang.")
    )


class ResumeForm(ActionForm):
    action = "resume"


class ArchiveForm(ActionForm):
    action = "archive"
    reason = forms.ChoiceField(
        label=_("Alasan pengarsipan"),
        choices=[("", _("— pilih alasan —"))] + list(workflow.ARCHIVE_REASONS.items()),
        widget=FastSelect,
    )
    note = _note(_("Keterangan pengarsipan"), required=False, rows=2)


class NotOurAuthorityForm(ActionForm):
    action = "not_our_authority"
    note = _note(
        _("Alasan bukan wewenang"),
        help_text=_("Laporan kembali ke verifikator untuk didisposisikan ulang."),
    )


class AcceptForm(ActionForm):
    action = "accept"


class DelegateForm(ActionForm):
    action = "delegate"
    primary = True
    unit = AgencyField(label=_("Unit tujuan"))
    note = _note(_("Catatan untuk unit"), required=False, rows=2)

    def __init__(self, data=None, *, complaint: Complaint, scope, **kwargs):
        super().__init__(data, complaint=complaint, **kwargs)
        root = complaint.agency
        units = root.subtree().exclude(pk=root.pk).filter(is_active=True).order_by("path")
        # What the workflow takes: a unit below the officer's own reach, not the one holding it.
        self.fields["unit"].choices = [("", _("— pilih unit —"))] + [
            (u.pk, "\u2003" * (u.path.count("/") - root.path.count("/") - 1) + u.name)
            for u in units
            if u.pk != complaint.unit_id and scope.handles(u.path)
        ]

    @property
    def has_units(self) -> bool:
        return len(self.fields["unit"].choices) > 1


class TransferForm(ActionForm):
    action = "transfer"
    agency = AgencyField(label=_("Instansi tujuan pelimpahan"))
    note = _note(_("Alasan pelimpahan"))

    def __init__(self, data=None, *, complaint: Complaint, **kwargs):
        super().__init__(data, complaint=complaint, **kwargs)
        self.fields["agency"].choices = [("", _("— pilih instansi —"))] + agency_groups(
            complaint, exclude=complaint.agency
        )


class AskReporterForm(ActionForm):
    action = "ask_reporter"
    note = _note(
        _("Pertanyaan untuk pelapor"),
        help_text=_("Batas waktu berhenti sampai pelapor menjawab."),
    )


class AnswerForm(ActionForm):
    action = "answer"
    primary = True
    template = forms.ChoiceField(label=_("Templat jawaban"), required=False, widget=FastSelect)
    note = _note(
        _("Tindak lanjut"),
        help_text=_("Dikirim kepada pelapor dan dapat tampil di halaman publik."),
        rows=8,
    )

    def __init__(self, data=None, *, complaint: Complaint, **kwargs):
        super().__init__(data, complaint=complaint, **kwargs)
        handler = complaint.handler
        self.templates = list(
            AnswerTemplate.objects.filter(agency_id__in=path_ids(handler.path)).order_by("title")
        )
        self.fields["template"].choices = [("", _("— pilih templat —"))] + [
            (t.pk, t.title) for t in self.templates
        ]


class ExtendForm(ActionForm):
    action = "extend"
    days = forms.IntegerField(label=_("Tambahan hari kerja"), min_value=1)
    note = _note(_("Alasan perpanjangan"), help_text=_("Disampaikan kepada pelapor."), rows=3)

    def __init__(self, data=None, *, complaint: Complaint, **kwargs):
        super().__init__(data, complaint=complaint, **kwargs)
        allowed = policy.working_days(
            Stage.EXTENSION, kind=complaint.kind, category_id=complaint.category_id
        )
        self.fields["days"].max_value = allowed
        self.fields["days"].widget.attrs["max"] = allowed
        self.fields["days"].validators.append(MaxValueValidator(allowed))
        self.fields["days"].initial = allowed
        self.fields["days"].help_text = _(
            "Paling banyak %(days)d hari kerja; perpanjangan ke-%(n)d dari %(max)d."
        ) % {"days": allowed, "n": complaint.extensions + 1, "max": workflow.MAX_EXTENSIONS}


class CloseForm(ActionForm):
    action = "close"


FORMS: dict[str, type[ActionForm]] = {
    f.action: f
    for f in (
        VerifyForm,
        HoldForm,
        ResumeForm,
        ArchiveForm,
        ProtectForm,
        AcceptForm,
        DelegateForm,
        TransferForm,
        AskReporterForm,
        AnswerForm,
        ExtendForm,
        NotOurAuthorityForm,
        CloseForm,
    )
}
