"""The citizen's forms: they parse what people type; the domain decides what it means."""

import json
import re
import secrets

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aduan.complaints import attachments, intake, sla
from aduan.complaints.models import Channel, Status
from aduan.complaints.queries import PUBLIC_STATUSES
from aduan.core.errors import DomainError
from aduan.core.ids import normalise_tracking_id
from aduan.core.models import ComplaintKind
from aduan.directory.models import Category, Region
from aduan.web.forms import FastSelect

# The place pickers, top down. Each level's choices are the children of the level above.
LEVELS = ("province", "regency", "district", "village")
LEVEL_LABELS = {
    "province": _("Provinsi"),
    "regency": _("Kabupaten/Kota"),
    "district": _("Kecamatan"),
    "village": _("Kelurahan/Desa"),
}
PLACEHOLDERS = {
    "province": _("— Pilih provinsi —"),
    "regency": _("— Pilih kabupaten/kota —"),
    "district": _("— Pilih kecamatan —"),
    "village": _("— Pilih kelurahan/desa —"),
}
# The same empty choice in a filter, where it means "no filter".
FILTER_PLACEHOLDERS = {
    "province": _("Semua provinsi"),
    "regency": _("Semua kabupaten/kota"),
    "district": _("Semua kecamatan"),
    "village": _("Semua kelurahan/desa"),
}


def region_options(parent: str | None) -> list[tuple[str, str]]:
    """(code, name) of the regions directly under `parent` (provinces when None), by name."""
    qs = Region.objects.filter(parent_id=parent) if parent else Region.objects.filter(parent=None)
    return list(qs.order_by("name").values_list("code", "name"))


class RegionPicker:
    """Cascading province → regency/city → kecamatan → kelurahan selects.

    Each select's choices are the children of the value chosen above it, so a bound form
    accepts only a consistent chain; `region_code` is the deepest level chosen. The selects
    fetch their options through the /wilayah/ endpoint (htmx) as the citizen picks.
    """

    region_levels: tuple[str, ...] = LEVELS
    region_filter = False  # a filter: the empty choice reads "all", not "choose"

    def setup_regions(self, *, required: int) -> None:
        """Make the region fields; the first `required` levels must be chosen."""
        source = self.data if self.is_bound else self.initial
        parent = None
        levels = self.region_levels
        blanks = FILTER_PLACEHOLDERS if self.region_filter else PLACEHOLDERS
        for depth, name in enumerate(levels):
            options = region_options(parent) if depth == 0 or parent else []
            attrs = {"class": "region-select"}
            if depth + 1 < len(levels):
                # The next level's options, and a reset of the levels below it.
                vals = {"levels": str(len(levels))} | ({"semua": "1"} if self.region_filter else {})
                attrs |= {
                    "hx-get": reverse("portal:regions"),
                    "hx-target": f"#id_{levels[depth + 1]}",
                    "hx-trigger": "change",
                    # One queue for the whole chain: a newer pick aborts an older pick's
                    # request, whose late answer would refill a level just reset.
                    "hx-sync": "closest form:replace",
                    "hx-vals": json.dumps(vals),
                }
            self.fields[name] = forms.ChoiceField(
                label=LEVEL_LABELS[name],
                required=depth < required,
                choices=[("", blanks[name]), *options],
                widget=FastSelect(attrs=attrs),
                error_messages={
                    "invalid_choice": _("Pilih lagi: pilihan ini tidak ada di wilayah di atasnya.")
                },
            )
            value = source.get(name) or ""
            parent = value if value in dict(options) else None

    @property
    def region_code(self) -> str:
        """The deepest region chosen (after validation)."""
        chosen = [self.cleaned_data.get(name) for name in self.region_levels]
        return next((code for code in reversed(chosen) if code), "")

    def region_fields(self):
        return [self[name] for name in self.region_levels]


