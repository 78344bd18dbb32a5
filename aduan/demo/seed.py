"""A lived-in demo world: the directory of Kota Surabaya, Jawa Timur and a few national
bodies, the category tree, routing rules, one login per role, and ~600 complaints at every
stage of their life.

Complaints go through the real front door (`intake.submit`) and the real workflow
(`workflow.apply`) with backdated moments, so every clock, event and notification is what the
product itself would have written. Choices come from a fixed random seed, so the set is the
same on every machine; only the dates move with today.

Idempotent: a world that already holds the marker agency is left alone.
"""

import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from aduan.accounts.models import Membership, User
from aduan.complaints import intake, sla, sweep, workflow
from aduan.complaints.models import Channel, Complaint
from aduan.complaints.workflow import Actor
from aduan.demo import data
from aduan.demo.data import Subject
from aduan.directory import policy, regions, routing
from aduan.directory.models import (
    Agency,
    AnswerTemplate,
    Category,
    DeadlinePolicy,
    Region,
    RoutingRule,
    Stage,
)

RANDOM_SEED = 1708  # LAPOR!'s SMS number: any fixed value keeps the demo reproducible
MAX_AGE_HOURS = 89 * 24
ROUTER_VERSION = "aturan-demo-1"
MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
]  # fmt: skip

Login = tuple[str, str, str]

# Final shapes of a complaint's life: how many complaints end so, and hours from their last
# step until now. Exact counts rather than chances, so even the rare stories are always told.
PLANS: dict[str, tuple[int, tuple[float, float]]] = {
    "new": (40, (0.3, 60)),
    "late_new": (14, (150, 600)),
    "returned": (12, (1, 120)),
    "hold": (22, (2, 400)),
    "archive": (36, (1, 1800)),
    "disposed": (30, (1, 90)),
    "disposed_late": (16, (200, 900)),
    "in_progress": (50, (1, 100)),
    "in_progress_late": (22, (200, 900)),
    "delegated": (35, (1, 480)),
    "extended": (16, (1, 200)),
    "awaiting": (24, (1, 300)),
    "reopened": (6, (1, 90)),
    "answered": (55, (2, 190)),
    "closed_rated": (110, (1, 1500)),
    "closed_auto": (70, (1, 1000)),
    "closed_agency": (45, (1, 1500)),
}
CHANNELS = {
    Channel.WEB: 38,
    Channel.WHATSAPP: 18,
    Channel.SMS: 9,
    Channel.API: 12,
    Channel.COUNTER: 12,
    Channel.OPEN311: 11,
}
# (anonim, rahasia)
PRIVACY = {(False, False): 60, (True, False): 15, (False, True): 15, (True, True): 10}
# How much citizens abbreviate on each channel; the counter clerk writes in full.
INFORMALITY = {
    Channel.SMS: 0.7,
    Channel.WHATSAPP: 0.5,
    Channel.WEB: 0.2,
    Channel.API: 0.25,
    Channel.OPEN311: 0.1,
    Channel.COUNTER: 0.0,
}
RATINGS = {5: 30, 4: 30, 3: 15, 2: 12, 1: 13}
# Subjects whose text often carries children's or health data: verifiers mark them rahasia.
SENSITIVE = {"pungutan_sekolah", "dbd", "bpjs_rs_bayar", "rsud_soetomo"}
PHONE_PREFIXES = ["0812", "0813", "0821", "0822", "0852", "0857", "0878", "0896", "0838"]


def logins() -> list[Login]:
    """The demo logins as (role label, username, password)."""
    return [(label, username, data.DEMO_PASSWORD) for label, username, *_ in data.DEMO_USERS]


def seed(*, stdout=None) -> list[Login]:
    """Create the demo world unless it is there already; returns the demo logins."""
    if Agency.objects.filter(code=data.MARKER_AGENCY).exists():
        _say(stdout, "Data demo sudah ada; tidak ada yang diubah.")
        return logins()
    started = time.monotonic()
    regions.load([data.JAWA_TIMUR])
    with transaction.atomic():
        world = _World(random.Random(RANDOM_SEED), timezone.now())
        world.build_directory()
        world.build_people()
        world.build_complaints()
        swept = sweep.sweep(at=world.now)
    _say(stdout, world.summary(time.monotonic() - started, swept))
    if world.existing:
        _say(
            stdout,
            f"Catatan: akun {', '.join(world.existing)} sudah ada sebelumnya; kata sandinya "
            "tidak diubah.\n",
        )
    return logins()


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _pretty(name: str) -> str:
    """Region names sometimes come in lower case ("Lidah kulon"): capitalise each word."""
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