def category_choices(blank: str) -> list:
    """Categories grouped under their parent: the parent itself first, then its children."""
    rows = list(
        Category.objects.filter(is_active=True)
        .order_by("name")
        .values_list("id", "code", "name", "parent_id")
    )
    children: dict[int, list[tuple[str, str]]] = {}
    for _id, code, name, parent_id in rows:
        if parent_id is not None:
            children.setdefault(parent_id, []).append((code, name))
    choices: list = [("", blank)]
    for id_, code, name, parent_id in rows:
        if parent_id is not None:
            continue
        if id_ in children:
            general = _("%(name)s (umum)") % {"name": name}
            choices.append((name, [(code, general), *children[id_]]))
        else:
            choices.append((code, name))
    return choices


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked and cleaned by `attachments.clean`."""

    def __init__(self, *, accept: str, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept, "multiple": True}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > settings.ADUAN_ATTACHMENT_MAX_COUNT:  # counted before any is read
            most = settings.ADUAN_ATTACHMENT_MAX_COUNT
            raise forms.ValidationError(_("Paling banyak %d lampiran.") % most)
        limit = settings.ADUAN_ATTACHMENT_MAX_BYTES
        cleaned, errors = [], []
        for upload in files:
            if upload.size > limit:  # refuse before reading it into memory
                errors.append(f"{upload.name}: {attachments.too_large(limit)}")
                continue
            try:
                cleaned.append(attachments.clean(upload.read(), name=upload.name or ""))
            except DomainError as error:
                errors.extend(f"{upload.name}: {m}" for ms in error.fields.values() for m in ms)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


KIND_CHOICES = [
    (ComplaintKind.COMPLAINT.value, _("Pengaduan — pelayanan yang buruk, lambat, atau tidak ada")),
    (ComplaintKind.ASPIRATION.value, _("Aspirasi — usul atau saran untuk pelayanan publik")),
    (ComplaintKind.INFORMATION.value, _("Permintaan informasi — pertanyaan tentang layanan")),
]
assert {value for value, _label in KIND_CHOICES} == set(ComplaintKind.values)

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{6,32}$", _("Tulis nomor telepon dengan angka saja, misalnya 0812 3456 7890.")
)


def new_token() -> str:
    """A submit form's idempotency key: unguessable, so a signed-out sender's is scoped to
    nobody in particular."""
    return secrets.token_urlsafe(24)


# What `new_token` makes. Anything else was not issued by this form (a guess, or a token
# copied off someone else's page to collect their private link): it dedupes nothing.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")


class Form(forms.Form):
    """Labels without a trailing colon: they sit above their fields."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ComplaintForm(RegionPicker, Form):
    """The web submission form. `token` makes a double submit record one complaint."""

    token = forms.CharField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("Jenis laporan"),
        choices=KIND_CHOICES,
        initial=ComplaintKind.COMPLAINT.value,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("Judul laporan"),
        min_length=5,
        max_length=200,
        help_text=_("Singkat dan jelas, misalnya: Jalan berlubang di depan SDN Jagir."),
    )
    body = forms.CharField(
        label=_("Isi laporan"),
        min_length=10,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Ceritakan apa yang terjadi, kapan, di mana, dan siapa yang terlibat. Nomor KTP, "
            "nomor telepon, dan nama orang disembunyikan otomatis dari tampilan publik."
        ),
    )
    incident_date = forms.DateField(
        label=_("Tanggal kejadian"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Tidak wajib."),
    )
    address = forms.CharField(
        label=_("Alamat atau patokan"),
        required=False,
        max_length=300,
        help_text=_("Tidak wajib. Misalnya: Jl. Jagir Wonokromo, depan masjid."),
    )
    category = forms.ChoiceField(
        label=_("Kategori"),
        required=False,
        widget=FastSelect(options_lang="id"),
        help_text=_("Tidak wajib: bila ragu, biarkan kosong; verifikator akan memilihkan."),
    )
    photos = MultipleFileField(
        label=_("Foto"),
        required=False,
        accept="image/jpeg,image/png,image/webp",
        help_text=_("JPG, PNG atau WEBP. Data lokasi (EXIF) di dalam foto dihapus."),
    )
    documents = MultipleFileField(
        label=_("Dokumen"),
        required=False,
        accept="application/pdf",
        help_text=_("PDF."),
    )
    anonymous = forms.BooleanField(
        label=_("Anonim"),
        required=False,
        initial=True,
        help_text=_(
            "Nama dan kontak Anda disembunyikan dari publik dan dari instansi yang menangani "
            "laporan; hanya verifikator yang melihatnya. Isi laporan tetap dapat dibaca publik, "
            "jadi jangan menulis hal yang mengungkap diri Anda."
        ),
    )
    confidential = forms.BooleanField(
        label=_("Rahasia"),
        required=False,
        help_text=_(
            "Isi laporan tidak pernah dipublikasikan: orang lain yang memegang nomor pelacakan "
            "hanya melihat status dan tanggalnya. Verifikator dan instansi yang menangani tetap "
            "membacanya."
        ),
    )
    name = forms.CharField(label=_("Nama"), required=False, max_length=200)
    phone = forms.CharField(
        label=_("Nomor telepon"),
        required=False,
        max_length=32,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Surel (email)"),
        required=False,
        max_length=254,  # the column's; longer failed the insert on PostgreSQL
        widget=forms.EmailInput({"autocomplete": "email"}),
    )

    def __init__(self, *args, user=None, clerk=None, **kwargs):
        """`user`: the signed-in reporter, who is the contact; `clerk`: a counter clerk
        filing for a citizen, whose name and contact the form then asks for."""
        super().__init__(*args, **kwargs)
        self.user = user if user is not None and user.is_authenticated else None
        self.clerk = clerk
        if clerk:  # the clerk reads the choices to the citizen in front of them
            self.fields["anonymous"].help_text = _(
                "Nama dan kontak pelapor disembunyikan dari publik dan dari instansi yang "
                "menangani laporan; hanya verifikator yang melihatnya."
            )
        if not self.is_bound:
            self.initial.setdefault("token", new_token())
        self.setup_regions(required=2)
        self.fields["category"].choices = category_choices(_("— Biarkan verifikator memilih —"))
        # The picker's limit is today in the easternmost zone, the latest today anywhere in
        # the country; intake checks the date against the place's own day.
        today = sla.local_date(timezone.now(), sla.WIT)
        self.fields["incident_date"].widget.attrs["max"] = today.isoformat()
        self.fields["incident_date"].widget.attrs["min"] = intake.EARLIEST_INCIDENT.isoformat()
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        if self.user:  # the account is the contact
            for name in ("name", "phone", "email"):
                del self.fields[name]

    def privacy_fields(self):
        return [self["anonymous"], self["confidential"]]

    def clean_token(self):
        token = self.cleaned_data["token"]
        return token if _TOKEN.fullmatch(token) else new_token()

    def clean(self):
        data = super().clean()
        count = len(data.get("photos") or []) + len(data.get("documents") or [])
        if count > settings.ADUAN_ATTACHMENT_MAX_COUNT:
            self.add_error(
                "photos",
                _("Paling banyak %d lampiran.") % settings.ADUAN_ATTACHMENT_MAX_COUNT,
            )
        return data

    def submission(self) -> intake.Submission:
        d = self.cleaned_data
        return intake.Submission(
            kind=d["kind"],
            title=d["title"],
            body=d["body"],
            region=self.region_code,
            channel=Channel.COUNTER if self.clerk else Channel.WEB,
            incident_date=d["incident_date"],
            address=d["address"],
            category=d["category"],
            reporter_name=d.get("name", ""),
            reporter_email=d.get("email", ""),
            reporter_phone=d.get("phone", ""),
            anonymous=d["anonymous"],
            confidential=d["confidential"],
            attachments=[*d["photos"], *d["documents"]],
        )

    def idempotency(self) -> intake.Idempotency:
        sender = self.clerk or self.user
        scope = f"web:user:{sender.pk}" if sender else "web"
        return intake.Idempotency(scope=scope, key=self.cleaned_data["token"])

    # Where the domain names a field differently from this form.
    DOMAIN_FIELDS = {"region": "province", "attachments": "photos"}


class TrackForm(Form):
    nomor = forms.CharField(
        label=_("Nomor pelacakan"),
        max_length=40,
        help_text=_("Contoh: LPR-7K3M9Q2X"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_nomor(self) -> str:
        return normalise_tracking_id(self.cleaned_data["nomor"])


class ReplyForm(Form):
    note = forms.CharField(
        label=_("Balasan atau keterangan tambahan"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RateForm(Form):
    rating = forms.TypedChoiceField(
        label=_("Seberapa puas Anda dengan tindak lanjut ini?"),
        coerce=int,
        choices=[
            (5, _("5 — Sangat puas")),
            (4, _("4 — Puas")),
            (3, _("3 — Biasa saja")),
            (2, _("2 — Tidak puas")),
            (1, _("1 — Sangat tidak puas")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Komentar (tidak wajib)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(Form):
    note = forms.CharField(
        label=_("Mengapa laporan perlu dibuka kembali?"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FeedFilterForm(RegionPicker, Form):
    """Filters of the public feed; anything unknown is an error shown, never a crash."""

    region_levels = ("province", "regency")
    region_filter = True
    category = forms.ChoiceField(
        label=_("Kategori"), required=False, widget=FastSelect(options_lang="id")
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    setelah = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_regions(required=0)
        self.fields["category"].choices = category_choices(_("Semua kategori"))
        self.fields["status"].choices = [("", _("Semua status"))] + [
            (s.value, s.label) for s in map(Status, PUBLIC_STATUSES)
        ]


USERNAME_TAKEN = _("Nama pengguna ini sudah dipakai; pilih yang lain.")


class SignupForm(auth_forms.UserCreationForm):
    # Django's Indonesian for these is word for word ("Seorang pengguna dengan nama
    # pengguna tersebut sudah ada", "Dua bidang sandi tidak cocok").
    error_messages = {"password_mismatch": _("Kedua kata sandi tidak sama.")}

    full_name = forms.CharField(label=_("Nama lengkap"), max_length=200)
    email = forms.EmailField(
        label=_("Surel (email)"),
        help_text=_("Untuk kabar tentang laporan Anda. Tidak pernah ditampilkan ke publik."),
    )

    class Meta:
        model = get_user_model()
        fields = ("username", "full_name", "email")
        error_messages = {"username": {"unique": USERNAME_TAKEN}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        self.fields["username"].label = _("Nama pengguna")
        self.fields["username"].help_text = _(
            "Huruf, angka, dan @ . + - _ saja; paling banyak 150 karakter."
        )
        self.fields["password1"].label = _("Kata sandi")
        self.fields["password1"].help_text = _(
            "Paling sedikit 8 karakter, tidak hanya angka, tidak mirip nama pengguna Anda, dan "
            "bukan sandi yang umum dipakai."
        )
        self.fields["password2"].label = _("Ulangi kata sandi")
        self.fields["password2"].help_text = ""


class LoginForm(auth_forms.AuthenticationForm):
    # Django's own Indonesian for this repeats itself ("nama pengguna nama pengguna dan
    # sandi"): the username's verbose name lands in a sentence that already names it.
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Periksa lagi keduanya; huruf besar dan "
            "kecil dibedakan."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        self.fields["username"].label = _("Nama pengguna")
        self.fields["password"].label = _("Kata sandi")

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # The refusal belongs to neither field alone, so Django marks neither: tie both
            # to it (id "kesalahan" in login.html), so it is read with whichever gets focus.
            for name in ("username", "password"):
                attrs = self.fields[name].widget.attrs
                attrs.update({"aria-invalid": "true", "aria-describedby": "kesalahan"})
            raise