def _tanggal(moment: datetime) -> str:
    day = sla.local_date(moment)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass
class Place:
    region: str
    kel: str
    kec: str
    kab: str
    street: str
    in_city: bool
    lat: float | None = None
    lon: float | None = None


@dataclass
class Step:
    """One planned action. `who` names the capacity; agency and unit are symbolic
    ("target", "wrong", "unit") and resolved when the step runs."""

    action: str
    who: str
    gap: float  # hours after the previous step
    note: str = ""
    params: dict = field(default_factory=dict)


@dataclass
class Spec:
    """Everything decided about one complaint before it is written."""

    plan: str
    subject: Subject | None
    place: Place
    fill: dict
    channel: str = Channel.WEB
    kind: str = "pengaduan"
    title: str = ""
    body: str = ""
    category: str = ""
    reporter: User | None = None
    contact: dict = field(default_factory=dict)
    anonymous: bool = False
    confidential: bool = False
    archive_reason: str = ""
    target: Agency | None = None
    wrong: Agency | None = None
    unit: Agency | None = None
    steps: list[Step] = field(default_factory=list)
    # Its own generators for what happens while it runs, apart from the clock's: the office
    # hours a step lands in depend on today, and must not shift any other choice.
    rng: random.Random = field(default_factory=random.Random)
    clock: random.Random = field(default_factory=random.Random)


class _World:
    def __init__(self, rng: random.Random, now: datetime):
        self.rng = rng
        self.now = now
        self.agencies: dict[str, Agency] = {}
        self.categories: dict[str, Category] = {}
        self.villages: dict[str, Agency] = {}  # region code → kelurahan office
        self.users: dict[str, User] = {}
        self.officers: dict[int, User] = {}  # agency id → an officer acting for it
        self.password = make_password(data.DEMO_PASSWORD)
        self.created: list[Complaint] = []
        self.existing: list[str] = []

    # --- Directory ------------------------------------------------------------------------
    def build_directory(self) -> None:
        for code, name, kind, parent, region in data.AGENCIES:
            self.agencies[code] = self._agency(
                code, name, kind, self.agencies[parent] if parent else None, region
            )
        self._local_offices()
        for code, name, subs in data.CATEGORIES:
            parent, _ = Category.objects.get_or_create(code=code, defaults={"name": name})
            self.categories[code] = parent
            for sub_code, sub_name in subs:
                self.categories[sub_code], _ = Category.objects.get_or_create(
                    code=sub_code, defaults={"name": sub_name, "parent": parent}
                )
        for code in data.FIELD_EXAMINATION:
            DeadlinePolicy.objects.get_or_create(
                stage=Stage.OUTCOME,
                kind="",
                category=self.categories[code],
                defaults={
                    "working_days": 60,
                    "legal_basis": "Perpres 76/2013: pemeriksaan lapangan, paling lama 60 hari",
                },
            )
        policy.forget()  # the new rows must count from the first complaint on
        for order, category, region, target in data.ROUTING:
            local = target == "@village"
            RoutingRule.objects.get_or_create(
                order=order,
                category=self.categories[category],
                region_id=region,
                agency=None if local else self.agencies[target],
                local_office=RoutingRule.Local.VILLAGE if local else "",
            )
        for code, title, body in data.ANSWER_TEMPLATES:
            AnswerTemplate.objects.get_or_create(
                agency=self.agencies[code], title=title, defaults={"body": body}
            )

    def _agency(self, code, name, kind, parent, region) -> Agency:
        agency, _ = Agency.objects.get_or_create(
            code=code,
            defaults={"name": name, "kind": kind, "parent": parent, "region_id": region},
        )
        return agency

    def _local_offices(self) -> None:
        """A kecamatan office for each of the city's districts, and under it a kelurahan
        office for each of its villages, straight from the Kemendagri region table."""
        city = self.agencies[data.MARKER_AGENCY]
        villages = list(
            Region.objects.filter(code__startswith=data.SURABAYA + ".", level=4).order_by("code")
        )
        names = Counter(slugify(v.name) for v in villages)
        for district in Region.objects.filter(parent_id=data.SURABAYA).order_by("code"):
            kec_slug = slugify(district.name)
            name = f"Kecamatan {_pretty(district.name)}"
            office = self._agency(f"kec-{kec_slug}", name, "district", city, district.code)
            for village in (v for v in villages if v.parent_id == district.code):
                slug = slugify(village.name)
                code = f"kel-{slug}" if names[slug] == 1 else f"kel-{slug}-{kec_slug}"
                self.villages[village.code] = self._agency(
                    code, f"Kelurahan {_pretty(village.name)}", "village", office, village.code
                )

    # --- People ---------------------------------------------------------------------------
    def build_people(self) -> None:
        for _label, username, full_name, role, agency, region in data.DEMO_USERS:
            user = self._user(username, full_name)
            if username == "admin":
                User.objects.filter(pk=user.pk).update(is_superuser=True, is_staff=True)
                user.is_superuser = user.is_staff = True
            if role:
                Membership.objects.get_or_create(
                    user=user,
                    role=role,
                    agency=self.agencies.get(agency) if agency else None,
                    region_id=region,
                )
                if role == "officer":
                    self.officers.setdefault(self.agencies[agency].pk, user)
            self.users[username] = user
        self.users["warga"].phone = "081331234567"
        self.users["warga"].save(update_fields=["phone"])
        # Every office complaints are sent to, and every kecamatan office, gets an officer to
        # log in as (the banner names them petugas-<code>).
        for subject in data.SUBJECTS:
            for code in (subject.agency, subject.misroute[1] if subject.misroute else ""):
                if code in self.agencies:
                    self.officer_for(self.agencies[code])
        city = self.agencies[data.MARKER_AGENCY]
        for office in city.units.filter(kind=Agency.Kind.DISTRICT).order_by("code"):
            self.officer_for(office)

    def _user(self, username: str, full_name: str) -> User:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "password": self.password,
                "email": f"{username}@demo.aduan.id",
            },
        )
        if not created:
            self.existing.append(username)  # its own password stays: say so, never reset it
        return user

    def officer_for(self, agency: Agency) -> User:
        """The officer acting for the office a complaint is disposed to, made on first use
        as `petugas-<code>`. A kelurahan office is staffed from its kecamatan office, whose
        membership covers it."""
        home = agency.parent if agency.kind == Agency.Kind.VILLAGE else agency
        if home.pk not in self.officers:
            # Named from the code, so lazily made officers keep their names run after run.
            user = self._user(f"petugas-{home.code}", self.person_name(random.Random(home.code)))
            Membership.objects.get_or_create(user=user, role="officer", agency=home)
            self.officers[home.pk] = user
        return self.officers[home.pk]

    def person_name(self, rng: random.Random | None = None) -> str:
        rng = rng or self.rng
        first = rng.choice(data.FIRST_NAMES)
        last = rng.choice(data.LAST_NAMES)
        return f"{first} {last}".strip()

    # --- Complaints -----------------------------------------------------------------------
    def build_complaints(self) -> None:
        self._prepare_places()
        plans = [plan for plan, (count, _) in PLANS.items() for _ in range(count)]
        self.rng.shuffle(plans)
        specs = [self._spec(plan, i) for i, plan in enumerate(plans)]
        # Oldest first, so tracking order and event ids follow time like in real life.
        for spec, submitted_at in sorted(
            ((s, self._submitted_at(s)) for s in specs), key=lambda pair: pair[1]
        ):
            self._run(spec, submitted_at)

    def _prepare_places(self) -> None:
        city = Region.objects.filter(code__startswith=data.SURABAYA + ".")
        self.districts = {r.code: r for r in city.filter(level=3)}
        self.city_villages = [r for r in city.filter(level=4).order_by("code")]
        self.elsewhere: dict[str, list[Region]] = {}
        self.region_names: dict[str, str] = {}
        for code in data.JATIM_ELSEWHERE:
            under = Region.objects.filter(code__startswith=code + ".")
            self.elsewhere[code] = list(under.filter(level=4).order_by("code"))
            self.region_names.update(
                (r.code, r.name) for r in Region.objects.filter(code=code) | under.filter(level=3)
            )
        self.subjects = data.SUBJECTS
        self.weights = [s.weight for s in self.subjects]
        self.leaf_categories = sorted(c for c, cat in self.categories.items() if cat.parent_id)

    def _pick_subject(self, plan: str) -> Subject:
        rng = self.rng
        pool, weights = self.subjects, self.weights
        if plan == "returned":
            pool = [s for s in self.subjects if s.misroute]
            weights = [s.weight for s in pool]
        elif plan == "delegated":
            pool = [s for s in self.subjects if s.unit]
            weights = [s.weight for s in pool]
        return rng.choices(pool, weights)[0]

    def _spec(self, plan: str, index: int) -> Spec:
        rng = self.rng
        junk = None
        subject = None
        if plan == "archive" and rng.random() < 0.55:
            junk = rng.choice(data.UNHANDLEABLE)
        else:
            subject = self._pick_subject(plan)
        channel = rng.choices(list(CHANNELS), list(CHANNELS.values()))[0]
        reporter, contact = self._reporter(channel)
        # The demo citizen lives in Wonokromo and mostly reports around home.
        home = "35.78.04" if reporter is not None and rng.random() < 0.7 else ""
        place = self._place(subject, near=home)
        spec = Spec(plan=plan, subject=subject, place=place, fill=self._fill(place))
        spec.rng = random.Random(f"{RANDOM_SEED}-{index}")
        spec.clock = random.Random(f"{RANDOM_SEED}-clock-{index}")
        spec.channel, spec.reporter, spec.contact = channel, reporter, contact
        spec.fill["phone"] = contact.get("reporter_phone", "")
        spec.anonymous, spec.confidential = rng.choices(list(PRIVACY), list(PRIVACY.values()))[0]
        if junk:
            spec.archive_reason, spec.title, spec.body = junk
            spec.steps = self._steps(spec)
            return spec
        spec.kind = subject.kind
        spec.title, spec.body = self._compose(subject, spec.fill, channel)
        spec.archive_reason = rng.choice(["duplicate", "duplicate", "too_general"])
        # Citizens on the web and in apps pick a category (now and then a wrong one);
        # chats and SMS never do.
        if channel in (Channel.WEB, Channel.API, Channel.OPEN311) and rng.random() < 0.8:
            spec.category = subject.category
            if rng.random() < 0.06:
                spec.category = rng.choice(self.leaf_categories)
        spec.target = self._target(subject, place)
        spec.wrong = self.agencies[subject.misroute[1]] if subject.misroute else None
        spec.unit = self.agencies[subject.unit] if subject.unit else None
        spec.steps = self._steps(spec)
        return spec

    def _place(self, subject: Subject | None, near: str = "") -> Place:
        rng = self.rng
        where = subject.where if subject else "city"
        near = subject.near if subject and subject.near else near
        if where == "jatim":
            where = "city" if rng.random() < 0.7 else "province"
        if where == "province":
            regency = next((r for r in data.JATIM_ELSEWHERE if near.startswith(r)), None)
            village = rng.choice(self.elsewhere[regency or rng.choice(data.JATIM_ELSEWHERE)])
            regency = village.code.rsplit(".", 2)[0]
            kec = _pretty(self.region_names[village.parent_id])
            return Place(
                region=village.code,
                kel=_pretty(village.name),
                kec=kec,
                kab=self.region_names[regency],
                street=f"Jl. Raya {kec}",
                in_city=False,
            )
        villages = [v for v in self.city_villages if v.code.startswith(near)] or self.city_villages
        village = rng.choice(villages)
        kel = _pretty(village.name)
        streets = data.STREETS.get(village.name)
        if streets and rng.random() < 0.8:
            street = rng.choice(streets)
        else:
            street = rng.choice(data.GENERIC_STREETS).format(kel=kel, gang=rng.randint(1, 12))
        lat = lon = None
        if rng.random() < 0.45:
            base = data.KECAMATAN_CENTROIDS.get(village.parent_id.rsplit(".", 1)[1])
            if base:
                lat = round(base[0] + rng.uniform(-0.006, 0.006), 6)
                lon = round(base[1] + rng.uniform(-0.006, 0.006), 6)
        return Place(
            region=village.code,
            kel=kel,
            kec=_pretty(self.districts[village.parent_id].name),
            kab="Kota Surabaya",
            street=street,
            in_city=True,
            lat=lat,
            lon=lon,
        )

    def _fill(self, place: Place) -> dict:
        rng = self.rng
        return {
            "street": place.street,
            "kel": place.kel,
            "kec": place.kec,
            "kab": place.kab,
            "rt": f"RT {rng.randint(1, 12):02d}/RW {rng.randint(1, 9):02d}",
            "lama": rng.choice(data.LAMA),
            "waktu": rng.choice(data.WAKTU),
            "gang": rng.randint(1, 12),
        }

    def _reporter(self, channel: str) -> tuple[User | None, dict]:
        """An account (the demo citizen), contact details only, or nobody."""
        rng = self.rng
        name = self.person_name()
        phone = rng.choice(PHONE_PREFIXES) + "".join(str(rng.randint(0, 9)) for _ in range(8))
        handle = re.sub(r"[^a-z]", "", name.lower().split()[-1]) + str(rng.randint(1, 99))
        email = f"{handle}@{rng.choice(data.EMAIL_DOMAINS)}"
        roll = rng.random()
        if channel in (Channel.WEB, Channel.API) and roll < 0.12:
            return self.users["warga"], {}
        if channel == Channel.COUNTER:
            return None, {
                "reporter_name": name,
                "reporter_phone": phone,
                "reporter_email": email if roll < 0.3 else "",
            }
        if channel == Channel.SMS:
            return None, {"reporter_phone": phone, "reporter_name": name if roll < 0.3 else ""}
        if channel == Channel.WHATSAPP:
            return None, {"reporter_phone": phone, "reporter_name": name if roll < 0.7 else ""}
        if channel == Channel.OPEN311:
            if roll < 0.5:
                return None, {"reporter_email": email}
            if roll < 0.7:
                return None, {"reporter_email": email, "reporter_name": name}
            return None, {}
        if roll < 0.45:
            return None, {"reporter_name": name, "reporter_email": email}
        if roll < 0.72:
            return None, {"reporter_name": name, "reporter_phone": phone, "reporter_email": email}
        return None, {}

    # --- Texts ----------------------------------------------------------------------------
    def _compose(self, subject: Subject, fill: dict, channel: str) -> tuple[str, str]:
        rng = self.rng
        opening = rng.randrange(len(subject.openings))
        paired = len(subject.titles) == len(subject.openings)
        title = (subject.titles[opening] if paired else rng.choice(subject.titles)).format_map(fill)
        parts = []
        if channel != Channel.SMS and rng.random() < 0.4:
            parts.append(rng.choice(data.GREETINGS))
        parts.append(subject.openings[opening].format_map(fill))
        n_details = 1 if channel == Channel.SMS else rng.choice([1, 1, 2, 2, 3])
        details = rng.sample(subject.details, min(n_details, len(subject.details)))
        parts.extend(d.format_map(fill) for d in details)
        if channel != Channel.SMS and rng.random() < 0.15:
            parts.append(rng.choice(data.ASIDES))
        if fill.get("phone") and channel != Channel.COUNTER and rng.random() < 0.1:
            parts.append(rng.choice(data.CONTACT_LINES).format_map(fill))
        if rng.random() < 0.12:
            parts.append(rng.choice(data.SIGNATURES).format_map(fill))
        if rng.random() < 0.7:
            parts.append(rng.choice(data.CLOSINGS))
        body = " ".join(p for p in parts if p)
        body = self._informal(body, INFORMALITY[channel])
        if channel == Channel.COUNTER:
            mpp = "Siola" if fill["kab"] == "Kota Surabaya" else fill["kab"]
            body = (
                f"Pelapor datang langsung ke loket Mal Pelayanan Publik {mpp} dan "
                f'menyampaikan: "{body}"'
            )
        elif channel == Channel.SMS:
            if rng.random() < 0.4:
                body = body.lower()
            first = re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0]
            title = first if len(first) <= 70 else first[:67].rstrip() + "..."
        elif rng.random() < 0.05:
            title = title.upper() + "!!!"
        return title, body

    def _informal(self, text: str, p: float) -> str:
        """Abbreviations, a Suroboyoan tag and a typo or two, as often as the channel
        invites them."""
        if p <= 0:
            return text
        rng = self.rng
        for word, short in data.ABBREVIATIONS.items():
            text = re.sub(
                rf"\b{word}\b",
                lambda m, short=short: short if rng.random() < p else m.group(0),
                text,
                flags=re.IGNORECASE,
            )
        if rng.random() < p * 0.4:
            # After a plain lower-case word only, never inside "Jl." or "Gg.".
            text = re.sub(r"([a-z]{4,})\.(\s|$)", r"\1 rek.\2", text, count=1)
        words = text.split(" ")
        for _ in range(rng.choice([0, 0, 1, 1, 2]) if rng.random() < p + 0.1 else 0):
            i = rng.randrange(len(words))
            w = words[i]
            if len(w) >= 6 and w.isalpha():
                j = rng.randrange(1, len(w) - 2)
                words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        return " ".join(words)

    # --- Plans ----------------------------------------------------------------------------
    def _steps(self, spec: Spec) -> list[Step]:
        rng = self.rng
        plan, subject = spec.plan, spec.subject

        def hours(lo: float, hi: float) -> float:
            return rng.uniform(lo, hi)

        hold = Step("hold", "verifier", hours(2, 40), rng.choice(data.HOLD_NOTES))
        if plan in ("new", "late_new"):
            return []
        if plan == "hold":
            return [hold]
        if plan == "archive":
            first = [hold] if rng.random() < 0.25 else []
            reason = spec.archive_reason
            note = "Laporan serupa sudah pernah disampaikan." if reason == "duplicate" else ""
            return [*first, Step("archive", "verifier", hours(2, 60), note, {"reason": reason})]
        steps: list[Step] = []
        if rng.random() < 0.07:
            steps.append(hold)
            if rng.random() < 0.7:
                steps.append(
                    Step("reply", "reporter", hours(4, 60), rng.choice(data.REPORTER_REPLIES))
                )
            else:
                steps.append(Step("resume", "verifier", hours(20, 80)))
        verify = Step("verify", "verifier", hours(1.5, 60), rng.choice(data.VERIFY_NOTES))
        verify.params = {"agency": "target", "category": True}
        if subject.misroute and (plan == "returned" or rng.random() < 0.25):
            mode, _wrong, reason = subject.misroute
            wrong = Step("verify", "verifier", verify.gap, verify.note, {"agency": "wrong"})
            wrong.params["category"] = True
            steps.append(wrong)
            if plan == "returned" or mode == "return":
                steps.append(Step("not_our_authority", "wrong", hours(3, 60), reason))
                if plan == "returned":
                    return steps
                again = Step("verify", "verifier", hours(2, 30), "Dialihkan ke instansi berwenang.")
                again.params = {"agency": "target", "category": True}
                steps.append(again)
            else:
                steps.append(Step("transfer", "wrong", hours(3, 60), reason, {"agency": "target"}))
        elif spec.category and rng.random() < 0.35 and self._rules_agree(spec):
            steps.append(
                Step("auto_dispose", "router", hours(0.02, 0.3), params={"agency": "target"})
            )
        else:
            steps.append(verify)
        if plan in ("disposed", "disposed_late"):
            return steps
        if spec.unit and (plan == "delegated" or rng.random() < 0.35):
            steps.append(
                Step("delegate", "officer", hours(0.5, 40), rng.choice(data.DELEGATE_NOTES))
            )
            steps[-1].params = {"unit": "unit"}
        else:
            steps.append(Step("accept", "officer", hours(0.5, 40)))
        if plan in ("in_progress", "in_progress_late", "delegated"):
            return steps
        extend = Step("extend", "supervisor", hours(24, 120), rng.choice(data.EXTEND_NOTES))
        extend.params = {"days": rng.choice([3, 5, 5])}
        ask = Step("ask_reporter", "officer", hours(12, 96), rng.choice(data.ASK_NOTES))
        if plan == "extended":
            steps.append(extend)
            if rng.random() < 0.4:
                again = Step("extend", "supervisor", hours(48, 150), rng.choice(data.EXTEND_NOTES))
                again.params = {"days": 5}
                steps.append(again)
            return steps
        if plan == "awaiting":
            if rng.random() < 0.2:
                steps.append(extend)
            steps.append(ask)
            return steps
        if rng.random() < 0.15:
            steps.append(ask)
            steps.append(Step("reply", "reporter", hours(3, 72), rng.choice(data.REPORTER_REPLIES)))
        if rng.random() < 0.08:
            steps.append(extend)
        slow = subject.category in data.FIELD_EXAMINATION
        answer_gap = hours(48, 400) if slow else hours(12, 160)
        steps.append(Step("answer", "handler", answer_gap, rng.choice(subject.answers)))
        if plan == "answered":
            return steps
        if plan == "reopened":
            steps.append(Step("reopen", "reporter", hours(12, 100), rng.choice(data.REOPEN_NOTES)))
            return steps
        if plan == "closed_rated":
            steps.append(self._rate(hours(1, 96)))
        elif plan == "closed_auto":
            steps.append(Step("auto_close", "system", hours(15 * 24, 19 * 24)))
        else:
            steps.append(Step("close", "supervisor", hours(24, 150), rng.choice(data.CLOSE_NOTES)))
            if rng.random() < 0.3:
                steps.append(self._rate(hours(2, 72)))
        return steps

    def _rate(self, gap: float) -> Step:
        rating = self.rng.choices(list(RATINGS), list(RATINGS.values()))[0]
        return Step(
            "rate", "reporter", gap, self.rng.choice(data.RATING_NOTES[rating]), {"rating": rating}
        )

    def _submitted_at(self, spec: Spec) -> datetime:
        """Far enough back for every planned step and the plan's quiet tail to fit."""
        _, (lo, hi) = PLANS[spec.plan]
        staff = sum(1 for s in spec.steps if s.who not in ("reporter", "router", "system"))
        # Office hours push staff steps later: budget for it so the plan fits before now.
        busy = sum(s.gap for s in spec.steps) + 14 * staff
        tail = spec.clock.uniform(lo, hi)
        if busy + tail > MAX_AGE_HOURS:
            tail = max(0.5, MAX_AGE_HOURS - busy)
            if busy > MAX_AGE_HOURS:
                for s in spec.steps:
                    s.gap *= (MAX_AGE_HOURS - 1) / busy
                busy = MAX_AGE_HOURS - 1
        moment = self.now - timedelta(hours=busy + tail)
        # The counter is open in office hours; everyone else writes when awake.
        if spec.channel == Channel.COUNTER:
            opened = self._office_hours(moment, spec.clock)
            moment = opened if opened < self.now else moment
        return min(self._awake(moment, spec.clock), self.now - timedelta(minutes=10))

    # --- Running a plan -------------------------------------------------------------------
    def _run(self, spec: Spec, submitted_at: datetime) -> None:
        rng = spec.rng
        place = spec.place
        incident = None
        if spec.kind == "pengaduan" and rng.random() < 0.4:
            incident = sla.local_date(submitted_at) - timedelta(days=rng.randint(0, 10))
        address = place.street if place.street.startswith("Jl.") else ""
        if address and place.in_city:
            address = f"{address}, {spec.fill['rt']}, Kel. {place.kel}, Kec. {place.kec}"
        submission = intake.Submission(
            kind=spec.kind,
            title=spec.title,
            body=spec.body,
            region=place.region,
            channel=spec.channel,
            incident_date=incident,
            address=address,
            latitude=place.lat,
            longitude=place.lon,
            category=spec.category,
            anonymous=spec.anonymous,
            confidential=spec.confidential,
            **spec.contact,
        )
        complaint, _ = intake.submit(
            submission,
            reporter=spec.reporter,
            filed_by=self.users["loket"] if spec.channel == Channel.COUNTER else None,
            at=submitted_at,
        )
        self.created.append(complaint)
        at = submitted_at
        for step in spec.steps:
            at = self._apply(complaint, spec, step, at)

    def _rules_agree(self, spec: Spec) -> bool:
        """The router disposes only where the routing rules name the right office."""
        region = Region(code=spec.place.region)
        return routing.match(region=region, category_id=self.categories[spec.category].pk) == (
            spec.target
        )

    def _target(self, subject: Subject, place: Place) -> Agency:
        if subject.agency == "@village":
            return self.villages[place.region]
        target = self.agencies[subject.agency]
        # A city branch handles only its own city: elsewhere the parent body does.
        if target.region_id and not place.region.startswith(target.region_id + "."):
            target = target.parent or target
        return target

    def _apply(self, c: Complaint, spec: Spec, step: Step, previous: datetime) -> datetime:
        rng, clock = spec.rng, spec.clock
        at = previous + timedelta(hours=step.gap)
        action, who = step.action, step.who
        if action == "auto_close":
            at = max(at, c.due_at + timedelta(minutes=clock.randint(5, 120)))
            # Not due yet today, or due within the last minute (which the squeeze below would
            # move back before the deadline): the agency closed it after calling the reporter.
            if at >= self.now - timedelta(minutes=1):
                action, who = "close", "supervisor"
                at = previous + timedelta(hours=step.gap)
        staff = who not in ("reporter", "router", "system")
        if staff:
            at = self._office_hours(at, clock)
        elif who == "reporter":
            at = self._awake(at, clock)
        if at >= self.now - timedelta(minutes=1):
            # Office hours pushed the plan past today: squeeze the step in before now.
            at = previous + (self.now - previous) * clock.uniform(0.3, 0.7)
            snapped = self._office_hours(at, clock) if staff else at
            at = snapped if snapped < self.now else at
        kwargs = {}
        for key, value in step.params.items():
            if key == "agency":
                kwargs["agency"] = spec.target if value == "target" else spec.wrong
            elif key == "unit":
                kwargs["unit"] = spec.unit
            elif key == "category":
                # The verifier puts the right category on the complaint.
                kwargs["category"] = self.categories[spec.subject.category]
            else:
                kwargs[key] = value
        if action == "verify" and spec.subject.key in SENSITIVE and not c.is_confidential:
            kwargs["mark_confidential"] = rng.random() < 0.5
        if action == "auto_dispose":
            kwargs["confidence"] = round(rng.uniform(0.82, 0.99), 3)
        note = step.note.format_map(spec.fill | {"tgl": _tanggal(at)}) if step.note else ""
        workflow.apply(c, action, actor=self._actor(c, spec, who), note=note, at=at, **kwargs)
        return at

    def _awake(self, moment: datetime, clock: random.Random) -> datetime:
        """Citizens write between 06:00 and 23:00."""
        local = moment.astimezone(sla.WIB)
        if local.hour < 6:
            return moment + timedelta(hours=6 - local.hour, minutes=clock.randint(0, 90))
        return moment

    def _office_hours(self, moment: datetime, clock: random.Random) -> datetime:
        """Staff act on working days between 08:00 and 16:00 WIB."""
        local = moment.astimezone(sla.WIB)
        if sla.is_working_day(local.date()) and 8 <= local.hour < 16:
            return moment
        day = local.date() if local.hour < 8 else local.date() + timedelta(days=1)
        while not sla.is_working_day(day):
            day += timedelta(days=1)
        minutes = clock.randint(0, 7 * 60)
        start = datetime(day.year, day.month, day.day, 8, tzinfo=sla.WIB)
        return start + timedelta(minutes=minutes)

    def _actor(self, c: Complaint, spec: Spec, who: str) -> Actor:
        if who == "verifier":
            jatim = c.region_id.startswith(data.JAWA_TIMUR + ".") and spec.rng.random() < 0.5
            return Actor.staff(self.users["verifikator-jatim" if jatim else "verifikator"])
        if who == "router":
            return Actor.router(ROUTER_VERSION)
        if who == "system":
            return Actor.system()
        if who == "reporter":
            return Actor.reporter(c.reporter if c.reporter_id else None)
        if who == "wrong":
            return Actor.staff(self.officer_for(c.agency))
        if who == "supervisor" and c.agency.code == "dpu-sby" and spec.rng.random() < 0.6:
            return Actor.staff(self.users["pimpinan-dpu"])
        if who == "handler" and c.unit_id in self.officers:
            return Actor.staff(self.officers[c.unit_id])  # the unit's own officer answers
        return Actor.staff(self.officer_for(c.agency))

    # --- Report ---------------------------------------------------------------------------
    def summary(self, seconds: float, swept) -> str:
        ids = [c.pk for c in self.created]
        qs = Complaint.objects.filter(pk__in=ids)

        def counts(field_name: str) -> str:
            rows = Counter(qs.values_list(field_name, flat=True))
            return ", ".join(f"{k}={v}" for k, v in sorted(rows.items()))

        privacy = Counter(
            ("anonim+rahasia" if a and r else "anonim" if a else "rahasia" if r else "biasa")
            for a, r in qs.values_list("is_anonymous", "is_confidential")
        )
        receiving = qs.exclude(agency=None).values("agency").distinct().count()
        return "\n".join(
            [
                f"Data demo dibuat dalam {seconds:.1f} detik: {len(ids)} laporan, "
                f"{receiving} instansi penerima, {Agency.objects.count()} instansi.",
                f"  status: {counts('status')}",
                f"  jenis:  {counts('kind')}",
                f"  kanal:  {counts('channel')}",
                "  privasi: " + ", ".join(f"{k}={v}" for k, v in sorted(privacy.items())),
                f"  sapuan tenggat: {swept.warned} peringatan, {swept.breached} pelanggaran, "
                f"{swept.auto_closed} ditutup otomatis.",
                "",
            ]
        )
